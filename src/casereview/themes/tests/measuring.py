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
        pages = excerpt["pages"] if "pages" in excerpt else [excerpt["text"]]
        suggested = {s.code for s in suggest_themes(pages, lexicon=lexicon)}
        tp.update(labelled & suggested)
        fp.update(suggested - labelled)
        fn.update(labelled - suggested)
    codes = set(tp) | set(fp) | set(fn)
    return Measured(count, {code: Counts(tp[code], fp[code], fn[code]) for code in codes})


def table(title: str, measured: Measured, codes: Sequence[str], unit: str = "excerpts") -> str:
    """One row a theme (in the taxonomy's order, those labelled or suggested at least once),
    then the micro-averaged row."""
    lines = [
        f"{title}: {measured.excerpts} {unit}",
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


# Chronology that a review's report is mostly made of, naming no theme: the filler between the
# excerpts of a long report.
CHRONOLOGY = (
    "This section sets out the chronology of key events between January 2021 and March 2023. "
    "It draws on the records of the organisations that took part in the review, on "
    "conversations with practitioners and on the panel's own discussions. Dates are given "
    "where they are known; where the records differ, the earliest date recorded is used.",
    "The panel met on five occasions between June and November 2023. Each meeting was chaired "
    "by the independent reviewer, and minutes were circulated within a week and agreed at the "
    "following meeting.",
    "In April 2021 the primary school held its spring parents' evening. Mother attended with "
    "the two younger children and spoke with the class teacher about reading at home. The "
    "teacher noted that the children were making expected progress in most subjects.",
    "During the summer of 2021 the family spent three weeks on the coast. On their return the "
    "children took part in a holiday club run by the leisure centre, which they went to on "
    "most weekdays in August.",
    "In September 2021 the eldest child started in Year 3. The school's notes for the autumn "
    "term mention a class trip to a museum, a harvest assembly in which the children sang, and "
    "a workshop on phonics for parents.",
    "The GP practice saw the youngest child in October 2021 for a chest infection, which was "
    "treated with antibiotics. A telephone call two weeks later noted that the cough had "
    "cleared.",
    "Over the winter the family's routine was largely unchanged. The children walked to school "
    "with a neighbour, and Mother worked part-time shifts at a supermarket on the edge of town.",
    "In March 2022 the practice nurse gave the eldest child a routine asthma review. The "
    "inhaler technique was checked and a new prescription issued. Nothing further is noted "
    "until June.",
    "The panel is grateful to the practitioners who met the reviewer and gave their time. "
    "Their accounts have been used alongside the written material to set out the events "
    "that follow.",
    "In May 2022 the family moved to a larger flat in the same street, nearer the school. The "
    "children kept the same school and the same GP.",
    "This report was written by the independent reviewer and agreed by the partnership's case "
    "review group in January 2024. It follows the structure set out in the national panel's "
    "guidance for local reviews.",
)


@dataclass(frozen=True)
class LongReport:
    excerpts: tuple[int, ...]  # the ids of the excerpts it is made of
    pages: tuple[str, ...]  # one page an excerpt, between two paragraphs of chronology
    themes: frozenset[str]  # the union of the excerpts' themes


def long_reports(
    excerpts: Sequence[dict[str, Any]], count: int = 15, sizes: Sequence[int] = (4, 5, 6)
) -> list[LongReport]:
    """Reports made of excerpts that share most of their themes, each excerpt used once: for
    each theme in turn, from the most often labelled, the excerpt with the most themes among
    those labelled with it, then those sharing most themes with the report so far (of equals,
    the one adding fewest new themes), 4, 5 or 6 of them in turn; between the excerpts, the
    chronology."""
    labelled: Counter[str] = Counter(code for e in excerpts for code in e["themes"])
    used: set[int] = set()
    reports: list[LongReport] = []
    for code, _ in sorted(labelled.items(), key=lambda item: (-item[1], item[0])):
        size = sizes[len(reports) % len(sizes)]
        candidates = [
            (place, e)
            for place, e in enumerate(excerpts)
            if code in e["themes"] and place not in used
        ]
        if len(candidates) < size:
            continue
        candidates.sort(key=lambda c: (-len(c[1]["themes"]), c[0]))
        chosen = [candidates.pop(0)]
        themes = set(chosen[0][1]["themes"])
        while len(chosen) < size:
            best = min(
                candidates,
                key=lambda c: (
                    -len(themes & set(c[1]["themes"])),
                    len(set(c[1]["themes"]) - themes),
                    c[0],
                ),
            )
            candidates.remove(best)
            chosen.append(best)
            themes |= set(best[1]["themes"])
        used.update(place for place, _ in chosen)
        pages = tuple(
            "\n\n".join(
                (
                    CHRONOLOGY[(2 * n + len(reports)) % len(CHRONOLOGY)],
                    e["text"],
                    CHRONOLOGY[(2 * n + 1 + len(reports)) % len(CHRONOLOGY)],
                )
            )
            for n, (_, e) in enumerate(chosen)
        )
        reports.append(LongReport(tuple(e["id"] for _, e in chosen), pages, frozenset(themes)))
        if len(reports) == count:
            break
    return reports


def with_passing_mentions(
    reports: Sequence[LongReport], excerpts: Sequence[dict[str, Any]]
) -> list[LongReport]:
    """The reports with, after each paragraph of chronology, a passing mention: the first
    sentence of an excerpt that shares no theme with the report, in turn. The report's themes
    are not changed: a theme mentioned once in passing is not one the report is about."""
    from casereview.themes.suggesting import sentences_of

    made = []
    for number, report in enumerate(reports):
        others = [e for e in excerpts if not set(e["themes"]) & report.themes]
        pages = []
        for page_number, page in enumerate(report.pages):
            paragraphs = page.split("\n\n")
            mentions = [
                sentences_of([others[(7 * number + 2 * page_number + n) % len(others)]["text"]])[0]
                for n in (0, 1)
            ]
            pages.append(
                "\n\n".join(
                    (
                        paragraphs[0] + " " + mentions[0],
                        *paragraphs[1:-1],
                        paragraphs[-1] + " " + mentions[1],
                    )
                )
            )
        made.append(LongReport(report.excerpts, tuple(pages), report.themes))
    return made


def as_whole_report(
    report: LongReport,
    excerpts: Sequence[dict[str, Any]],
    *,
    pages: int = 100,
    words: int = 350,
    said: int = 5,
    mentions: int = 50,
) -> LongReport:
    """The report grown to the length of a whole one: `pages` pages of chronology in which each
    of its excerpts is said `said` times (a review comes back to its themes in its chronology,
    analysis, findings and learning) and `mentions` sentences are passing mentions of themes it
    is not about (the first sentences of excerpts sharing no theme with it, in turn), all spread
    evenly. Its themes are not changed."""
    from casereview.themes.suggesting import sentences_of

    texts = [
        e["text"]
        for e in excerpts
        if e["id"] in report.excerpts and set(e["themes"]) <= report.themes
    ]
    others = [e for e in excerpts if not set(e["themes"]) & report.themes]
    passing = [sentences_of([e["text"]])[0] for e in others]
    paragraphs_needed = pages * words // 38  # a paragraph of chronology is about 38 words
    inserts: dict[int, list[str]] = {}
    spoken = [texts[n % len(texts)] for n in range(said * len(texts))]
    for n, text in enumerate(spoken):
        inserts.setdefault(n * paragraphs_needed // len(spoken), []).append(text)
    for n in range(mentions):
        at = (2 * n + 1) * paragraphs_needed // (2 * mentions)
        inserts.setdefault(at, []).append(passing[n % len(passing)])
    paragraphs: list[str] = []
    for n in range(paragraphs_needed):
        paragraphs.append(CHRONOLOGY[n % len(CHRONOLOGY)])
        paragraphs.extend(inserts.get(n, []))
    made: list[str] = []
    page: list[str] = []
    for paragraph in paragraphs:
        page.append(paragraph)
        if sum(len(part.split()) for part in page) >= words:
            made.append("\n\n".join(page))
            page = []
    if page:
        made.append("\n\n".join(page))
    return LongReport(report.excerpts, tuple(made), report.themes)


def measure_reports(reports: Iterable[LongReport], lexicon: Lexicon | None = None) -> Measured:
    """As measure, a report for an excerpt."""
    return measure(
        ({"pages": report.pages, "themes": report.themes} for report in reports), lexicon
    )
