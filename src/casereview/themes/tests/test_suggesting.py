"""Theme suggestions from a review's text: the themes whose cues the text holds, each with the
sentences that hold them, strongest first; nothing from a text without cues, nor from a cue
the text says was absent."""

from __future__ import annotations

import dataclasses

import pytest

from casereview.themes.suggesting import (
    Lexicon,
    Suggestion,
    national_lexicon,
    sentences_of,
    suggest_themes,
)
from casereview.themes.taxonomy import national_codes, national_themes

SMALL = Lexicon.from_mapping(
    {
        "sudi": {"co-sleep*": 2, "sofa": 1.5, "lullaby trust": 2},
        "neglect": {"neglect*": 2, "home conditions": 1.5, "hungry": 1},
        "domestic_abuse": {"domestic abuse": 2, "marac": 2},
    },
    threshold=2,
)


def codes(suggestions: list[Suggestion]) -> list[str]:
    return [suggestion.code for suggestion in suggestions]


def test_every_theme_of_the_lexicon_is_national_and_every_national_theme_has_cues() -> None:
    lexicon = national_lexicon()
    assert set(lexicon.themes) == national_codes()
    assert list(lexicon.themes) == [theme["code"] for theme in national_themes()]
    for code, cues in lexicon.themes.items():
        assert len(cues) >= 8, code
        assert max(cue.weight for cue in cues) >= lexicon.threshold, code
    assert lexicon.not_negated <= national_codes()


def test_the_supporting_sentences_are_those_holding_the_cues() -> None:
    text = (
        "The family moved to the area in 2021. Baby Ava died after co-sleeping with her "
        "mother on a sofa. The health visitor had given advice from the Lullaby Trust. "
        "Her older brother attended the local primary school."
    )
    [sudi] = suggest_themes([text], lexicon=SMALL)
    assert sudi.code == "sudi"
    assert sudi.sentences == (
        "Baby Ava died after co-sleeping with her mother on a sofa.",
        "The health visitor had given advice from the Lullaby Trust.",
    )
    assert sudi.score == 2 + 1.5 + 2


def test_a_text_with_nothing_in_it_suggests_nothing() -> None:
    assert suggest_themes([]) == []
    assert suggest_themes(["", "   \n\n  "]) == []
    assert suggest_themes(["The review panel met on a Tuesday in the council's offices."]) == []


def test_a_negated_cue_does_not_count() -> None:
    assert codes(suggest_themes(["There was no evidence of domestic abuse."], lexicon=SMALL)) == []
    assert codes(suggest_themes(["No concerns about neglect were raised."], lexicon=SMALL)) == []
    assert codes(suggest_themes(["Domestic abuse was ruled out."], lexicon=SMALL)) == []
    assert codes(suggest_themes(["There was domestic abuse."], lexicon=SMALL)) == ["domestic_abuse"]
    # the negation reaches only to the end of its clause
    said = "There was no evidence of drug use, but the case was heard at MARAC."
    assert codes(suggest_themes([said], lexicon=SMALL)) == ["domestic_abuse"]


def test_in_practice_themes_the_absence_is_the_finding() -> None:
    said = ["There was no evidence of professional curiosity about the father's role."]
    assert "professional_curiosity" in codes(suggest_themes(said))


def test_the_best_supported_theme_comes_first_and_its_strongest_sentence() -> None:
    text = (
        "The children were often hungry. Neglect was recorded, and home conditions were poor. "
        "Domestic abuse was reported once. The case was heard at MARAC. The house was cold. "
        "Neglect was the category of the plan."
    )
    suggestions = suggest_themes([text], lexicon=SMALL)
    assert codes(suggestions) == ["neglect", "domestic_abuse"]
    neglect = suggestions[0]
    assert neglect.score == 2 + 1.5 + 1  # each cue once, however often it is said
    assert neglect.sentences == (
        "Neglect was recorded, and home conditions were poor.",
        "Neglect was the category of the plan.",
        "The children were often hungry.",
    )


def test_at_most_three_sentences_support_a_suggestion() -> None:
    texts = [f"Page {n}: the family were neglected." for n in range(1, 10)]
    [neglect] = suggest_themes(texts, lexicon=SMALL)
    assert neglect.sentences == tuple(texts[:3])  # equally strong: the earlier texts first


def test_the_threshold_and_repeats_decide() -> None:
    said = ["The children were hungry.", "Again they were hungry at school."]
    assert suggest_themes(said, lexicon=SMALL) == []
    repeated = dataclasses.replace(SMALL, repeats=1.0)
    assert codes(suggest_themes(said, lexicon=repeated)) == ["neglect"]


@pytest.mark.parametrize("said", ["co-sleeping", "co sleeping", "cosleeping", "CO-SLEEPING"])
def test_cues_match_their_stems_whatever_the_case_and_hyphens(said: str) -> None:
    assert codes(suggest_themes([f"The baby died after {said}."], lexicon=SMALL)) == ["sudi"]


def test_a_cue_does_not_match_inside_a_word() -> None:
    lexicon = Lexicon.from_mapping({"disability_sen": {"sen": 2}}, threshold=2)
    assert suggest_themes(["She was sent home and presented well."], lexicon=lexicon) == []
    assert codes(suggest_themes(["She had SEN support."], lexicon=lexicon)) == ["disability_sen"]


def test_national_cues_for_a_published_style_summary() -> None:
    summary = (
        "Baby Ruby died aged ten weeks after she was found unresponsive on the sofa, where she "
        "had fallen asleep with her father. There was no evidence of domestic abuse. Her "
        "father's previous convictions were not shared with the health visitor."
    )
    suggestions = suggest_themes([summary])
    assert {"sudi", "under_one", "information_sharing", "parental_criminality"} <= set(
        codes(suggestions)
    )
    assert "domestic_abuse" not in codes(suggestions)
    sudi = next(s for s in suggestions if s.code == "sudi")
    assert sudi.sentences[0].startswith("Baby Ruby died")


def test_sentences_are_cut_at_their_ends_blank_lines_and_list_items() -> None:
    text = "First point. Second point!\n\nA heading\n- a bullet\n1. a numbered item e.g. this"
    assert sentences_of([text, "  Another   page\nwrapped. "]) == [
        "First point.",
        "Second point!",
        "A heading",
        "- a bullet",
        "1. a numbered item e.g. this",
        "Another page wrapped.",
    ]


def test_a_lexicon_with_a_cue_written_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="sofa"):
        Lexicon.from_json('{"threshold": 2, "themes": {"sudi": {"sofa": 1, "sofa": 2}}}')


def test_searching_only_the_sentences_holding_a_cues_anchor_finds_what_searching_all_does() -> None:
    """The anchors are a shortcut: every national cue is found in the same sentences of the
    excerpts whether it is searched for in the sentences holding its anchor or in them all."""
    from casereview.themes.suggesting import (
        SEPARATOR,
        Words,
        _sentences_holding,
        _sentences_with,
        _starts,
    )
    from casereview.themes.tests.measuring import excerpts_of

    texts = [
        e["text"]
        for name in ("theme_dev_excerpts.json", "theme_excerpts.json")
        for e in excerpts_of(name)
    ]
    lowered = [sentence.lower() for sentence in sentences_of(texts)]
    searched, starts, words = SEPARATOR.join(lowered), _starts(lowered), Words(lowered)
    anchored = 0
    for cues in national_lexicon().themes.values():
        for cue in cues:
            if cue.anchors:
                anchored += 1
                everywhere = _sentences_with(cue, searched, starts, lowered, negated=True)
                holding = _sentences_holding(cue, words.holding(cue.anchors), lowered, negated=True)
                assert holding == everywhere, cue.phrase
    assert anchored > 900


def test_cues_count_together_only_within_a_passage_of_a_few_sentences() -> None:
    """A theme needs its cues close together: scattered through a long text they are not a
    passage about it."""
    near = ["The children were hungry. The home conditions were poor."]
    apart = [
        "The children were hungry.",
        *[f"The family went to the library on day {n}." for n in range(1, 6)],
        "The home conditions were poor.",
    ]
    windowed = dataclasses.replace(SMALL, window=5)
    [neglect] = suggest_themes(near, lexicon=windowed)
    assert (neglect.code, neglect.passages) == ("neglect", 1)
    assert suggest_themes(apart, lexicon=windowed) == []
    assert codes(suggest_themes(apart, lexicon=SMALL)) == ["neglect"]  # window 0: the whole text


def test_a_long_text_needs_a_passage_for_so_many_sentences_and_the_most_passages_come_first() -> (
    None
):
    filler = [f"The panel met on day {n} in the council's offices." for n in range(1, 40)]
    sudi = "The baby died after co-sleeping on a sofa."
    neglect = "The children were hungry and neglected."
    text = [sudi, *filler[:10], neglect, *filler[10:20], sudi, *filler[20:]]
    lexicon = dataclasses.replace(SMALL, window=3, sentences_per_passage=20)
    assert lexicon.passages_needed(len(text)) == 2
    [found] = suggest_themes(text, lexicon=lexicon)
    assert (found.code, found.passages) == ("sudi", 2)  # neglect is said once: not enough
    assert lexicon.passages_needed(10) == 1  # a short text needs one, as before
    one_each = dataclasses.replace(lexicon, sentences_per_passage=0)
    assert codes(suggest_themes(text, lexicon=one_each)) == ["sudi", "neglect"]
    assert codes(suggest_themes(text, lexicon=dataclasses.replace(one_each, most=1))) == ["sudi"]


def test_the_national_lexicon_limits_what_a_long_report_suggests() -> None:
    lexicon = national_lexicon()
    assert lexicon.window > 0 and lexicon.sentences_per_passage > 0 and lexicon.most == 10
    from casereview.themes.tests.measuring import excerpts_of

    pages = [e["text"] for e in excerpts_of("theme_dev_excerpts.json")] * 10
    suggestions = suggest_themes(pages, lexicon=lexicon)
    assert len(suggestions) == 10
    passages = [s.passages for s in suggestions]
    assert passages == sorted(passages, reverse=True)
