// `qantar render -o VIDEO` and `qantar present` from the command line: exported frames equal the
// stills of the same moments, Ctrl-C leaves nothing, MP4 properties, story file errors.
// [display] cases run the qantar executable and need an X display (test.sh runs CTest under
// xvfb-run); they skip without one.
#include <catch2/catch.hpp>
#include "support.hpp"
#include <nlohmann/json.hpp>
#include <png.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;

namespace {

const std::string kQantar = std::string(QANTAR_BINARY_DIR) + "/qantar";

fs::path scratch(const std::string& name) { return qantar::test::scratch_dir("present", name); }

using qantar::test::have_display;

struct Run {
    int status = -1;  // exit status
    std::string output;  // stdout and stderr
};

Run run(const std::string& args) {
    const std::string cmd = kQantar + " " + args + " 2>&1";
    std::FILE* p = ::popen(cmd.c_str(), "r");
    REQUIRE(p);
    Run r;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) r.output.append(buf, n);
    const int st = ::pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    return r;
}

struct Image {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba;
};

Image read_png(const fs::path& file) {
    png_image img{};
    img.version = PNG_IMAGE_VERSION;
    REQUIRE(png_image_begin_read_from_file(&img, file.c_str()));
    img.format = PNG_FORMAT_RGBA;
    Image out{static_cast<int>(img.width), static_cast<int>(img.height), std::vector<std::uint8_t>(PNG_IMAGE_SIZE(img))};
    REQUIRE(png_image_finish_read(&img, nullptr, out.rgba.data(), 0, nullptr));
    return out;
}

// Channels differing by more than `tolerance`.
std::size_t differing(const Image& a, const Image& b, int tolerance) {
    REQUIRE(a.width == b.width);
    REQUIRE(a.height == b.height);
    std::size_t n = 0;
    for (std::size_t i = 0; i < a.rgba.size(); ++i)
        if (std::abs(int(a.rgba[i]) - int(b.rgba[i])) > tolerance) ++n;
    return n;
}

bool no_temporaries(const fs::path& dir) {
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().filename().string().rfind(".qantar", 0) == 0) return false;
    return true;
}

}  // namespace

TEST_CASE("the first and last frames of an export equal render --at of the same moments", "[display][present]") {
    if (!have_display()) return;
    const fs::path dir = scratch("match");
    // 12 hours at 3 s per day and 10 fps: 15 frames; frame 14 shows 14 / 30 day = 11:12.
    const std::string common = " --size 480x270 ";
    Run v = run("render --from 2022-01-05T00:00+06:00 --to 2022-01-05T12:00+06:00 --fps 10" + common + "-o " +
                (dir / "seq").string() + "/");
    INFO(v.output);
    REQUIRE(v.status == 0);
    REQUIRE(std::distance(fs::directory_iterator(dir / "seq"), fs::directory_iterator{}) == 15);
    REQUIRE(run("render --at 2022-01-05T00:00+06:00" + common + "-o " + (dir / "first.png").string()).status == 0);
    REQUIRE(run("render --at 2022-01-05T11:12+06:00" + common + "-o " + (dir / "last.png").string()).status == 0);
    // Same renderer, same params, same GL: pixel-exact is expected; 1 level of tolerance for
    // rounding differences between the two readback paths.
    CHECK(differing(read_png(dir / "seq" / "frame_00001.png"), read_png(dir / "first.png"), 1) == 0);
    CHECK(differing(read_png(dir / "seq" / "frame_00015.png"), read_png(dir / "last.png"), 1) == 0);
    // And the frames do move: the last differs from the first.
    CHECK(differing(read_png(dir / "first.png"), read_png(dir / "last.png"), 1) > 1000);
}

TEST_CASE("an interrupted MP4 export leaves no file and no temporary", "[display][present][ffmpeg]") {
    if (!have_display()) return;
    const fs::path dir = scratch("interrupt");
    const fs::path out = dir / "whole.mp4";
    int err[2];
    REQUIRE(::pipe(err) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::dup2(err[1], 2);
        ::close(err[0]);
        ::close(err[1]);
        ::execl(kQantar.c_str(), kQantar.c_str(), "render", "--size", "640x360", "-o", out.c_str(), nullptr);
        ::_exit(127);
    }
    ::close(err[1]);
    std::string seen;
    char c;
    while (::read(err[0], &c, 1) == 1) {  // the first progress line: frames are being encoded
        seen += c;
        if (c == '\n' && seen.find("render:") != std::string::npos) break;
    }
    INFO(seen);
    REQUIRE(seen.find("render:") != std::string::npos);
    ::kill(pid, SIGINT);
    while (::read(err[0], &c, 1) == 1) seen += c;
    ::close(err[0]);
    int st = 0;
    ::waitpid(pid, &st, 0);
    CHECK(WIFEXITED(st));
    CHECK(WEXITSTATUS(st) == 130);
    CHECK_FALSE(fs::exists(out));
    CHECK(no_temporaries(dir));
}

TEST_CASE("an MP4 export reads back as H.264 yuv420p with fps x seconds frames", "[display][present][ffmpeg]") {
    if (!have_display()) return;
    const fs::path dir = scratch("mp4");
    const fs::path out = dir / "day.mp4";
    // One day at 3 s per day and 12 fps: 36 frames.
    Run v = run("render --from 2022-01-05 --to 2022-01-06 --fps 12 --size 640x360 -o " + out.string());
    INFO(v.output);
    REQUIRE(v.status == 0);
    const auto s = qantar::test::ffprobe_stream(out);
    CHECK(s["codec_name"] == "h264");
    CHECK(s["pix_fmt"] == "yuv420p");
    CHECK(s["width"] == 640);
    CHECK(s["height"] == 360);
    CHECK(s["nb_read_frames"] == "36");
    CHECK(s["r_frame_rate"] == "12/1");
    CHECK(no_temporaries(dir));
}

TEST_CASE("a bad story file: one line naming it, exit 1", "[present]") {
    const fs::path dir = scratch("badstory");
    struct Case { const char* name; const char* csv; const char* expect; };
    const Case cases[] = {
        {"unknown-city.csv",
         "beat,at,target,zoom,caption,source_keys,hold_seconds\n"
         "a,2022-01-02T09:00+05:00,atlantis,4,A caption.,R1,\n", "atlantis"},
        {"out-of-order.csv",
         "beat,at,target,zoom,caption,source_keys,hold_seconds\n"
         "a,2022-01-03T09:00+05:00,aktau,4,A caption.,R1,\n"
         "b,2022-01-02T09:00+05:00,aktau,4,Another.,R1,\n", "b"},
        {"no-caption.csv",
         "beat,at,target,zoom,caption,source_keys,hold_seconds\n"
         "a,2022-01-02T09:00+05:00,aktau,4,,R1,\n", "caption"},
    };
    for (const Case& c : cases) {
        const fs::path f = dir / c.name;
        std::ofstream(f) << c.csv;
        for (const std::string cmd : {"present --beats ", "render --beats "}) {
            Run r = run(cmd + f.string() + (cmd[0] == 'r' ? " -o " + (dir / "x.mp4").string() : std::string()));
            INFO(cmd << c.name << ": " << r.output);
            CHECK(r.status == 1);
            CHECK(std::count(r.output.begin(), r.output.end(), '\n') == 1);
            CHECK(r.output.find(c.name) != std::string::npos);
            CHECK(r.output.find(c.expect) != std::string::npos);
            CHECK_FALSE(fs::exists(dir / "x.mp4"));
        }
    }
}
