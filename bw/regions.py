"""Region names to region codes: one normaliser, one table of CBS tags, one resolver.

Every loader that meets a region by name (StatLine CSV, OData, the regional monitor, the
waarstaatjegemeente table, the plain long CSV, the region reference) asks
:class:`RegionResolver`, so "Bergen (L.)", "Utrecht (ut.)" or "Den Haag" mean the same region
whatever file format carries them.

CBS writes a tag after a name that is not unique: a province for gemeenten ("Bergen (NH.)",
"Hengelo (O.)") and a level where a gemeente shares its name with a province or landsdeel
("Utrecht (gemeente)", "Utrecht (PV)"). Spellings of the province tags vary between tables and
years ("(NH.)", "(N.H.)", "(L.)", "(Li.)", "(G.)", "(Gld.)"), so they are compared without dots,
spaces or case.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from bw.model import Level

#: Province tags of disambiguated gemeente names ("Bergen (NH.)"), without dots, spaces or
#: case, to the province's code. Every spelling CBS and waarstaatjegemeente.nl use.
PROVINCE_TAGS: dict[str, str] = {
    "gr": "PV20",
    "gn": "PV20",
    "fr": "PV21",
    "fl": "PV24",
    "fld": "PV24",
    "dr": "PV22",
    "d": "PV22",
    "o": "PV23",
    "ov": "PV23",
    "g": "PV25",
    "ge": "PV25",
    "gld": "PV25",
    "gl": "PV25",
    "u": "PV26",
    "ut": "PV26",
    "utr": "PV26",
    "nh": "PV27",
    "zh": "PV28",
    "z": "PV29",
    "ze": "PV29",
    "zl": "PV29",
    "nb": "PV30",
    "l": "PV31",
    "li": "PV31",
    "lb": "PV31",
    "lim": "PV31",
}

#: Level tags ("Utrecht (gemeente)", "Groningen (PV)"), normalised as province tags are.
LEVEL_TAGS: dict[str, Level] = {
    "nl": Level.NL,
    "land": Level.NL,
    "ld": Level.LD,
    "landsdeel": Level.LD,
    "pv": Level.PV,
    "provincie": Level.PV,
    "cr": Level.CR,
    "corop": Level.CR,
    "coropgebied": Level.CR,
    "gm": Level.GM,
    "gemeente": Level.GM,
}

#: Names in common use for a gemeente whose CBS name differs, and former names of gemeenten
#: renamed after a herindeling (CBS "Naamswijziging"), to the CBS name. Used only when a name
#: matches no stored region itself, so a dissolved gemeente that is stored keeps its own code.
NAME_ALIASES: dict[str, str] = {
    "den haag": "'s-gravenhage",
    "den bosch": "'s-hertogenbosch",
    "groesbeek": "berg en dal",  # renamed 2016
    "de friese meren": "de fryske marren",  # renamed 2015
    "dantumadeel": "dantumadiel",  # renamed 2009
    "nuenen c.a.": "nuenen, gerwen en nederwetten",  # renamed 2016
    "súdwest fryslân": "súdwest-fryslân",  # renamed 2016
}

_TAG = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")


def normalise_name(text: object) -> str:
    """A region name for comparison: case, spacing, Unicode form and quote style do not matter.

    >>> normalise_name("  ’s-Gravenhage   (gemeente) ")
    "'s-gravenhage (gemeente)"
    """
    text = unicodedata.normalize("NFC", str(text))
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'").replace("´", "'")
    return " ".join(text.split()).casefold()


def split_tag(name: object) -> tuple[str, str | None]:
    """A name and its CBS tag, the tag without dots, spaces or case.

    >>> split_tag("Bergen (N.H.)"), split_tag("Utrecht")
    (('Bergen', 'nh'), ('Utrecht', None))
    """
    text = " ".join(str(name).split())
    match = _TAG.match(text)
    if match is None:
        return text, None
    return match.group(1), match.group(2).replace(".", "").replace(" ", "").casefold()


def base_name(name: object) -> str:
    """A normalised name without its CBS tag: "Hengelo (O.)" and "Hengelo" are one name.

    >>> base_name("Hengelo (O.)")
    'hengelo'
    """
    return normalise_name(split_tag(name)[0])


def clean_region_name(title: str) -> str:
    """A region title without a level tag other than gemeente: 'Groningen (PV)' → 'Groningen'.

    Tags that tell gemeenten apart ('Bergen (NH.)', 'Utrecht (gemeente)') are kept.

    >>> clean_region_name("Noord-Nederland (LD)"), clean_region_name("Bergen (NH.)")
    ('Noord-Nederland', 'Bergen (NH.)')
    """
    name, tag = split_tag(title)
    if tag is not None and LEVEL_TAGS.get(tag, Level.GM) != Level.GM:
        return name
    return " ".join(str(title).split())


@dataclass(frozen=True, slots=True)
class NameMatch:
    """The region a name stands for, or why there is none."""

    code: str | None  # 'GM0373'
    problem: str | None  # None, 'unknown_region' or 'ambiguous_region'
    candidates: tuple[str, ...] = ()  # ('GM0373', 'GM0893') when ambiguous


@dataclass(frozen=True, slots=True)
class _Known:
    code: str  # 'GM0373'
    level: str  # 'GM'
    province_code: str | None  # 'PV27'


class RegionResolver:
    """Resolve region codes and names (with CBS tags, aliases) to the store's region codes.

    A code is any stored code, in any case. A name matches a stored name exactly (after
    :func:`normalise_name`); a tag narrows the regions sharing its base name (a province tag to
    the gemeente in that province, a level tag to that level); an untagged name matches a
    stored tagged name when that is the only region of that base name ("Hengelo" → "Hengelo
    (O.)"). When several regions remain, ``prefer_level`` picks the one of that level (a table
    of gemeenten means the gemeente Utrecht, not the province). User-defined region groups are
    matched by code only.
    """

    def __init__(self, regions: pd.DataFrame, *, prefer_level: str | None = None) -> None:
        self.prefer_level = prefer_level
        self._codes: set[str] = set()
        self._by_name: dict[str, list[_Known]] = {}
        self._by_base: dict[str, list[_Known]] = {}
        if not len(regions):
            return
        provinces = (
            regions["province_code"]
            if "province_code" in regions
            else pd.Series([None] * len(regions))
        )
        for code, name, level, province in zip(
            regions["code"], regions["name"], regions["level"], provinces, strict=True
        ):
            self._codes.add(str(code))
            if level == Level.GROUP:
                continue
            known = _Known(str(code), str(level), _text_or_none(province))
            self._by_name.setdefault(normalise_name(name), []).append(known)
            stored_base, tag = split_tag(name)
            if tag is not None:
                self._by_base.setdefault(normalise_name(stored_base), []).append(known)

    def resolve(self, text: object) -> NameMatch:
        """The region of one code or name."""
        raw = " ".join(str(text).split())
        if not raw:
            return NameMatch(None, "unknown_region")
        if raw.upper() in self._codes:
            return NameMatch(raw.upper(), None)
        candidates = self._candidates(raw)
        if not candidates:
            name, tag = split_tag(raw)
            alias = NAME_ALIASES.get(normalise_name(name))
            if alias is not None:
                candidates = self._candidates(alias if tag is None else f"{alias} ({tag})")
        if len(candidates) > 1 and self.prefer_level is not None:
            preferred = [known for known in candidates if known.level == self.prefer_level]
            if len(preferred) == 1:
                candidates = preferred
        codes = tuple(sorted({known.code for known in candidates}))
        if len(codes) == 1:
            return NameMatch(codes[0], None)
        if codes:
            return NameMatch(None, "ambiguous_region", codes)
        return NameMatch(None, "unknown_region")

    def resolve_all(self, names: Iterable[str]) -> dict[str, NameMatch]:
        """The region of each code or name."""
        return {name: self.resolve(name) for name in names}

    def _candidates(self, raw: str) -> list[_Known]:
        key = normalise_name(raw)
        name, tag = split_tag(raw)
        exact = self._by_name.get(key, [])
        if exact and (len(exact) == 1 or tag is None):
            return exact
        base = normalise_name(name)
        if tag is None:
            return self._by_base.get(base, [])
        pool = list(
            {
                id(known): known
                for known in (exact + self._by_name.get(base, []) + self._by_base.get(base, []))
            }.values()
        )
        if tag in LEVEL_TAGS:
            return [known for known in pool if known.level == LEVEL_TAGS[tag]]
        if tag in PROVINCE_TAGS:
            # Province tags tell gemeenten apart; a gemeente without a province (a reference
            # not yet loaded) still matches its base name.
            gemeenten = [known for known in pool if known.level == Level.GM]
            inside = [known for known in gemeenten if known.province_code == PROVINCE_TAGS[tag]]
            return inside or [known for known in gemeenten if known.province_code is None]
        return exact


def match_region_names(
    names: Iterable[str], regions: pd.DataFrame, *, prefer_level: str | None = None
) -> dict[str, NameMatch]:
    """The region of each name (or code), as :class:`RegionResolver` resolves it."""
    return RegionResolver(regions, prefer_level=prefer_level).resolve_all(names)


def _text_or_none(value: object) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return str(value)
