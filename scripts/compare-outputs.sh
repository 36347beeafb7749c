#!/usr/bin/env bash
# Renders and exports a fixed set of moments with two builds of qantar and compares the files
# byte for byte: the proof that a change of structure changed no behaviour.
#   scripts/compare-outputs.sh BEFORE_QANTAR AFTER_QANTAR [WORKDIR]
# Each binary finds its own geodata/ and shaders/ beside its build directory. Stills need a
# display: run under xvfb-run when there is none. Prints one line per differing file and a
# summary; exits 1 when any file differs or a run failed differently.
set -uo pipefail
before=${1:?usage: compare-outputs.sh BEFORE_QANTAR AFTER_QANTAR [WORKDIR]}
after=${2:?usage: compare-outputs.sh BEFORE_QANTAR AFTER_QANTAR [WORKDIR]}
work=${3:-$(mktemp -d -t qantar-compare.XXXXXX)}
mkdir -p "$work/before" "$work/after"

moments=(2022-01-01T12:00+06:00 2022-01-02T12:00+06:00 2022-01-04T22:00+06:00 2022-01-05T18:00+06:00
         2022-01-06T09:00+06:00 2022-01-07T12:00+06:00 2022-01-10T12:00+06:00 2022-01-14T12:00+06:00)

# Each case: a name and the arguments after the binary; the output path is $OUTDIR/<name>.<ext>.
cases=()
add() { cases+=("$1|$2"); }
for t in "${moments[@]}"; do
  n=${t:0:13}
  add "still-$n.png" "render --at $t --size 960x540 -o @OUT@"
done
add "still-1080-cum.png" "render --at 2022-01-06T12:00+06:00 --size 1920x1080 --cumulative -o @OUT@"
add "still-720-w6.png" "render --at 2022-01-05T06:00+06:00 --size 1280x720 --window 6 -o @OUT@"
add "still-ru.png" "render --at 2022-01-05T18:00+06:00 --size 1280x720 --lang ru -o @OUT@"
add "still-kk.png" "render --at 2022-01-07T12:00+06:00 --size 1280x720 --lang kk -o @OUT@"
add "still-select.png" "render --at 2022-01-05T18:00+06:00 --size 1280x720 --select Almaty -o @OUT@"
add "still-select-small.png" "render --at 2022-01-06T18:00+06:00 --size 640x480 --select Zhanaozen -o @OUT@"
add "still-4k.png" "render --at 2022-01-06T18:00+06:00 --size 3840x2160 -o @OUT@"
add "story-video" "render --beats --beat-seconds 0.2 --fps 5 --size 640x360 -o @OUT@/"
add "video-frames" "render --from 2022-01-04T00:00+06:00 --to 2022-01-05T00:00+06:00 --fps 4 --seconds-per-day 2 --size 480x270 -o @OUT@/"
for layer in events cities regions spread tally; do
  for ext in geojson gpkg fgb csv kml; do
    add "export-$layer.$ext" "export --layer $layer -o @OUT@"
    add "export-$layer-at.$ext" "export --layer $layer --at 2022-01-05T18:00+06:00 --window 12 -o @OUT@"
  done
done
add "info.txt" "info"
add "info.json" "info --json"
add "info-acled.json" "info --json --events tests/data/acled.csv --time-field event_date"
add "export-acled.geojson" "export --events tests/data/acled.csv --time-field event_date -o @OUT@"
add "bad-time.txt" "render --at notatime -o @OUT@.png"

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
run_one() {  # bin side name args
  local bin=$1 side=$2 name=$3 args=$4
  local out="$work/$side/$name"
  args=${args//@OUT@/$out}
  # The presenter's beats as a video were `render --story`, now `render --beats` (--story names a
  # story folder): each build gets the option it knows.
  if [[ $args == "render --story "* ]] && "$bin" render --help 2>/dev/null | grep -q -- '--beats'; then
    args="render --beats ${args#render --story }"
  fi
  local stdout="$work/$side/$name.stdout"
  case "$name" in *.txt|*.json) stdout="$out" ;; esac
  # shellcheck disable=SC2086
  "$bin" $args >"$stdout" 2>"$work/$side/$name.stderr"
  echo $? >"$work/$side/$name.rc"
  # Text outputs name the bundled files by absolute path: each build's own root becomes <root>.
  local bin_root; bin_root=$(cd "$(dirname "$bin")/.." && pwd)
  case "$name" in *.txt|*.json) sed -i "s#$bin_root#<root>#g" "$out" ;; esac
}
for c in "${cases[@]}"; do
  name=${c%%|*}; args=${c#*|}
  run_one "$before" before "$name" "$args"
  run_one "$after" after "$name" "$args"
done

# stderr of a video names the temporary files and timings; compare exit codes and outputs only.
differ=0 files=0
while IFS= read -r f; do
  rel=${f#"$work/before/"}
  case "$rel" in *.stderr) continue ;; esac
  files=$((files + 1))
  if [[ ! -e "$work/after/$rel" ]]; then echo "missing after: $rel"; differ=$((differ + 1))
  elif ! cmp -s "$f" "$work/after/$rel"; then echo "differs: $rel"; differ=$((differ + 1)); fi
done < <(find "$work/before" -type f | sort)
while IFS= read -r f; do
  rel=${f#"$work/after/"}
  [[ -e "$work/before/$rel" ]] || { echo "only after: $rel"; differ=$((differ + 1)); }
done < <(find "$work/after" -type f | sort)
bytes=$(du -sb "$work/before" | cut -f1)
echo "compared $files files ($bytes bytes) in $work: $differ differ"
[[ $differ -eq 0 ]]
