"""Figures of the overview page: eras, key counts, data coverage. Pure functions."""

from __future__ import annotations

import pandas as pd

from anis_viz import i18n, style
from anis_viz.data import Dataset

__all__ = ["era_cards", "key_figures", "actors_by_kind", "kinds_alt", "coverage", "citation"]


def era_cards(ds: Dataset, lang: str = "fr") -> pd.DataFrame:
    """One row per era, in order: era_id, short_label, label, span, summary, quote,
    section_id, colour."""
    eras = ds.eras.sort_values("start_date", kind="stable")
    colours = style.era_colours(eras["era_id"])
    short = i18n.pick(eras, "short_label", lang) if "short_label" in eras else None
    label = i18n.pick(eras, "label", lang)
    return pd.DataFrame({
        "era_id": eras["era_id"],
        "short_label": short if short is not None else label,
        "label": label,
        "span": [i18n.format_span(s, e, lang) for s, e in zip(eras["start"], eras["end"],
                                                              strict=True)],
        "summary": i18n.pick(eras, "summary", lang),
        "quote": eras["quote"],
        "section_id": eras["section_id"],
        "colour": eras["era_id"].map(colours),
    }).reset_index(drop=True)


def key_figures(ds: Dataset) -> dict[str, int]:
    """Counts: actors, events, relations, themes, mentions."""
    return {"actors": len(ds.actors), "events": len(ds.events), "relations": len(ds.relations),
            "themes": len(ds.themes), "mentions": len(ds.theme_mentions)}


def actors_by_kind(ds: Dataset, lang: str = "fr") -> pd.DataFrame:
    """kind, label, count, colour, symbol: one row per actor kind, most numerous first."""
    counts = ds.actors["kind"].value_counts().rename_axis("kind").reset_index(name="count")
    counts = counts.sort_values(["count", "kind"], ascending=[False, True], kind="stable")
    styles = style.kind_styles(ds.actors["kind"])
    counts["label"] = [ds.label("kind", k, lang) for k in counts["kind"]]
    counts["colour"] = counts["kind"].map(lambda k: styles[k][0])
    counts["symbol"] = counts["kind"].map(lambda k: styles[k][1])
    return counts.reset_index(drop=True)


def kinds_alt(counts: pd.DataFrame, lang: str = "fr") -> str:
    """Text alternative of the actors-by-kind chart, generated from its data."""
    if counts.empty:
        return i18n.t("overview.by_kind.alt_empty", lang)
    top = counts.iloc[0]
    detail = ", ".join(f"{label} {n}" for label, n in zip(counts["label"], counts["count"]))
    return i18n.t("overview.by_kind.alt", lang, total=int(counts["count"].sum()),
                  kinds=len(counts), top=top["label"], top_n=int(top["count"]), detail=detail)


def coverage(ds: Dataset) -> pd.DataFrame:
    """Per file: rows, share of rows with a quote, share of rows with every ``*_en`` filled
    (NaN where a file has no quote or no English column)."""
    rows = []
    for name, frame in ds.tables.items():
        english = [c for c in frame.columns if c.endswith("_en")]
        quoted = (frame["quote"].str.strip() != "").mean() if "quote" in frame else float("nan")
        translated = ((frame[english].fillna("").apply(lambda c: c.str.strip()) != "")
                      .all(axis=1).mean() if english else float("nan"))
        rows.append({"file": ds.file_of(name), "rows": len(frame),
                     "quoted": quoted if len(frame) else float("nan"),
                     "english": translated if len(frame) else float("nan")})
    return pd.DataFrame(rows, columns=["file", "rows", "quoted", "english"])


def citation(ds: Dataset, lang: str = "fr") -> str:
    """How to cite the source text, in ``lang``."""
    src = ds.source
    return i18n.t("overview.citation", lang, author=src.get("author", ""),
                  title=src.get("title", ""), publisher=src.get("publisher", ""),
                  year=src.get("year", ""), url=src.get("path", ""))
