#!/usr/bin/env python3
"""Build assets/terms.ron, the terms of office dossier resolves titles with.

Usage (from the repository root, with the REIGN data downloaded):

    python3 tools/terms/build_terms.py REIGN/data_sets/leaderlist_3_21.csv \
        REIGN/data_sets/regime_list.csv > assets/terms.ron

Sources:
- REIGN (Bell, Besaw and Frank, OEF Research), `data_sets/leaderlist_3_21.csv` and
  `data_sets/regime_list.csv` of https://github.com/OEFDataScience/REIGN.github.io (MIT):
  the effective leader of every country, 1950 to March 2021, and the regime type. The
  effective leader of a parliamentary regime is taken as head of government, of a
  party-based one as the party's leader, of any other as head of state.
- tools/terms/corrections.tsv: our own lines, each naming its source; for a (country,
  office) they cover, they replace the dataset from their first start on.

Names are mapped onto assets/gazetteer.ron's spellings where the gazetteer knows the
person; terms ending before 2000 are left out; a term the dataset leaves open ends with
the dataset (2021-03-31), since who followed is not known from it.
"""
import csv
import re
import sys
import unicodedata
from datetime import date, timedelta

DATASET_END = "2021-03-31"
FIRST_DAY = "2000-01-01"
# Regime types of REIGN whose effective leader heads the government rather than the state.
HEAD_OF_GOVERNMENT = {"parliamentary"}
PARTY_LEADER = {"party-based", "party-military"}
SKIP = {"foreign-occupied"}
# REIGN country names that the gazetteer writes otherwise.
COUNTRY_NAMES = {
    "USA": "United States", "UKG": "United Kingdom", "UAE": "United Arab Emirates",
    "Korea South": "South Korea", "Korea North": "North Korea",
    "Congo/Zaire": "Democratic Republic of the Congo", "Congo-Brz": "Republic of the Congo",
    "Cen African Rep": "Central African Republic", "Czech Rep": "Czech Republic",
    "Dominican Rep": "Dominican Republic", "St Vincent": "Saint Vincent and the Grenadines",
    "Turkey": "Turkiye", "Burma/Myanmar": "Myanmar", "Ivory Coast": "Cote d'Ivoire",
    "Timor Leste": "Timor-Leste", "Macedonia": "North Macedonia", "Swaziland": "Eswatini",
    "Cape Verde": "Cabo Verde",
}
# States that ended before 2000 or were split: no terms of theirs are kept.
GONE = {"Soviet Union", "Yugoslavia", "Czechoslovakia", "Germany East", "Vietnam South", "Yemen South"}


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower().strip()


def gazetteer(path):
    text = open(path, encoding="utf-8").read()
    countries = {}
    for m in re.finditer(r'\(name: "([^"]+)", aliases: \[([^\]]*)\], demonyms:', text):
        name = m.group(1)
        countries[fold(name)] = name
        for a in re.findall(r'"([^"]+)"', m.group(2)):
            countries.setdefault(fold(a), name)
    people = {}
    for m in re.finditer(
        r'\(name: "([^"]+)", country: "([^"]+)", variants: \[([^\]]*)\], surnames: \[([^\]]*)\]', text
    ):
        name, country = m.group(1), m.group(2)
        spellings = {fold(name)} | {fold(v) for v in re.findall(r'"([^"]+)"', m.group(3))}
        short = {fold(s) for s in re.findall(r'"([^"]+)"', m.group(4))} | {fold(name.split()[-1])}
        people.setdefault(country, []).append((name, spellings, short))
    return countries, people


def person(reign_name, country, people):
    """The gazetteer's spelling of a REIGN leader, when one person of the country fits."""
    folded = fold(reign_name)
    candidates = people.get(country, [])
    whole = [n for n, spellings, _ in candidates if folded in spellings]
    if len(whole) == 1:
        return whole[0]
    last = folded.split()[-1] if folded else ""
    by_short = [n for n, _, short in candidates if folded in short or last in short]
    return by_short[0] if len(set(by_short)) == 1 else reign_name


def day(y, m, d):
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except (ValueError, TypeError):
        return None


def month_end(y, m):
    try:
        first = date(int(y), int(m), 1)
    except (ValueError, TypeError):
        return None
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def regimes(path):
    """cowcode -> [(start, end, country name, regime type)]."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            def iso(s):
                m, d, y = s.split("/")
                return day(y, m, d)
            out.setdefault(row["cowcode"], []).append(
                (iso(row["gwf_startdate"]), iso(row["gwf_enddate"]), row["gwf_country"], row["gwf_regimetype"].strip())
            )
    return out


def office_of(regime):
    if regime in HEAD_OF_GOVERNMENT:
        return "head-of-government"
    if regime in PARTY_LEADER:
        return "leader"
    return "head-of-state"


def dataset_terms(leaders_path, regime_path, countries, people):
    regs = regimes(regime_path)
    rows = list(csv.DictReader(open(leaders_path, encoding="cp1252", errors="replace")))
    by_country = {}
    for r in rows:
        start = day(r["syear"], r["smonth"], r["sdate"])
        if start:
            by_country.setdefault(r["ccode"], []).append((start, r))
    terms = []
    for ccode, spells in by_country.items():
        spells.sort(key=lambda s: s[0])
        periods = regs.get(ccode, [])
        for i, (start, r) in enumerate(spells):
            period = next((p for p in periods if p[0] <= start <= (p[1] or "9999")), None)
            if period is None or period[3] in SKIP:
                continue
            raw_country = COUNTRY_NAMES.get(period[2], period[2])
            country = countries.get(fold(raw_country))
            if country is None:
                if period[2] not in GONE:
                    print(f"no gazetteer country for {period[2]!r}", file=sys.stderr)
                continue
            following = spells[i + 1][0] if i + 1 < len(spells) else None
            end = following or (month_end(r["eyear"], r["emonth"]) and month_end(r["eyear"], r["emonth"]).isoformat())
            end = end or DATASET_END
            if end < FIRST_DAY:
                continue
            terms.append({
                "person": person(r["leader"], country, people), "country": country,
                "office": office_of(period[3]), "from": start, "to": end, "acting": False,
                "source": "REIGN leaderlist 3/21 (effective leader; office from the regime type)",
            })
    return terms


def corrections(path):
    lines = [l for l in open(path, encoding="utf-8") if l.strip() and not l.startswith("#")]
    out = []
    for row in csv.DictReader(lines, delimiter="\t"):
        out.append({
            "person": row["person"], "country": row["country"], "office": row["office"],
            "from": row["from"], "to": row["to"] or None, "acting": row["acting"] == "yes",
            "source": row["source"],
        })
    return out


def merge(data, ours):
    """Our lines replace the dataset's for the offices they cover, from their first start."""
    first = {}
    for t in ours:
        key = (t["country"], t["office"])
        first[key] = min(first.get(key, t["from"]), t["from"])
    kept = []
    for t in data:
        cut = first.get((t["country"], t["office"]))
        if cut is None:
            kept.append(t)
        elif t["from"] < cut:
            kept.append(dict(t, to=min(t["to"] or cut, cut)))
    return kept + ours


def ron(terms):
    def s(v):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    out = [
        "// Terms of office: who held which office when. GENERATED by tools/terms/build_terms.py",
        "// from REIGN (MIT; the effective leader of every country to March 2021) and",
        "// tools/terms/corrections.tsv (our own lines, each naming its source). Do not edit by",
        "// hand: correct tools/terms/corrections.tsv and run the tool again. `to: None`: in office.",
        "(",
        "    terms: [",
    ]
    for t in sorted(terms, key=lambda t: (t["country"], t["office"], t["from"])):
        to = f"Some({s(t['to'])})" if t["to"] else "None"
        out.append(
            f"        (person: {s(t['person'])}, country: {s(t['country'])}, office: {t['office'].replace('-', '_')}, "
            f"from: {s(t['from'])}, to: {to}, acting: {str(t['acting']).lower()}, source: {s(t['source'])}),"
        )
    out += ["    ],", ")"]
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    root = __file__.rsplit("/tools/", 1)[0] if "/tools/" in __file__ else "."
    countries, people = gazetteer(f"{root}/assets/gazetteer.ron")
    data = dataset_terms(sys.argv[1], sys.argv[2], countries, people)
    ours = corrections(f"{root}/tools/terms/corrections.tsv")
    sys.stdout.write(ron(merge(data, ours)))


if __name__ == "__main__":
    main()
