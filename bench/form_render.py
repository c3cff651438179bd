"""What the shared GOV.UK form machinery costs: milliseconds to render a register's filter
form (date ranges, selects of 5 to 41 options, a checkbox, a text box), with and without
mistakes, and one select of it as a field. No database: the choices are in memory.

    .venv/bin/python bench/form_render.py [--runs 500]

Prints the median and p95 of each, in this process's CPU time (steadier than wall time on a
busy machine). The pages that render such a form (the registers, the audit trail) pay this on
every request.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import time
from collections.abc import Callable

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casereview.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-only-" + "k3J9vQ2xL7mN4pR8sT1wY6zB5cD0fG2hJ4kL6nP8qS0u")
os.environ.setdefault("AUDIT_KEY", "bench-only-audit-" + "Qw8Er4Ty6Ui2Op0As")

THEMES = [(str(n), f"Theme {n}: a label of some length") for n in range(1, 41)]
STATUSES = [(s, s.title()) for s in ("commissioned", "in progress", "published", "closed")]


def filter_form() -> type:
    from django import forms

    from casereview.core.filters import FilterForm
    from casereview.core.forms import DateField

    class ReviewLikeFilter(FilterForm):
        type = forms.ChoiceField(label="Type", choices=[("", "Any"), *STATUSES], required=False)
        status = forms.ChoiceField(label="Status", choices=[("", "Any"), *STATUSES], required=False)
        theme = forms.ChoiceField(label="Theme", choices=[("", "Any"), *THEMES], required=False)
        record = forms.CharField(label="Record", required=False, help_text="Part of its name")
        commissioned_from = DateField(
            label="Commissioned from", required=False, help_text="1 4 2016"
        )
        commissioned_to = DateField(label="Commissioned to", required=False, help_text="31 3 2017")
        overdue = forms.BooleanField(label="Only reviews past six months", required=False)
        date_ranges = (("commissioned_from", "commissioned_to"),)

    return ReviewLikeFilter


def timed(render: Callable[[], str], runs: int) -> tuple[float, float]:
    render()  # templates loaded and cached
    cpu = []
    for _ in range(runs):
        started = time.process_time()
        render()
        cpu.append((time.process_time() - started) * 1000)
    cpu.sort()
    return statistics.median(cpu), cpu[math.ceil(0.95 * len(cpu)) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=500)
    runs = parser.parse_args().runs
    import django

    django.setup()
    form_class = filter_form()
    chosen = form_class({"theme": "7"})
    cases: dict[str, Callable[[], str]] = {
        "filter form, nothing chosen": lambda: str(form_class()),
        "filter form, a theme chosen": lambda: str(form_class({"theme": "7", "overdue": "on"})),
        "filter form, with mistakes": lambda: str(
            form_class({"theme": "99", "commissioned_from_0": "x"})
        ),
        "its select of 41 options, as a field": lambda: str(chosen["theme"].as_field_group()),
    }
    print(f"{runs} renders each; CPU ms\n")
    print("| form | p50 ms | p95 ms |")
    print("|---|---|---|")
    for name, render in cases.items():
        median, p95 = timed(render, runs)
        print(f"| {name} | {median:.2f} | {p95:.2f} |")


if __name__ == "__main__":
    main()
