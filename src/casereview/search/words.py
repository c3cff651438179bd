"""What a person types in the search box, as each database's full-text search reads it. No
Django inside.

People type as they would into a web search: words, "a phrase in quotes", -a word to leave
out, OR between alternatives. PostgreSQL reads that itself (websearch_to_tsquery); SQLite's
FTS5 has a query language of its own, where a stray quote, bracket or word like NEAR is an
error, so the words are translated here into a query it always accepts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A phrase in quotes, or a run of characters other than spaces and quotes.
TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
# What FTS5's unicode61 tokenizer counts as part of a word: letters and digits.
WORD_CHARACTERS = re.compile(r"[^\W_]+", re.UNICODE)
MAX_TERMS = 32  # more words than anyone types; a longer query is cut, not refused


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or a phrase's words
    excluded: bool = False
    or_before: bool = False  # "fathers OR men": this term is an alternative to the last


def terms_of(query: str) -> list[Term]:
    terms: list[Term] = []
    alternative = False
    for match in TOKEN.finditer(query):
        minus, phrase, bare = match.groups()
        if bare is not None:
            if bare == "OR" and terms:
                alternative = True
                continue
            minus = "-" if bare.startswith("-") and len(bare) > 1 else ""
            text = bare[1:] if minus else bare
        else:
            text = phrase
        words = tuple(WORD_CHARACTERS.findall(text.lower()))
        if not words:
            continue
        terms.append(Term(words, excluded=bool(minus), or_before=alternative))
        alternative = False
        if len(terms) == MAX_TERMS:
            break
    return terms


def fts5_query(query: str) -> str:
    """The query for FTS5's MATCH: each word or phrase quoted (so nothing in it is read as
    FTS5's own syntax), alternatives joined by OR, excluded terms after NOT. "" when there is
    nothing to look for (only excluded words, or no word at all)."""
    included: list[list[str]] = []
    excluded: list[str] = []
    for term in terms_of(query):
        quoted = '"' + " ".join(term.words) + '"'
        if term.excluded:
            excluded.append(quoted)
        elif term.or_before and included:
            included[-1].append(quoted)
        else:
            included.append([quoted])
    if not included:
        return ""
    groups = [f"({' OR '.join(group)})" if len(group) > 1 else group[0] for group in included]
    found = " AND ".join(groups)
    for left_out in excluded:
        found = f"({found}) NOT {left_out}"
    return found


def has_words(query: str) -> bool:
    """Whether the query asks for anything (a query of only excluded words finds nothing)."""
    return any(not term.excluded for term in terms_of(query))
