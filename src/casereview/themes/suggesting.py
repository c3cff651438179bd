"""Theme suggestions from a review's text: the themes of the taxonomy that the text supports,
each with the sentences that support it. Pure functions, no Django: the caller reads the
documents' pages (or the summary and learning points) and the person accepts or rejects each
suggestion; only accepted themes are tagged.

Each theme has cue phrases (data/lexicon.json), grown from its label and what it covers in
themes.md and from the words published reviews use for it, each with a weight. The text is cut
into sentences; a cue found in a sentence counts for its theme unless the sentence says it was
not there ("no evidence of domestic abuse"). A theme's score is the sum of the weights of the
distinct cues found for it (a cue said again adds `repeats` of its weight each time).

A theme is suggested when the distinct cues found within a few consecutive sentences (the
lexicon's `window`) reach its threshold together: a passage about it. A short text (an excerpt,
a summary) needs one such passage, as it needed its score to reach the threshold; a long one
needs one for every `sentences_per_passage` of its sentences, so that scattered mentions in a
100-page report do not add up to a theme, and at most `most` themes are suggested, those with
the most passages first. Counting distinct cues was measured against counting every
occurrence, and the passages against a whole report: see the README's "Theme suggestions".

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
WORD = re.compile(r"[a-z0-9]+")
PREFIXES = 8  # the longest start of a word that a cue's anchor is looked up by


@dataclass(frozen=True)
class Suggestion:
    code: str  # a theme code of the taxonomy
    sentences: tuple[str, ...]  # the sentences that support it, strongest first, at most 3
    score: float
    passages: int = 1  # separate runs of at most `window` sentences whose cues reach the threshold


@dataclass(frozen=True)
class Cue:
    """A cue phrase of a theme: see lexicon.json's "about" for how it is written."""

    phrase: str
    weight: float
    pattern: re.Pattern[str] = field(init=False, compare=False, repr=False)
    bounded: bool = field(init=False, compare=False, repr=False)
    # words, or starts of words, one of which every match holds (Words.holding): none if not
    # known, and then the cue is searched for in the whole text
    anchors: tuple[str, ...] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.phrase.startswith("re:"):
            # a leading \b is checked after the search (as for a phrase), not in it: the search
            # is many times quicker when the pattern starts with what it matches
            pattern = self.phrase[3:]
            bounded = pattern.startswith(r"\b")
            pattern = pattern.removeprefix(r"\b")
            anchors = _anchors(self.phrase[3:])
        else:
            pattern, bounded = _cue_pattern(self.phrase), True
            anchors = (max(_starts_of_words(self.phrase), key=len, default=""),)
        if not all(anchors):
            anchors = ()
        object.__setattr__(self, "pattern", re.compile(pattern))
        object.__setattr__(self, "bounded", bounded)
        object.__setattr__(self, "anchors", tuple(anchor[:PREFIXES] for anchor in anchors))


class Words:
    """Which sentences hold a word starting with given letters (up to PREFIXES of them): a cue
    with an anchor is searched for only in the sentences holding it, and most cues are in no
    sentence of a text, or in few."""

    def __init__(self, lowered: Sequence[str]) -> None:
        self.sentences_of: dict[str, set[int]] = defaultdict(set)
        for index, sentence in enumerate(lowered):
            for word in WORD.findall(sentence):
                self.sentences_of[word].add(index)
        self.starting: dict[str, list[str]] = defaultdict(list)
        for word in self.sentences_of:
            for length in range(1, min(len(word), PREFIXES) + 1):
                self.starting[word[:length]].append(word)

    def holding(self, anchors: tuple[str, ...]) -> set[int]:
        words = [word for anchor in anchors for word in self.starting.get(anchor, [])]
        if len(words) == 1:
            return self.sentences_of[words[0]]
        return set().union(*(self.sentences_of[word] for word in words))


@dataclass(frozen=True)
class Lexicon:
    themes: Mapping[str, tuple[Cue, ...]]  # theme code to its cues, in the taxonomy's order
    threshold: float = 2.0
    repeats: float = 0.0  # what each further sentence with the same cue adds, of its weight
    not_negated: frozenset[str] = frozenset()  # themes whose cues count even when negated
    window: int = 0  # consecutive sentences a passage may span (0: the whole text)
    sentences_per_passage: int = 0  # a text needs a passage for each so many sentences (0: one)
    most: int = 0  # at most so many suggestions (0: no limit)

    @classmethod
    def from_mapping(
        cls,
        themes: Mapping[str, Mapping[str, float]],
        *,
        threshold: float = 2.0,
        repeats: float = 0.0,
        not_negated: frozenset[str] = frozenset(),
        window: int = 0,
        sentences_per_passage: int = 0,
        most: int = 0,
    ) -> Lexicon:
        return cls(
            themes={
                code: tuple(Cue(_lower(phrase), float(weight)) for phrase, weight in cues.items())
                for code, cues in themes.items()
            },
            threshold=threshold,
            repeats=repeats,
            not_negated=not_negated,
            window=window,
            sentences_per_passage=sentences_per_passage,
            most=most,
        )

    @classmethod
    def from_json(cls, text: str) -> Lexicon:
        data = json.loads(text, object_pairs_hook=_no_repeated_keys)
        return cls.from_mapping(
            data["themes"],
            threshold=float(data["threshold"]),
            repeats=float(data.get("repeats", 0.0)),
            not_negated=frozenset(data.get("not_negated", ())),
            window=int(data.get("window", 0)),
            sentences_per_passage=int(data.get("sentences_per_passage", 0)),
            most=int(data.get("most", 0)),
        )

    def passages_needed(self, sentences: int) -> int:
        """How many passages a text of so many sentences needs for a theme to be suggested."""
        if self.sentences_per_passage <= 0:
            return 1
        return max(1, sentences // self.sentences_per_passage)


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
    words = Words(lowered)
    found: dict[tuple[str, bool], set[int]] = {}  # a cue may serve several themes
    needed = lexicon.passages_needed(len(sentences))
    window = lexicon.window if lexicon.window > 0 else len(sentences)
    suggestions = []
    for order, (code, cues) in enumerate(lexicon.themes.items()):
        # sentence index to the weight of the distinct cues found in it
        in_sentence: dict[int, float] = defaultdict(float)
        hits: list[tuple[int, int]] = []  # (sentence index, cue's index in the theme)
        score = 0.0
        negated = code not in lexicon.not_negated
        for number, cue in enumerate(cues):
            if (cue.phrase, negated) not in found:
                found[cue.phrase, negated] = (
                    _sentences_holding(cue, words.holding(cue.anchors), lowered, negated=negated)
                    if cue.anchors
                    else _sentences_with(cue, searched, starts, lowered, negated=negated)
                )
            seen = found[cue.phrase, negated]
            if not seen:
                continue
            score += cue.weight * (1 + lexicon.repeats * (len(seen) - 1))
            for index in seen:
                in_sentence[index] += cue.weight
                hits.append((index, number))
        if score <= 0 or not hits:
            continue
        passages = _passages(hits, cues, window, lexicon)
        if passages >= needed:
            strongest = sorted(in_sentence, key=lambda index: (-in_sentence[index], index))
            shown = tuple(sentences[index] for index in strongest[:SHOWN])
            suggestion = Suggestion(code, shown, round(score, 3), passages)
            suggestions.append((-passages, -score, order, suggestion))
    suggestions.sort(key=lambda s: s[:3])
    if lexicon.most > 0:
        del suggestions[lexicon.most :]
    return [suggestion for *_, suggestion in suggestions]


def _passages(
    hits: list[tuple[int, int]], cues: Sequence[Cue], window: int, lexicon: Lexicon
) -> int:
    """How many separate runs of at most `window` consecutive sentences hold cues whose weights
    (each cue once, and `repeats` of it for each further sentence) reach the threshold. hits:
    (sentence index, cue number) for each sentence a cue is found in. Each run starts at a
    sentence with a cue; after one is counted, the next starts after its end."""
    hits.sort()
    passages, at = 0, 0
    while at < len(hits):
        start = hits[at][0]
        end = start + window  # the run is start .. end - 1
        said: dict[int, int] = defaultdict(int)  # cue number to the sentences it is found in
        ahead = at
        while ahead < len(hits) and hits[ahead][0] < end:
            said[hits[ahead][1]] += 1
            ahead += 1
        weight = sum(
            cues[number].weight * (1 + lexicon.repeats * (times - 1))
            for number, times in said.items()
        )
        if weight >= lexicon.threshold:
            passages += 1
            at = ahead  # the next run starts after this one
        else:
            at += 1
            while at < len(hits) and hits[at][0] == start:
                at += 1
    return passages


def _sentences_holding(
    cue: Cue, candidates: set[int], lowered: list[str], *, negated: bool
) -> set[int]:
    """Of the candidate sentences, the indexes of those in which the cue is found (and not
    negated)."""
    seen: set[int] = set()
    for index in candidates:
        sentence = lowered[index]
        for match in cue.pattern.finditer(sentence):
            start, end = match.span()
            if start == end or (cue.bounded and start > 0 and sentence[start - 1].isalnum()):
                continue
            if not (negated and _negated(sentence, start, end)):
                seen.add(index)
                break
    return seen


def _sentences_with(
    cue: Cue, searched: str, starts: list[int], lowered: list[str], *, negated: bool
) -> set[int]:
    """The indexes of the sentences in which the cue is found (and not negated), searching
    the text of them all at once: for a cue without an anchor."""
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


def _starts_of_words(phrase: str) -> list[str]:
    """For each word of a phrase, what a word of the text matching it must start with: the
    word itself, or the letters before a *, a hyphen (co-sleeping is also cosleeping) or an
    apostrophe."""
    return [re.split(r"[*\-'\u2019]", word, maxsplit=1)[0] for word in phrase.split()]


def _anchors(pattern: str) -> tuple[str, ...]:
    """An anchor for each alternative of a regular expression (split at its own |)."""
    alternatives, start, at = [], 0, 0
    while at < len(pattern):
        if pattern[at] == "\\":
            at += 2
            continue
        if pattern[at] in "[(":
            at = _closing(pattern, at)
        elif pattern[at] == "|":
            alternatives.append(pattern[start:at])
            start = at + 1
        at += 1
    alternatives.append(pattern[start:])
    return tuple(
        _literal_in(alternative.removeprefix(r"\b"), bounded=alternative.startswith(r"\b"))
        for alternative in alternatives
    )


def _literal_in(pattern: str, *, bounded: bool) -> str:
    """The longest run of letters that every match of a regular expression holds as the start
    of a word, or "" if that is not simply told: the pattern outside its groups and classes,
    when it has no alternatives of its own. Separators (spaces, \\s, \\W, \\b) are kept; a
    group, a class holding letters, and anything optional or repeated are unknown (NUL)."""
    unknown = "\x00"
    items = [" " if bounded else unknown]
    at = 0
    while at < len(pattern):
        letter = pattern[at]
        if letter == "\\":
            escaped = pattern[at + 1 : at + 2]
            item = " " if escaped in ("s", "W", "b") else unknown
            at += 2
        elif letter == "[":
            end = _closing(pattern, at)
            body = pattern[at + 1 : end]
            body = re.sub(r"\\[sW\-]", "", body)  # spaces, hyphens and non-letters
            item = unknown if re.search(r"[a-z0-9\\]", body) else " "
            at = end + 1
        elif letter == "(":
            item, at = unknown, _closing(pattern, at) + 1
        elif letter == "|":
            return ""
        else:
            item, at = letter, at + 1
        quantifier = re.match(r"(?:[?*+]|\{(\d*),?\d*\})\??", pattern[at:])
        if quantifier:
            at += quantifier.end()
            optional = quantifier.group()[0] in "?*" or quantifier.group(1) in ("", "0")
            if optional or item != " ":
                item = unknown
        items.append(item)
    runs = re.findall(r"(?<=[^a-z0-9\x00])[a-z0-9]+", "".join(items))
    return max(runs, key=len, default="")


def _closing(pattern: str, at: int) -> int:
    """Where the class or group opened at `at` closes."""
    index = at + 1
    if pattern[at] == "[":
        index += pattern[index : index + 1] == "^"
        index += pattern[index : index + 1] == "]"  # a ] first is one of the class
        while index < len(pattern) and pattern[index] != "]":
            index += 2 if pattern[index] == "\\" else 1
        if index < len(pattern):
            return index
    else:
        depth = 1
        while index < len(pattern):
            letter = pattern[index]
            if letter == "\\":
                index += 2
                continue
            if letter == "[":
                index = _closing(pattern, index)
            elif letter == "(":
                depth += 1
            elif letter == ")":
                depth -= 1
                if depth == 0:
                    return index
            index += 1
    raise ValueError(f"not closed in {pattern!r}")


def _lower(phrase: str) -> str:
    """A phrase in lower case, as the text is searched; a regular expression as written."""
    return phrase if phrase.startswith("re:") else phrase.lower()


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
