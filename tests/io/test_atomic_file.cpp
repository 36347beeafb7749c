// The atomic-write home (io/atomic_file.hpp): temporary names, whole files or nothing, the
// temporary removed on every failure.
#include "io/atomic_file.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace qantar;
namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Everything in dir but `keep`.
std::vector<std::string> others(const fs::path& dir, const std::string& keep) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().filename() != keep) out.push_back(e.path().filename().string());
    return out;
}

}  // namespace

TEST_CASE("temporary_beside names a hidden file in the destination's directory", "[io][atomic]") {
    const std::string pid = std::to_string(::getpid());
    CHECK(io::temporary_beside("out/a.mp4", ".mp4") == fs::path("out/.a.mp4.qantar-tmp-" + pid + ".mp4"));
    CHECK(io::temporary_beside("a.gpkg") == fs::path(".a.gpkg.qantar-tmp-" + pid));
}

TEST_CASE("write_file_atomically writes the whole file and leaves no temporary", "[io][atomic]") {
    const fs::path dir = test::scratch_dir("atomic", "write");
    const fs::path out = dir / "x.geojson";
    io::write_file_atomically(out.string(), "first");
    io::write_file_atomically(out.string(), std::string(100000, 'y'));
    CHECK(read_all(out) == std::string(100000, 'y'));
    CHECK(others(dir, "x.geojson").empty());
}

TEST_CASE("write_file_atomically fails in one line and leaves nothing", "[io][atomic]") {
    const fs::path dir = test::scratch_dir("atomic", "fail");
    CHECK_THROWS_WITH(io::write_file_atomically(dir.string(), "x"), "cannot write " + dir.string() + ": it is a directory");
    const fs::path missing = dir / "no-such-dir" / "x.csv";
    CHECK_THROWS_WITH(io::write_file_atomically(missing.string(), "x"),
                      "cannot write " + missing.string() + ": No such file or directory");
    CHECK(others(dir, "").empty());
}

TEST_CASE("write_via_temporary renames on success and removes the temporary on failure", "[io][atomic]") {
    const fs::path dir = test::scratch_dir("atomic", "via");
    const fs::path out = dir / "frame.png";
    std::string seen;
    io::write_via_temporary(out.string(), [&](const std::string& tmp) {
        seen = tmp;
        std::ofstream(tmp) << "png";
        return true;
    });
    CHECK(fs::path(seen).extension() == ".png");  // the extension picks the encoder
    CHECK(read_all(out) == "png");
    CHECK(others(dir, "frame.png").empty());

    const fs::path bad = dir / "bad.png";
    CHECK_THROWS_WITH(io::write_via_temporary(bad.string(), [](const std::string& tmp) {
                          std::ofstream(tmp) << "half";
                          return false;
                      }),
                      "could not write " + bad.string());
    CHECK_FALSE(fs::exists(bad));
    CHECK(others(dir, "frame.png").empty());
}
