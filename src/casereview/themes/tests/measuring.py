"""Measuring theme suggestions against excerpts labelled with their themes: precision, recall
and F1 for each theme and micro-averaged (every excerpt's every theme counted once), and the
table that test_suggesting_measured prints."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casereview.themes.suggesting import Lexicon, suggest_themes

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Counts:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.true_positives + other.true_positives,
            self.false_positives + other.false_positives,
            self.false_negatives + other.false_negatives,
        )

    @property
    def precision(self) -> float:
        suggested = self.true_positives + self.false_positives
        return self.true_positives / suggested if suggested else 0.0

    @property
    def recall(self) -> float:
        labelled = self.true_positives + self.false_negatives
        return self.true_positives / labelled if labelled else 0.0

    @property
    def f1(self) -> float:
        both = self.precision + self.recall
        return 2 * self.precision * self.recall / both if both else 0.0


@dataclass(frozen=True)
class Measured:
    excerpts: int
    per_theme: dict[str, Counts]

    @property
    def micro(self) -> Counts:
        return sum(self.per_theme.values(), Counts())


def excerpts_of(name: str) -> list[dict[str, Any]]:
    data = json.loads((DATA / name).read_text("utf-8"))
    return list(data["excerpts"])


def measure(excerpts: Iterable[dict[str, Any]], lexicon: Lexicon | None = None) -> Measured:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    count = 0
    for excerpt in excerpts:
        count += 1
        labelled = set(excerpt["themes"])
        suggested = {s.code for s in suggest_themes([excerpt["text"]], lexicon=lexicon)}
        tp.update(labelled & suggested)
        fp.update(suggested - labelled)
        fn.update(labelled - suggested)
    codes = set(tp) | set(fp) | set(fn)
    return Measured(count, {code: Counts(tp[code], fp[code], fn[code]) for code in codes})


def table(title: str, measured: Measured, codes: Sequence[str]) -> str:
    """One row a theme (in the taxonomy's order, those labelled or suggested at least once),
    then the micro-averaged row."""
    lines = [
        f"{title}: {measured.excerpts} excerpts",
        f"{'theme':<28} {'labelled':>8} {'suggested':>9} {'P':>5} {'R':>5} {'F1':>5}",
    ]

    def row(name: str, c: Counts) -> str:
        labelled = c.true_positives + c.false_negatives
        suggested = c.true_positives + c.false_positives
        return (
            f"{name:<28} {labelled:>8} {suggested:>9} "
            f"{c.precision:>5.2f} {c.recall:>5.2f} {c.f1:>5.2f}"
        )

    for code in codes:
        if code in measured.per_theme:
            lines.append(row(code, measured.per_theme[code]))
    lines.append(row("micro-average", measured.micro))
    return "\n".join(lines)
