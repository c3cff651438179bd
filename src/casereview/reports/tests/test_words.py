"""The words a count is written in, for 0, 1, 2 and 11: the cases the issue found broken
("four are publisheds", "no of the four reviews", "No were female, no male")."""

from __future__ import annotations

import pytest

from casereview.reports.words import count, join, none, noun, number, of, sentence, verb

COUNTS = (0, 1, 2, 11)


@pytest.mark.parametrize(
    ("singular", "third", "said"),
    [
        ("review", None, ["no reviews", "one review", "two reviews", "11 reviews"]),
        ("child", None, ["no children", "one child", "two children", "11 children"]),
        ("person", "people", ["no people", "one person", "two people", "11 people"]),
        (
            "case review",
            None,
            ["no case reviews", "one case review", "two case reviews", "11 case reviews"],
        ),
        ("case", "was", ["no cases were", "one case was", "two cases were", "11 cases were"]),
        (
            "action",
            "has",
            ["no actions have", "one action has", "two actions have", "11 actions have"],
        ),
        ("child", "is", ["no children are", "one child is", "two children are", "11 children are"]),
    ],
)
def test_a_count_agrees_with_its_noun_and_verb(
    singular: str, third: str | None, said: list[str]
) -> None:
    assert [count(n, singular, third) for n in COUNTS] == said


def test_a_count_standing_alone_is_none_not_no() -> None:
    assert [none(n) for n in COUNTS] == ["none", "one", "two", "11"]
    assert [number(n) for n in (0, 1, 9, 10, 1234)] == ["no", "one", "nine", "10", "1,234"]
    # "None were female and none male", never "No were female, no male".
    assert [sentence(f"{none(n)} {verb(n, 'was')} female and {none(0)} male") for n in COUNTS] == [
        "None were female and none male.",
        "One was female and none male.",
        "Two were female and none male.",
        "11 were female and none male.",
    ]


def test_a_status_after_a_number_takes_no_plural() -> None:
    assert [f"{number(n)} {verb(n, 'is')} published" for n in (1, 2, 11)] == [
        "one is published",
        "two are published",
        "11 are published",
    ]
    assert [noun(n, "review") for n in COUNTS] == ["reviews", "review", "reviews", "reviews"]


def test_a_part_of_a_whole() -> None:
    assert [of(n, 4, "review") for n in (0, 1, 2, 4)] == [
        "none of the four reviews",
        "one of the four reviews",
        "two of the four reviews",
        "all four reviews",
    ]
    assert [of(n, 11, "review") for n in (0, 1, 2, 11)] == [
        "none of the 11 reviews",
        "one of the 11 reviews",
        "two of the 11 reviews",
        "all 11 reviews",
    ]
    assert of(2, 2, "review") == "both reviews" and of(1, 1, "review") == "the one review"
    assert of(0, 0, "review") == "no reviews"


def test_lists_are_joined_with_and() -> None:
    assert [join(["a", "b", "c"][:n]) for n in (0, 1, 2, 3)] == ["", "a", "a and b", "a, b and c"]
