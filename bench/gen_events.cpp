// Writes N synthetic ACLED-style events as CSV on standard output: ACLED's 31 columns, spread over
// Kazakhstan's cities (jittered up to ~0.3 degrees) and 19 days from 1 January 2022, both ACLED
// date forms. Deterministic for a given N and seed. Usage: gen_events N [SEED] > events.csv
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

namespace {

struct Place {
    const char* name;
    const char* admin1;
    double lat, lon;
};

constexpr std::array<Place, 19> kPlaces{{
    {"Zhanaozen", "Mangystau", 43.3414, 52.8596},   {"Aktau", "Mangystau", 43.6481, 51.1722},
    {"Atyrau", "Atyrau", 47.1067, 51.9167},         {"Oral", "West Kazakhstan", 51.2333, 51.3667},
    {"Aktobe", "Aktobe", 50.2839, 57.1670},         {"Kyzylorda", "Kyzylorda", 44.8528, 65.5092},
    {"Shymkent", "Shymkent", 42.3417, 69.5901},     {"Taraz", "Jambyl", 42.9000, 71.3667},
    {"Almaty", "Almaty", 43.2389, 76.9458},         {"Taldykorgan", "Almaty Region", 45.0156, 78.3739},
    {"Nur-Sultan", "Nur-Sultan", 51.1694, 71.4491}, {"Karaganda", "Karaganda", 49.8047, 73.1094},
    {"Kostanay", "Kostanay", 53.2144, 63.6246},     {"Petropavl", "North Kazakhstan", 54.8667, 69.1500},
    {"Pavlodar", "Pavlodar", 52.2873, 76.9674},     {"Semey", "East Kazakhstan", 50.4111, 80.2275},
    {"Oskemen", "East Kazakhstan", 49.9481, 82.6286}, {"Kokshetau", "Akmola", 53.2833, 69.3833},
    {"Turkistan", "Turkistan", 43.2973, 68.2517},
}};

struct Type {
    const char* disorder;
    const char* event_type;
    const char* sub_event_type;
    const char* actor1;
    int inter1;
};

constexpr std::array<Type, 5> kTypes{{
    {"Demonstrations", "Protests", "Peaceful protest", "Protesters (Kazakhstan)", 6},
    {"Political violence; Demonstrations", "Riots", "Violent demonstration", "Rioters (Kazakhstan)", 5},
    {"Political violence", "Battles", "Armed clash", "Military Forces of Kazakhstan (2019-)", 1},
    {"Strategic developments", "Strategic developments", "Arrests", "Police Forces of Kazakhstan (2019-)", 1},
    {"Demonstrations", "Protests", "Protest with intervention", "Protesters (Kazakhstan)", 6},
}};

constexpr std::array<const char*, 12> kMonths{"January", "February", "March", "April", "May", "June",
                                               "July", "August", "September", "October", "November", "December"};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: gen_events N [SEED] > events.csv\n");
        return 2;
    }
    const long n = std::strtol(argv[1], nullptr, 10);
    const unsigned seed = argc > 2 ? static_cast<unsigned>(std::strtoul(argv[2], nullptr, 10)) : 2022u;
    if (n <= 0) {
        std::fprintf(stderr, "gen_events: N must be a positive number\n");
        return 2;
    }
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::size_t> place(0, kPlaces.size() - 1), type(0, kTypes.size() - 1);
    std::uniform_int_distribution<int> day(1, 19), fatal(0, 3), precision(1, 3);
    std::uniform_real_distribution<double> jitter(-0.3, 0.3);

    std::printf("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
                "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
                "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,"
                "fatalities,tags,timestamp\n");
    for (long i = 0; i < n; ++i) {
        const Place& p = kPlaces[place(rng)];
        const Type& t = kTypes[type(rng)];
        const int d = day(rng);
        // Half the rows in each of ACLED's date forms.
        char date[32];
        if (i % 2 == 0) std::snprintf(date, sizeof date, "2022-01-%02d", d);
        else std::snprintf(date, sizeof date, "%02d %s 2022", d, kMonths[0]);
        const int killed = t.inter1 == 6 ? 0 : fatal(rng);
        std::printf("SYN%07ld,%s,2022,%d,%s,%s,%s,%s,,%d,,,0,%d,,398,Central Asia,Kazakhstan,%s,,,%s,%.4f,%.4f,%d,"
                    "Synthetic,National,\"Synthetic event %ld near %s, generated for the loading benchmark.\",%d,,"
                    "1643730000\n",
                    i + 1, date, precision(rng), t.disorder, t.event_type, t.sub_event_type, t.actor1, t.inter1,
                    t.inter1 * 10, p.admin1, p.name, p.lat + jitter(rng), p.lon + jitter(rng), precision(rng), i + 1,
                    p.name, killed);
    }
    return 0;
}
