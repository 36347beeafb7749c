// The English interface language and the catalogue lookup (see language.hpp).
#include "language.hpp"

#include "text.hpp"

#include <cstdio>

namespace qantar {

namespace {

const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};
const char* const kWeekdays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

}  // namespace

std::string Language::tr(const std::string& msgid) const {
    const auto it = messages_.find(msgid);
    return it == messages_.end() || it->second.empty() ? msgid : it->second;
}

std::string Language::tr(const std::string& msgid, std::initializer_list<std::string> args) const {
    return fill(tr(msgid), args);
}

std::string Language::weekday_date(const CivilDate& d, int weekday) const {
    return std::string(kWeekdays[((weekday % 7) + 7) % 7]) + " " + std::to_string(d.d) + " " + kMonths[d.m - 1] + " " +
           std::to_string(d.y);
}

std::string Language::day_month(const CivilDate& d) const { return std::to_string(d.d) + " " + month_short(d.m); }

std::string Language::month_short(unsigned month) const { return std::string(month_abbr(month)); }

std::string Language::month_year(std::int64_t year, unsigned month) const {
    return month_short(month) + " " + std::to_string(year);
}

std::string Language::date_time(const LocalTime& t) const { return format_human(t); }

std::string Language::date_short(const LocalTime& t) const {
    std::string s = format_human(t);
    return s.substr(0, s.size() - 6);
}

std::string Language::number(std::int64_t v) const { return with_thousands(v); }

std::string Language::upper(const std::string& utf8) const { return upper_ascii(utf8); }

std::string Language::zone_city(const std::string&) const { return {}; }

const std::string& name_in(std::string_view lang, const std::string& en, const std::string& kk, const std::string& ru) {
    if (lang == "kk" && !kk.empty()) return kk;
    if (lang == "ru" && !ru.empty()) return ru;
    if (lang == "kk" && !ru.empty()) return ru;
    return en;
}

const Language& english() {
    static const Language en("en");
    return en;
}

}  // namespace qantar
