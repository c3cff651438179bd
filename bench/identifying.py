"""The identifying-details check's speed: find_identifying on a 100-page report, and the
first use's cost of reading the name lists.

    .venv/bin/python bench/identifying.py [--pages 100] [--runs 7]

The report's pages are the measured test set's (publication/tests/planted.py), planted and
clean, repeated to the length asked for. The first use is timed in a process of its own, so
that its memory is the lists' alone: peak resident memory before and after reading them.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

SRC = Path(__file__).parent.parent / "src"
sys.path.insert(0, str(SRC))

FIRST_USE = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from casereview.publication import names
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
sizes = len(names.first_names()), len(names.surnames()), len(names.ordinary_words()), len(names.places())
seconds = time.perf_counter() - start
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "before_mb": before / 1024, "after_mb": after / 1024, "sizes": sizes}))
"""


def first_use() -> dict[str, object]:
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", FIRST_USE, str(SRC)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    loaded = first_use()
    print(
        f"name lists, first use: {loaded['seconds']:.2f} s, peak memory "
        f"{loaded['before_mb']:.0f} MB before, {loaded['after_mb']:.0f} MB after "
        f"(first names, surnames, English words, places: {loaded['sizes']})"
    )
    from casereview.publication.identifying import find_identifying
    from casereview.publication.tests.planted import ALLOWED, PSEUDONYMS, build

    built = build()
    pages = (built.pages * (options.pages // len(built.pages) + 1))[: options.pages]
    find_identifying(pages[:1])  # the lists read, as a running service has them
    times = []
    for _ in range(options.runs):
        start = time.perf_counter()
        found = find_identifying(pages, pseudonyms=PSEUDONYMS, allowed=ALLOWED)
        times.append(time.perf_counter() - start)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(
        f"find_identifying on {len(pages)} pages ({sum(len(p.split()) for p in pages)} words, "
        f"{len(found)} findings), {options.runs} runs: p50 {statistics.median(times) * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms; peak memory of this process "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
