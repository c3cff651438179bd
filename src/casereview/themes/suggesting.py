"""Theme suggestions from a review's text: the themes of the taxonomy that the text supports,
each with the sentences that support it. Pure functions, no Django: the caller reads the
documents' pages (or the summary and learning points) and the person accepts or rejects each
suggestion; only accepted themes are tagged.

Each theme has cue phrases (data/lexicon.json), grown from its label and what it covers in
themes.md and from the words published reviews use for it, each with a weight. The text is cut
into sentences; a cue found in a sentence counts for its theme unless the sentence says it was
not there ("no evidence of domestic abuse"). A theme's score is the sum of the weights of the
distinct cues found for it (a cue said again adds `repeats` of its weight each time); a theme is
suggested when its score reaches the lexicon's threshold. Counting distinct cues was measured
against counting every occurrence: see the README's "Theme suggestions".

Runs on the CPU, with nothing downloaded: a 100-page report takes a few tens of milliseconds
(bench/suggest_themes.py).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

SHOWN = 3  # supporting sentences kept for each suggestion

# A sentence ends at . ! or ? (and any closing quote or bracket) before a capital or a digit,
# or at a blank line, or before a line that starts a list item.
SENTENCE_END = re.compile(
    "(?<=[.!?])[\"'\u201d\u2019)\\]]*\\s+(?=[\"'\u201c\u2018(\\[]?[A-Z0-9])"
    r"|\n\s*\n|\n(?=\s*(?:[-•*]|\d+[.)])\s)"
)
# Said before a cue in the same clause, these make it evidence of absence.
NEGATION = re.compile(
    r"\b(?:no|nil|without any)\s+(?:\w+\s+){0,2}"
    r"(?:evidence|indications?|suggestion|signs?|history|concerns?|reports?)\b"
    r"|\bnothing to (?:suggest|indicate)\b"
    r"|\bnot (?:thought|considered|believed|felt) to (?:be|have)\b"
    r"|\bdenied (?:any|all)\b|\bnever (?:been )?suspected\b"
)
# ... and said after it.
NEGATED_AFTER = re.compile(
    r"^[^.;]{0,30}?\b(?:was|were) (?:ruled out|not (?:a )?(?:feature|factor|evident|present))"
)
CLAUSE_BREAK = re.compile(r"[;:]|\b(?:but|although|though|however|whereas)\b")
NEGATION_REACH = 80  # characters before a cue that may hold its negation
SEPARATOR = "\n\n"  # between sentences in the text that cues are searched in
APOSTROPHE = "['\u2019]?"  # optional, straight or curly


@dataclass(frozen=True)
class Suggestion:
    code: str  # a theme code of the taxonomy
    sentences: tuple[str, ...]  # the sentences that support it, strongest first, at most 3
    score: float


@dataclass(frozen=True)
class Cue:
    """A cue phrase of a theme: see lexicon.json's "about" for how it is written."""

    phrase: str
    weight: float
    pattern: re.Pattern[str] = field(init=False, compare=False, repr=False)
    bounded: bool = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.phrase.startswith("re:"):
            pattern, bounded = self.phrase[3:], False
        else:
            pattern, bounded = _cue_pattern(self.phrase), True
        object.__setattr__(self, "pattern", re.compile(pattern))
        object.__setattr__(self, "bounded", bounded)


@dataclass(frozen=True)
class Lexicon:
    themes: Mapping[str, tuple[Cue, ...]]  # theme code to its cues, in the taxonomy's order
    threshold: float = 2.0
    repeats: float = 0.0  # what each further sentence with the same cue adds, of its weight
    not_negated: frozenset[str] = frozenset()  # themes whose cues count even when negated

    @classmethod
    def from_mapping(
        cls,
        themes: Mapping[str, Mapping[str, float]],
        *,
        threshold: float = 2.0,
        repeats: float = 0.0,
        not_negated: frozenset[str] = frozenset(),
    ) -> Lexicon:
        return cls(
            themes={
                code: tuple(Cue(phrase.lower(), float(weight)) for phrase, weight in cues.items())
                for code, cues in themes.items()
            },
            threshold=threshold,
            repeats=repeats,
            not_negated=not_negated,
        )

    @classmethod
    def from_json(cls, text: str) -> Lexicon:
        data = json.loads(text, object_pairs_hook=_no_repeated_keys)
        return cls.from_mapping(
            data["themes"],
            threshold=float(data["threshold"]),
            repeats=float(data.get("repeats", 0.0)),
            not_negated=frozenset(data.get("not_negated", ())),
        )


@cache
def national_lexicon() -> Lexicon:
    text = resources.files("casereview.themes").joinpath("data/lexicon.json").read_text("utf-8")
    return Lexicon.from_json(text)


def sentences_of(texts: Sequence[str]) -> list[str]:
    """The sentences of the texts in order, each on one line with single spaces."""
    found = []
    for text in texts:
        for piece in SENTENCE_END.split(text):
            sentence = " ".join(piece.split())
            if sentence:
                found.append(sentence)
    return found


def suggest_themes(texts: Sequence[str], *, lexicon: Lexicon | None = None) -> list[Suggestion]:
    """texts: pages or paragraphs; best first"""
    lexicon = lexicon or national_lexicon()
    sentences = sentences_of(texts)
    if not sentences:
        return []
    lowered = [sentence.lower() for sentence in sentences]
    searched = SEPARATOR.join(lowered)
    starts = list(_starts(lowered))
    suggestions = []
    for order, (code, cues) in enumerate(lexicon.themes.items()):
        # sentence index to the weight of the distinct cues found in it
        in_sentence: dict[int, float] = defaultdict(float)
        score = 0.0
        for cue in cues:
            seen = _sentences_with(
                cue, searched, starts, lowered, negated=code not in lexicon.not_negated
            )
            if not seen:
                continue
            score += cue.weight * (1 + lexicon.repeats * (len(seen) - 1))
            for index in seen:
                in_sentence[index] += cue.weight
        if score >= lexicon.threshold and score > 0:
            strongest = sorted(in_sentence, key=lambda index: (-in_sentence[index], index))
            shown = tuple(sentences[index] for index in strongest[:SHOWN])
            suggestions.append((-score, order, Suggestion(code, shown, round(score, 3))))
    return [suggestion for *_, suggestion in sorted(suggestions, key=lambda s: (s[0], s[1]))]


def _sentences_with(
    cue: Cue, searched: str, starts: list[int], lowered: list[str], *, negated: bool
) -> set[int]:
    """The indexes of the sentences in which the cue is found (and not negated)."""
    seen: set[int] = set()
    for match in cue.pattern.finditer(searched):
        start, end = match.span()
        if start == end:
            continue
        if cue.bounded and start > 0 and searched[start - 1].isalnum():
            continue  # inside a word
        index = bisect_right(starts, start) - 1
        if index in seen:
            continue
        offset = start - starts[index]
        sentence = lowered[index]
        if end - starts[index] > len(sentence):
            continue  # across two sentences
        if negated and _negated(sentence, offset, end - starts[index]):
            continue
        seen.add(index)
    return seen


def _negated(sentence: str, start: int, end: int) -> bool:
    before = sentence[max(0, start - NEGATION_REACH) : start]
    breaks = list(CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    return bool(NEGATION.search(before) or NEGATED_AFTER.search(sentence[end:]))


def _starts(lowered: list[str]) -> list[int]:
    starts, at = [], 0
    for sentence in lowered:
        starts.append(at)
        at += len(sentence) + len(SEPARATOR)
    return starts


def _cue_pattern(phrase: str) -> str:
    """A cue's regular expression: see lexicon.json's "about". It starts with the cue's first
    letters, so that the search skips ahead to them; that the match starts a word is checked
    after (Cue.bounded)."""
    pattern = []
    for word in re.split(r"(\s+|-)", phrase.strip()):
        if not word:
            continue
        if word.isspace():
            pattern.append(r"[\s,\-]+")
        elif word == "-":
            pattern.append(r"[\s\-]?")
        elif word.endswith("*"):
            pattern.append(_word(word[:-1]) + r"\w*")
        else:
            pattern.append(_word(word))
    if phrase[-1].isalnum():
        pattern.append(r"\b")
    return "".join(pattern)


def _word(word: str) -> str:
    return "".join(APOSTROPHE if letter in "'\u2019" else re.escape(letter) for letter in word)


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    repeated = {key for key in keys if keys.count(key) > 1}
    if repeated:
        raise ValueError(f"repeated in the lexicon: {sorted(repeated)}")
    return dict(pairs)
