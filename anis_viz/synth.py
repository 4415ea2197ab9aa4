"""A seeded generator of synthetic, valid data packages, for benchmarks and scale tests.

``generate(out, scale=10, seed=1)`` writes a package that keeps the data contract
(``docs/DATA_CONTRACT.md``; descriptor from :mod:`anis_viz.contract`) at a chosen size:
N actors, M relations, E events, T themes over Y years in K eras. The graph looks like a
real one: degrees are heavy-tailed (preferential attachment), actors cluster in
communities of unequal sizes (most ties stay inside), and ties start and end across every
era; events grow denser with time, themes rise and fall. Quotes keep the contract's limit.

Scale 1 is about the embedded package (~70 actors, 80 relations, 40 events, 25 themes over
20 years, 3 eras); scale 100 is ~5,000 actors, 20,000 relations, 10,000 events and 200
themes over 50 years; other scales are interpolated on a log scale.

    python -m anis_viz.synth OUT --scale 10 --seed 1 [--actors N --relations M ...]
"""

from __future__ import annotations

import argparse
import bisect
import csv
import math
import random
import shutil
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from anis_viz import contract

__all__ = ["Size", "size_for", "generate", "main"]

LAST_YEAR = 2017  # the synthetic histories all end here: dates stay plausible
QUOTE_MAX = contract.QUOTE_MAX


@dataclass(frozen=True)
class Size:
    actors: int
    relations: int
    events: int
    themes: int
    years: int
    eras: int
    sections: int
    mentions: int

    def rows(self) -> int:
        return self.actors + self.relations + self.events + self.mentions


SCALE_1 = Size(actors=70, relations=80, events=40, themes=25, years=20, eras=3, sections=24,
               mentions=120)
SCALE_100 = Size(actors=5000, relations=20000, events=10000, themes=200, years=50, eras=6,
                 sections=240, mentions=20000)


def size_for(scale: float, **overrides: int) -> Size:
    """The size at ``scale`` (1: the embedded data, 100: ~5k actors), log-interpolated
    between the two anchors; keyword arguments override single counts."""
    share = math.log10(max(scale, 0.01)) / 2  # 0 at 1x, 1 at 100x
    counts = {}
    for name, low in asdict(SCALE_1).items():
        high = getattr(SCALE_100, name)
        counts[name] = max(1, round(low * (high / low) ** share))
    counts["actors"] = max(counts["actors"], 4)
    counts["years"] = max(counts["years"], 3)
    counts["eras"] = max(1, min(counts["eras"], counts["years"] - 1))
    size = Size(**counts)
    return replace(size, **{k: int(v) for k, v in overrides.items() if v is not None})


# -- words --------------------------------------------------------------------------------

FIRST = ["Anne", "Bruno", "Claire", "David", "Emma", "Farid", "Gaëlle", "Hugo", "Inès", "Jean",
         "Karim", "Léa", "Marc", "Nadia", "Olivier", "Pauline", "Quentin", "Rachid", "Sophie",
         "Thomas", "Ursula", "Victor", "Wassila", "Yann", "Zoé", "Lucie", "Malik", "Chloé"]
LAST = ["Martin", "Bernard", "Dubois", "Durand", "Lefebvre", "Moreau", "Laurent", "Simon",
        "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel",
        "Girard", "Andre", "Mercier", "Dupont", "Lambert", "Bonnet", "Francois", "Legrand"]
PLACES = ["Lille", "Roubaix", "Tourcoing", "Arras", "Lens", "Douai", "Valenciennes", "Calais",
          "Dunkerque", "Amiens", "Béthune", "Cambrai", "Maubeuge", "Boulogne", "Saint-Omer",
          "Armentières", "Hazebrouck", "Wattrelos", "Villeneuve", "Liévin"]
STEMS = ["Numérique", "Solidaire", "Commun", "Atelier", "Réseau", "Fabrique", "Lien", "Savoirs",
         "Voisins", "Écran", "Code", "Médiation", "Tiers-lieu", "Coopérative", "Archipel",
         "Passerelle", "Horizon", "Ruche", "Forum", "Trame"]
KIND_WORDS = {
    "organisation": ("Association", "Association"), "public_body": ("Conseil", "Council"),
    "collective": ("Collectif", "Collective"), "project": ("Projet", "Project"),
    "place": ("Espace", "Space"), "event_series": ("Rencontres", "Meetings"),
    "media": ("Journal", "Journal"),
}
_FILLER_TEXT = ("le réseau porte des ateliers ouverts à tous dans les quartiers et les villages "
          "avec les habitants les bénévoles et les partenaires publics qui financent une "
          "part des actions tandis que les salariés coordonnent les projets communs autour "
          "du numérique de la médiation et des usages citoyens de l'internet")
FILLER = _FILLER_TEXT.split()
THEME_NOUNS = [("Médiation", "Mediation"), ("Accès", "Access"), ("Formation", "Training"),
               ("Logiciel", "Software"), ("Gouvernance", "Governance"), ("Emploi", "Jobs"),
               ("Culture", "Culture"), ("Territoire", "Territory"), ("Données", "Data"),
               ("Éducation", "Education"), ("Solidarité", "Solidarity"), ("Savoirs", "Knowledge"),
               ("Fabrication", "Making"), ("Inclusion", "Inclusion"), ("Réseau", "Network"),
               ("Financement", "Funding"), ("Citoyenneté", "Citizenship"), ("Jeunesse", "Youth")]
THEME_ADJ = [("numérique", "digital"), ("libre", "free"), ("locale", "local"),
             ("collective", "collective"), ("ouverte", "open"), ("populaire", "popular"),
             ("sociale", "social"), ("publique", "public"), ("partagée", "shared"),
             ("solidaire", "solidarity"), ("rurale", "rural")]

# vocabulary: (vocabulary, code, label, label_en, weight when drawn)
# How often each standard code is drawn (labels: the contract's built-in ones).
WEIGHTS = {
    "kind": (45, 20, 8, 8, 8, 5, 3, 3),
    "category": (5, 15, 25, 25, 12, 6, 4, 8),
    "relation": (1,) * 11,
    "role": (0, 50, 10, 10, 20, 8, 2, 0),
    "date_precision": (35, 35, 25, 5),
    "ref_type": (50, 30, 20),
}
VOCABULARY = [(vocabulary, code, fr, en, weight)
              for vocabulary, weights in WEIGHTS.items()
              for (code, fr, en), weight in zip(contract.DEFAULT_LABELS[vocabulary], weights,
                                                strict=True)]
FAMILIES = [("pratiques", "Pratiques", "Practices"), ("liens", "Liens", "Bonds"),
            ("outils", "Outils", "Tools"), ("territoires", "Territoires", "Territories"),
            ("economie", "Économie", "Economy"), ("politique", "Politique", "Politics"),
            ("savoirs", "Savoirs", "Knowledge"), ("culture", "Culture", "Culture")]
# Which ties fit a target of each kind (the source is drawn first, the tie then fits).
TIES_TO = {
    "person": ["partner_of", "inspired_by", "supported"],
    "organisation": ["member_of", "presided", "coordinated", "founded", "partner_of",
                     "supported", "part_of"],
    "collective": ["member_of", "founded", "coordinated", "partner_of"],
    "public_body": ["funded_by", "partner_of"],
    "project": ["coordinated", "participated_in", "founded", "part_of", "funded_by"],
    "place": ["hosted_by", "founded"],
    "event_series": ["participated_in", "founded", "coordinated"],
    "media": ["partner_of", "supported"],
}


def _weights(vocabulary: str) -> tuple[list[str], list[int]]:
    rows = [(code, w) for voc, code, _, _, w in VOCABULARY if voc == vocabulary]
    return [c for c, _ in rows], [w for _, w in rows]


class _Draw:
    """Seeded draws. Everything random goes through one ``random.Random``."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def pick(self, items, weights=None):
        if weights is None:
            return items[self.rng.randrange(len(items))]
        return self.rng.choices(items, weights)[0]

    def words(self, n: int) -> str:
        start = self.rng.randrange(len(FILLER))
        return " ".join(FILLER[(start + i) % len(FILLER)] for i in range(n))

    def quote(self, head: str) -> str:
        """A pseudo-verbatim passage naming the row's subject, at most QUOTE_MAX characters."""
        text = f"{head} : {self.words(self.rng.randint(6, 40))}."
        if len(text) > QUOTE_MAX:
            text = text[:QUOTE_MAX - 1].rsplit(" ", 1)[0] + "…"
        return text


def _ids(prefix: str, n: int) -> list[str]:
    width = max(3, len(str(n)))
    return [f"{prefix}{i:0{width}d}" for i in range(1, n + 1)]


# -- the history ------------------------------------------------------------------------

def _sections(draw: _Draw, size: Size) -> list[dict]:
    rows = []
    for i in range(size.sections):
        chapter, part = divmod(i, 6)
        word = STEMS[i % len(STEMS)]
        rows.append({"section_id": f"{chapter + 1}.{part + 1}",
                     "title": f"{word} et territoires ({i + 1})",
                     "title_en": f"{word} and territories ({i + 1})"})
    return rows


def _section_for(sections: list[dict], year: int, first: int) -> str:
    """Sections follow the text's chronology: a fact of year Y cites a section of its time."""
    share = (year - first) / max(LAST_YEAR - first, 1)
    index = min(len(sections) - 1, max(0, int(share * len(sections))))
    return sections[index]["section_id"]


def _eras(draw: _Draw, size: Size, first: int, sections: list[dict]) -> list[dict]:
    """K eras after a background span (about an eighth of the years), the last still open."""
    begin = first + max(1, size.years // 8) if size.years > size.eras + 1 else first
    span = (LAST_YEAR - begin) / size.eras
    starts = sorted({begin + round(i * span) for i in range(size.eras)})
    rows = []
    for i, year in enumerate(starts):
        month = draw.rng.randint(1, 12)
        start = f"{year}-{month:02d}" if i else f"{year}-{draw.rng.randint(1, 12):02d}"
        word = STEMS[(i * 7) % len(STEMS)]
        rows.append({"era_id": f"era_{i + 1}", "label": f"Période {i + 1} : {word}",
                     "label_en": f"Era {i + 1}: {word}", "short_label": f"P{i + 1}",
                     "short_label_en": f"E{i + 1}", "start": start, "end": "",
                     "summary": f"Le réseau {draw.words(8)}.",
                     "summary_en": f"The network grows ({i + 1}).",
                     "section_id": _section_for(sections, year, first),
                     "quote": draw.quote(f"Période {i + 1}")})
    for before, after in zip(rows, rows[1:]):
        before["end"] = after["start"]  # eras meet: one ends when the next begins
    return rows


def _era_of(eras: list[dict], year: int) -> dict | None:
    starts = [int(e["start"][:4]) for e in eras]
    index = bisect.bisect_right(starts, year) - 1
    return eras[index] if index >= 0 else None


def _year(draw: _Draw, first: int, growth: float = 1.5) -> int:
    """A year in [first, LAST_YEAR], later years likelier (activity grows)."""
    share = draw.rng.random() ** (1 / growth)
    return min(LAST_YEAR, first + int(share * (LAST_YEAR - first + 1)))


def _actors(draw: _Draw, size: Size, first: int, sections: list[dict]):
    kinds, weights = _weights("kind")
    ids = _ids("a", size.actors)
    # Community sizes are heavy-tailed: a few large circles, many small ones.
    count = max(1, round(math.sqrt(size.actors) / 2))
    community_weights = [1 / (c + 1) ** 0.8 for c in range(count)]
    rows, meta = [], []
    names: set[str] = set()
    for i, actor_id in enumerate(ids):
        # the first actor is the history's own organisation
        kind = "organisation" if i == 0 else draw.pick(kinds, weights)
        if kind == "person":
            name = f"{draw.pick(FIRST)} {draw.pick(LAST)}"
            name_en = name
        else:
            fr, en = KIND_WORDS[kind]
            stem, place = draw.pick(STEMS), draw.pick(PLACES)
            name, name_en = f"{fr} {stem} {place}", f"{stem} {place} {en}"
        if name in names:  # keep names distinct: readers tell actors apart by name
            name, name_en = f"{name} ({i + 1})", f"{name_en} ({i + 1})"
        names.add(name)
        year = first if i == 0 else _year(draw, first, growth=1.2)
        community = draw.pick(range(count), community_weights)
        meta.append((kind, community, year))
        rows.append({"actor_id": actor_id, "name": name, "name_en": name_en, "kind": kind,
                     "description": f"{name} : {draw.words(6)}.",
                     "description_en": f"{name_en} (synthetic).",
                     "section_id": _section_for(sections, year, first),
                     "quote": draw.quote(name)})
    return rows, meta, count


def _relations(draw: _Draw, size: Size, actors: list[dict], meta, communities: int,
               first: int, sections: list[dict]):
    """Preferential attachment inside communities: each end of a new tie is, more often
    than not, an actor that already has many ties."""
    n = len(actors)
    members: list[list[int]] = [[] for _ in range(communities)]
    for i, (_, community, _) in enumerate(meta):
        members[community].append(i)
    urn: list[int] = [0]  # every tie adds both ends: drawing from it favours hubs
    local: list[list[int]] = [[] for _ in range(communities)]
    rows = []
    for relation_id in _ids("r", size.relations):
        source = draw.pick(urn) if draw.rng.random() < 0.5 else draw.rng.randrange(n)
        community = meta[source][1]
        target = source
        for _ in range(8):
            roll = draw.rng.random()
            if roll < 0.45 and local[community]:
                target = draw.pick(local[community])
            elif roll < 0.8 and len(members[community]) > 1:
                target = draw.pick(members[community])
            elif roll < 0.92:
                target = draw.pick(urn)
            else:
                target = draw.rng.randrange(n)
            if target != source:
                break
        if target == source:
            target = (source + 1) % n
        urn += (source, target)
        local[community].append(target)
        local[meta[target][1]].append(source)
        relation = draw.pick(TIES_TO[meta[target][0]])
        begin = max(meta[source][2], meta[target][2])
        start = None
        if draw.rng.random() < 0.85:  # ties start soon after both ends appear
            start = begin + int(draw.rng.expovariate(1 / 3))
            if start > LAST_YEAR:
                start = draw.rng.randint(begin, LAST_YEAR)
        end = None
        if start is not None and draw.rng.random() < 0.4:
            end = min(LAST_YEAR, start + int(draw.rng.expovariate(1 / 4)))
        year = start or begin
        rows.append({"relation_id": relation_id, "source_id": actors[source]["actor_id"],
                     "target_id": actors[target]["actor_id"], "relation": relation,
                     "start": "" if start is None else str(start),
                     "end": "" if end is None else str(end),
                     "section_id": _section_for(sections, year, first),
                     "quote": draw.quote(f"{actors[source]['name']} et "
                                         f"{actors[target]['name']}")})
    return rows, urn


def _date(draw: _Draw, year: int, precision: str) -> str:
    if precision == "year":
        return str(year)
    month = draw.rng.randint(1, 12)
    if precision == "month":
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{draw.rng.randint(1, 28):02d}"


def _events(draw: _Draw, size: Size, eras: list[dict], first: int, sections: list[dict]):
    categories, cat_weights = _weights("category")
    precisions, prec_weights = _weights("date_precision")
    rows = []
    for event_id in _ids("e", size.events):
        year = _year(draw, first, growth=2.0)
        era = _era_of(eras, year)
        category = draw.pick(categories, cat_weights)
        if era is None:
            category = "context"  # before every era: the background
        precision = draw.pick(precisions, prec_weights)
        if category == "context":
            era = None
        if precision == "approximate" and era is not None:
            start, end = era["start"][:4], (era["end"] or str(LAST_YEAR))[:4]
        else:
            precision = "year" if precision == "approximate" else precision
            start = _date(draw, year, precision)
            end = ""
            if draw.rng.random() < 0.15:
                last = min(LAST_YEAR, year + int(draw.rng.expovariate(1 / 2)) + 1)
                end = _date(draw, last, precision)
                if end < start:
                    end = ""
        word = draw.pick(STEMS)
        rows.append({"event_id": event_id, "start": start, "end": end,
                     "date_precision": precision, "era_id": era["era_id"] if era else "",
                     "category": category, "title": f"{word} : {draw.words(3)}",
                     "title_en": f"{word} ({event_id})",
                     "description": f"{draw.words(10)}.",
                     "description_en": f"Synthetic event {event_id}.",
                     "section_id": _section_for(sections, year, first),
                     "quote": draw.quote(f"En {year}, {word}")})
    return rows


def _event_actors(draw: _Draw, events: list[dict], actors: list[dict], meta, urn: list[int]):
    roles, role_weights = _weights("role")
    series = [i for i, m in enumerate(meta) if m[0] == "event_series"]
    rows, seen = [], set()

    def add(event_id: str, index: int, role: str) -> None:
        key = (event_id, actors[index]["actor_id"], role)
        if key not in seen:
            seen.add(key)
            rows.append(dict(zip(("event_id", "actor_id", "role"), key, strict=True)))

    for event in events:
        count = 1 + min(12, int(draw.rng.expovariate(1 / 1.5)))
        for k in range(count):
            index = draw.pick(urn) if draw.rng.random() < 0.7 else draw.rng.randrange(len(actors))
            add(event["event_id"], index, "lead" if k == 0 else draw.pick(roles, role_weights))
        if event["category"] == "gathering" and series and draw.rng.random() < 0.6:
            add(event["event_id"], series[int(draw.rng.random() ** 2 * len(series))],
                "edition_of")
    return rows


def _themes(draw: _Draw, size: Size):
    families = FAMILIES[:max(2, min(len(FAMILIES), size.themes // 8))]
    rows, labels = [], set()
    for i, theme_id in enumerate(_ids("t", size.themes)):
        (noun, noun_en), (adj, adj_en) = THEME_NOUNS[i % len(THEME_NOUNS)], draw.pick(THEME_ADJ)
        label, label_en = f"{noun} {adj}", f"{adj_en.capitalize()} {noun_en.lower()}"
        if label in labels:
            label, label_en = f"{label} {i + 1}", f"{label_en} {i + 1}"
        labels.add(label)
        rows.append({"theme_id": theme_id, "label": label, "label_en": label_en,
                     "family": families[i % len(families)][0]})
    return rows, families


def _mentions(draw: _Draw, size: Size, themes, eras, events, actors, first, sections):
    """Themes rise and fall: each has a peak year and a width; popular themes (Zipf) are
    mentioned more."""
    ref_types, ref_weights = _weights("ref_type")
    era_start = int(eras[0]["start"][:4])
    by_era: dict[str, list[str]] = {}
    for event in events:
        if event["era_id"]:
            by_era.setdefault(event["era_id"], []).append(event["event_id"])
    popularity = [1 / (rank + 1) ** 1.1 for rank in range(len(themes))]
    peaks = [(draw.rng.randint(era_start, LAST_YEAR), draw.rng.uniform(1.5, 8)) for _ in themes]
    rows = []
    for mention_id in _ids("m", size.mentions):
        index = draw.pick(range(len(themes)), popularity)
        peak, width = peaks[index]
        year = min(LAST_YEAR, max(era_start, round(draw.rng.gauss(peak, width))))
        era = _era_of(eras, year)
        ref_type = draw.pick(ref_types, ref_weights)
        ref_id = ""
        if ref_type == "event" and by_era.get(era["era_id"]):
            ref_id = draw.pick(by_era[era["era_id"]])
        elif ref_type in ("event", "actor"):
            ref_type, ref_id = "actor", draw.pick(actors)["actor_id"]
        rows.append({"mention_id": mention_id, "theme_id": themes[index]["theme_id"],
                     "era_id": era["era_id"],
                     "year": str(year) if draw.rng.random() < 0.8 else "",
                     "ref_type": ref_type, "ref_id": ref_id,
                     "section_id": _section_for(sections, year, first),
                     "quote": draw.quote(themes[index]["label"])})
    return rows


def _vocabulary(families) -> list[dict]:
    rows = [{"vocabulary": v, "code": c, "label": fr, "label_en": en}
            for v, c, fr, en, _ in VOCABULARY]
    rows += [{"vocabulary": "family", "code": c, "label": fr, "label_en": en}
             for c, fr, en in families]
    return rows


def _presentation(eras: list[dict]) -> list[dict]:
    rows = [{"slide": "1", "page": "overview", "view": "", "title": "Vue d’ensemble",
             "title_en": "Overview", "notes": "", "notes_en": ""}]
    for page in contract.PAGES:  # every page the deck can show
        if page != "overview":
            rows.append({"slide": str(len(rows) + 1), "page": page, "view": "",
                         "title": page.capitalize(), "title_en": page.capitalize(),
                         "notes": "", "notes_en": ""})
    return rows


def _write(folder: Path, name: str, rows: list[dict], columns: list[str]) -> None:
    with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def generate(out: str | Path, scale: float = 1, seed: int = 1, *, size: Size | None = None,
             presentation: bool = True) -> Path:
    """Write a synthetic package into ``out`` (replaced if it exists) and return its path.
    Same ``scale``/``size`` and ``seed``: the same bytes."""
    size = size or size_for(scale)
    draw = _Draw(seed)
    first = LAST_YEAR - size.years + 1
    sections = _sections(draw, size)
    eras = _eras(draw, size, first, sections)
    actors, meta, communities = _actors(draw, size, first, sections)
    relations, urn = _relations(draw, size, actors, meta, communities, first, sections)
    events = _events(draw, size, eras, first, sections)
    event_actors = _event_actors(draw, events, actors, meta, urn)
    themes, families = _themes(draw, size)
    mentions = _mentions(draw, size, themes, eras, events, actors, first, sections)
    tables = {"sections": sections, "eras": eras, "actors": actors, "events": events,
              "event_actors": event_actors, "relations": relations, "themes": themes,
              "theme_mentions": mentions, "vocabulary": _vocabulary(families)}
    if presentation:
        tables["presentation"] = _presentation(eras)
    folder = Path(out)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name, rows in tables.items():
        given = {key for row in rows for key in row}
        _write(folder, name, rows, [c.name for c in contract.table(name).columns
                                    if not c.optional or c.name in given])
    label = f"×{scale:g}" if size == size_for(scale) else "custom"
    contract.write_descriptor(folder, {
        "name": f"synth-{seed}",
        "title": f"Histoire synthétique ({label}, graine {seed})",
        "title_en": f"Synthetic history ({label}, seed {seed})",
        "description": (f"Paquet synthétique pour les mesures : {size.actors} acteurs, "
                        f"{size.relations} relations, {size.events} événements, "
                        f"{size.themes} thèmes sur {size.years} ans, {size.eras} périodes."),
        "description_en": (f"Synthetic package for benchmarks: {size.actors} actors, "
                           f"{size.relations} relations, {size.events} events, "
                           f"{size.themes} themes over {size.years} years, {size.eras} eras."),
        "version": f"synth-{seed}", "language": "fr",
        "sources": [{"title": "Histoire synthétique", "author": "anis_viz.synth",
                     "year": LAST_YEAR, "publisher": "anis-viz", "path": ""}],
    })
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m anis_viz.synth", description=__doc__
                                     .split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write (replaced if it exists)")
    parser.add_argument("--scale", type=float, default=1, help="1, 10, 100 … (default 1)")
    parser.add_argument("--seed", type=int, default=1)
    for name in Size.__dataclass_fields__:
        parser.add_argument(f"--{name}", type=int, default=None, help=f"override {name}")
    args = parser.parse_args(argv)
    overrides = {name: getattr(args, name) for name in Size.__dataclass_fields__}
    size = size_for(args.scale, **overrides)
    folder = generate(args.out, args.scale, args.seed, size=size)
    print(f"{folder}: {size}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
