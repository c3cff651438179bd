"""Reviews like this one: how alike two reviews are, by the themes they share and the words
of their learning. Pure functions, no Django: library.selectors reads the reviews.

Themes count for most (THEMES_WEIGHT): they are what partnerships tag reviews with so that
learning in common can be counted (themes.md), and a board asks "which reviews found the same
about fathers?" by theme. Words tell apart reviews that share the same themes: each review's
words are weighed by how rare they are among the reviews compared (tf-idf), so that words
every review uses ("child", "agencies") count for little, and the two are compared by the
cosine of their weights.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

THEMES_WEIGHT = 0.7
WORDS_WEIGHT = 1 - THEMES_WEIGHT
SHOWN = 5
SHORTEST_WORD = 4  # shorter words are mostly "the", "and", "was": they tell nothing apart
WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class Learning:
    """A review as it is compared: its id, its themes (code to label) and its words."""

    review_id: int
    themes: dict[str, str]
    text: str
    words: Counter[str] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", words_in(self.text))


@dataclass(frozen=True)
class Alike:
    review_id: int
    likeness: float  # 0 to 1
    shared_themes: list[str]  # their labels, as the other review names them


def words_in(text: str) -> Counter[str]:
    return Counter(word for word in WORD.findall(text.lower()) if len(word) >= SHORTEST_WORD)


def theme_likeness(themes: Iterable[str], other: Iterable[str]) -> float:
    """The themes in common over the themes of either (Jaccard): 1 for the same themes."""
    mine, theirs = set(themes), set(other)
    if not mine or not theirs:
        return 0.0
    return len(mine & theirs) / len(mine | theirs)


def _weights(words: Counter[str], rarity: dict[str, float]) -> dict[str, float]:
    return {word: (1 + math.log(count)) * rarity.get(word, 0.0) for word, count in words.items()}


def _cosine(one: dict[str, float], other: dict[str, float]) -> float:
    dot = sum(weight * other.get(word, 0.0) for word, weight in one.items())
    lengths = math.sqrt(sum(w * w for w in one.values())) * math.sqrt(
        sum(w * w for w in other.values())
    )
    return dot / lengths if lengths else 0.0


def _rarity(reviews: Sequence[Learning]) -> dict[str, float]:
    """Each word's inverse document frequency among the reviews compared (smoothed, so that a
    word in every review still counts a little)."""
    counts: Counter[str] = Counter()
    for review in reviews:
        counts.update(review.words.keys())
    total = len(reviews)
    return {word: math.log((1 + total) / (1 + seen)) + 1 for word, seen in counts.items()}


def most_alike(review: Learning, others: Sequence[Learning], shown: int = SHOWN) -> list[Alike]:
    """The `shown` reviews of `others` most like `review`, most alike first (equals in the
    order given); only those that share at least one of its themes, never the review itself."""
    others = [other for other in others if other.review_id != review.review_id]
    rarity = _rarity([review, *others])
    mine = _weights(review.words, rarity)
    alike = []
    for other in others:
        shared = [label for code, label in other.themes.items() if code in review.themes]
        if not shared:
            continue
        likeness = THEMES_WEIGHT * theme_likeness(review.themes, other.themes) + (
            WORDS_WEIGHT * _cosine(mine, _weights(other.words, rarity))
        )
        alike.append(Alike(other.review_id, round(likeness, 6), sorted(shared)))
    alike.sort(key=lambda found: -found.likeness)  # stable: ties keep the order given
    return alike[:shown]
