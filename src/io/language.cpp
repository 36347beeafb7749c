// Interface languages (see language.hpp). Pulls in ICU (i18n, uc) for dates and numbers.
#include "language.hpp"

#include "core/error.hpp"

#include <unicode/dtptngen.h>
#include <unicode/numfmt.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/locid.h>
#include <unicode/tznames.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace qantar::io {

namespace fs = std::filesystem;

namespace {

std::string exe_dir() {
    std::error_code ec;
    const fs::path p = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : p.parent_path().string();
}

// UTF-8, with ICU's no-break spaces (U+00A0 in "1 234", U+202F) as plain spaces: the fonts the
// renderer finds draw them as a mark, not as a space.
std::string utf8_of(const icu::UnicodeString& s) {
    icu::UnicodeString plain(s);
    plain.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x00A0)), icu::UnicodeString(" "));
    plain.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x202F)), icu::UnicodeString(" "));
    std::string out;
    plain.toUTF8String(out);
    return out;
}

// Dates and numbers by ICU for one locale; the patterns are ICU's best for each skeleton. Format
// objects are not safe to share between threads: one mutex guards them.
class IcuLanguage : public Language {
public:
    explicit IcuLanguage(const std::string& code) : Language(code), locale_(code.c_str()) {
        UErrorCode st = U_ZERO_ERROR;
        std::unique_ptr<icu::DateTimePatternGenerator> gen(icu::DateTimePatternGenerator::createInstance(locale_, st));
        auto make = [&](const char* skeleton) {
            UErrorCode s2 = U_ZERO_ERROR;
            icu::UnicodeString pattern = gen ? gen->getBestPattern(icu::UnicodeString(skeleton), s2)
                                             : icu::UnicodeString(skeleton);
            auto f = std::make_unique<icu::SimpleDateFormat>(pattern, locale_, s2);
            if (U_FAILURE(s2)) return std::unique_ptr<icu::SimpleDateFormat>();
            f->setTimeZone(*icu::TimeZone::getGMT());
            return f;
        };
        weekday_date_ = make("yMMMMEEEEd");
        day_month_ = make("dMMM");
        month_ = make("LLL");
        month_year_ = make("yMMM");
        date_time_ = make("yMMMdHHmm");
        date_ = make("yMMMd");
        UErrorCode s3 = U_ZERO_ERROR;
        number_.reset(icu::NumberFormat::createInstance(locale_, s3));
        if (U_FAILURE(s3)) number_.reset();
        UErrorCode s4 = U_ZERO_ERROR;
        zone_names_.reset(icu::TimeZoneNames::createInstance(locale_, s4));
        if (U_FAILURE(s4)) zone_names_.reset();
    }

    std::string weekday_date(const CivilDate& d, int weekday) const override {
        return format(weekday_date_, days_from_civil(d.y, d.m, d.d) * kSecondsPerDay, [&] { return Language::weekday_date(d, weekday); });
    }
    std::string day_month(const CivilDate& d) const override {
        return format(day_month_, days_from_civil(d.y, d.m, d.d) * kSecondsPerDay, [&] { return Language::day_month(d); });
    }
    std::string month_short(unsigned month) const override {
        return format(month_, days_from_civil(2001, month, 1) * kSecondsPerDay, [&] { return Language::month_short(month); });
    }
    std::string month_year(std::int64_t year, unsigned month) const override {
        return format(month_year_, days_from_civil(year, month, 1) * kSecondsPerDay,
                      [&] { return Language::month_year(year, month); });
    }
    std::string date_time(const LocalTime& t) const override {
        return format(date_time_, t.utc_s + t.offset_s, [&] { return Language::date_time(t); });
    }
    std::string date_short(const LocalTime& t) const override {
        return format(date_, t.utc_s + t.offset_s, [&] { return Language::date_short(t); });
    }
    std::string upper(const std::string& utf8) const override {
        icu::UnicodeString s = icu::UnicodeString::fromUTF8(utf8);
        s.toUpper(locale_);
        return utf8_of(s);
    }
    std::string zone_city(const std::string& iana_name) const override {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!zone_names_) return {};
        icu::UnicodeString city;
        zone_names_->getExemplarLocationName(icu::UnicodeString::fromUTF8(iana_name), city);
        return utf8_of(city);
    }
    std::string number(std::int64_t v) const override {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!number_) return Language::number(v);
        icu::UnicodeString out;
        number_->format(static_cast<int64_t>(v), out);
        return utf8_of(out);
    }

private:
    // The wall time `local_s` (seconds since 1970 on the local calendar), formatted in GMT.
    template <class Fallback>
    std::string format(const std::unique_ptr<icu::SimpleDateFormat>& f, std::int64_t local_s, Fallback fallback) const {
        if (!f) return fallback();
        std::lock_guard<std::mutex> lock(mutex_);
        icu::UnicodeString out;
        f->format(static_cast<UDate>(local_s) * 1000.0, out);
        return utf8_of(out);
    }

    icu::Locale locale_;
    std::unique_ptr<icu::SimpleDateFormat> weekday_date_, day_month_, month_, month_year_, date_time_, date_;
    std::unique_ptr<icu::NumberFormat> number_;
    std::unique_ptr<icu::TimeZoneNames> zone_names_;
    mutable std::mutex mutex_;
};

std::uint32_t read_u32(const std::string& b, std::size_t at, bool swap) {
    std::uint32_t v = 0;
    std::memcpy(&v, b.data() + at, 4);
    return swap ? __builtin_bswap32(v) : v;
}

}  // namespace

std::unordered_map<std::string, std::string> read_mo_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, "", "", "cannot be read");
    const std::string b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto bad = [&](const std::string& why) { return InputError(path, "", "", "not a message catalogue (.mo): " + why); };
    if (b.size() < 28) throw bad("too short");
    const std::uint32_t magic = read_u32(b, 0, false);
    const bool swap = magic == 0xde120495u;
    if (!swap && magic != 0x950412deu) throw bad("wrong magic number");
    const std::uint32_t n = read_u32(b, 8, swap), orig = read_u32(b, 12, swap), trans = read_u32(b, 16, swap);
    auto string_at = [&](std::uint32_t table, std::uint32_t i) {
        const std::size_t at = std::size_t{table} + std::size_t{i} * 8;
        if (at + 8 > b.size()) throw bad("string table past the end");
        const std::uint32_t len = read_u32(b, at, swap), off = read_u32(b, at + 4, swap);
        if (std::size_t{off} + len > b.size()) throw bad("string past the end");
        std::string s = b.substr(off, len);
        if (const auto nul = s.find('\0'); nul != std::string::npos) s.resize(nul);  // plural forms: the first
        return s;
    };
    std::unordered_map<std::string, std::string> out;
    for (std::uint32_t i = 0; i < n; ++i) {
        std::string id = string_at(orig, i);
        std::string str = string_at(trans, i);
        if (id.empty() || str.empty()) continue;  // the header; untranslated
        out.emplace(std::move(id), std::move(str));
    }
    return out;
}

std::string find_catalogue(const std::string& lang) {
    const std::string rel = lang + "/LC_MESSAGES/qantar.mo";
    std::vector<std::string> candidates;
    const std::string dir = exe_dir();
    if (!dir.empty()) candidates.push_back(dir + "/../share/qantar/locale/" + rel);
    if (*QANTAR_INSTALL_DATADIR) candidates.push_back(std::string(QANTAR_INSTALL_DATADIR) + "/locale/" + rel);
    if (!dir.empty()) candidates.push_back(dir + "/locale/" + rel);
    std::error_code ec;
    for (const std::string& c : candidates)
        if (fs::is_regular_file(c, ec)) return fs::path(c).lexically_normal().string();
    return {};
}

const Language& interface_language(const std::string& lang) {
    if (lang != "kk" && lang != "ru") return english();
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<IcuLanguage>> loaded;
    std::lock_guard<std::mutex> lock(mutex);
    auto& slot = loaded[lang];
    if (!slot) {
        slot = std::make_unique<IcuLanguage>(lang);
        if (const std::string path = find_catalogue(lang); !path.empty())
            for (auto& [id, str] : read_mo_file(path)) slot->add(id, str);
    }
    return *slot;
}

}  // namespace qantar::io
