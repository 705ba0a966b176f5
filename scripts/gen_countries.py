#!/usr/bin/env python3
"""Generate rules/countries.toml: the 193 UN member states with their Arabic
and English names from Unicode CLDR, and check the actor rules for forms
listed under two actors.

Usage (from the repository root):

    pip install -r scripts/requirements.txt   # babel==2.18.0 (CLDR 47)
    python3 scripts/gen_countries.py          # writes rules/countries.toml
    python3 scripts/gen_countries.py --check  # reports forms under two actors

Names come from the CLDR territory display names that the `babel` package
ships (pinned in scripts/requirements.txt so the output is reproducible).
babel's CLDR import keeps only the main name of each territory and drops
CLDR's `alt="variant"` / `alt="short"` alternates, so alternates such as
"Ivory Coast" or "Burma" are either derived here (see `split_name`) or
written by hand in rules/actors.toml.

The generated file is only names. Capitals, nationality adjectives and news
spelling variants are hand data in rules/actors.toml; the tool merges the two
files by country id (see `Gazetteer::load` in src/extract/entities.rs).

The output is deterministic: countries sorted by id, names in a fixed order.
Only the Python standard library and babel are used.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "rules" / "countries.toml"
ACTORS = ROOT / "rules" / "actors.toml"
PLACES = ROOT / "rules" / "places.toml"
BABEL_VERSION = "2.18.0"

# The 193 member states of the United Nations, as ISO 3166-1 alpha-2 codes.
# Source: "UN member states list" (United Nations, Member States,
# un.org/en/about-us/member-states; 193 members since South Sudan joined in
# 2011). Observer states (Holy See VA, State of Palestine PS) are not members.
UN_MEMBERS = """
AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT
BW BY BZ CA CD CF CG CH CI CL CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC
EE EG ER ES ET FI FJ FM FR GA GB GD GE GH GM GN GQ GR GT GW GY HN HR HT HU
ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KI KM KN KP KR KW KZ LA LB LC LI
LK LR LS LT LU LV LY MA MC MD ME MG MH MK ML MM MN MR MT MU MV MW MX MY MZ
NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL PT PW PY QA RO RS RU RW SA
SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ TL TM TN TO
TR TT TV TZ UA UG US UY UZ VC VE VN VU WS YE ZA ZM ZW
""".split()

# CLDR names left out of the generated file, by (id, language, name), because
# they are ordinary words or would be read wrongly; the comment says why.
# (Names already given to another actor or place in actors.toml/places.toml
# are skipped by the loader itself, so they need no entry here.)
EXCLUDE: dict[tuple[str, str, str], str] = {
    # "عمان" is both Oman (عُمان) and Amman (عمّان); actors.toml gives the
    # bare form to Oman on purpose, so the CLDR spelling adds nothing.
}


def strip_accents(s: str) -> str:
    """'Côte d’Ivoire' -> 'Cote d’Ivoire', 'Türkiye' -> 'Turkiye'."""
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def split_name(name: str, lang: str) -> list[str]:
    """The forms news would write for one CLDR display name.

    CLDR display names are made for menus, not running text:
      * "Myanmar (Burma)" -> "Myanmar", "Burma" (the bracket is an alternate);
      * "Congo - Kinshasa", "تيمور - ليشتي" -> the dash dropped;
      * English "&" -> "and" ("Bosnia & Herzegovina"), "St." also as "Saint",
        a hyphen also as a space ("Timor-Leste", "Timor Leste");
      * English names with accents also without them ("Türkiye" -> "Turkiye").
    """
    parts = [name]
    m = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    if m:
        parts = [m.group(1), m.group(2)]
    out: list[str] = []
    for p in parts:
        p = re.sub(r"\s+-\s+", " ", p).strip()
        forms = [p]
        if lang == "en":
            p = p.replace(" & ", " and ")
            forms = [p]
            if p.startswith("St. "):
                forms.append("Saint " + p[4:])
            if "-" in p:
                # "Timor-Leste" is also written "Timor Leste".
                forms.append(p.replace("-", " "))
            forms += [strip_accents(f) for f in forms]
        for f in forms:
            if f not in out:
                out.append(f)
    return out


def cldr_names() -> tuple[str, dict[str, dict[str, list[str]]]]:
    try:
        import babel
        from babel import Locale
    except ImportError:
        sys.exit(f"babel is needed: pip install babel=={BABEL_VERSION}")
    if babel.__version__ != BABEL_VERSION:
        sys.exit(f"babel {babel.__version__} found; the output is pinned to babel=={BABEL_VERSION}")
    from babel.core import get_cldr_version

    en, ar = Locale("en").territories, Locale("ar").territories
    names: dict[str, dict[str, list[str]]] = {}
    for code in sorted(UN_MEMBERS):
        entry = {}
        for lang, table in (("en", en), ("ar", ar)):
            forms = [f for f in split_name(table[code], lang) if (code, lang, f) not in EXCLUDE]
            entry[lang] = forms
        names[code] = entry
    return str(get_cldr_version()), names


def toml_list(items: list[str]) -> str:
    return "[" + ", ".join(toml_str(s) for s in items) + "]"


def toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate() -> None:
    assert len(UN_MEMBERS) == 193 and len(set(UN_MEMBERS)) == 193, len(UN_MEMBERS)
    cldr, names = cldr_names()
    lines = [
        "# GENERATED FILE - do not edit by hand.",
        "#",
        "# countries.toml - the 193 UN member states with their names from Unicode",
        f"# CLDR {cldr} (territory display names, locales `ar` and `en`), as shipped by",
        f"# the Python package babel {BABEL_VERSION}.",
        "#",
        "# Regenerate from the repository root with:",
        f"#   pip install babel=={BABEL_VERSION} && python3 scripts/gen_countries.py",
        "#",
        "# claimcheck merges this file with actors.toml by `id`: these names are",
        "# added to the hand-written country of the same id (a name that is already",
        "# a form of any actor or place is skipped), and a member that actors.toml",
        "# lacks becomes a country with these names only. Capitals, adjectives and",
        "# news spelling variants belong in actors.toml, not here.",
        "#",
        "#   id       ISO 3166-1 alpha-2 code",
        "#   en       English display name (CLDR)",
        "#   ar       Arabic name(s) (CLDR), as news would write them",
        "#   en_names English name(s) (CLDR, with '&' as 'and', accents optional)",
        "",
        f'cldr_version = "{cldr}"',
        "",
        "# The UN member states (ISO 3166-1 alpha-2), 193 codes.",
        "un_members = [",
    ]
    codes = sorted(UN_MEMBERS)
    for i in range(0, len(codes), 16):
        lines.append("    " + ", ".join(toml_str(c) for c in codes[i : i + 16]) + ",")
    lines.append("]")
    for code in codes:
        n = names[code]
        lines += [
            "",
            "[[country]]",
            f"id = {toml_str(code)}",
            f"en = {toml_str(n['en'][0])}",
            f"ar = {toml_list(n['ar'])}",
            f"en_names = {toml_list(n['en'])}",
        ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(codes)} countries, CLDR {cldr}, babel {BABEL_VERSION}")


# ----------------------------------------------------------------- --check

_DROP = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\ufeff\u00ad]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ة": "ه", "ک": "ك"})


def norm(s: str) -> str:
    """The tool's normalisation (src/text/normalize.rs), for comparing forms."""
    s = _DROP.sub("", s).translate(_FOLD)
    s = "".join(c.lower() if "A" <= c <= "Z" else c for c in s)
    return " ".join(s.split())


def adjective_forms(base: str) -> list[str]:
    """The regular inflections the tool derives (entities.rs `adjective_forms`)."""
    b = norm(base)
    return [b] + [b + s for s in ("ه", "ون", "ين", "ان", "تان", "تين", "ات", "ا")]


def check() -> int:
    actors = tomllib.loads(ACTORS.read_text(encoding="utf-8"))
    places = tomllib.loads(PLACES.read_text(encoding="utf-8"))
    generated = tomllib.loads(OUT.read_text(encoding="utf-8"))
    owners: dict[str, set[str]] = {}
    not_actor = {norm(w) for w in actors.get("not_actor", [])}

    def own(form: str, who: str) -> None:
        owners.setdefault(norm(form), set()).add(who)

    for c in actors.get("country", []):
        who = c["id"]
        for key in ("ar", "capital", "adjective_irregular", "en_names", "en_adjective", "en_capital"):
            for f in c.get(key, []):
                own(f, who)
        for a in c.get("adjective", []):
            for f in adjective_forms(a):
                own(f, who)
    for o in actors.get("organisation", []):
        for f in o.get("ar", []) + o.get("en_names", []):
            own(f, o["id"])
    for i in actors.get("institution", []):
        for f in i.get("ar", []) + i.get("en_names", []):
            own(f, i["actor"])
    for p in places.get("place", []) + places.get("region", []):
        for f in p.get("ar", []) + p.get("en_names", []) + [p["en"]]:
            own(f, "place:" + p["id"])

    problems = 0
    for form, who in sorted(owners.items()):
        actors_of = {w for w in who if not w.startswith("place:")}
        if len(actors_of) > 1 or (actors_of and len(who) > len(actors_of)):
            # A capital may share its name with nothing; a place may repeat
            # its own English name (`en` and `en_names`), so one owner is fine.
            problems += 1
            print(f"DUPLICATE {form!r}: {', '.join(sorted(who))}")
    hand_ids = {c["id"] for c in actors.get("country", [])}
    skipped = added = 0
    for c in generated["country"]:
        for f in c["ar"] + c["en_names"]:
            who = owners.get(norm(f), set())
            if norm(f) in not_actor:
                print(f"note: {c['id']} CLDR name {f!r} is in not_actor")
            elif who and who != {c["id"]}:
                skipped += 1
                print(f"note: {c['id']} CLDR name {f!r} skipped by the loader (already {', '.join(sorted(who))})")
            elif not who:
                added += 1
    missing = [m for m in generated["un_members"] if m not in hand_ids]
    print(
        f"{len(hand_ids)} hand-written countries, {len(generated['un_members'])} UN members "
        f"({len(missing)} without hand data: {' '.join(missing) or '-'}); "
        f"{added} CLDR names added, {skipped} skipped; {problems} duplicate form(s)"
    )
    return 1 if problems else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="report forms listed under two actors; write nothing")
    args = ap.parse_args()
    if args.check:
        return check()
    generate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
