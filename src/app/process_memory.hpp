// How the process uses memory, set once at the start of main: glibc's malloc tuned for loads and
// frames that free and remake large buffers, and the heap on transparent huge pages. qantar and
// the benchmarks of its renderer run with the same settings, so that the figures are qantar's.
#pragma once

namespace qantar::app {

// Call first in main, before any thread starts (mallopt's settings are the process's).
void tune_process_memory();

}  // namespace qantar::app
