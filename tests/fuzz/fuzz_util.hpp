// Shared by the libFuzzer harnesses: a per-process scratch directory the fuzz input is written
// into (the loaders read real files, so the harnesses go through the same path as the program),
// GDAL silenced, the data directories, and the one rule every harness applies: an expected error
// (InputError, UsageError, ExportError) is fine, anything else escaping is a finding.
#pragma once

#include "api.hpp"

#include <cpl_error.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>
#include <unistd.h>

#if !defined(QANTAR_SOURCE_DIR) || !defined(QANTAR_FUZZ_DATA_DIR)
#error "QANTAR_SOURCE_DIR and QANTAR_FUZZ_DATA_DIR must be defined (tests/fuzz/CMakeLists.txt does it)"
#endif

namespace qantar::fuzz {

// <tmp>/qantar-fuzz-<pid>: created on first use, removed at exit (a crash leaves it; it is small).
inline const std::filesystem::path& scratch() {
    static const std::filesystem::path dir = [] {
        auto d = std::filesystem::temp_directory_path() / ("qantar-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        std::atexit([] {
            std::error_code ec;
            std::filesystem::remove_all(std::filesystem::temp_directory_path() /
                                            ("qantar-fuzz-" + std::to_string(::getpid())),
                                        ec);
        });
        return d;
    }();
    return dir;
}

// Writes the input to <scratch>/<name> and returns its path.
inline std::string write_input(const std::string& name, const std::uint8_t* data, std::size_t size) {
    const auto path = scratch() / name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    out.close();
    if (!out) {
        std::fprintf(stderr, "qantar fuzz: cannot write %s\n", path.c_str());
        std::abort();
    }
    return path.string();
}

// The repository's bundled data, and the small consistent test set (fast to load).
inline std::string geodata_dir() {
    if (const char* env = std::getenv("QANTAR_GEODATA"); env && *env) return env;
    return QANTAR_SOURCE_DIR "/geodata/kazakhstan-2022";
}
inline std::string small_data_dir() { return QANTAR_SOURCE_DIR "/tests/data"; }
// The bundled events, cities and tally with the test set's three regions (assembled in the build
// directory by tests/fuzz/CMakeLists.txt): every bundled event resolves, and loading does not
// triangulate all of the country's regions on every input (which would cost ~1 s under ASan).
inline std::string fuzz_data_dir() { return QANTAR_FUZZ_DATA_DIR; }

// Once per process: GDAL quiet (its messages are not findings; qantar's exceptions are).
inline void init() {
    static const bool done = [] {
        CPLSetErrorHandler(CPLQuietErrorHandler);
        return true;
    }();
    (void)done;
}

// Runs f; the expected errors are swallowed, anything else aborts with its message (a finding).
template <class F>
void expect_clean(F&& f) {
    try {
        f();
    } catch (const InputError&) {
    } catch (const UsageError&) {
    } catch (const ExportError&) {
    } catch (const std::exception& e) {
        std::fprintf(stderr, "qantar fuzz: unexpected exception escaped: %s\n", e.what());
        std::abort();
    } catch (...) {
        std::fprintf(stderr, "qantar fuzz: unexpected non-std exception escaped\n");
        std::abort();
    }
}

// True when s is valid UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
inline bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    while (i < s.size()) {
        const unsigned c = p[i];
        if (c < 0x80) { ++i; continue; }
        std::size_t n;
        unsigned cp;
        if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07; }
        else return false;
        if (i + n >= s.size()) return false;  // truncated sequence
        for (std::size_t k = 1; k <= n; ++k) {
            if ((p[i + k] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += n + 1;
    }
    return true;
}

// Whether wrong results (invalid UTF-8 out, a time that does not round-trip) are findings:
// QANTAR_FUZZ_STRICT=0 reports them on stderr once and carries on (scripts/test.sh uses it until
// issue 13's fixes land); crashes, sanitizer reports, hangs and stray exceptions always count.
inline bool strict() {
    static const bool on = [] {
        const char* env = std::getenv("QANTAR_FUZZ_STRICT");
        return !(env && std::string_view(env) == "0");
    }();
    return on;
}

// A finding that is not a crash: a wrong result. Prints and aborts so libFuzzer saves the input.
inline void finding(const std::string& what) {
    if (!strict()) {
        static bool told = false;
        if (!told) std::fprintf(stderr, "qantar fuzz: wrong result (not strict, ignored): %s\n", what.c_str());
        told = true;
        return;
    }
    std::fprintf(stderr, "qantar fuzz: wrong result: %s\n", what.c_str());
    std::abort();
}

// The loader harnesses: the input becomes the file `name` in the scratch directory, `field` of
// LoadOptions points at it (the rest from `geodata`), and it is loaded and a Timeline built over it
// (spread, states, tallies). Odd-sized inputs load with skip_invalid set.
inline int fuzz_load(const std::uint8_t* data, std::size_t size, const std::string& name, const std::string& geodata,
                     std::string LoadOptions::*field) {
    init();
    const std::string path = write_input(name, data, size);
    expect_clean([&] {
        LoadOptions options;
        options.geodata_dir = geodata;
        options.*field = path;
        options.context = false;
        options.skip_invalid = size % 2 == 1;
        const Dataset dataset = load_dataset(options);
        const Timeline timeline(dataset);
        (void)timeline;
    });
    return 0;
}

}  // namespace qantar::fuzz
