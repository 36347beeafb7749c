// libFuzzer harness: the presenter's story CSV (beat,at,target,zoom,caption,source_keys,hold_seconds).
// The bundled data is loaded once; each input is written to story.csv and read with
// qantar::load_story against it, then the country extent is taken (what the camera uses).
// Expected errors are fine; anything else is a finding (see fuzz_util.hpp).
#include "fuzz_util.hpp"

#include "io/story_manifest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace qantar;
    fuzz::init();
    static const Dataset dataset = [] {
        LoadOptions options;  // the bundled story as its manifest names its files
        apply_story(read_story_manifest(fuzz::geodata_dir() + "/story.toml"), options);
        options.context = true;  // the extent uses the national outline
        return load_dataset(options);
    }();
    const std::string path = fuzz::write_input("story.csv", data, size);
    fuzz::expect_clean([&] {
        const Story story = load_story(path, dataset);
        for (const Beat& b : story.beats) {
            if (!(b.zoom > 0) || b.line < 2) fuzz::finding("beat with zoom <= 0 or no line: " + b.id);
            if (b.hold_s && !(*b.hold_s >= 0)) fuzz::finding("beat with a negative or NaN hold: " + b.id);
        }
        (void)country_extent_m(dataset);
    });
    return 0;
}
