// Encoder benchmark: pushes N synthetic RGBA frames (a flat, map-like picture with moving discs)
// through each sink and prints frames per second. Measures the encoders alone, not the renderer.
// usage: bench_video [frames=300] [width=1920] [height=1080] [outdir=/tmp] [formats=mp4,png]
#include "video/frame_sink.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace {

std::vector<std::uint8_t> synthetic_frame(int w, int h, int i) {
    std::vector<std::uint8_t> px(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
    const double cx = w * (0.5 + 0.3 * std::sin(i * 0.05)), cy = h * (0.5 + 0.3 * std::cos(i * 0.04));
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            std::uint8_t* p = &px[(static_cast<std::size_t>(y) * w + x) * 4];
            // Land, sea and a few "regions" as flat fills, like the map.
            const bool land = y > h / 6 + (x % 400) / 8 && y < h - h / 5;
            std::uint8_t r = land ? 232 : 170, g = land ? 228 : 200, b = land ? 218 : 225;
            if (land && ((x / 320 + y / 270) % 3 == 0)) r = 214, g = 205, b = 190;
            const double d = std::hypot(x - cx, y - cy);
            if (d < 60) r = 200, g = 40, b = 40;
            else if (d < 64) r = g = b = 40;
            p[0] = r, p[1] = g, p[2] = b, p[3] = 255;
        }
    return px;
}

}  // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 300;
    const int w = argc > 2 ? std::atoi(argv[2]) : 1920;
    const int h = argc > 3 ? std::atoi(argv[3]) : 1080;
    const std::string dir = argc > 4 ? argv[4] : "/tmp";
    const std::string formats = argc > 5 ? argv[5] : "mp4,png";

    // A cycle of distinct frames made up front, so that drawing them is not measured.
    std::vector<std::vector<std::uint8_t>> frames;
    for (int i = 0; i < 30; ++i) frames.push_back(synthetic_frame(w, h, i * 3));

    for (const char* kind : {"mp4", "png", "webm", "gif"}) {
        if (formats.find(kind) == std::string::npos) continue;
        const std::string out = dir + "/bench_video_out" + (std::string(kind) == "png" ? "_png/" : std::string(".") + kind);
        const std::string path = out.back() == '/' ? out.substr(0, out.size() - 1) : out;
        std::filesystem::remove_all(path);
        auto sink = qantar::video::make_sink(out);
        const auto t0 = std::chrono::steady_clock::now();
        sink->begin(w, h, 30);
        for (int i = 0; i < n; ++i) sink->push(frames[static_cast<std::size_t>(i) % frames.size()], i);
        sink->finish();
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::uintmax_t bytes = 0;
        if (std::filesystem::is_directory(path)) {
            for (const auto& e : std::filesystem::directory_iterator(path)) bytes += e.file_size();
        } else {
            bytes = std::filesystem::file_size(path);
        }
        std::printf("%-5s %dx%d  %d frames  %.2f s  %.1f frames/s  %.1f MB\n", kind, w, h, n, s, n / s,
                    static_cast<double>(bytes) / 1e6);
        std::fflush(stdout);
        std::filesystem::remove_all(path);
    }
    return 0;
}
