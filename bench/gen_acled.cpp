// Writes N ACLED-realistic events as CSV on standard output, for bench/bench_scale.sh: all 31 ACLED
// columns, 60 countries, 20 years (2004-2023), several actors per event, real-looking source
// strings, notes of 100-600 characters (mean ~250). Deterministic for a given N and seed.
// Usage: gen_acled N [SEED] > events.csv
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <ctime>
#include <string>

namespace {

struct Country {
    const char *name, *iso3, *region;
    int iso;
    double lat, lon;
};

constexpr std::array<Country, 60> kCountries{{
    {"Nigeria", "NGA", "Western Africa", 566, 9.1, 8.7},        {"Mali", "MLI", "Western Africa", 466, 17.6, -4.0},
    {"Burkina Faso", "BFA", "Western Africa", 854, 12.2, -1.6}, {"Niger", "NER", "Western Africa", 562, 17.6, 8.1},
    {"Ghana", "GHA", "Western Africa", 288, 7.9, -1.0},         {"Senegal", "SEN", "Western Africa", 686, 14.5, -14.5},
    {"Cameroon", "CMR", "Middle Africa", 120, 7.4, 12.4},       {"Chad", "TCD", "Middle Africa", 148, 15.5, 18.7},
    {"Democratic Republic of Congo", "COD", "Middle Africa", 180, -4.0, 21.8},
    {"Central African Republic", "CAF", "Middle Africa", 140, 6.6, 20.9},
    {"Sudan", "SDN", "Northern Africa", 729, 12.9, 30.2},       {"South Sudan", "SSD", "Eastern Africa", 728, 6.9, 31.3},
    {"Ethiopia", "ETH", "Eastern Africa", 231, 9.1, 40.5},      {"Somalia", "SOM", "Eastern Africa", 706, 5.2, 46.2},
    {"Kenya", "KEN", "Eastern Africa", 404, -0.02, 37.9},       {"Uganda", "UGA", "Eastern Africa", 800, 1.4, 32.3},
    {"Mozambique", "MOZ", "Southern Africa", 508, -18.7, 35.5}, {"South Africa", "ZAF", "Southern Africa", 710, -30.6, 22.9},
    {"Zimbabwe", "ZWE", "Southern Africa", 716, -19.0, 29.2},   {"Libya", "LBY", "Northern Africa", 434, 26.3, 17.2},
    {"Egypt", "EGY", "Northern Africa", 818, 26.8, 30.8},       {"Tunisia", "TUN", "Northern Africa", 788, 33.9, 9.5},
    {"Algeria", "DZA", "Northern Africa", 12, 28.0, 1.7},       {"Morocco", "MAR", "Northern Africa", 504, 31.8, -7.1},
    {"Yemen", "YEM", "Middle East", 887, 15.6, 48.5},           {"Syria", "SYR", "Middle East", 760, 34.8, 39.0},
    {"Iraq", "IRQ", "Middle East", 368, 33.2, 43.7},            {"Lebanon", "LBN", "Middle East", 422, 33.9, 35.9},
    {"Israel", "ISR", "Middle East", 376, 31.0, 34.9},          {"Palestine", "PSE", "Middle East", 275, 31.9, 35.2},
    {"Iran", "IRN", "Middle East", 364, 32.4, 53.7},            {"Turkey", "TUR", "Middle East", 792, 38.9, 35.2},
    {"Saudi Arabia", "SAU", "Middle East", 682, 23.9, 45.1},    {"Afghanistan", "AFG", "Caucasus and Central Asia", 4, 33.9, 67.7},
    {"Kazakhstan", "KAZ", "Caucasus and Central Asia", 398, 48.0, 67.0},
    {"Kyrgyzstan", "KGZ", "Caucasus and Central Asia", 417, 41.2, 74.8},
    {"Tajikistan", "TJK", "Caucasus and Central Asia", 762, 38.9, 71.3},
    {"Georgia", "GEO", "Caucasus and Central Asia", 268, 42.3, 43.4},
    {"Armenia", "ARM", "Caucasus and Central Asia", 51, 40.1, 45.0}, {"Azerbaijan", "AZE", "Caucasus and Central Asia", 31, 40.1, 47.6},
    {"Pakistan", "PAK", "Southern Asia", 586, 30.4, 69.3},      {"India", "IND", "Southern Asia", 356, 20.6, 79.0},
    {"Bangladesh", "BGD", "Southern Asia", 50, 23.7, 90.4},     {"Nepal", "NPL", "Southern Asia", 524, 28.4, 84.1},
    {"Sri Lanka", "LKA", "Southern Asia", 144, 7.9, 80.8},      {"Myanmar", "MMR", "Southeast Asia", 104, 21.9, 95.96},
    {"Thailand", "THA", "Southeast Asia", 764, 15.9, 100.99},   {"Philippines", "PHL", "Southeast Asia", 608, 12.9, 121.8},
    {"Indonesia", "IDN", "Southeast Asia", 360, -0.8, 113.9},   {"Cambodia", "KHM", "Southeast Asia", 116, 12.6, 104.99},
    {"Ukraine", "UKR", "Europe", 804, 48.4, 31.2},              {"Russia", "RUS", "Europe", 643, 55.8, 37.6},
    {"Belarus", "BLR", "Europe", 112, 53.7, 27.95},             {"France", "FRA", "Europe", 250, 46.2, 2.2},
    {"Mexico", "MEX", "Central America", 484, 23.6, -102.6},    {"Colombia", "COL", "South America", 170, 4.6, -74.3},
    {"Brazil", "BRA", "South America", 76, -14.2, -51.9},       {"Venezuela", "VEN", "South America", 862, 6.4, -66.6},
    {"Haiti", "HTI", "Caribbean", 332, 18.97, -72.3},           {"Chile", "CHL", "South America", 152, -35.7, -71.5},
}};

struct Type {
    const char *disorder, *event_type, *sub_event_type;
    int inter1, inter2;
};

constexpr std::array<Type, 10> kTypes{{
    {"Demonstrations", "Protests", "Peaceful protest", 6, 0},
    {"Demonstrations", "Protests", "Protest with intervention", 6, 1},
    {"Demonstrations", "Riots", "Violent demonstration", 5, 1},
    {"Demonstrations", "Riots", "Mob violence", 5, 7},
    {"Political violence", "Battles", "Armed clash", 1, 2},
    {"Political violence", "Violence against civilians", "Attack", 3, 7},
    {"Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack", 1, 2},
    {"Political violence", "Explosions/Remote violence", "Air/drone strike", 1, 2},
    {"Strategic developments", "Strategic developments", "Arrests", 1, 6},
    {"Strategic developments", "Strategic developments", "Looting/property destruction", 5, 0},
}};

constexpr std::array<const char*, 12> kActors{{
    "Military Forces of %s (2015-)", "Police Forces of %s (2015-)", "Protesters (%s)", "Rioters (%s)",
    "Civilians (%s)", "Unidentified Armed Group (%s)", "Islamic State (%s)", "Communal Militia (%s)",
    "Labour Group (%s)", "Students (%s)", "Journalists (%s)", "Government of %s (2019-)"}};

constexpr std::array<const char*, 14> kSources{{
    "Reuters", "AFP", "Associated Press", "BBC Monitoring", "Al Jazeera", "Xinhua", "Twitter",
    "Local partner", "Radio Free Europe/Radio Liberty", "The New Humanitarian", "Human Rights Watch",
    "Amnesty International", "Crisis Group", "Local media"}};

constexpr std::array<const char*, 6> kScales{{"National", "Subnational", "International", "Local partner-Other",
                                              "National-International", "New media"}};

constexpr std::array<const char*, 24> kWords{{
    "on", "the", "a", "of", "in", "protesters", "gathered", "near", "police", "dispersed", "crowd",
    "demanding", "wages", "fuel", "prices", "government", "district", "armed", "men", "attacked",
    "village", "reported", "killed", "market"}};

constexpr std::array<const char*, 12> kMonths{{"January", "February", "March", "April", "May", "June", "July",
                                               "August", "September", "October", "November", "December"}};

// CSV field: quoted when it holds a comma or a quote.
void field(std::string& out, const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) {
        out += s;
        return;
    }
    out += '"';
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    out += '"';
}

std::string fmt(const char* pattern, const char* country) {
    char buf[160];
    std::snprintf(buf, sizeof buf, pattern, country);
    return buf;
}

}  // namespace

int main(int argc, char** argv) {
    const long n = argc > 1 ? std::atol(argv[1]) : 1000;
    std::mt19937_64 rng(argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 11);
    auto uniform = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); };
    auto pick = [&](std::size_t k) { return static_cast<std::size_t>(rng() % k); };
    std::gamma_distribution<double> note_len(4.0, 62.5);  // mean 250
    std::string out;
    out.reserve(1 << 20);
    out += "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
           "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
           "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
           "tags,timestamp\n";
    constexpr std::int64_t kStart = 1072915200;                 // 2004-01-01T00:00Z
    constexpr std::int64_t kSpanDays = 20 * 365 + 5;            // to the end of 2023
    for (long i = 0; i < n; ++i) {
        const Country& c = kCountries[pick(kCountries.size())];
        const Type& t = kTypes[pick(kTypes.size())];
        const std::int64_t day = static_cast<std::int64_t>(pick(kSpanDays));
        const std::int64_t utc = kStart + day * 86400;
        const std::time_t tt = utc;
        std::tm tm{};
        gmtime_r(&tt, &tm);
        char date[40];
        std::snprintf(date, sizeof date, "%02d %s %d", tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900);
        const int admin = static_cast<int>(pick(12)) + 1;
        const double lat = c.lat + uniform(-2.5, 2.5), lon = c.lon + uniform(-2.5, 2.5);
        std::string notes = "On " + std::string(date) + ",";
        const std::size_t len = std::min<std::size_t>(600, std::max<std::size_t>(100, static_cast<std::size_t>(note_len(rng))));
        while (notes.size() < len) notes += std::string(" ") + kWords[pick(kWords.size())];
        notes.resize(len - 1);
        notes += '.';
        std::string src = kSources[pick(kSources.size())];
        for (std::size_t k = pick(3); k > 0; --k) src += std::string("; ") + kSources[pick(kSources.size())];
        const int fatalities = t.disorder[0] == 'P' ? static_cast<int>(pick(8)) : 0;

        field(out, std::string(c.iso3) + std::to_string(100000 + i));
        out += ',';
        field(out, date);
        out += ',' + std::to_string(tm.tm_year + 1900) + ',' + std::to_string(1 + pick(3)) + ',';
        field(out, t.disorder); out += ',';
        field(out, t.event_type); out += ',';
        field(out, t.sub_event_type); out += ',';
        field(out, fmt(kActors[pick(kActors.size())], c.name)); out += ',';
        field(out, pick(2) ? fmt(kActors[pick(kActors.size())], c.name) + "; " + fmt(kActors[pick(kActors.size())], c.name) : "");
        out += ',' + std::to_string(t.inter1) + ',';
        field(out, t.inter2 ? fmt(kActors[pick(kActors.size())], c.name) : ""); out += ',';
        field(out, pick(3) == 0 ? fmt(kActors[pick(kActors.size())], c.name) : ""); out += ',';
        out += std::to_string(t.inter2) + ',' + std::to_string(t.inter1 * 10 + t.inter2) + ',';
        out += (t.event_type[0] == 'V' ? "Civilian targeting" : "");
        out += ',' + std::to_string(c.iso) + ',';
        field(out, c.region); out += ',';
        field(out, c.name); out += ',';
        out += std::string(c.iso3) + "-A" + std::to_string(admin) + ',' + c.iso3 + "-A" + std::to_string(admin) + "-" +
               std::to_string(pick(20)) + ",,";
        out += std::string(c.iso3) + " town " + std::to_string(pick(400)) + ',';
        char coords[64];
        std::snprintf(coords, sizeof coords, "%.4f,%.4f,", lat, lon);
        out += coords + std::to_string(1 + pick(3)) + ',';
        field(out, src); out += ',';
        field(out, kScales[pick(kScales.size())]); out += ',';
        field(out, notes);
        out += ',' + std::to_string(fatalities) + ',';
        out += pick(4) == 0 ? "crowd size=no report" : "";
        out += ',' + std::to_string(utc + 86400 * 30) + '\n';
        if (out.size() > (1 << 20) - 4096) {
            std::fwrite(out.data(), 1, out.size(), stdout);
            out.clear();
        }
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}
