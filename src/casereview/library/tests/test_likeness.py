"""How alike two reviews are: by the themes they share first, then by the words of their
learning, rare words counting more than words every review uses."""

from __future__ import annotations

from casereview.library.likeness import Learning, most_alike, theme_likeness, words_in

NEGLECT = {"neglect": "Neglect"}
FATHERS = {"engaging_fathers": "Engaging fathers"}
ESCALATION = {"escalation": "Escalation"}


def test_themes_in_common_over_themes_of_either() -> None:
    assert theme_likeness({"a", "b"}, {"a", "b"}) == 1
    assert theme_likeness({"a", "b"}, {"b", "c"}) == 1 / 3
    assert theme_likeness({"a"}, {"b"}) == 0
    assert theme_likeness(set(), {"b"}) == 0


def test_short_words_are_not_counted_and_case_does_not_matter() -> None:
    assert words_in("The baby's Father was not SEEN by the health visitor") == {
        "baby's": 1,
        "father": 1,
        "seen": 1,
        "health": 1,
        "visitor": 1,
    }


def test_the_reviews_sharing_more_themes_come_first() -> None:
    review = Learning(1, NEGLECT | FATHERS | ESCALATION, "")
    one_theme = Learning(2, NEGLECT, "")
    two_themes = Learning(3, NEGLECT | FATHERS, "")
    none_shared = Learning(4, {"county_lines": "County lines"}, "")
    alike = most_alike(review, [one_theme, two_themes, none_shared])
    assert [found.review_id for found in alike] == [3, 2]
    assert alike[0].shared_themes == ["Engaging fathers", "Neglect"]


def test_words_tell_apart_reviews_with_the_same_themes() -> None:
    review = Learning(1, NEGLECT, "The father was never invited to the child protection conference")
    about_fathers = Learning(
        2, NEGLECT, "Practitioners did not invite the father; fathers were invisible"
    )
    about_housing = Learning(3, NEGLECT, "Housing moves meant the family was lost between areas")
    alike = most_alike(review, [about_housing, about_fathers])
    assert [found.review_id for found in alike] == [2, 3]
    assert alike[0].likeness > alike[1].likeness


def test_words_every_review_uses_count_for_less_than_rare_ones() -> None:
    review = Learning(1, NEGLECT, "child bruising")
    common = Learning(2, NEGLECT, "child child child")
    rare = Learning(3, NEGLECT, "bruising")
    also = Learning(4, NEGLECT, "child")
    alike = most_alike(review, [common, rare, also])
    assert alike[0].review_id == 3


def test_never_the_review_itself_and_at_most_the_number_shown() -> None:
    review = Learning(1, NEGLECT, "words")
    others = [Learning(n, NEGLECT, "words") for n in range(1, 12)]
    alike = most_alike(review, others, shown=5)
    assert len(alike) == 5
    assert 1 not in [found.review_id for found in alike]


def test_a_review_with_no_theme_is_like_none() -> None:
    assert most_alike(Learning(1, {}, "neglect"), [Learning(2, NEGLECT, "neglect")]) == []


def test_equals_keep_the_order_they_were_given_in() -> None:
    review = Learning(1, NEGLECT, "")
    alike = most_alike(review, [Learning(9, NEGLECT, ""), Learning(3, NEGLECT, "")])
    assert [found.review_id for found in alike] == [9, 3]
