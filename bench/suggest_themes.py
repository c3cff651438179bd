"""Theme suggestions for a 100-page report: p50 and p95 of themes.suggesting.suggest_themes over
several runs, on the CPU, with the national lexicon (loaded once, before the runs).

    .venv/bin/python bench/suggest_themes.py [--pages 100] [--words 350] [--runs 20]

The report is made here, invented: each page about 350 words, the development excerpts
(themes/tests/data/theme_dev_excerpts.json) in turn, padded with the plain prose a review
is mostly made of.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "src"))

EXCERPTS = Path(__file__).parent.parent / "src/casereview/themes/tests/data/theme_dev_excerpts.json"
FILLER = (
    "The panel met four times between March and June and heard from the practitioners "
    "who had worked with the family. Their accounts are set out below in the order of "
    "events, with the panel's analysis after each period. "
)


def report(pages: int, words: int) -> list[str]:
    excerpts = itertools.cycle(e["text"] for e in json.loads(EXCERPTS.read_text())["excerpts"])
    made = []
    for n in range(1, pages + 1):
        page = [f"Section {n}."]
        while sum(len(part.split()) for part in page) < words:
            page.append(next(excerpts))
            page.append(FILLER)
        made.append("\n\n".join(page))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--words", type=int, default=350)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    from casereview.themes.suggesting import national_lexicon, suggest_themes

    started = time.perf_counter()
    national_lexicon()
    loading = time.perf_counter() - started
    pages = report(args.pages, args.words)
    words = sum(len(page.split()) for page in pages)
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        suggestions = suggest_themes(pages)
        times.append(time.perf_counter() - started)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(f"{args.pages} pages, {words} words, {args.runs} runs")
    print(f"lexicon loaded once in {loading * 1000:.0f} ms")
    print(f"suggest_themes: p50 {statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
    print(f"{len(suggestions)} themes suggested")


if __name__ == "__main__":
    main()
