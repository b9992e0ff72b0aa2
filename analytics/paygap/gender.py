"""Map the gender labels a people file holds (any language, any spelling) to women, men, other or not stated.

A label is normalised before it is looked up: case folded, accents removed, punctuation turned into
spaces ("Non-Binary" → "non binary", "Männlich" → "mannlich", "n/a" → "n a"). Labels in none of the
lists are "not recognised": they are counted, listed with their number of people in `label_table`, and
named in a note, so nothing is dropped silently. The lists cover English, German, French, Spanish,
Italian, Portuguese, Dutch, the Scandinavian languages, Polish and Finnish, and the one-letter codes
HR systems export (F/M, W/M, H/F, X, D).
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from analytics.paygap.definitions import MEN, NOT_STATED, OTHER, UNRECOGNISED, WOMEN

WOMEN_LABELS = (
    "f",
    "w",
    "k",
    "female",
    "woman",
    "women",
    "fem",
    "cis woman",
    "cisgender woman",
    "trans woman",
    "transgender woman",
    "she",
    "she her",
    "frau",
    "weiblich",
    "femme",
    "feminin",
    "feminine",
    "femenino",
    "femenina",
    "mujer",
    "donna",
    "femmina",
    "feminile",
    "mulher",
    "feminino",
    "vrouw",
    "vrouwelijk",
    "kvinna",
    "kvinde",
    "kvinne",
    "kobieta",
    "nainen",
)
MEN_LABELS = (
    "m",
    "h",
    "male",
    "man",
    "men",
    "cis man",
    "cisgender man",
    "trans man",
    "transgender man",
    "he",
    "he him",
    "mann",
    "mannlich",
    "maennlich",
    "homme",
    "masculin",
    "masculine",
    "masculino",
    "masculina",
    "hombre",
    "varon",
    "uomo",
    "maschio",
    "maschile",
    "homem",
    "mannelijk",
    "mand",
    "mezczyzna",
    "mies",
)
OTHER_LABELS = (
    "x",
    "d",
    "o",
    "other",
    "another gender",
    "diverse",
    "divers",
    "non binary",
    "nonbinary",
    "nb",
    "enby",
    "genderqueer",
    "gender queer",
    "genderfluid",
    "gender fluid",
    "agender",
    "intersex",
    "inter",
    "two spirit",
    "third gender",
    "self described",
    "self describe",
    "they them",
    "autre",
    "non binaire",
    "otro",
    "no binario",
    "andere",
    "nicht binar",
    "altro",
    "non binario",
)
NOT_STATED_LABELS = (
    "",
    "u",
    "unknown",
    "not stated",
    "not known",
    "not specified",
    "unspecified",
    "prefer not to say",
    "prefer not to answer",
    "prefer not to disclose",
    "rather not say",
    "declined",
    "declined to state",
    "undisclosed",
    "not disclosed",
    "n a",
    "na",
    "none",
    "null",
    "keine angabe",
    "unbekannt",
    "inconnu",
    "desconocido",
)

_GROUP_OF = {
    **{label: WOMEN for label in WOMEN_LABELS},
    **{label: MEN for label in MEN_LABELS},
    **{label: OTHER for label in OTHER_LABELS},
    **{label: NOT_STATED for label in NOT_STATED_LABELS},
}
LABEL_COLUMNS = ["label", "gender", "people"]


def normalise_label(label: object) -> str:
    """A label reduced for lookup: case folded, accents and punctuation removed ('Non-Binary' → 'non binary')."""
    if label is None or (not isinstance(label, str) and pd.isna(label)):
        return ""
    text = unicodedata.normalize("NFKD", str(label).casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace("ł", "l").replace("ß", "ss")
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def gender_of(label: object) -> str:
    """The gender group of one label: women, men, other, not stated, or not recognised."""
    return _GROUP_OF.get(normalise_label(label), UNRECOGNISED)


def map_genders(labels: pd.Series) -> pd.Series:
    """The gender group of every label in a column (each distinct label is looked up once)."""
    distinct = {value: gender_of(value) for value in labels.dropna().unique()}
    mapped = labels.map(distinct).astype(object)
    return mapped.where(mapped.notna(), NOT_STATED)


def label_table(labels: pd.Series) -> pd.DataFrame:
    """Every distinct label as written in the file, the group it counts as, and its number of people."""
    raw = labels.astype(object).where(labels.notna(), "")
    counts = raw.map(lambda v: str(v).strip()).value_counts(sort=False)
    out = pd.DataFrame({"label": counts.index, "people": counts.to_numpy()})
    out["gender"] = out["label"].map(gender_of)
    order = {g: i for i, g in enumerate((WOMEN, MEN, OTHER, NOT_STATED, UNRECOGNISED))}
    out = out.assign(_o=out["gender"].map(order)).sort_values(["_o", "people", "label"], ascending=[True, False, True])
    return out[LABEL_COLUMNS].reset_index(drop=True)


def unrecognised_note(table: pd.DataFrame) -> str | None:
    """A sentence naming the labels that were not recognised, or None when every label was."""
    rows = table[table["gender"] == UNRECOGNISED]
    if rows.empty:
        return None
    listed = ", ".join(f"“{r.label}” ({r.people})" for r in rows.itertuples())
    return (
        f"Gender labels not recognised, counted as “{UNRECOGNISED}” and left out of the gaps: {listed}. "
        "If a label means woman or man, correct the file or tell us the spelling."
    )
