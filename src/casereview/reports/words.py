"""Plain English from figures: numbers under ten in words, lists joined with "and"."""

from __future__ import annotations

NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def number(n: int) -> str:
    return NUMBER_WORDS[n] if 0 <= n < 10 else f"{n:,}"


def count(n: int, singular: str, plural: str | None = None) -> str:
    """count(1, "review") -> "one review"; count(12, "case") -> "12 cases"."""
    return f"{number(n)} {singular if n == 1 else (plural or singular + 's')}"


def join(items: list[str]) -> str:
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", ":")) else ".")
