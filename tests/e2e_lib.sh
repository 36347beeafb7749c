# Shared by the end-to-end window tests (sourced, not run).

# Skips the test (exit 77) unless every named tool is installed.
need_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "skip: $tool is not installed"; exit 77; }
  done
}

# Without a display, runs the calling script again under its own Xvfb: with_display "$0" "$@".
with_display() {
  [[ -n "${DISPLAY:-}" ]] && return 0
  command -v xvfb-run >/dev/null || { echo "skip: no DISPLAY and no xvfb-run"; exit 77; }
  exec xvfb-run -a -s "-screen 0 1400x900x24 -noreset" "$@"
}

# The caller sets $log (the program's stderr) and $pid (the program) before calling these.

# Prints why, the log, and fails the test.
fail() { echo "FAIL: $*"; echo "--- log:"; cat "$log"; exit 1; }

# Waits until the log has a line matching $1 (extended regex), up to $2 seconds (default 20).
wait_for() {
  local i
  for ((i = 0; i < ${2:-20} * 10; ++i)); do
    grep -Eq "$1" "$log" && return 0
    kill -0 "$pid" 2>/dev/null || fail "qantar exited while waiting for '$1'"
    sleep 0.1
  done
  fail "no '$1' in the log"
}
