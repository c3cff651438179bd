"""The mapping suggested for a tracker: what each sheet holds and where its headers are, the
field each column fills (from the words trackers use, then by closeness of spelling with
rapidfuzz), and the code or agency each value stands for ("Died" is a death, "CSPR" a local
child safeguarding practice review, "Police" the partnership's police agency; an agency the
partnership does not have yet is suggested as a new one). A saved mapping's choices win, so
the next upload of the same tracker needs no choices at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from casereview.accounts.models import Agency, Partnership
from casereview.exchange.selectors import exchange_ids
from casereview.exchange.trackers.fields import (
    AGENCY,
    AGENCY_KIND_WORDS,
    BY_KEY,
    CODE,
    FIELDS,
    NOT_KNOWN_WORDS,
    VALUE_WORDS,
    Holds,
    TrackerField,
)
from casereview.exchange.trackers.mapping import NEW_AGENCY, SheetMapping, TrackerMapping
from casereview.exchange.trackers.reading import Sheet, Workbook

HEADER_CUTOFF = 82  # how close a header's spelling must be to a field's words
VALUE_CUTOFF = 85
AGENCY_CUTOFF = 90


def normal(text: str) -> str:
    """Text compared in lower case, without apostrophes or punctuation: "Rec no." is
    "rec no", "Children's Social Care" is "childrens social care"."""
    text = text.lower().replace("&", " and ").replace("'", "").replace("\u2019", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


@dataclass(frozen=True)
class KnownAgency:
    id: str  # its id in the partnership's export
    name: str
    kind: str


def agencies_of(partnership: Partnership | None) -> list[KnownAgency]:
    """The partnership's agencies with the ids its export gives them."""
    if partnership is None or partnership.pk is None:
        return []
    rows = list(Agency.objects.filter(partnership=partnership).order_by("pk"))
    ids = exchange_ids((a.pk, a.external_key, f"agency-{a.pk}") for a in rows)
    return [KnownAgency(ids[a.pk], a.name, a.kind) for a in rows]


def suggest_mapping(
    workbook: Workbook, partnership: Partnership | None, saved: TrackerMapping | None = None
) -> TrackerMapping:
    agencies = agencies_of(partnership)
    return TrackerMapping(
        [
            _suggest_sheet(sheet, agencies, saved.sheet(sheet.name) if saved else None)
            for sheet in workbook.sheets
        ]
    )


def _suggest_sheet(
    sheet: Sheet, agencies: list[KnownAgency], saved: SheetMapping | None
) -> SheetMapping:
    if saved is not None:
        headers = sheet.headers(saved.header_row)
        kept = {h: saved.columns[h] for h in headers if h in saved.columns}
        taken = {key for key in kept.values() if key}
        columns = {
            **suggest_columns([h for h in headers if h not in kept], saved.holds, taken),
            **kept,
        }
        found = SheetMapping(
            saved.sheet, saved.holds, saved.header_row, _in_order(headers, columns)
        )
    else:
        header_row = sheet.guess_header_row()
        headers = sheet.headers(header_row)
        holds, columns = guess_holds(headers)
        found = SheetMapping(sheet.name, holds, header_row, columns)
    found.values = suggest_values(sheet, found, agencies)
    if saved is not None:
        # Every word chosen before and still in the sheet, including those a person matched
        # by hand that would have no suggestion of their own.
        present = coded_texts(sheet, found)
        for key, chosen in saved.values.items():
            if key in present:
                texts = set(present[key])
                found.values.setdefault(key, {}).update(
                    {text: code for text, code in chosen.items() if text in texts}
                )
    return found


def _in_order(headers: list[str], columns: dict[str, str | None]) -> dict[str, str | None]:
    return {h: columns.get(h) for h in headers if h}


def guess_holds(headers: list[str]) -> tuple[str, dict[str, str | None]]:
    """What a sheet holds, from its headers, and the columns' fields for it."""
    cases = suggest_columns(headers, Holds.CASES)
    actions = suggest_columns(headers, Holds.ACTIONS)
    case_keys = {key for key in cases.values() if key}
    action_keys = {key for key in actions.values() if key}
    if "action.text" in action_keys and len(action_keys) >= len(case_keys):
        return Holds.ACTIONS, actions
    if len(case_keys) >= 3 and ({"referral.reference", "referral.received"} & case_keys):
        return Holds.CASES, cases
    return Holds.IGNORE, {h: None for h in headers if h}


def suggest_columns(
    headers: list[str], holds: str, taken: Iterable[str] = ()
) -> dict[str, str | None]:
    """Each header's field, the closest first; a field is given to one column only."""
    fields = [f for f in FIELDS.get(holds, ()) if f.key not in set(taken)]
    scored = sorted(
        (
            (score, index, f.key)
            for index, header in enumerate(headers)
            if header
            for f in fields
            if (score := header_score(header, f)) >= HEADER_CUTOFF
        ),
        key=lambda found: (-found[0], found[1]),
    )
    chosen: dict[str, str | None] = {h: None for h in headers if h}
    used_headers: set[int] = set()
    used_fields: set[str] = set()
    for _, index, key in scored:
        if index in used_headers or key in used_fields:
            continue
        chosen[headers[index]] = key
        used_headers.add(index)
        used_fields.add(key)
    return chosen


def header_score(header: str, tracker_field: TrackerField) -> float:
    text = normal(header)
    words = [normal(tracker_field.label), *(normal(s) for s in tracker_field.synonyms)]
    if text in words:
        return 100.0
    return max(max(fuzz.ratio(text, w), fuzz.token_sort_ratio(text, w)) for w in words)


# Values


def texts_in(sheet: Sheet, header_row: int, header: str) -> list[str]:
    """The distinct texts of a column, as written (stripped, case kept), in order."""
    headers = sheet.headers(header_row)
    if header not in headers:
        return []
    index = headers.index(header)
    seen: dict[str, None] = {}
    for _, row in sheet.data_rows(header_row):
        value = row[index] if index < len(row) else None
        text = "" if value is None else " ".join(str(value).split())
        if text:
            seen.setdefault(text, None)
    return list(seen)


def coded_texts(sheet: Sheet, mapping: SheetMapping) -> dict[str, list[str]]:
    """The distinct texts of each coded or agency column the sheet's mapping maps, by field,
    in order."""
    found: dict[str, dict[str, None]] = {}
    for header, key in mapping.columns.items():
        tracker_field = BY_KEY.get(key) if key else None
        if tracker_field is None or tracker_field.kind not in (CODE, AGENCY):
            continue
        texts = found.setdefault(tracker_field.key, {})
        for text in texts_in(sheet, mapping.header_row, header):
            texts.setdefault(text, None)
    return {key: list(texts) for key, texts in found.items()}


def suggest_values(
    sheet: Sheet, mapping: SheetMapping, agencies: list[KnownAgency]
) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for key, texts in coded_texts(sheet, mapping).items():
        tracker_field = BY_KEY[key]
        values = found.setdefault(key, {})
        for text in texts:
            if tracker_field.kind == AGENCY:
                values[text] = agency_for(text, agencies)
            elif (code := code_for(text, tracker_field)) is not None:
                values[text] = code
    return found


def code_for(text: str, tracker_field: TrackerField) -> str | None:
    """The code the text stands for; "" when it says not known; None when no code is close."""
    n = normal(text)
    if n in {normal(word) for word in NOT_KNOWN_WORDS} or text.strip() in NOT_KNOWN_WORDS:
        return ""
    words: list[tuple[str, str]] = []
    for code, label in tracker_field.codes:
        words += [(normal(code), code), (normal(label), code)]
    for code, synonyms in VALUE_WORDS.get(tracker_field.key, {}).items():
        words += [(normal(word), str(code)) for word in synonyms]
    for word, code in words:
        if n == word:
            return code
    if len(n) < 4:  # "G" or "R" is a word above or nothing: too short to guess by spelling
        return None
    best = max(((fuzz.ratio(n, word), code) for word, code in words), default=(0.0, ""))
    return best[1] if best[0] >= VALUE_CUTOFF else None


def agency_for(text: str, agencies: list[KnownAgency]) -> str:
    """The partnership's agency the text names, else "new:<text>" (an agency to create)."""
    n = normal(text)
    for agency in agencies:
        if n in (normal(agency.name), normal(agency.id)):
            return agency.id
    kind = kind_named(text)
    if kind is not None:
        of_kind = [a for a in agencies if a.kind == kind]
        if of_kind:
            return max(of_kind, key=lambda a: fuzz.token_set_ratio(n, normal(a.name))).id
    if agencies:
        score, best = max((fuzz.token_set_ratio(n, normal(a.name)), a.id) for a in agencies)
        if score >= AGENCY_CUTOFF:
            return best
    return f"{NEW_AGENCY}{text}"


def kind_named(text: str) -> str | None:
    """The kind of agency the text names by its usual words ("Police", "CSC"), if any."""
    n = normal(text)
    for kind, words in AGENCY_KIND_WORDS.items():
        if n in words or any(f" {word} " in f" {n} " for word in words if len(word) > 3):
            return str(kind)
    return None


def values_to_map(workbook: Workbook, mapping: TrackerMapping) -> dict[str, list[str]]:
    found: dict[str, dict[str, None]] = {}
    for sheet_mapping in mapping.sheets:
        if sheet_mapping.holds == Holds.IGNORE or not workbook.has(sheet_mapping.sheet):
            continue
        sheet = workbook.sheet(sheet_mapping.sheet)
        for key, texts in coded_texts(sheet, sheet_mapping).items():
            in_order = found.setdefault(key, {})
            for text in texts:
                in_order.setdefault(text, None)
    return {key: list(texts) for key, texts in found.items()}
