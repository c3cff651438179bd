"""What is wrong with a document, and where: `$.reviews[3].recommendations[0].lead_agency`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MAX_PROBLEMS = 100
_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

Part = str | int


def path_of(parts: Iterable[Part]) -> str:
    """The JSON path of a place in a document, as the format's errors name it."""
    path = "$"
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        elif _PLAIN_KEY.match(part):
            path += f".{part}"
        else:
            path += '["' + part.replace("\\", "\\\\").replace('"', '\\"') + '"]'
    return path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document: where (its path) and what was expected."""

    parts: tuple[Part, ...]
    message: str
    where: str | None = None  # in a workbook: "sheet 'Reviews', row 5, column E (status)"

    @property
    def path(self) -> str:
        return path_of(self.parts)

    @property
    def place(self) -> str:
        """Where a person finds it: the cell of a workbook, else the JSON path."""
        return self.where or self.path

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"

    def sort_key(self) -> tuple:
        return tuple(
            (0, part, "") if isinstance(part, int) else (1, 0, part) for part in self.parts
        )


class DocumentRejected(Exception):
    """The document was not imported; `problems` says why (at most MAX_PROBLEMS of them)."""

    def __init__(self, problems: Sequence[Problem], total: int | None = None) -> None:
        self.problems = list(problems)
        self.total = total if total is not None else len(self.problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))

    @property
    def more(self) -> int:
        """How many problems were found beyond those listed."""
        return self.total - len(self.problems)


def in_order(problems: Iterable[Problem]) -> list[Problem]:
    """Each problem once, from the top of the document to the bottom."""
    unique = {(problem.parts, problem.message): problem for problem in problems}
    return sorted(unique.values(), key=Problem.sort_key)


def reject_if_any(problems: Iterable[Problem]) -> None:
    ordered = in_order(problems)
    if ordered:
        raise DocumentRejected(ordered[:MAX_PROBLEMS], total=len(ordered))
