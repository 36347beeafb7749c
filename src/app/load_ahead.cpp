#include "load_ahead.hpp"

namespace qantar::app {

std::future<std::unique_ptr<Loaded>> load_ahead(LoadOptions load, std::optional<render::ScreenSize> strips_for,
                                                bool beside_panel) {
    return std::async(std::launch::async, [load = std::move(load), strips_for, beside_panel] {
        auto l = std::make_unique<Loaded>();
        l->data = load_dataset(load, [&](const Dataset& d) { l->prep = render::prepare_render(d, strips_for, beside_panel); });
        l->timeline.emplace(l->data);
        return l;
    });
}

}  // namespace qantar::app
