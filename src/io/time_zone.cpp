// ZoneRules from the IANA tz database through date/tz (see time_zone.hpp).
#include "time_zone.hpp"

#include "core/error.hpp"

#include <date/tz.h>

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace qantar::tz {

namespace {

class IanaZone final : public ZoneRules {
public:
    IanaZone(const date::time_zone* zone, std::string name) : zone_(zone), name_(std::move(name)) {}
    const std::string& name() const override { return name_; }
    std::int32_t offset_at(std::int64_t utc_s) const override {
        const date::sys_info i = zone_->get_info(date::sys_seconds{std::chrono::seconds{utc_s}});
        return static_cast<std::int32_t>(i.offset.count());
    }
    std::int64_t utc_of_local(std::int64_t local_s) const override {
        const date::local_info i = zone_->get_info(date::local_seconds{std::chrono::seconds{local_s}});
        // unique: the one offset. nonexistent: `first` is the period before the gap, so the time is
        // read with the earlier offset and lands after the gap. ambiguous: `first` is the earlier of
        // the two instants. Both as documented in ZoneRules::utc_of_local.
        return local_s - i.first.offset.count();
    }

private:
    const date::time_zone* zone_;
    std::string name_;
};

}  // namespace

std::shared_ptr<const ZoneRules> find_zone(std::string_view name) {
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const ZoneRules>, std::less<>> cache;
    const std::lock_guard lock(mutex);
    if (auto it = cache.find(name); it != cache.end()) return it->second;
    std::shared_ptr<const ZoneRules> z;
    if (!name.empty() && name.size() < 64) {
        try {
            const date::time_zone* tz = date::locate_zone(name);
            if (tz) z = std::make_shared<IanaZone>(tz, std::string(name));
        } catch (const std::exception&) {
            z = nullptr;  // no such zone, or no database
        }
    }
    cache.emplace(std::string(name), z);
    return z;
}

std::shared_ptr<const ZoneRules> require_zone(std::string_view name, std::string_view option) {
    auto z = find_zone(name);
    if (!z)
        throw UsageError(std::string(option) + " '" + std::string(name) +
                         "' is not an IANA time zone (for example America/Chicago, Asia/Kolkata, UTC)");
    return z;
}

}  // namespace qantar::tz
