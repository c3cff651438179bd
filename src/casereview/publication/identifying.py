"""The identifying-details check: what in a review's text could identify the child or the
family, found before the review is published. Pure: no Django beyond the kinds' names.

Working Together to Safeguard Children expects the safeguarding partners to publish a
review's report unless that would be inappropriate, and the report to be written so that
publishing it is not likely to harm any child or vulnerable adult in the case. Published
reviews name children by pseudonym, and their authors weigh which details (dates, places,
schools, family make-up) could, together, identify a child. This check finds the details a
person then decides on; it does not decide.

Designed as Microsoft Presidio's analyser is: a list of recognisers, each finding spans of
one kind in a page's text, some raised or lowered by the words around them (a title before a
name, "born" before a date, "car" before a registration). Where two findings overlap, the
kind earlier in RECOGNISERS wins (an email address is not also a name).

Names are told by lists read from kept datasets (publication.names): first names and
surnames ranked in Great Britain, and the words English writes in lower case. A capitalised
word is a name when:
  - a title stands before it (Mr, Mrs, Ms, Miss, Mx, Dr): "Mrs Okonkwo";
  - it is a first name followed by a surname (or by a capitalised word that is not an English
    word): "Siobhan Kelly", "Grace Adeyemi" (but "Will Young", two English words, is not);
  - it is a first name or surname on its own, not at a sentence's start, and not an English
    word ("when Priya arrived", not "in May" nor "Hope").
A word that is a place (one of the UK's areas or a country, or after "in", "near", "moved
to" ...) is not a name on its own. A run of capitalised words with an organisation's word in it (Police, Council, Hospital,
Trust ...) is an organisation, not a name; schools, streets and courts are kinds of their own.

A pseudonym is used inconsistently (PSEUDONYM_INCONSISTENT) when, the review's pseudonyms
being given:
  - a pseudonym stands in another form: another case ("child J", "CHILD J"), joined by a
    hyphen or nothing ("Child-J", "ChildJ"), or with a lower-case letter ("Child j");
  - a role word (Child, Baby, Infant, Sibling, Family, Young Person) stands with a capital
    letter as a pseudonym would, in a pairing that is not one of the pseudonyms ("Baby J"
    beside "Child J", or a "Child X" the review does not name);
  - a pseudonym's letter stands alone for the child ("J's mother", "J was seen"): a lone
    capital letter that is one of the pseudonyms' letters, not after a title ("Mr J") or a
    label ("Appendix J", "Plan B"), not an initial ("J. Smith"); the letters A and I, which
    are also English words, only when possessive ("A's").
With no pseudonyms given, nothing is inconsistent: there is nothing to be consistent with.
"Mr X", "Ms Y" and "Mother" are the usual anonymised adults, and are never findings.

Dates are findings only where they can identify (the Panel's guidance names dates of birth):
a day and month near "born", "date of birth", "DOB" or "birthday", or an exact date of death
in a sentence that names a pseudonym ("Child J died on 3 March 2016"). The dates of meetings,
strategy discussions, referrals and reports are the review's chronology, and are not.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import phonenumbers
from rapidfuzz.distance import Levenshtein

from casereview.publication import names
from casereview.publication.choices import FindingKind

CONTEXT_WORDS = 8  # words either side of a finding in its context


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    text: str  # the identifying words as they stand in the text
    page: int  # 1-based page number
    paragraph: int  # 1-based paragraph within its page
    context: str  # the surrounding words on one line


@dataclass(frozen=True)
class Span:
    kind: FindingKind
    start: int
    end: int


@dataclass(frozen=True)
class Review:
    """What a page is checked against: the review's pseudonyms and the allowed names."""

    pseudonyms: tuple[str, ...]
    allowed: tuple[str, ...]


def find_identifying(
    pages: Sequence[str], *, pseudonyms: Iterable[str] = (), allowed: Iterable[str] = ()
) -> list[Finding]:
    """Every identifying detail in the pages, in page order, then position."""
    review = Review(
        pseudonyms=tuple(p.strip() for p in pseudonyms if p.strip()),
        allowed=tuple(a.strip() for a in allowed if a.strip()),
    )
    found: list[Finding] = []
    for number, text in enumerate(pages, start=1):
        found += [finding(text, number, span) for span in spans_of(text, review)]
    return found


def spans_of(text: str, review: Review) -> list[Span]:
    """The page's findings: each recogniser's, overlaps given to the earlier kind, less those
    inside an allowed name or (but for inconsistent pseudonyms) a pseudonym."""
    excused = list(occurrences(text, review.allowed))
    pseudonymous = list(occurrences(text, review.pseudonyms))
    kept: list[Span] = []
    for recogniser in RECOGNISERS:
        for span in recogniser(text, review):
            if any(overlaps(span, other) for other in kept) or within(span, excused):
                continue
            if span.kind != FindingKind.PSEUDONYM_INCONSISTENT and within(span, pseudonymous):
                continue
            kept.append(span)
    return sorted(kept, key=lambda span: span.start)


def occurrences(text: str, phrases: Iterable[str]) -> Iterator[tuple[int, int]]:
    for phrase in phrases:
        pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, phrase.split())) + r"(?!\w)"
        for match in re.finditer(pattern, text, re.IGNORECASE):
            yield match.span()


def overlaps(one: Span, other: Span) -> bool:
    return one.start < other.end and other.start < one.end


def within(span: Span, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= span.start and span.end <= end for start, end in ranges)


def finding(text: str, page: int, span: Span) -> Finding:
    return Finding(
        kind=span.kind,
        text=text[span.start : span.end],
        page=page,
        paragraph=paragraph_of(text, span.start),
        context=context_of(text, span.start, span.end),
    )


def paragraph_of(text: str, at: int) -> int:
    """Paragraphs are split on blank lines; a page without blank lines, on line ends."""
    breaks = r"\n[ \t]*\n\s*" if re.search(r"\n[ \t]*\n", text) else r"\n+"
    return 1 + sum(1 for _ in re.finditer(breaks, text[:at].lstrip()))


def context_of(text: str, start: int, end: int) -> str:
    """The finding with about CONTEXT_WORDS words either side, as written, on one line."""
    before = [m.start() for m in re.finditer(r"\S+", text[:start])][-CONTEXT_WORDS:]
    after = [m.end() for m in re.finditer(r"\S+", text[end:])][:CONTEXT_WORDS]
    window = text[before[0] if before else start : end + (after[-1] if after else 0)]
    return " ".join(window.split())


def matches(pattern: re.Pattern[str], kind: FindingKind, text: str) -> Iterator[Span]:
    for match in pattern.finditer(text):
        yield Span(kind, *match.span())


# Email addresses.
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def emails(text: str, review: Review) -> Iterator[Span]:
    return matches(EMAIL, FindingKind.EMAIL, text)


# NHS numbers: ten digits, written 3-3-4 or together, whose tenth is the modulus 11 check
# digit of the nine before it (NHS Digital, "NHS number" data dictionary).
NHS_NUMBER = re.compile(
    r"(?<![\d-])(?<!\+44 )(?<!\+44)(?:\d{3}([ -]?)\d{3}\1\d{4}|\d{4} \d{3} \d{3})(?![\d-])"
)


def nhs_check_digit_holds(digits: str) -> bool:
    total = sum(
        int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1), strict=True)
    )
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def nhs_numbers(text: str, review: Review) -> Iterator[Span]:
    for match in NHS_NUMBER.finditer(text):
        if nhs_check_digit_holds(re.sub(r"\D", "", match.group())):
            yield Span(FindingKind.NHS_NUMBER, *match.span())


# National Insurance numbers: two letters, six digits, a letter A to D. HMRC's rules (NIM39110):
# neither letter D, F, I, Q, U or V; the second not O; never BG, GB, KN, NK, NT, TN or ZZ.
NI_NUMBER = re.compile(
    r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r" ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b"
)


def ni_numbers(text: str, review: Review) -> Iterator[Span]:
    return matches(NI_NUMBER, FindingKind.NI_NUMBER, text)


# Where a phone number may stand: libphonenumber's matcher is slow, so it reads only these.
PHONE_CANDIDATE = re.compile(r"(?<![\w/-])(?:\+\s?44|\(?0)[\d\s()-]{8,16}\d")


def phones(text: str, review: Review) -> Iterator[Span]:
    """UK telephone numbers as libphonenumber reads them: any number of a UK number's shape,
    whether or not its range is in use today (a number copied from a note identifies whoever
    answered it then, and the numbers Ofcom keeps for drama, 07700 900xxx, are of that shape
    too)."""
    seen: set[tuple[int, int]] = set()
    for candidate in PHONE_CANDIDATE.finditer(text):
        start = max(0, candidate.start() - 4)
        window = text[start : candidate.end() + 4]
        for match in phonenumbers.PhoneNumberMatcher(window, "GB", phonenumbers.Leniency.POSSIBLE):
            span = (start + match.start, start + match.end)
            if span not in seen:
                seen.add(span)
                yield Span(FindingKind.PHONE, *span)


# Postcodes, as Royal Mail writes them: outward code (A9, A99, AA9, AA99, A9A, AA9A: the first
# letter never Q, V or X, the second never I, J or Z), a space or none, the inward code (a
# digit and two letters, never C, I, K, M, O or V).
POSTCODE = re.compile(
    r"\b(?:[A-PR-UWYZ](?:\d[A-HJKPSTUW]|\d{1,2}|[A-HK-Y]\d[ABEHMNPRV-Y]|[A-HK-Y]\d{1,2})"
    r" ?\d[ABD-HJLNP-UW-Z]{2}|GIR ?0AA)\b"
)


def postcodes(text: str, review: Review) -> Iterator[Span]:
    return matches(POSTCODE, FindingKind.POSTCODE, text)


# Case and court references: the family court's case numbers (court code, year, C or P for
# public or private law, five digits: "LV19C01234"), and numbers that a reference's words
# introduce ("case number 12345/2017", "Crime reference 43190012345", "Ref: CS/2016/00432").
COURT_CASE_NUMBER = re.compile(
    r"\b[A-Z]{2}\d{2}[A-Z]\d{5}\b"  # the family court's
    r"|\b[A-Z]{2,4}/(?:19|20)\d{2}/\d{3,6}\b"  # a team's file: CS/2016/00432
    r"|(?<![\d/.])\d{4,6}/(?:19|20)\d{2}\b(?![/.]\d)"  # a number and its year: 12345/2017
)
REFERENCE_WORDS = (
    r"case|crime|court|claim|file|incident|log|police|referral|serial|occurrence|custody|"
    r"hospital|patient|pupil|record|contact|system|client|driver|licence|license|tenancy|"
    r"person|student|Mosaic|"
    r"CRIS|URN|CRN|UPN|MASH|PNC|SIMS|Niche|MISPER"
)
# Words that name an identifier by themselves, with no "number" after them: "PNC 19/482617Y".
IDENTIFIER_WORDS = r"PNC|UPN|MISPER|occurrence|Niche|CRIS|URN|licence|license"
INTRODUCED_REFERENCE = re.compile(
    rf"\b(?:(?:{REFERENCE_WORDS})\s+(?:reference|ref\.?|number|no\.?|IDs?|record)"
    r"(?:\s+(?:number|no\.?))?"
    rf"|reference\s+(?:number|no\.?)|ref\.?|reference|{IDENTIFIER_WORDS})"
    r"(?:\s+(?:for|of|on)(?:\s+[a-z]+){1,3}?)?"  # "the crime reference for the investigation"
    r"\s*(?::|#|,|\b(?:is|was|as)\b)?\s*"
    r"(?P<id>(?-i:[A-Z]{2,5}\s)?(?=[A-Z0-9/-]*\d)[A-Z0-9][A-Z0-9/-]{3,}[A-Z0-9])\b",
    re.IGNORECASE,
)


# A system's reference by its shape: letters, then numbers joined by / or - ("NP/19/006231",
# "GLN-180522-0614", "WC-0093318"), four digits or more in all ("COVID-19" is not one).
SHAPED_REFERENCE = re.compile(
    r"\b[A-Z]{2,4}(?:[/-]\d{2,8}){1,4}\b(?![/-]\w)"
    r"|\b[A-Z]{2,5} (?:\d{6,}|\d{2}/\d{3,})\b(?![/-]\w)"  # "LCS 1188230", "SRF 21/1194"
)


def references(text: str, review: Review) -> Iterator[Span]:
    yield from matches(COURT_CASE_NUMBER, FindingKind.REFERENCE, text)
    for match in SHAPED_REFERENCE.finditer(text):
        if sum(c.isdigit() for c in match.group()) >= 4:
            yield Span(FindingKind.REFERENCE, *match.span())
    for match in INTRODUCED_REFERENCE.finditer(text):
        yield Span(FindingKind.REFERENCE, *match.span("id"))


# Vehicle registrations: the current style (two letters, the age identifier, three letters:
# "AB12 CDE"; DVLA, INF104) anywhere; the older prefix ("A123 BCD") and suffix ("ABC 123D")
# styles only where the words around them are about a vehicle.
CURRENT_REGISTRATION = re.compile(  # "AB12 CDE", also written "AB 12 CDE" or "AB-12-CDE"
    r"\b[A-HJ-PR-Y][A-HJ-PR-Y][ -]?(?:0[2-9]|[1-2]\d|5[1-9]|[6-7]\d)[ -]?[A-HJ-PR-Z]{3}\b"
)
OLDER_REGISTRATION = re.compile(
    r"\b(?:[A-HJ-NP-Y]\d{1,3} ?[A-Z]{3}|[A-Z]{3} ?\d{1,3}[A-HJ-NP-Y])\b"
)
VEHICLE_WORDS = re.compile(
    r"\b(?:car|cars|vehicle|registration|reg|van|lorry|taxi|motorbike|motorcycle|index|"
    r"registered|keeper|drove|driving|driven|parked|insured|insurance|DVLA)\b",
    re.IGNORECASE,
)
NEAR = 60  # characters either side in which the words raise a finding


def vehicles(text: str, review: Review) -> Iterator[Span]:
    yield from matches(CURRENT_REGISTRATION, FindingKind.VEHICLE, text)
    for match in OLDER_REGISTRATION.finditer(text):
        around = text[max(0, match.start() - NEAR) : match.end() + NEAR]
        if VEHICLE_WORDS.search(around):
            yield Span(FindingKind.VEHICLE, *match.span())


# Dates: "3 March 2016", "3rd March", "March 3, 2016", "03/03/2016", "3.3.16".
MONTHS = "|".join(
    [name for name in calendar.month_name if name]
    + [name for name in calendar.month_abbr if name and name != "May"]
    + ["Sept"]
)
DATE = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\.?(?:,?\s+\d{{4}})?"
    rf"|(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    r"|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    r"|(?:19|20)\d{2}-\d{2}-\d{2}"
    rf"|\d{{1,2}}-(?:{MONTHS})-(?:\d{{4}}|\d{{2}}))"
)
BIRTH_DATE = re.compile(
    r"\b(?:born|birthday)\b[^.!?\n]{0,30}?"
    rf"\b(?P<date>{DATE})(?![\d/])"
    # A label says what the date is, though a few words stand between ("recorded as").
    r"|\b(?:date\s+of\s+birth|d\.?o\.?b\.?|birth\s+date)\b[^!?\n]{0,60}?"
    rf"\b(?P<labelled>{DATE})(?![\d/])",
    re.IGNORECASE,
)
# Another's date of birth listed after the first: "... as 30 June 1992 and Baby T's as 2 Feb".
AND_ANOTHERS = re.compile(rf"\s+and\s+[^.!?\n]{{0,30}}?\bas\s+(?P<date>{DATE})(?![\d/])")
DATE_THEN_BIRTH = re.compile(rf"\b(?P<date>{DATE})\s*\((?:DOB|date of birth)\)", re.IGNORECASE)
DEATH_DATE = re.compile(
    r"\b(?:died|death|passed\s+away|was\s+pronounced\s+dead)\b[^.!?\n]{0,30}?"
    rf"\b(?P<date>{DATE})(?![\d/])",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n\s*\n")


@dataclass(frozen=True)
class Cell:
    header: str
    text: str
    start: int


def table_cells(text: str) -> Iterator[Cell]:
    """The cells of tables written as lines of cells between bars ("Name | Date of birth"),
    each with its column's header: the first line of bars is the header."""
    header: list[str] | None = None
    at = 0
    for line in text.splitlines(keepends=True):
        if "|" not in line:
            header = None
        elif header is None:
            header = [cell.strip().lower() for cell in line.split("|")]
        else:
            offset = at
            for column, cell in enumerate(line.split("|")):
                if column < len(header):
                    lead = len(cell) - len(cell.lstrip())
                    yield Cell(header[column], cell.strip(), offset + lead)
                offset += len(cell) + 1
        at += len(line)


BIRTH_HEADER = re.compile(r"\b(?:date of birth|dob|d\.o\.b|born)\b")
DATE_ALONE = re.compile(rf"\b{DATE}(?![\d/])", re.IGNORECASE)


def dates_of_birth(text: str, review: Review) -> Iterator[Span]:
    for cell in table_cells(text):
        if BIRTH_HEADER.search(cell.header) and (day := DATE_ALONE.search(cell.text)):
            yield Span(FindingKind.DATE_OF_BIRTH, cell.start + day.start(), cell.start + day.end())
    for match in BIRTH_DATE.finditer(text):
        date = "date" if match.group("date") else "labelled"
        yield Span(FindingKind.DATE_OF_BIRTH, *match.span(date))
        if another := AND_ANOTHERS.match(text, match.end()):
            yield Span(FindingKind.DATE_OF_BIRTH, *another.span("date"))
    if re.search(r"\(\s*(?:DOB|date of birth)", text, re.IGNORECASE):
        for match in DATE_THEN_BIRTH.finditer(text):
            yield Span(FindingKind.DATE_OF_BIRTH, *match.span("date"))
    for match in DEATH_DATE.finditer(text):
        if names_a_pseudonym(sentence_around(text, match.start()), review):
            yield Span(FindingKind.DATE_OF_BIRTH, *match.span("date"))


def sentence_around(text: str, at: int) -> str:
    starts = [m.end() for m in SENTENCE_END.finditer(text, 0, at)]
    end = SENTENCE_END.search(text, at)
    return text[starts[-1] if starts else 0 : end.start() if end else len(text)]


def names_a_pseudonym(sentence: str, review: Review) -> bool:
    if any(True for _ in occurrences(sentence, review.pseudonyms)):
        return True
    return ROLE_AND_LETTER.search(sentence) is not None


# Street addresses: a house number (and a flat's) before a street's name and its type; a flat
# in a named building.
STREET_TYPES = (
    "Rd|St|Ave|Dr|Ln|Cres|Terr|Gdns|"
    "Road|Street|Lane|Avenue|Close|Drive|Way|Crescent|Gardens|Court|Place|Terrace|Grove|"
    "Square|Hill|Rise|Row|Walk|Mews|Park|View|Green|Parade|Vale|Wharf|Yard|Meadow|Meadows|"
    "Fields|Boulevard|Circus|Path|Chase|Croft|Gate|Hollow"
)
CAPITALISED = r"[A-Z][a-z]+(?:['\u2019-][A-Za-z][a-z]+)*"
TOWN = rf"(?:,\s+{CAPITALISED}(?:\s+{CAPITALISED})?(?=[,.;]|\s+[A-Z]{{1,2}}\d))?"
# Welsh and Gaelic streets name their kind first: "Heol y Nant", "Maes yr Haf", "Ffordd Glyndŵr".
STREET_FIRST = (
    r"(?:Heol|Ffordd|Maes|Stryd|Lôn|Lon|Rhodfa|Cilgant|Teras|Clos|Llys|Sràid|Rathad)"
    r"(?:[ -](?:yr|y|'r|an|na|[A-Z][\w'\u2019]+)\b){1,3}"
)
STREET = rf"(?:(?:{CAPITALISED}\s+){{1,3}}(?:{STREET_TYPES})\b|{STREET_FIRST}){TOWN}"
FLAT = r"(?:Flat|Apartment|flat|apartment)\s+\d+[A-Za-z]?"
BUILDING = rf"(?:{CAPITALISED}\s+){{1,3}}(?:House|Court|Tower|Lodge|Mansions|Point|Heights)\b"
ADDRESS = re.compile(
    rf"(?:{FLAT},?\s+)?\b\d{{1,4}}[A-Za-z]?,?\s+{STREET}"
    rf"|{FLAT},?\s+{BUILDING}"
    rf"|\b\d{{1,4}}[A-Za-z]?,?\s+{BUILDING},\s+{STREET}"  # "12 Beacon House, Manor Row"
    rf"|{FLAT}\b"
)


def addresses(text: str, review: Review) -> Iterator[Span]:
    return matches(ADDRESS, FindingKind.ADDRESS, text)


# Schools, nurseries, academies, colleges and pre-schools by name: "St Mary's Primary School",
# "Little Acorns Nursery". Never "the school" or "a primary school": a named one has a word of
# its own before its kind.
SCHOOL_KINDS = (
    r"School|Academy|Nursery|College|Pre-School|Pre-school|Preschool|Playgroup|"
    r"Children['\u2019]s Centre|Sixth Form|Pupil Referral Unit|PRU|"
    r"(?:Primary|Infants?|Juniors?)(?!\s+(?:School|Academy|[A-Z]\b))"  # "Kestrel Meadow Primary"
)
SCHOOL = re.compile(
    rf"\b(?:(?:St\.?|Saint)[ \t]+)?(?:{CAPITALISED}(?:['\u2019]s)?[ \t]+|&[ \t]+|of[ \t]+|(?:CE|RC|CofE|C[ \t]+of[ \t]+E)[ \t]+){{1,6}}"
    rf"(?:{SCHOOL_KINDS})\b"
)
GENERIC = set(
    [
        "The",
        "A",
        "An",
        "Primary",
        "Infant",
        "Infants",
        "Junior",
        "Secondary",
        "High",
        "Grammar",
        "Community",
        "Special",
        "Nursery",
        "Pre",
        "Day",
        "Catholic",
        "Church",
        "England",
        "Academy",
        "Free",
        "Independent",
        "Sixth",
        "Form",
        "Further",
        "Education",
        "Local",
        "Virtual",
        "Maintained",
        "State",
        "Private",
        "Boarding",
        "Village",
        "Designated",
        "Safeguarding",
        "Attendance",
        "Welfare",
        "Health",
        "Nursing",
        "Named",
        "Every",
        "Each",
        "Her",
        "His",
        "Their",
        "Our",
        "Your",
        "Mainstream",
        "Alternative",
        "Provision",
        "Pupil",
        "Referral",
        "Unit",
        "New",
        "Previous",
        "Current",
        "Same",
        "Former",
        "Royal",
        "Head",
        "Heads",
        "Deputy",
        "of",
    ]
)


# Welsh-medium schools name their kind first: "Ysgol Gynradd Cwm Nant", "Cylch Meithrin Bro Nant".
WELSH_SCHOOL = re.compile(
    r"\b(?:Ysgol|Cylch\s+Meithrin|Meithrinfa|Coleg)(?:\s+(?:y|yr|[A-Z][\w'\u2019-]+)){1,4}"
)
# A setting named just after what it is: "her nursery, Little Dragons,".
SETTING_NAMED = re.compile(
    r"\b(?:nursery|school|academy|college|pre-school|playgroup|childminder)s?,\s+"
    r"(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,3})(?=[,.;)])"
)


def schools(text: str, review: Review) -> Iterator[Span]:
    yield from matches(WELSH_SCHOOL, FindingKind.SCHOOL, text)
    for match in SETTING_NAMED.finditer(text):
        yield Span(FindingKind.SCHOOL, *match.span("name"))
    for match in SCHOOL.finditer(text):
        words = re.findall(r"[A-Za-z]+", match.group())[:-1]
        own = [w for w in words if w not in GENERIC and w not in {"St", "Saint", "s"}]
        if own:
            start = match.start() + leading_generic(match.group())
            yield Span(FindingKind.SCHOOL, start, match.end())


def leading_generic(phrase: str) -> int:
    """The characters of "The ", "A " ... before a school's own name."""
    found = re.match(r"(?:(?:The|A|An|of|Her|His|Their|Head|Heads|Deputy)\s+)*", phrase)
    return found.end() if found else 0


# Pseudonyms. A role word and a capital letter: how a review names the child ("Child J").
ROLES = r"Child|Baby|Infant|Sibling|Family|Young\s+Person|Adult|Parent|Mother|Father"
ROLE_AND_LETTER = re.compile(rf"\b(?:{ROLES})\s+[A-Z]\b")
ROLE_WORDS = {
    "Child",
    "Baby",
    "Infant",
    "Sibling",
    "Family",
    "Person",
    "Adult",
    "Parent",
    "Mother",
    "Father",
}
ANY_FORM = re.compile(
    rf"\b(?P<role>{ROLES})(?P<gap>[ \t]+|-|)"
    # a letter, two capitals, a code ("C3", "D1", "C1a") or a number ("Child 2")
    r"(?P<letter>[A-Za-z]|(?-i:[A-Z]{2}|[A-Z]\d{1,2}[a-z]?)|\d{1,2}"
    r"|(?-i:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten))\b",
    re.IGNORECASE,
)
# A role word and a name: "Baby Lily" where the review says "Child Lily", or "Child Seren".
ROLE_AND_NAME = re.compile(rf"\b(?-i:(?P<role>{ROLES}))\s+(?P<name>[A-Z][a-z]{{2,}})\b")
# Two capitals after a role word that are an abbreviation, not a pseudonym ("Family GP").
ABBREVIATIONS = {"GP", "CP", "SW", "HV", "ED", "AE", "IN", "OF", "TO", "IS", "AS", "AT", "ON"}
# A person named by a title and a letter ("Mr Y", "Ms Z"), as some reviews name the adults.
TITLE_AND_LETTER = re.compile(  # not an initial: "Miss K. Mos"
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Mum|Dad|Nan)\s+[A-Z]\b(?![.'\u2019]\w)(?!\.\s+[A-Z][a-z])"
)
LABELS = (
    r"Mr|Mrs|Ms|Miss|Mx|Dr|Appendix|Appendices|Annex|Annexe|Annexes|Section|Sections|Part|Parts|"
    r"Table|Tables|Figure|Plan|Grade|Type|"
    r"Class|Category|Level|Stage|Key|Vitamin|Hepatitis|Group|Option|Schedule|Tier|Form|Block|"
    r"Ward|Room|Flat|Unit|Team|Area|Zone|Sibling|Child|Baby|Infant|Family|Person|Father|Mother"
)
AFTER_LABEL = re.compile(rf"\b(?:{LABELS})\s*$", re.IGNORECASE)
# The second letter of a range of labels: "Appendices B to F", "Sections C and D".
LETTER_RANGE = re.compile(
    rf"\b(?:{LABELS}|Appendices|Annexes|Sections|Parts|Tables)\s+[A-Z]\s+(?:to|and|or|-)\s+$",
    re.IGNORECASE,
)


def pseudonym_forms(text: str, review: Review) -> Iterator[Span]:
    if not review.pseudonyms:
        return
    exact = set(review.pseudonyms)
    folded = {re.sub(r"\W", "", pseudonym).casefold() for pseudonym in exact}
    for match in ANY_FORM.finditer(text):
        if match.group() not in exact and another_form(match, folded):
            yield Span(FindingKind.PSEUDONYM_INCONSISTENT, *match.span())
    yield from named_forms(text, review)
    if any(TITLE_AND_LETTER.fullmatch(pseudonym) for pseudonym in exact):
        for match in TITLE_AND_LETTER.finditer(text):
            if match.group() not in exact:  # "Miss Z" for "Ms Z", or a "Mr V" the review never had
                yield Span(FindingKind.PSEUDONYM_INCONSISTENT, *match.span())
    yield from initials(text, review)
    yield from lone_letters(text, review)


def named_forms(text: str, review: Review) -> Iterator[Span]:
    """Pseudonyms that are names ("Child Lily"): another role word with the name ("Baby
    Lily"), a role word with a person's name the review does not use ("Child Seren"), and the
    name misspelt ("Lilly")."""
    exact = set(review.pseudonyms)
    given = {
        p.split()[-1]
        for p in exact
        if re.fullmatch(r"[A-Z][a-z]{2,}", p.split()[-1]) and p.split()[-1] not in ROLE_WORDS
    }
    for match in ROLE_AND_NAME.finditer(text):
        name = match["name"]
        a_name = name in given or (name in names.first_names() and not ordinary(name))
        if match.group() in exact or not a_name:  # "Child Seren", never "Family Court"
            continue
        yield Span(FindingKind.PSEUDONYM_INCONSISTENT, *match.span())
    for match in re.finditer(r"\b[A-Z][a-z]{2,}\b", text):
        word = match.group()
        if word not in given and any(misspelt(word, name) for name in given):
            yield Span(FindingKind.PSEUDONYM_INCONSISTENT, *match.span())


def misspelt(word: str, name: str) -> bool:
    """One letter added, dropped or changed: "Lilly" for "Lily" (names of four letters up)."""
    return len(name) >= 4 and Levenshtein.distance(word, name) == 1 and word.lower() != name.lower()


def initials(text: str, review: Review) -> Iterator[Span]:
    """A pseudonym cut to its initials: "CS" for Child S, "BT" for Baby T, "YP1" or "YP 1"
    for Young Person 1."""
    short = set()
    for pseudonym in review.pseudonyms:
        if coded := re.fullmatch(rf"(?P<role>{ROLES})\s+(?P<code>[A-Z]|\d{{1,2}})", pseudonym):
            capitals = "".join(word[0] for word in coded["role"].split())
            short.add(rf"{capitals}[ -]?{coded['code']}")
    exact = set(review.pseudonyms)
    for found in short:
        for match in re.finditer(rf"(?<![\w/-]){found}(?![\w/-])", text):
            if match.group() not in exact:
                yield Span(FindingKind.PSEUDONYM_INCONSISTENT, *match.span())


def another_form(match: re.Match[str], folded: set[str]) -> bool:
    """A role word and a letter written as no pseudonym is: "child J", "Child-J", "Baby J"."""
    role, gap, letter = match["role"], match["gap"], match["letter"]
    if len(letter) == 2 and letter in ABBREVIATIONS:
        return False
    if letter.islower():  # "Child j", never "the child a" nor "Childs"
        return role[0].isupper() and gap.isspace() and letter not in "ai"
    if gap.isspace() and all(w[0].isupper() and w[1:].islower() for w in role.split()):
        return True  # a pseudonym's shape, not one of the review's
    return re.sub(r"\W", "", match.group()).casefold() in folded


def lone_letters(text: str, review: Review) -> Iterator[Span]:
    """A pseudonym's letter standing for the child alone: "J's mother", "J was seen"."""
    alone = set(review.pseudonyms)  # a letter the review itself uses alone is consistent
    letters = "".join(
        sorted({p.split()[-1] for p in review.pseudonyms if re.search(r"\s[A-Z]$", p)} - alone)
    )
    if not letters:
        return
    pattern = re.compile(  # standing alone, or opening a quotation: 'T's mum'
        rf"(?:(?<![\w.'\u2019&/-])|(?<=\s['\u2018])|(?<=^['\u2018]))"
        rf"([{letters}])(?:(['\u2019]s)\b|(?![\w'\u2019.&/-]))"
    )
    named = [range(*span) for span in occurrences(text, review.pseudonyms)]
    for match in pattern.finditer(text):
        if any(match.start() in used for used in named):  # the letter of "Adult B" itself
            continue
        if AFTER_LABEL.search(text, max(0, match.start() - 20), match.start()):
            continue
        if LETTER_RANGE.search(text, max(0, match.start() - 40), match.start()):
            continue
        if match.group(1) in "AI" and not match.group(2):
            continue
        yield Span(FindingKind.PSEUDONYM_INCONSISTENT, match.start(), match.start() + 1)


# Names. Words that begin a run of capitalised words that is not a person's.
TITLES = {"Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Rev", "Revd", "Cllr"}
# Police ranks, written before a name as titles are: "Sgt D. O'Rourke", "DC Hughes".
TITLES |= {"Sgt", "PC", "PCSO", "DC", "DS", "DI", "DCI", "Insp", "Supt"}
# Family words written as titles: "Aunt Jade", "Nan Pat".
KIN_TITLES = {"Aunt", "Auntie", "Aunty", "Uncle", "Nan", "Nana", "Nanna", "Grandad", "Grandma"}
# Who a person is, said just before their name: "Mother's sister, Jade Moss", "partner Tomas".
INTRODUCING = re.compile(
    r"\b(?:sister|brother|half-sister|half-brother|aunt|uncle|cousin|niece|nephew|friend|"
    r"partner|ex-partner|boyfriend|girlfriend|husband|wife|son|daughter|stepfather|stepmother|"
    r"stepson|stepdaughter|grandmother|grandfather|grandson|granddaughter|neighbour|lodger|"
    r"landlord|landlady|childminder|carer|manager|worker|nurse|midwife|officer|visitor|teacher|"
    r"colleague|driver|practitioner|advocate|interpreter|mentor|tutor|keyworker|key\s+worker|"
    r"SW|DSL|DSP|HV|owner)s?(?:,\s*|\s+|\s*[\u2013\u2014-]\s*)['\u2018\u201c\"]?$"
    r"|\b(?:called|named|known\s+as|name\s+(?:as|is|was))\s+['\u2018\u201c\"]?$"
    r"|\bname\b[^.]{0,40}?\bas\s+['\u2018\u201c\"]$",
    re.IGNORECASE,
)
# A nickname or alias in quotes after what it is: AKA "J-DUB", prefers "Smudge".
ALIAS = re.compile(
    r"\b(?:AKA|a\.k\.a\.|alias(?:es)?|nickname|known\s+as|prefers|calls\s+himself|"
    r"calls\s+herself)[:\s]+['\u2018\u201c\"](?P<name>[^'\u2019\u201d\"\n]{2,30})['\u2019\u201d\"]",
    re.IGNORECASE,
)
# A police rank and a name: "DCI Nadia Hussain", "PC Bethan Jones".
RANKED = re.compile(
    r"\b(?:PC|PCSO|DC|DS|DI|DCI|DSU|Sgt|Insp|Supt)\.?\s+"
    r"(?P<name>[A-Z][a-z\u00df-\u00ff\u0100-\u017f]+"
    r"(?:[ -][A-Z][a-z\u00df-\u00ff\u0100-\u017f'\u2019-]+){0,2})"
)
ORGANISATION = set(
    [
        "Police",
        "Council",
        "Hospital",
        "Hospitals",
        "NHS",
        "Trust",
        "Foundation",
        "School",
        "Academy",
        "Nursery",
        "College",
        "Service",
        "Services",
        "Surgery",
        "Practice",
        "Centre",
        "Center",
        "Partnership",
        "Partnerships",
        "University",
        "Court",
        "Team",
        "Board",
        "Clinic",
        "Unit",
        "Department",
        "Authority",
        "Agency",
        "Group",
        "Association",
        "Society",
        "Church",
        "Housing",
        "Homes",
        "Health",
        "Care",
        "Constabulary",
        "Commissioner",
        "Panel",
        "Network",
        "Ltd",
        "Limited",
        "Charity",
        "Project",
        "Medical",
        "Children",
        "Safeguarding",
        "Prison",
        "Probation",
        "Barnardo's",
        "Mosque",
        "Temple",
        "Gurdwara",
        "Synagogue",
        "Library",
        "Office",
        "Ministry",
        "Committee",
        "Hub",
        "Alliance",
        "Institute",
        "Road",
        "Street",
        "Lane",
        "Avenue",
        "Close",
        "Drive",
        "Crescent",
        "Gardens",
        "Terrace",
        "Pre-School",
        "Preschool",
        "Act",
        "Together",
        "Review",
        "Reviews",
        "Ofsted",
        "Refuge",
        "Shelter",
        "Directorate",
        "Division",
    ]
)
NOT_NAMES = (
    {name for name in calendar.month_name if name}
    | {name for name in calendar.day_name if name}
    | {name for name in calendar.month_abbr if name}
    | {name for name in calendar.day_abbr if name}
    | {"Sept", "Christmas", "Easter", "English", "British", "Child", "Baby", "Mother", "Father"}
)
# Capitals and small letters beyond ASCII too ("Wiśniewski", "Zielińska"): Latin-1's, and
# Latin Extended-A's, whose letters alternate between the two.
UP, LOW = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f", "a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u017f"
WORD = re.compile(
    rf"[{UP}][{LOW}]*(?:['\u2019][{UP}][{LOW}]+|[{UP}][{LOW}]+|-[{UP}][{LOW}]+)*"
    r"(?:['\u2019]s\b)?\.?"
)
RUN = re.compile(rf"{WORD.pattern}(?:[ \t]+{WORD.pattern})*")

Word = tuple[str, int]  # a word as written, and where it starts


NAME_HEADER = re.compile(r"\bname\b")
NOT_KNOWN = re.compile(r"\b(?:not\s+known|unknown)\b", re.IGNORECASE)


def named_in_tables(text: str) -> Iterator[Span]:
    """A table's column of names ("Name", "Name recorded"): each cell is a person's name, up
    to a bracket or a semicolon."""
    for cell in table_cells(text):
        if NAME_HEADER.search(cell.header) and "pseudonym" not in cell.header:
            name = re.match(r"[^(;\[]*[^\s(;\[]", cell.text)
            if name and re.search(r"[A-Z]", name.group()) and not NOT_KNOWN.search(name.group()):
                yield Span(FindingKind.NAME, cell.start, cell.start + name.end())


# A surname in capitals, as police and case systems write it: "Ciara DOYLE", "PRICE, Gary".
CAPITALS_AFTER = re.compile(r"\b(?P<first>[A-Z][a-z]+)\s+(?P<last>[A-Z]{2,}(?:['-][A-Z]{2,})*)\b")
CAPITALS_BEFORE = re.compile(
    r"\b(?P<last>[A-Z]{2,}(?:['-][A-Z]{2,})*),\s+(?P<first>[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?"
)


SURNAME_IN_CAPITALS = re.compile(r"\b[A-Z]{3,}(?:-[A-Z]{3,})?\b")


def surname_in_capitals(word: str) -> bool:
    """ "ASHLEY-WALKER", "POPESCU" as case systems write a surname alone; not "DRUGS"."""
    parts = word.title().split("-")
    if len(parts) > 1:
        return any(part in names.surnames() for part in parts)
    return parts[0] in names.surnames() and not ordinary(parts[0])


def in_capitals(text: str) -> Iterator[Span]:
    yield from first_and_capitals(text)
    for match in SURNAME_IN_CAPITALS.finditer(text):
        if surname_in_capitals(match.group()):
            yield Span(FindingKind.NAME, *match.span())


def first_and_capitals(text: str) -> Iterator[Span]:
    for pattern in (CAPITALS_AFTER, CAPITALS_BEFORE):
        for match in pattern.finditer(text):
            last = match["last"]
            first = match["first"]
            known_first = first in names.first_names() or not ordinary(first)
            if known_first and len(last.replace("-", "")) >= 3:
                parts = re.split(r"['-]", last.title())
                if any(part in names.surnames() for part in parts):
                    yield Span(FindingKind.NAME, *match.span())


def people(text: str, review: Review) -> Iterator[Span]:
    yield from named_in_tables(text)
    for pattern in (ALIAS, RANKED):
        for match in pattern.finditer(text):
            yield Span(FindingKind.NAME, *match.span("name"))
    yield from in_capitals(text)
    for run in RUN.finditer(text):
        words = [(w.group(), run.start() + w.start()) for w in WORD.finditer(run.group())]
        for group in sentences_of(words):
            if any(bare(word) in ORGANISATION for word, _ in group):
                continue
            if followed_by_org(text, group[-1][1] + len(group[-1][0])):
                continue
            yield from names_in(text, group, review)


def sentences_of(words: list[Word]) -> Iterator[list[Word]]:
    """A run of capitalised words split where a word ends a sentence ("... Sarah. Jones ...")."""
    group: list[Word] = []
    for word, start in words:
        group.append((word, start))
        if word.endswith(".") and bare(word) not in TITLES and len(bare(word)) > 1:
            yield group
            group = []
    if group:
        yield group


def bare(word: str) -> str:
    return re.sub(r"['\u2019]s$", "", word.rstrip("."))


def followed_by_org(text: str, at: int) -> bool:
    after = re.match(r"\s+(?:and\s+)?([A-Z][A-Za-z'\u2019-]+)", text[at:])
    return bool(after and after.group(1) in ORGANISATION)


def names_in(text: str, words: list[Word], review: Review) -> Iterator[Span]:
    at = 0
    while at < len(words):
        taken = name_at(text, words, at, review)
        if not taken:
            at += 1
            continue
        titled = bare(words[at][0]) in TITLES | KIN_TITLES
        start = words[at + 1][1] if titled else words[at][1]
        last, last_start = words[at + taken - 1]
        yield Span(FindingKind.NAME, start, last_start + len(bare(last)))
        at += taken


def name_at(text: str, words: list[Word], at: int, review: Review) -> int:
    """How many words from `at` are a person's name (a title counts), or 0."""
    word = bare(words[at][0])
    rest = [bare(w) for w, _ in words[at + 1 :]]
    if word in TITLES or word in KIN_TITLES:
        initial = (  # "Miss K. Mos", not "Mr Y. It was"
            len(rest) > 1
            and len(rest[0]) == 1
            and words[at + 1][0].endswith(".")
            and (rest[1] in names.surnames() or not ordinary(rest[1]))
            and rest[1] not in TITLES
            and f"{word} {rest[0]}" not in review.pseudonyms  # "Ms Z. Safer sleeping ..."
        )
        return 1 + len(rest[:3]) if rest and (len(rest[0]) > 1 or initial) else 0  # not "Mr X"
    if initialled(words, at):  # "C. Whitlam", "K. Adeyemi"
        return 2
    if (
        at == 0
        and len(word) > 1
        and (
            word in names.first_names()
            or not ordinary(word)
            or bool(rest and not ordinary(rest[0]))
        )
        and introduced(text, words[0][1])
        and not place(text, words[0][1])
    ):
        return len([w for w in rest[:2] if w not in NOT_NAMES]) + 1 if word not in NOT_NAMES else 0
    if word in names.first_names() and rest and is_surname(rest[0], word):
        more = 1
        while more < min(len(rest), 3) and is_surname(rest[more], word):
            more += 1
        return 1 + more
    # A name on its own, not after a proper noun ("a silver Vauxhall Astra" is a car; "When
    # Priya arrived" is Priya).
    after_proper_noun = (
        not ordinary(bare(words[at - 1][0])) if at > 0 else proper_noun_before(text, words[0][1])
    )
    alone = not after_proper_noun and known_name(word) and not ordinary(word)
    if alone and not sentence_start(text, words[at][1]):
        return 0 if place(text, words[at][1]) else 1
    return 0


def initialled(words: list[Word], at: int) -> bool:
    """An initial and a surname: "K. Adeyemi"."""
    if at + 1 >= len(words) or not re.fullmatch(r"[A-Z]\.", words[at][0]):
        return False
    if at > 0 and bare(words[at - 1][0]) in TITLES | KIN_TITLES | ROLE_WORDS:
        return False  # a sentence's end: "Ms Z. Safer sleep ...", "Baby L. Practitioners ..."
    surname = bare(words[at + 1][0])
    if surname in NOT_NAMES or surname in TITLES or len(surname) < 2:
        return False
    if ordinary(surname.removesuffix("s")) or ordinary(surname.removesuffix("es")):
        return surname in names.surnames() and not ordinary(surname)  # "Aliases", not "Kelly"
    return surname in names.surnames() or not ordinary(surname)


def proper_noun_before(text: str, at: int) -> bool:
    """Whether a capitalised word outside the run stands just before: "Škoda Octavia"."""
    before = re.search(r"(\w+)(?:['\u2019]s)?[ \t]+$", text[max(0, at - 30) : at])
    if before is None or not before.group(1)[0].isupper():
        return False
    return not ordinary(before.group(1)) and not sentence_start(text, at - len(before.group(0)))


def introduced(text: str, at: int) -> bool:
    """Whether the words just before say who a person is: "her friend, ", "partner "."""
    return bool(INTRODUCING.search(text, max(0, at - 30), at))


# Words before a place, not a person: "lived in Banbury", "moved from Leeds to Oxford".
BEFORE_PLACE = re.compile(
    r"(?:\b(?:in|near|around|outside|across|within|throughout|of)"
    r"|\b(?:moved|moving|move|relocated|travelled|went|lived|living|housed|placed|returned)"
    r"\s+(?:back\s+)?(?:to|from|in|at)"
    r"|\bfrom\s+[A-Z][a-z]+\s+to)\s+$"
)


def place(text: str, at: int) -> bool:
    """A word that is a place: one of the UK's areas or a country, or where a place stands."""
    word = bare(WORD.match(text, at).group())  # type: ignore[union-attr]
    return word in names.places() or bool(BEFORE_PLACE.search(text, max(0, at - 40), at))


def is_surname(word: str, first: str) -> bool:
    if word in NOT_NAMES or len(word) < 2:
        return False
    if ordinary(word) and ordinary(first):  # "Will Young", "Red Book", "North East"
        return False
    if ordinary(first):  # "Grace Adeyemi", "Kai Mensah-Burrows", but not "Ford Mondeo"
        return any(
            part in names.surnames() or part in names.first_names() for part in word.split("-")
        )
    return word in names.surnames() or word in names.first_names() or not ordinary(word)


def known_name(word: str) -> bool:
    if word in NOT_NAMES or len(word) < 2:
        return False
    return word in names.first_names() or word in names.surnames()


def ordinary(word: str) -> bool:
    """A word English writes in lower case; web2 spells as America does, so "honour" is
    looked for as "honor" too."""
    lower = word.lower()
    words = names.ordinary_words()
    return (
        lower in words
        or lower.replace("our", "or") in words
        or lower.replace("ise", "ize") in words
    )


def sentence_start(text: str, at: int) -> bool:
    before = text[:at].rstrip(" \t\"'\u2018\u201c([")
    return (
        not before
        or before[-1] in ".!?:;|\n•*-\u2013\u2014"
        or bool(re.search(r"(?:^|\n)\s*\d+(?:\.\d+)*\.?$", before))
    )


Recogniser = Callable[[str, Review], Iterable[Span]]
# In the order overlaps are settled: the earlier kind wins.
RECOGNISERS: list[Recogniser] = [
    emails,
    nhs_numbers,  # ten digits with an NHS check digit: never a UK phone number's eleven
    phones,
    ni_numbers,
    postcodes,
    references,
    vehicles,
    dates_of_birth,
    addresses,
    schools,
    pseudonym_forms,
    people,
]
