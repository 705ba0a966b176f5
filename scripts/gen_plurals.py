#!/usr/bin/env python3
"""Generate a plural -> singular lexicon (plurals.tsv) from Arramooz.

Source: the PyPI package `arramooz-pysqlite` (Arramooz Alwaseet Arabic
dictionary by Taha Zerrouki, data collected by Mohamed Kebdani for Ayaspell),
read from its bundled SQLite file `arramooz/data/arabicdictionary.sqlite`,
table `nouns` only (no verbs).

LICENCE WARNING: the package metadata says `License: GPL` and its LICENSE file
is the GNU GPL version 3. The generated plurals.tsv is data derived from
it and says so in its header; this project is MIT OR Apache-2.0, so whether
the derived file is not shipped: it is generated locally and used with --rules.

Needs, installed beforehand (this script installs nothing):

    pip install arramooz-pysqlite==0.4.2

(the package's own dependency pyarabic is not used here; `--no-deps` is fine).
Then, from the repository root:

    python3 scripts/gen_plurals.py            # writes target/plurals-arramooz/plurals.tsv
    claimcheck check --rules target/plurals-arramooz PATH...   # use it in place of the built-in list
    python3 scripts/gen_plurals.py --db PATH  # use a given arabicdictionary.sqlite

What goes in:
  * broken plurals listed on singular rows (column `broken_plural`, items
    separated by `;`; editorial notes in brackets or after the word are cut,
    an item that is not one plain word, or two joined by "و", is skipped);
  * rows that are themselves broken plurals (`number` = جمع تكسير) with their
    singular in column `single`;
  * sound plurals: the source marks a singular as taking the feminine sound
    plural (`feminin_plural` = 1) or the masculine one (`masculin_plural` = 1)
    without writing the form. They are spelled here by the regular rule only
    (…ة -> …ات, otherwise +ات; +ون and +ين), and not at all for stems ending
    in ى, ا, اء, or marked mankous (ي), whose plurals are irregular. A spelled
    form that is itself a singular noun in the dictionary is left out.
Every form is unvowelled: tashkeel, dagger alif, Quranic marks, tatweel and
bidi marks are removed; hamza forms are kept as written. Pairs where plural ==
singular are dropped; a plural that maps to more than one distinct (unvowelled)
singular is dropped as ambiguous, and the header says how many; before that
test, a form the source lists as a broken plural ignores rule-spelled
candidates, and a rule-spelled Xات prefers the singular Xة over X.
"""

import argparse
import collections
import os
import re
import sqlite3
import sys

PACKAGE = "arramooz-pysqlite"

DIACRITICS = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c-\u200f\u202a-\u202e]"
)
WORD = re.compile("^[\u0621-\u063a\u0641-\u064a]{2,}$")
# Words that open an editorial note rather than name a plural.
NOTE_WORDS = {"مؤنث", "مذكر", "واحدة", "مثنى", "جمع", "مفرد", "عدد", "جج", "ج", "ن"}


def strip(s):
    return DIACRITICS.sub("", s or "").strip()


def plural_items(field):
    """Plain plural words out of a `broken_plural` field; (words, skipped)."""
    words, skipped = [], 0
    for item in (field or "").split(";"):
        item = strip(item)
        if not item:
            continue
        item = re.sub(r"[(\[].*$", "", item)  # bracketed notes
        item = re.sub(r"جج:?\s*$", "", item)  # "plural of plural" mark
        item = re.sub(r"^(\+?ات|\+ون|ج)\s+", "", item).strip()  # "+ات X": X
        toks = item.split()
        if len(toks) == 3 and toks[1] == "و":
            toks = [toks[0], toks[2]]
        elif len(toks) == 2 and toks[1].startswith("و") and WORD.match(toks[1][1:]):
            toks = [toks[0], toks[1][1:]]  # "خواتم وخواتيم"
        if toks and all(WORD.match(t) and t not in NOTE_WORDS for t in toks) and len(toks) <= 2:
            words.extend(toks)
        else:
            skipped += 1
    return words, skipped


def sound_plurals(sing, fem, masc, mankous):
    out = []
    if mankous or sing.endswith(("ى", "ا", "اء")):
        return out
    if fem:
        out.append(sing[:-1] + "ات" if sing.endswith("ة") else sing + "ات")
    if masc and not sing.endswith("ة"):
        out += [sing + "ون", sing + "ين"]
    return out


def default_db():
    try:
        import arramooz  # noqa: F401
    except ImportError:
        sys.exit(f"{PACKAGE} is not installed: pip install {PACKAGE}==0.4.2, or pass --db")
    return os.path.join(os.path.dirname(arramooz.__file__), "data", "arabicdictionary.sqlite")


def package_meta():
    try:
        from importlib import metadata

        md = metadata.metadata(PACKAGE)
        return md["Version"], md.get("License", "?")
    except Exception:
        return "?", "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", help="path to arramooz/data/arabicdictionary.sqlite")
    ap.add_argument("--version", help="source version to name in the header")
    ap.add_argument("--licence", help="source licence to name in the header")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "target", "plurals-arramooz", "plurals.tsv"))
    args = ap.parse_args()
    db = args.db or default_db()
    version, licence = package_meta()
    version = args.version or version
    licence = args.licence or licence

    con = sqlite3.connect(db)
    singular_forms = {
        strip(u)
        for (u,) in con.execute("SELECT unvocalized FROM nouns WHERE number = 'مفرد'")
    }
    broken = collections.defaultdict(set)  # plural -> singulars
    sound = collections.defaultdict(set)
    skipped_items = 0
    sound_collisions = set()

    rows = con.execute(
        "SELECT vocalized, number, single, broken_plural, feminin_plural, "
        "masculin_plural, mankous FROM nouns"
    )
    for voc, number, single, bp, fem, masc, mankous in rows:
        form = strip(voc)
        if not WORD.match(form):
            continue
        if number == "جمع تكسير":
            words, sk = plural_items(single)
            skipped_items += sk
            if len(words) == 1:
                broken[form].add(words[0])
            continue
        if number != "مفرد":
            continue
        words, sk = plural_items(bp)
        skipped_items += sk
        for w in words:
            broken[w].add(form)
        for w in sound_plurals(form, fem == 1, masc == 1, mankous == 1):
            if w in singular_forms:
                sound_collisions.add(w)
            else:
                sound[w].add(form)

    pairs, ambiguous = {}, []
    kinds = collections.Counter()
    for plural in sorted(set(broken) | set(sound)):
        # The source's own listings win over rule-spelled sound plurals; among
        # rule-spelled ones, Xات is the plural of Xة rather than of X.
        sings = set(broken.get(plural, ())) - {plural}
        if not sings:
            sings = set(sound.get(plural, ())) - {plural}
            if plural[:-2] + "ة" in sings:
                sings = {plural[:-2] + "ة"}
        if not sings:
            continue
        if len(sings) > 1:
            ambiguous.append(plural)
            continue
        pairs[plural] = next(iter(sings))
        kinds["broken" if plural in broken else "sound"] += 1

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(
            "# plural<TAB>singular lemma, unvowelled Arabic; generated, do not edit by hand.\n"
            f"# source: PyPI {PACKAGE} {version} (Arramooz Alwaseet dictionary, nouns table of\n"
            "#   arramooz/data/arabicdictionary.sqlite), by Taha Zerrouki; data by Mohamed Kebdani (Ayaspell)\n"
            f"# source licence: \"{licence}\" (package metadata; its LICENSE file is the GNU GPL version 3).\n"
            "#   This file is derived from that data: see README, \"Broken plurals\".\n"
            f"# generated by: pip install {PACKAGE}=={version} && python3 scripts/gen_plurals.py\n"
            f"# entries: {len(pairs)} ({kinds['broken']} broken plurals from the source,"
            f" {kinds['sound']} sound plurals spelled by rule from the source's plural flags)\n"
            "# precedence: a form the source lists as a broken plural ignores rule-spelled\n"
            "#   candidates; a rule-spelled Xات prefers the singular Xة over X\n"
            f"# dropped: {len(ambiguous)} plural forms mapping to more than one distinct singular;"
            f" {len(sound_collisions)} rule-spelled sound plurals that are a singular noun themselves;"
            f" {skipped_items} source plural items that were notes, not one plain word\n"
        )
        for plural in sorted(pairs):
            f.write(f"{plural}\t{pairs[plural]}\n")
    print(
        f"wrote {args.out}: {len(pairs)} entries, {len(ambiguous)} ambiguous dropped,"
        f" {len(sound_collisions)} sound collisions dropped, {skipped_items} note items skipped",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
