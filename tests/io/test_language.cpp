// Interface languages (issue 12): the catalogues compiled from po/ and ICU's dates and numbers, as
// known answers. The process locale is never set here: the answers must not depend on it.
#include "io/language.hpp"

#include "core/details.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace qantar;

namespace {
const CivilDate kJan5{2022, 1, 5};  // a Wednesday
const int kWednesday = 3;
const std::string kNbsp = " ";  // ICU's grouping separator in ru and kk (U+00A0), drawn as a space
}  // namespace

TEST_CASE("fill replaces numbered placeholders and keeps unknown ones", "[text][i18n]") {
    CHECK(fill("{0} of {1}", {"3", "10"}) == "3 of 10");
    CHECK(fill("{1}, {0}", {"a", "b"}) == "b, a");
    CHECK(fill("{2} {0}", {"x"}) == "{2} x");
    CHECK(fill("no braces", {"x"}) == "no braces");
}

TEST_CASE("English is the project's own formats and its own messages", "[i18n]") {
    const Language& en = io::interface_language("en");
    CHECK(&en == &english());
    CHECK(en.weekday_date(kJan5, kWednesday) == "Wednesday 5 January 2022");
    CHECK(en.day_month(kJan5) == "5 Jan");
    CHECK(en.month_year(2022, 1) == "Jan 2022");
    CHECK(en.number(1234567) == "1,234,567");
    CHECK(en.date_time(LocalTime{1641380400, 6 * 3600}) == "5 Jan 2022 17:00");
    CHECK(en.tr("killed") == "killed");
    CHECK(en.tr("{0} s per day", {"3"}) == "3 s per day");
}

TEST_CASE("Russian dates and numbers by ICU", "[i18n]") {
    const Language& ru = io::interface_language("ru");
    CHECK(ru.code() == "ru");
    CHECK(ru.weekday_date(kJan5, kWednesday) == "среда, 5 января 2022 г.");
    CHECK(ru.day_month(kJan5) == "5 янв.");
    CHECK(ru.month_short(2) == "февр.");
    CHECK(ru.month_year(2022, 1) == "янв. 2022 г.");
    CHECK(ru.number(1234567) == "1" + kNbsp + "234" + kNbsp + "567");
    CHECK(ru.number(238) == "238");
    // 2022-01-05 11:00 UTC is 17:00 at UTC+06.
    CHECK(ru.date_short(LocalTime{1641380400, 6 * 3600}) == "5 янв. 2022 г.");
}

TEST_CASE("Kazakh dates and numbers by ICU", "[i18n]") {
    const Language& kk = io::interface_language("kk");
    CHECK(kk.code() == "kk");
    CHECK(kk.weekday_date(kJan5, kWednesday) == "2022 ж. 5 қаңтар, сәрсенбі");
    CHECK(kk.day_month(kJan5) == "5 қаң.");
    CHECK(kk.month_year(2022, 1) == "2022 ж. қаң.");
    CHECK(kk.number(1234567) == "1" + kNbsp + "234" + kNbsp + "567");
}

TEST_CASE("Zone cities and capitals in the language", "[i18n]") {
    const Language& ru = io::interface_language("ru");
    const Language& kk = io::interface_language("kk");
    CHECK(ru.zone_city("Asia/Aqtobe") == "Актобе");
    CHECK(kk.zone_city("Asia/Aqtobe") == "Ақтөбе");
    CHECK(english().zone_city("Asia/Aqtobe").empty());  // core/clock keeps "Aqtobe"
    CHECK(ru.upper("Россия") == "РОССИЯ");
    CHECK(kk.upper("Қытай") == "ҚЫТАЙ");
    CHECK(english().upper("Russia") == "RUSSIA");
}

TEST_CASE("The compiled catalogues are found beside the build and translate", "[i18n]") {
    const std::string ru_path = io::find_catalogue("ru");
    REQUIRE_FALSE(ru_path.empty());
    CHECK(ends_with(ru_path, "/ru/LC_MESSAGES/qantar.mo"));
    const Language& ru = io::interface_language("ru");
    const Language& kk = io::interface_language("kk");
    CHECK(ru.size() > 100);
    CHECK(kk.size() == ru.size());
    CHECK(ru.tr("killed") == "погибло");
    CHECK(kk.tr("killed") == "қаза тапты");
    CHECK(ru.tr("{0}  local time ({1})", {"16:00", "UTC+06"}) == "16:00  местное время (UTC+06)");
    CHECK(kk.tr("Keys") == "Пернелер");
    // A message without a translation is its English.
    CHECK(ru.tr("not a message of qantar") == "not a message of qantar");
}

TEST_CASE("A file that is not a message catalogue is refused, naming it", "[i18n]") {
    const std::string path = std::string(QANTAR_BINARY_DIR) + "/not-a-catalogue.mo";
    std::ofstream(path) << "msgid \"x\"\nmsgstr \"y\"\nand more text to pass the size check\n";
    try {
        io::read_mo_file(path);
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find(path) != std::string::npos);
    }
}

TEST_CASE("the clipboard copy of a place's details is in the frame's language", "[i18n]") {
    Details d;
    d.name_en = "Lyon";
    d.moment_local = "5 Jan 2022 17:00";
    d.moment_offset = "UTC+01";
    const std::string en = details_text(d, english());
    CHECK(en.find("Totals so far: no figures reported") != std::string::npos);
    CHECK(en.find("Events so far (0):\n- none yet") != std::string::npos);
    const std::string ru = details_text(d, io::interface_language("ru"));
    CHECK(ru.find("Итого на этот момент: цифры не сообщались") != std::string::npos);
    CHECK(ru.find("События на этот момент (0):\n- пока нет") != std::string::npos);
    CHECK(ru.find("Totals") == std::string::npos);
    const std::string kk = details_text(d, io::interface_language("kk"));
    CHECK(kk.find("Осы сәтке дейінгі жиынтық: сандар хабарланбаған") != std::string::npos);
}
