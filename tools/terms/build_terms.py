#!/usr/bin/env python3
"""Build assets/terms.ron, the terms of office dossier resolves titles with.

Usage (from the repository root, with the sources cloned, see below):

    python3 tools/terms/build_terms.py --reign REIGN --leaders WORLD_LEADERS_2021 \
        --ministers EP_WORLD --current WORLD_LEADERS_CURRENT > assets/terms.ron

Each argument is a git clone (a bare one will do), read at every version of its data file,
so that a change between two snapshots dates a handover:
- REIGN: https://github.com/OEFDataScience/REIGN.github.io (MIT, Bell, Besaw and Frank,
  OEF Research), `data_sets/leaderlist_3_21.csv` and `data_sets/regime_list.csv`: the
  effective leader of every country, 1950 to March 2021, and the regime type. The effective
  leader of a parliamentary regime is taken as head of government, of a party-based one as
  the party's leader, of any other as head of state.
- WORLD_LEADERS_2021: https://github.com/every-politician-scrapers/world-leaders-2021 (CC0),
  `data/wikidata.csv`: Wikidata's heads of state and of government of every country with
  start and end years, snapshots from August 2021 to October 2022. A holder who appears
  between two snapshots took office by the later one.
- EP_WORLD: https://github.com/every-politician-scrapers/world (CC0),
  `sources/foreign/scraped.csv`: every country's foreign minister with the day they took
  office (from Wikipedia's List of current foreign ministers), August to December 2022.
- WORLD_LEADERS_CURRENT: https://github.com/open-data-archive/world-leaders-current
  (CC BY-SA 4.0), `data/countries/*/current.json`: heads of state and of government of 31
  countries and unions with the day they took office, snapshot of August 2026.
- tools/terms/corrections.tsv: our own lines, each naming its source.

Later sources win over earlier ones: for a (country, office), a source's terms replace an
earlier source's from its first start on, and corrections.tsv wins over all. Names are
mapped onto assets/gazetteer.ron's spellings where the gazetteer knows the person; terms
ending before 2000 are left out; a term no source follows to its end ends where its last
source stops, since who came next is not known from it.
"""
import argparse
import csv
import glob
import io
import json
import subprocess
import re
import sys
import unicodedata
from datetime import date, timedelta

REIGN_END = "2021-03-31"
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
    "Cape Verde": "Cabo Verde", "Republic of China (Taiwan)": "Taiwan",
    "Republic of China": "Taiwan", "Vatican City": "Vatican", "Gambia, The": "Gambia",
    "Congo, Democratic Republic of the": "Democratic Republic of the Congo",
    "Congo, Republic of the": "Republic of the Congo",
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


def person(raw_name, country, people):
    """The gazetteer's spelling of a source's name, when one person of the country fits:
    by a whole name or variant, else by family name (REIGN writes "Zedillo"), a given name
    written out having to start as the gazetteer's does (not Aissata Tall Sall for Macky
    Sall)."""
    folded = fold(raw_name)
    candidates = people.get(country, [])
    whole = [n for n, spellings, _ in candidates if folded in spellings]
    if len(whole) == 1:
        return whole[0]
    words = folded.split()
    last = words[-1] if words else ""

    def fits(n, short):
        theirs = set(fold(n).replace(".", "").split())
        if len(words) > 1 and (set(words) <= theirs or theirs <= set(words)):
            return True  # "Bambang Yudhoyono", "Arturs Krisjanis Karins"
        if folded not in short and last not in short:
            return False
        return len(words) < 2 or fold(n)[:1] == words[0][:1]
    by_short = [n for n, _, short in candidates if fits(n, short)]
    # A family name several people of the country share (Al Thani, Kabila) names nobody.
    sharing = {n for n, _, short in candidates if last in short}
    if len(set(by_short)) == 1 and (len(sharing) <= 1 or by_short[0] not in sharing):
        return by_short[0]
    return raw_name


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


def regimes(text):
    """cowcode -> [(start, end, country name, regime type)]."""
    def iso(s):
        m, d, y = s.split("/")
        return day(y, m, d)

    out = {}
    for row in csv.DictReader(io.StringIO(text)):
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


def reign_terms(repo, countries, people):
    """REIGN's effective leaders, each as the office its regime type implies."""
    regs = regimes(git_show(repo, "data_sets/regime_list.csv").decode("utf-8", "replace"))
    leaders = git_show(repo, "data_sets/leaderlist_3_21.csv").decode("cp1252", "replace")
    rows = list(csv.DictReader(io.StringIO(leaders)))
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
            end = end or REIGN_END
            if end < FIRST_DAY:
                continue
            terms.append({
                "person": person(r["leader"], country, people), "country": country,
                "office": office_of(period[3]), "from": start, "to": end, "acting": False,
                "source": "REIGN leaderlist 3/21 (effective leader; office from the regime type)",
            })
    return terms


def git_show(repo, path, commit="HEAD"):
    return subprocess.run(["git", "-C", repo, "show", f"{commit}:{path}"], capture_output=True, check=True).stdout


def git_versions(repo, path):
    """(day, text) of every version of `path` in the clone `repo`, oldest first."""
    log = subprocess.run(
        ["git", "-C", repo, "log", "--format=%H %cs", "--", path], capture_output=True, text=True, check=True
    ).stdout.split()
    pairs = list(zip(log[0::2], log[1::2]))
    return [(d, git_show(repo, path, c).decode("utf-8", "replace")) for c, d in reversed(pairs)]


def runs(versions, current):
    """Each (country, office, person) `current(text)` lists: its start hint, the first
    snapshot it is in, and whether that is the first snapshot of all."""
    seen = {}
    for d, text in versions:
        for key, hint in current(text).items():
            seen.setdefault(key, (d, hint))
    for key, (first, hint) in seen.items():
        yield key, first, hint, first == versions[0][0]


# Wikidata's position labels: which of our offices each names, or None to leave it out
# (an office held by several people at once, or a representative of the head of state).
POSITION_SKIP = ("governor-general", "member of the swiss federal council", "captain regent", "french co-prince",
                 "governorate")
POSITION_HOG = ("prime minister", "premier", "chancellor", "taoiseach", "chief minister", "minister of state",
                "executive yuan",
                "chairman of the council of ministers")
POSITION_LEADER = ("supreme leader",)


def position_office(label):
    label = label.lower()
    if any(k in label for k in POSITION_SKIP):
        return None
    if any(k in label for k in POSITION_HOG):
        return "head-of-government"
    if any(k in label for k in POSITION_LEADER):
        return "leader"
    return "head-of-state"


def country_of(name, countries):
    return countries.get(fold(COUNTRY_NAMES.get(name, name)))


def snapshot_terms(versions, current, source, countries, people, until):
    """Terms from dated snapshots of who is in office. A holder present from the first
    snapshot starts on their start hint (a day, or a year: then January 1st, marked);
    one who appears later took office by that snapshot, or on their start hint if that is
    a day."""
    terms = []
    unknown = set()
    for (raw_country, office, name), first, hint, from_start in runs(versions, current):
        country = country_of(raw_country, countries)
        if country is None:
            unknown.add(raw_country)
            continue
        approximate = False
        if hint and len(hint) == 10:
            start = hint
        elif from_start and hint:
            start, approximate = f"{hint}-01-01", True
        else:
            start = first
        terms.append({
            "person": person(name, country, people), "country": country, "office": office,
            # Only a successor ends a term: a holder missing from a snapshot with nobody in
            # their place is a gap in the data, not a vacancy.
            "from": start, "to": until, "acting": False,
            "source": source + (" (start: year only)" if approximate else ""), "approximate": approximate,
        })
    for c in sorted(unknown):
        print(f"{source}: no gazetteer country for {c!r}", file=sys.stderr)
    return handovers(terms)


def handovers(terms):
    """Within one source, a term ends where the next holder of its office starts."""
    by_office = {}
    for t in terms:
        by_office.setdefault((t["country"], t["office"]), []).append(t)
    out = []
    for ts in by_office.values():
        ts.sort(key=lambda t: t["from"])
        for a, b in zip(ts, ts[1:]):
            if a["to"] is None or a["to"] > b["from"]:
                a["to"] = b["from"]
        joined = []
        for t in (t for t in ts if t["to"] is None or t["to"] > t["from"]):
            # One person under two spellings in successive snapshots is one term.
            if joined and joined[-1]["person"] == t["person"] and joined[-1]["to"] == t["from"]:
                joined[-1]["to"] = t["to"]
            else:
                joined.append(t)
        out += joined
    return out


# Statements of Wikidata left out: (country as Wikidata names it, holder) -> why.
EXCLUDED = {
    ("Venezuela", "Juan Guaidó"): "interim president recognised by some states in 2019-2023; "
                                  "reports' Venezuelan president is Maduro",
    ("East Timor", "Ulrich Matthes"): "a vandalised statement (an actor listed as president)",
}


def leaders_2021(repo, countries, people):
    def current(text):
        latest = {}
        for r in csv.DictReader(io.StringIO(text)):
            # The first snapshots name their columns otherwise.
            country = r.get("countryItemLabel") or r["country"]
            office = position_office(r.get("positionLabel") or r.get("positionItemLabel") or "")
            name = r.get("officeholderLabel") or r.get("officeholderItemLabel") or ""
            start = r["start_year"] or "0000"
            # A few holders with no end recorded are centuries old: left out.
            if not office or r["end_year"] or start < "1940" or not name or re.fullmatch(r"Q\d+", name):
                continue
            if (country, name) in EXCLUDED:
                continue
            # Two holders at once: a predecessor whose end is not recorded yet.
            if start >= latest.get((country, office), ("", ""))[1]:
                latest[(country, office)] = (name, start)
        return {(c, o, name): start for (c, o), (name, start) in latest.items()}
    versions = git_versions(repo, "data/wikidata.csv")
    source = "Wikidata via every-politician-scrapers/world-leaders-2021 (CC0)"
    return snapshot_terms(versions, current, source, countries, people, until=versions[-1][0])


def foreign_ministers_2022(repo, countries, people):
    def current(text):
        out = {}
        for r in csv.DictReader(io.StringIO(text)):
            name = r.get("name") or r.get("personLabel")
            if name and re.fullmatch(r"\d{4}-\d\d-\d\d", r["start"] or ""):
                out[(r["countryLabel"], "foreign-minister", name)] = r["start"]
        return out
    versions = git_versions(repo, "sources/foreign/scraped.csv")
    source = "Wikipedia: List of current foreign ministers, via every-politician-scrapers/world (CC0)"
    return snapshot_terms(versions, current, source, countries, people, until=versions[-1][0])


def current_2026(repo, countries, people):
    """Heads of state and government in office at the snapshot, from the day they took office."""
    listing = subprocess.run(["git", "-C", repo, "ls-tree", "--name-only", "HEAD", "data/countries/"],
                             capture_output=True, text=True, check=True).stdout.split()
    terms = []
    for folder in listing:
        try:
            data = json.loads(git_show(repo, f"{folder}/current.json"))
        except subprocess.CalledProcessError:
            continue
        country = country_of(data["country"]["name_en"], countries)
        if country is None or fold(country) in {"european union", "african union"}:
            continue
        head = ((data["positions"].get("head_of_state") or {}).get("current_holder") or {}).get("name_en")
        for key, office in (("head_of_state", "head-of-state"), ("head_of_government", "head-of-government")):
            holder = (data["positions"].get(key) or {}).get("current_holder") or {}
            if office == "head-of-government" and holder.get("name_en") == head:
                continue  # a president who heads the government: one office, as titles name it
            since = holder.get("since") or ""
            if holder.get("name_en") and re.fullmatch(r"\d{4}-\d\d-\d\d", since):
                terms.append({
                    "person": person(holder["name_en"], country, people), "country": country, "office": office,
                    "from": since, "to": None, "acting": False,
                    "source": f"Wikipedia and Wikidata via open-data-archive/world-leaders-current, {data['snapshot_date']} (CC BY-SA 4.0)",
                })
    return terms


def refine_starts(terms, others):
    """A year-only start takes the day another source gives the same person that year."""
    for t in terms:
        if not t.pop("approximate", False):
            continue
        year = t["from"][:4]
        for e in others:
            if e["country"] == t["country"] and e["from"][:4] == year and same_person(e["person"], t["person"]):
                t["from"] = e["from"]
                t["source"] = t["source"].replace(" (start: year only)", "") + "; start day from " + e["source"]
                break
    return terms


def same_person(a, b):
    return fold(a) == fold(b) or fold(a).split()[-1:] == fold(b).split()[-1:]


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


def join_successive(terms):
    """One person's terms in one office that follow each other (one source taking over
    from another) become one term naming both sources."""
    out = []
    for t in sorted(terms, key=lambda t: (t["country"], t["office"], t["from"])):
        last = out[-1] if out else None
        if last and (last["country"], last["office"], last["person"]) == (t["country"], t["office"], t["person"]) \
                and last["to"] == t["from"] and last["acting"] == t["acting"]:
            last["to"] = t["to"]
            if t["source"] not in last["source"]:
                last["source"] += "; " + t["source"]
        else:
            out.append(dict(t))
    return out


def disagreements(ours, later):
    """Our open-ended lines that a newer source says have ended: to be corrected by hand."""
    for t in ours:
        if t["to"] is None:
            for l in later:
                if (l["country"], l["office"]) == (t["country"], t["office"]) and l["from"] > t["from"] \
                        and not same_person(l["person"], t["person"]):
                    print(f"corrections.tsv: {t['person']} ({t['country']} {t['office']}) is open, but "
                          f"{l['person']} holds it from {l['from']} ({l['source']})", file=sys.stderr)


def main():
    args = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for name in ("reign", "leaders", "ministers", "current"):
        args.add_argument(f"--{name}", required=True, metavar="GIT_CLONE")
    args = args.parse_args()
    root = __file__.rsplit("/tools/", 1)[0] if "/tools/" in __file__ else "."
    countries, people = gazetteer(f"{root}/assets/gazetteer.ron")
    reign = reign_terms(args.reign, countries, people)
    current = current_2026(args.current, countries, people)
    ours = corrections(f"{root}/tools/terms/corrections.tsv")
    layers = [
        refine_starts(leaders_2021(args.leaders, countries, people), reign + current + ours),
        foreign_ministers_2022(args.ministers, countries, people),
        current,
    ]
    disagreements(ours, [t for layer in layers for t in layer])
    terms = reign
    for layer in layers + [ours]:
        terms = merge(terms, layer)
    sys.stdout.write(ron(join_successive(terms)))


if __name__ == "__main__":
    main()
