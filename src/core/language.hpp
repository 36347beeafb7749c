// One interface language: the translation of every English text the frame draws and the formats
// of its dates and numbers. Pure: the base class is English in the project's own formats (the
// ones core/time and core/text have always written); io/language loads kk and ru from the
// compiled message catalogues (po/) and formats their dates and numbers through ICU.
#pragma once

#include "time.hpp"

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>

namespace qantar {

class Language {
public:
    explicit Language(std::string code = "en") : code_(std::move(code)) {}
    virtual ~Language() = default;
    Language(const Language&) = default;
    Language& operator=(const Language&) = default;

    const std::string& code() const { return code_; }
    // The translation of an English message (its msgid), or the English itself when there is none
    // (a copy: the msgid may be a temporary).
    std::string tr(const std::string& msgid) const;
    // tr(msgid) with "{0}", "{1}", ... replaced by args (core/text's fill).
    std::string tr(const std::string& msgid, std::initializer_list<std::string> args) const;
    void add(std::string msgid, std::string msgstr) { messages_[std::move(msgid)] = std::move(msgstr); }
    std::size_t size() const { return messages_.size(); }

    // "Wednesday 7 March 2001" (the HUD date).
    virtual std::string weekday_date(const CivilDate& d, int weekday) const;
    // "5 Jan" (a day on the time axis).
    virtual std::string day_month(const CivilDate& d) const;
    // "Jan" (a month on the time axis).
    virtual std::string month_short(unsigned month) const;
    // "Jan 2022".
    virtual std::string month_year(std::int64_t year, unsigned month) const;
    // "5 Jan 2022 16:00" (an event's local time, as format_human).
    virtual std::string date_time(const LocalTime& t) const;
    // "5 Jan 2022" (format_human without the time).
    virtual std::string date_short(const LocalTime& t) const;
    // 1234567 -> "1,234,567" (ru, kk: "1 234 567").
    virtual std::string number(std::int64_t v) const;
    // Capitals for a label ("RUSSIA"; ru "РОССИЯ"): English folds ASCII only (core/text).
    virtual std::string upper(const std::string& utf8) const;
    // The city an IANA zone is named after, in this language ("Asia/Aqtobe": "Aqtobe"; ru "Актобе"),
    // or "" to keep the English one (core/clock's zone_place_name).
    virtual std::string zone_city(const std::string& iana_name) const;

private:
    std::string code_;
    std::unordered_map<std::string, std::string> messages_;
};

// Marks an English text for the catalogue (xgettext --keyword=N_) where it is kept in a table and
// translated later by tr.
constexpr const char* N_(const char* msgid) { return msgid; }

// A name in "en", "kk" or "ru": Kazakh falls back to Russian, anything missing to English.
const std::string& name_in(std::string_view lang, const std::string& en, const std::string& kk, const std::string& ru);

// The built-in English (no catalogue: every msgid is its own text).
const Language& english();

}  // namespace qantar
