// Video export (src/video): frame timing, the sinks read back with ffprobe and libpng, clean aborts.
#include "core/error.hpp"
#include "video/frame_sink.hpp"
#include "video/frame_timing.hpp"
#include "video/interrupt.hpp"
#include "video/png_sink.hpp"
#include "video/progress.hpp"

#include <catch2/catch.hpp>
#include "support.hpp"
#include <nlohmann/json.hpp>
#include <png.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

using namespace qantar;
using namespace qantar::video;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) { return test::scratch_dir("video", name); }

// A moving gradient: frame i shifts by 4 px; every pixel differs from its neighbours.
std::vector<std::uint8_t> gradient(int w, int h, int i) {
    std::vector<std::uint8_t> px(static_cast<std::size_t>(w * h * 4));
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            std::uint8_t* p = &px[static_cast<std::size_t>((y * w + x) * 4)];
            p[0] = static_cast<std::uint8_t>(x + 4 * i);
            p[1] = static_cast<std::uint8_t>(y);
            p[2] = static_cast<std::uint8_t>(x * y + i);
            p[3] = 255;
        }
    return px;
}

void write_frames(const std::string& out, int w, int h, int n, double fps = 30) {
    auto sink = make_sink(out);
    sink->begin(w, h, fps);
    for (int i = 0; i < n; ++i) sink->push(gradient(w, h, i), i);
    sink->finish();
}

using test::ffprobe_stream;

// Nothing named like a temporary of ours in dir.
bool no_temporaries(const fs::path& dir) {
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().filename().string().find(".qantar-tmp-") != std::string::npos) return false;
    return true;
}

bool have_ffmpeg() { return !find_executable("ffmpeg").empty() && !find_executable("ffprobe").empty(); }

}  // namespace

TEST_CASE("frame count and the time of each frame", "[video]") {
    FrameTiming t;
    t.from_utc_s = static_cast<double>(parse_iso8601("2022-01-01T00:00+06:00")->utc_s);
    t.to_utc_s = t.from_utc_s + 19 * 86400.0;
    t.fps = 30;
    t.seconds_per_day = 3;
    CHECK(t.animation_seconds() == Approx(57));
    CHECK(t.frame_count() == 1710);
    CHECK(t.time_of_frame(0) == t.from_utc_s);
    CHECK(t.time_of_frame(90) == Approx(t.from_utc_s + 86400));  // 90 frames = 3 s = one day
    CHECK(t.time_of_frame(1) - t.time_of_frame(0) == Approx(86400.0 / 90));
    t.to_utc_s = t.from_utc_s + 1.01 * 86400;  // 90.9 frames -> 91
    CHECK(t.frame_count() == 91);
    t.to_utc_s = t.from_utc_s;
    CHECK(t.frame_count() == 1);
    t.fps = 24;
    t.seconds_per_day = 1.5;
    t.to_utc_s = t.from_utc_s + 2 * 86400;
    CHECK(t.frame_count() == 72);
}

TEST_CASE("a story's frames follow its schedule", "[video]") {
    Story s;
    Beat a, b;
    a.at = *parse_iso8601("2022-01-02T00:00+06:00");
    b.at = *parse_iso8601("2022-01-03T00:00+06:00");
    a.caption.en = b.caption.en = "x";
    s.beats = {a, b};
    ScheduleOptions o;
    o.hold_s = 2;
    o.seconds_per_day = 3;
    const StorySchedule sched(s, o);  // 2 + 3 + 2 = 7 s
    const StoryFrameTiming t{&sched, 30};
    CHECK(t.frame_count() == 210);
    CHECK(t.frame(0).t_utc_s == static_cast<double>(a.at.utc_s));
    CHECK(t.frame(59).holding);
    CHECK_FALSE(t.frame(60).holding);  // the flight starts at 2 s
    CHECK(t.frame(105).t_utc_s == Approx(static_cast<double>(a.at.utc_s) + 43200));
    CHECK(t.frame(209).t_utc_s == static_cast<double>(b.at.utc_s));
}

TEST_CASE("the output kind comes from OUT", "[video]") {
    CHECK(format_for("a.mp4") == Format::Mp4);
    CHECK(format_for("A.MP4") == Format::Mp4);
    CHECK(format_for("x/y.gif") == Format::Gif);
    CHECK(format_for("y.webm") == Format::WebM);
    CHECK(format_for("frames/") == Format::PngSequence);
    CHECK_THROWS_AS(format_for("movie.avi"), UsageError);
}

TEST_CASE("MP4 export reads back as H.264 yuv420p with every frame", "[video][ffmpeg]") {
    if (!have_ffmpeg()) FAIL("ffmpeg/ffprobe not installed (scripts/setup.sh installs them)");
    const fs::path dir = scratch("mp4");
    const fs::path out = dir / "movie.mp4";
    write_frames(out.string(), 320, 240, 64);
    REQUIRE(fs::exists(out));
    const auto st = ffprobe_stream(out);
    CHECK(st["codec_name"] == "h264");
    CHECK(st["profile"] == "High");
    CHECK(st["pix_fmt"] == "yuv420p");
    CHECK(st["width"] == 320);
    CHECK(st["height"] == 240);
    CHECK(st["r_frame_rate"] == "30/1");
    CHECK(st["nb_frames"] == "64");
    CHECK(st["nb_read_frames"] == "64");
    CHECK(no_temporaries(dir));
}

TEST_CASE("GIF and WebM exports are produced", "[video][ffmpeg]") {
    if (!have_ffmpeg()) FAIL("ffmpeg/ffprobe not installed (scripts/setup.sh installs them)");
    const fs::path dir = scratch("gifwebm");
    write_frames((dir / "a.gif").string(), 160, 120, 20, 15);
    write_frames((dir / "a.webm").string(), 160, 120, 20, 15);
    const auto gif = ffprobe_stream(dir / "a.gif");
    CHECK(gif["codec_name"] == "gif");
    CHECK(gif["width"] == 160);
    CHECK(gif["nb_read_frames"] == "20");
    const auto webm = ffprobe_stream(dir / "a.webm");
    CHECK(webm["codec_name"] == "vp9");
    CHECK(webm["height"] == 120);
    CHECK(webm["nb_read_frames"] == "20");
    CHECK(no_temporaries(dir));
}

TEST_CASE("a PNG sequence has every frame and decodes to the input pixels", "[video]") {
    const fs::path dir = scratch("png");
    const int w = 97, h = 61;  // odd sizes on purpose
    write_frames((dir / "frames/").string(), w, h, 12);
    REQUIRE(fs::is_directory(dir / "frames"));
    int count = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir / "frames")) ++count;
    CHECK(count == 12);
    CHECK(fs::exists(dir / "frames" / "frame_00001.png"));
    CHECK(fs::exists(dir / "frames" / "frame_00012.png"));

    png_image img{};
    img.version = PNG_IMAGE_VERSION;
    REQUIRE(png_image_begin_read_from_file(&img, (dir / "frames" / "frame_00007.png").c_str()));
    img.format = PNG_FORMAT_RGBA;
    CHECK(static_cast<int>(img.width) == w);
    CHECK(static_cast<int>(img.height) == h);
    std::vector<std::uint8_t> px(PNG_IMAGE_SIZE(img));
    REQUIRE(png_image_finish_read(&img, nullptr, px.data(), 0, nullptr));
    CHECK(px == gradient(w, h, 6));
    CHECK(no_temporaries(dir));
}

// Decodes a PNG file image with libpng (which checks every CRC and the zlib stream's Adler-32).
static std::vector<std::uint8_t> decode_png(const std::vector<std::uint8_t>& file, int& w, int& h) {
    png_image img{};
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&img, file.data(), file.size())) return {};
    img.format = PNG_FORMAT_RGBA;
    w = static_cast<int>(img.width);
    h = static_cast<int>(img.height);
    std::vector<std::uint8_t> px(PNG_IMAGE_SIZE(img));
    if (!png_image_finish_read(&img, nullptr, px.data(), 0, nullptr)) return {};
    return px;
}

TEST_CASE("the PNG encoder reuses unchanged bands, a file depends only on its pixels", "[video]") {
    // Band edges: one row, exactly one band, one band and a row, several bands and a short last one.
    for (const int h : {1, PngEncoder::kStripRows, PngEncoder::kStripRows + 1, 61}) {
        INFO("height " << h);
        const int w = 97;
        const auto a = gradient(w, h, 0);
        PngEncoder enc(w, h);
        const std::vector<std::uint8_t> pa = enc.encode(a.data());
        int dw = 0, dh = 0;
        CHECK(decode_png(pa, dw, dh) == a);
        CHECK(dw == w);
        CHECK(dh == h);
        const auto bands = static_cast<std::uint64_t>((h + PngEncoder::kStripRows - 1) / PngEncoder::kStripRows);
        CHECK(enc.strips_encoded() == bands);
        CHECK(enc.strips_reused() == 0);
        // The same frame again: every band reused, the same bytes.
        CHECK(enc.encode(a.data()) == pa);
        CHECK(enc.strips_reused() == bands);
    }

    const int w = 97, h = 61;  // bands of rows 0-15, 16-31, 32-47, 48-60
    const auto a = gradient(w, h, 0);
    auto b = a;
    b[(40 * w + 5) * 4] ^= 0x55;  // a pixel of row 40: band 2 only (row 41 refers to it, in band 2)
    auto c = a;
    c[(47 * w + 90) * 4 + 2] ^= 0x0f;  // row 47, the last of band 2: band 3's first row refers to it
    PngEncoder enc(w, h);
    enc.encode(a.data());
    const std::vector<std::uint8_t> pb = enc.encode(b.data());
    CHECK(enc.strips_encoded() == 4 + 1);
    CHECK(enc.strips_reused() == 3);
    const std::vector<std::uint8_t> pc = enc.encode(c.data());
    CHECK(enc.strips_encoded() == 4 + 1 + 2);
    // Whatever was encoded before, a frame gives the bytes a fresh encoder gives it.
    CHECK(pb == encode_png(b.data(), w, h));
    CHECK(pc == encode_png(c.data(), w, h));
    CHECK(encode_png(a.data(), w, h) != pb);
    int dw = 0, dh = 0;
    CHECK(decode_png(pb, dw, dh) == b);
    CHECK(decode_png(pc, dw, dh) == c);
    // A file rebuilt from reused bands still carries correct checksums: a flipped byte in the
    // compressed data is caught by libpng (IDAT CRC) or zlib (Adler-32).
    auto broken = pc;
    broken[broken.size() / 2] ^= 0x01;
    CHECK(decode_png(broken, dw, dh) != c);
}

TEST_CASE("a PNG sequence refuses a directory that already has files", "[video]") {
    const fs::path dir = scratch("png-busy");
    fs::create_directories(dir / "frames");
    std::FILE* f = std::fopen((dir / "frames" / "keep.txt").c_str(), "w");
    std::fclose(f);
    auto sink = make_sink((dir / "frames/").string());
    CHECK_THROWS_AS(sink->begin(8, 8, 30), VideoError);
    CHECK(fs::exists(dir / "frames" / "keep.txt"));
}

TEST_CASE("an aborted or failed export leaves nothing at OUT and no temporary", "[video]") {
    const fs::path dir = scratch("abort");
    std::vector<std::string> outs = {(dir / "frames/").string()};
    if (have_ffmpeg()) outs.push_back((dir / "movie.mp4").string());
    for (const std::string& out : outs) {
        INFO(out);
        {
            auto sink = make_sink(out);
            sink->begin(320, 240, 30);
            for (int i = 0; i < 10; ++i) sink->push(gradient(320, 240, i), i);
            CHECK(fs::exists(sink->temporary()));
            sink->abort();
            CHECK_FALSE(fs::exists(sink->temporary()));
            sink->abort();  // twice is harmless
        }
        {
            // A failure in the render loop: the sink is destroyed unfinished.
            auto sink = make_sink(out);
            sink->begin(320, 240, 30);
            sink->push(gradient(320, 240, 0), 0);
        }
        CHECK_FALSE(fs::exists(out.back() == '/' ? out.substr(0, out.size() - 1) : out));
        CHECK(no_temporaries(dir));
    }
}

TEST_CASE("a missing ffmpeg gives one clear line", "[video]") {
    const fs::path empty = scratch("empty-path");
    const char* old = std::getenv("PATH");
    const std::string saved = old ? old : "";
    ::setenv("PATH", empty.c_str(), 1);
    std::string msg;
    try {
        make_sink((empty / "movie.mp4").string());
    } catch (const VideoError& e) {
        msg = e.what();
    }
    ::setenv("PATH", saved.c_str(), 1);
    CHECK(msg.find("movie.mp4: cannot write .mp4 without ffmpeg, which is not on PATH") != std::string::npos);
    CHECK(msg.find("apt-get install ffmpeg") != std::string::npos);
    CHECK(msg.find('\n') == std::string::npos);
    CHECK(fs::is_empty(empty));
}

TEST_CASE("Ctrl-C sets the flag the render loop checks", "[video]") {
    reset_interrupted();
    install_interrupt_handlers();
    CHECK_FALSE(interrupted());
    std::raise(SIGINT);
    CHECK(interrupted());
    CHECK(interrupt_signal() == SIGINT);
    reset_interrupted();
    std::signal(SIGINT, SIG_DFL);
}

TEST_CASE("progress lines", "[video]") {
    CHECK(ProgressReporter::plain_line("render", 425, 1700, 10.0) ==
          "render: 25% (425/1700 frames, 42.5 fps, 0:30 left)");
    CHECK(ProgressReporter::bar_line(850, 1700, 20.0, 10) == "[#####.....] 850/1700 frames  42.5 fps  0:20 left");
    CHECK(format_duration(3725) == "1:02:05");
}
