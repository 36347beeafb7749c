#include "process_memory.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

namespace qantar::app {

namespace {

// The heap on transparent huge pages, where the kernel gives them on request (its "madvise"
// mode; Debian's own kernel gives them always): what glibc's GLIBC_TUNABLES=glibc.malloc.hugetlb=1
// does, for the first 512 MB of the heap. One fault then maps 2 MB instead of 4 KB, and a page's
// first write costs ~10-20 us on a virtual machine: by the bundled story's first frame the process
// has written some 190 MB, 43 MB of it in the first draw (software OpenGL's binning). Measured
// (bench/bench_first_frame.sh, 2 CPUs, llvmpipe): first frame 486 -> 333 ms from main, the whole
// process's CPU 730 -> 490 ms; a 1M-row GeoPackage `info` the same time and peak (416 MB). The
// reservation is address space only; pages are taken as they are written, as before (under the
// kernel's strict overcommit mode it counts against the commit limit; refused, the heap grows as
// glibc's default would and nothing is advised).
void heap_on_huge_pages() {
    constexpr std::size_t kHuge = std::size_t{2} << 20, kReserve = std::size_t{512} << 20;
    mallopt(M_TOP_PAD, static_cast<int>(kReserve));  // kept: a trim leaves the reservation in place
    auto* const before = static_cast<char*>(sbrk(0));
    void* volatile grow = std::malloc(kHuge);  // more than the heap holds yet: it grows by kReserve (volatile: not elided)
    std::free(grow);                             // (the free trims the heap's top by a page or so)
    auto* const after = static_cast<char*>(sbrk(0));
    const auto lo = (reinterpret_cast<std::uintptr_t>(before) + kHuge - 1) & ~(kHuge - 1);
    const auto hi = reinterpret_cast<std::uintptr_t>(after) & ~(kHuge - 1);
    if (hi > lo) madvise(reinterpret_cast<void*>(lo), hi - lo, MADV_HUGEPAGE);  // refused: small pages, as before
}

}  // namespace

void tune_process_memory() {
    // A malloc arena for each thread that reads rows (io/load_events.cpp: one per core, 16 at
    // most), one for the prose packer, and the main one. The store is built on the main thread,
    // so its long-lived memory is in the main arena; a reader's short-lived memory stays in its
    // own, and GDAL's mallocs on two readers do not queue for one lock (1M-row CSV on 2 cores,
    // both readers in one arena: 15.8 s; in their own: 9.5 s). Measured earlier: the store built
    // on a second thread in an arena of its own held ~135 MB more at the peak than in the main one.
    const long cores = sysconf(_SC_NPROCESSORS_ONLN);
    mallopt(M_ARENA_MAX, static_cast<int>(2 + std::clamp(cores, 1L, 16L)));
    // Freed memory kept for reuse instead of going back to the system at once (glibc's defaults:
    // blocks from 128 KB up mapped and unmapped each time, the heap trimmed above 128 KB free). A
    // page's first write is a fault, ~10-20 us each on a virtual machine, and a load or a video
    // frees and remakes buffers of the same sizes again and again. Measured (GLIBC_TUNABLES, then
    // these): 1M-row GeoPackage `info` 12.4 -> 10.0 s, peak 399 -> 419 MB, minor faults 134k -> 93k;
    // a 48-frame PNG sequence ~1.98 -> ~1.83 s; a 10M-row PostGIS window ~2.18 -> ~2.11 s.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);  // glibc's largest
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    heap_on_huge_pages();
}

}  // namespace qantar::app
