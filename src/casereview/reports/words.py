"""Plain English from figures, on inflect: numbers under ten in words, nouns and verbs that
agree with their number, "no" and "none" where a count is nought, lists joined with "and".

    count(0, "review")           -> "no reviews"
    count(1, "review", "was")    -> "one review was"
    count(11, "child", "is")     -> "11 children are"
    none(0)                      -> "none"
    of(0, 4, "review")           -> "none of the four reviews"
"""

from __future__ import annotations

from functools import cache

import inflect

_ENGINE = inflect.engine()
# inflect checks the types of every call it is given: a report of 500 reviews asks it thousands
# of times for the same few words, so each answer is kept once worked out.
_WORDS = {n: str(_ENGINE.number_to_words(str(n))) for n in range(1, 10)}


@cache
def _plural_noun(singular: str) -> str:
    return str(_ENGINE.plural_noun(singular))


@cache
def _plural_verb(singular: str) -> str:
    return str(_ENGINE.plural_verb(singular))


def number(n: int) -> str:
    """A count as the paper writes it: "one" to "nine" in words, 10 and above in figures
    ("1,234"); nought as "no", for use before a noun (see `none` for a count alone)."""
    if n == 0:
        return "no"
    if 0 < n < 10:
        return _WORDS[n]
    return f"{n:,}"


def none(n: int) -> str:
    """A count standing alone, with no noun after it: "none", "one", "12"."""
    return number(n) if n else "none"


def noun(n: int, singular: str, plural: str | None = None) -> str:
    """The noun in the number `n` calls for: one review, two reviews, no reviews."""
    if n == 1:
        return singular
    return plural or _plural_noun(singular)


def verb(n: int, singular: str) -> str:
    """The verb agreeing with `n` things: "was"/"were", "is"/"are", "has"/"have"."""
    return singular if n == 1 else _plural_verb(singular)


def count(
    n: int, singular: str, verb_or_plural: str | None = None, *, plural: str | None = None
) -> str:
    """A number, its noun and (optionally) a verb, agreeing: count(1, "review") -> "one review";
    count(12, "case", "was") -> "12 cases were"; count(0, "child", "is") -> "no children are".

    The third argument is a verb when it is one inflect conjugates ("was", "is", "has"...);
    anything else is taken as the noun's plural, as count(2, "person", "people")."""
    if verb_or_plural and _is_verb(verb_or_plural):
        return f"{number(n)} {noun(n, singular, plural)} {verb(n, verb_or_plural)}"
    return f"{number(n)} {noun(n, singular, plural or verb_or_plural)}"


VERBS = {"was", "is", "has", "had", "were", "are", "have"}


def _is_verb(word: str) -> bool:
    return word in VERBS


def of(n: int, total: int, singular: str) -> str:
    """A part of a whole: "none of the four reviews", "one of the two reviews", "all 11
    reviews", "the one review", "both reviews"."""
    whole = noun(total, singular)
    if total == 0:
        return f"no {whole}"
    if total == 1:
        return f"the one {whole}" if n else f"not the one {whole}"
    if n == total and total == 2:
        return f"both {whole}"
    if n == total:
        return f"all {number(total)} {whole}"
    return f"{none(n)} of the {number(total)} {whole}"


def join(items: list[str]) -> str:
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", ":")) else ".")
