"""Generated input to every form and filter of the service never answers 500.

For every URL of the permission matrix, each role that may open it gets the page; every
distinct form on it that is sent back to the same address (or, by htmx, elsewhere) is then
filled by Hypothesis as a person would fill it, with a date at an edge of the calendar and up
to three fields odd: integers beyond a database column, Unicode digits, 10,000 characters,
control characters, several values where one is expected, a field left out. The page's query
string gets the same treatment. Whatever the input, the answer is a page or a refusal, never
a server error; a failure names the page, the role and every field sent.

The budget is bounded: 40 examples a form, 20 for a page's query string, each form with a
fixed seed of its own, so that CI sends the same input every run (about 1 to 2 minutes on
SQLite and on PostgreSQL, on two shared cores). FUZZ_EXAMPLES=400 searches deeper locally.
A POST that succeeds changes data inside the test's transaction, which is rolled back.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve, reverse
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from casereview.accounts.models import Partnership, User
from casereview.core.tests.test_permission_matrix import MATRIX, OK, ROLES, url_for
from casereview.reviews.lifecycle import TRANSITIONS

pytestmark = pytest.mark.django_db

EXAMPLES_FOR_A_FORM = int(os.environ.get("FUZZ_EXAMPLES", "40"))
EXAMPLES_FOR_A_PAGE = max(3, EXAMPLES_FOR_A_FORM // 2)  # only the query string varies
EXAMPLES_FOR_A_DOWNLOAD = 3

# Query parameters that views read outside any form (links carry them).
QUERY_NAMES = ("page", "decision", "next")


@dataclass
class Field:
    name: str
    kind: str  # text, textarea, select, radio, checkbox, file, hidden, submit, ...
    values: list[str] = field(default_factory=list)  # the page's own values and options
    multiple: bool = False


@dataclass
class Form:
    method: str
    action: str
    fields: dict[str, Field] = field(default_factory=dict)
    multipart: bool = False
    sent_by_htmx: bool = False

    def signature(self) -> tuple[str, str, frozenset[str]]:
        return (self.method, self.action, frozenset(self.fields))


class FormsOnAPage(HTMLParser):
    """The forms of an HTML page, their fields and values, and the query names of its links."""

    def __init__(self, page_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self.link_queries: dict[str, set[str]] = {}
        self._form: Form | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None

    def _add(self, name: str, kind: str, value: str | None, *, multiple: bool = False) -> Field:
        assert self._form is not None
        found = self._form.fields.setdefault(name, Field(name, kind))
        if value is not None and value not in found.values:
            found.values.append(value)
        # Checkboxes sharing a name are a multi-select.
        found.multiple = (
            found.multiple or multiple or (kind == "checkbox" and len(found.values) > 1)
        )
        return found

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "a" and "?" in a.get("href", ""):
            target = urljoin(self.page_url, a["href"])
            if urlsplit(target).path == urlsplit(self.page_url).path:
                for name, value in parse_qsl(urlsplit(target).query, keep_blank_values=True):
                    self.link_queries.setdefault(name, set()).add(value)
        elif tag == "form":
            self._form = self._open_form(a)
        elif tag == "option" and self._select is not None and "value" in a:
            self._select.values.append(a["value"])
        elif self._form is None or "name" not in a:
            return
        elif tag in ("input", "button"):
            kind = a.get("type", "text" if tag == "input" else "submit")
            if a["name"] != "csrfmiddlewaretoken":
                self._add(a["name"], kind, a.get("value", "on" if kind == "checkbox" else None))
        elif tag == "select":
            self._select = self._add(a["name"], "select", None, multiple="multiple" in a)
        elif tag == "textarea":
            self._textarea = self._add(a["name"], "textarea", None)

    def _open_form(self, a: dict[str, str]) -> Form:
        form = Form(
            method=a.get("method", "get").lower(),
            action=urlsplit(urljoin(self.page_url, a.get("action", ""))).path,
            multipart="multipart" in a.get("enctype", ""),
        )
        self.forms.append(form)
        # htmx sends the same fields to another address as the person fills the form in.
        for attribute, method in (("hx-get", "get"), ("hx-post", "post")):
            if attribute in a:
                target = urlsplit(urljoin(self.page_url, a[attribute])).path
                self.forms.append(Form(method, target, form.fields, form.multipart, True))
        return form

    def handle_data(self, data: str) -> None:
        if self._textarea is not None and data.strip():
            self._textarea.values.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


# Integers beyond what a database column holds: ids, ages, days, months and years.
BEYOND_INTEGERS = [
    "2147483648",  # one past PostgreSQL's integer
    str(2**63),  # one past a 64-bit integer
    str(-(2**63) - 1),
    "1" + "0" * 30,
]
# Other numbers a form may choke on.
ODD_NUMBERS = [
    "0",
    "-1",
    "1e309",
    "1.5",
    "NaN",
    "\u00b2",  # superscript 2: str.isdigit() says yes, int() says no
    "\u00b3\u00b9",
    "\u0663",  # Arabic-Indic 3: int() reads it
    "\uff11\uff12",  # 12 in full-width digits
    "31",
    "12",
    "9999",
    "0000",
]
ODD_TEXT = [
    "",
    " ",
    "a\x01b",
    "\x00",
    "\x1b[31m",
    "line one\r\nline two",
    "\t\n\u00a0\u2028",
    "null",
    "[]",
    "{'a': 1}",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "'; DROP TABLE x; --",
]
# Built when drawn, so that a failure's report does not print 10,000 characters of strategy.
very_long = st.sampled_from(["x", "9", "\u00e9"]).map(lambda character: character * 10_000)
odd_number = st.sampled_from(BEYOND_INTEGERS) | st.sampled_from(ODD_NUMBERS)
odd_text = st.sampled_from(ODD_TEXT) | very_long | st.text(max_size=12)
# Day, month and year at the edges of the calendar and of the service's range of years.
EDGE_DATES = [
    ("31", "12", "9999"),
    ("1", "1", "0001"),
    ("29", "2", "2100"),
    ("31", "12", "2100"),
    ("1", "1", "1900"),
    ("", "", "9999"),
    ("", "12", "9999"),
    ("99999999999", "1", "2016"),
]
FILE_CONTENTS = [b"", b"{}", b"[]", b"not json \x01\x02", b"PK\x03\x04 not a workbook"]
FILE_NAMES = ["records.json", "records.xlsx", "records.txt", "records", "a" * 200 + ".json"]


def plausible(form_field: Field) -> st.SearchStrategy[Any]:
    """What a person would send: the page's own values and options, or ordinary text."""
    name, kind = form_field.name, form_field.kind
    if kind == "file":
        return st.just(None).map(lambda _: SimpleUploadedFile("records.json", b"{}"))
    if form_field.values and form_field.multiple:
        return st.lists(st.sampled_from(form_field.values), max_size=3, unique=True)
    if form_field.values:
        return st.sampled_from(form_field.values)
    if name.endswith("_0"):  # the day of a date
        return st.sampled_from(["1", "15", "28"])
    if name.endswith("_1"):
        return st.sampled_from(["1", "6", "12"])
    if name.endswith("_2"):
        return st.sampled_from(["2016", "2024"])
    if kind == "number":
        return st.sampled_from(["1", "3"])
    if kind == "email":
        return st.just("someone@example.org")
    if kind == "url":
        return st.just("https://www.example.org/report.pdf")
    return st.sampled_from(["Fuzz text", "A first line\r\nand a second"])


def odd_value(form_field: Field) -> st.SearchStrategy[Any]:
    """A value no person means to send: odd text, or several values where one is expected."""
    if form_field.kind == "file":
        return st.builds(
            SimpleUploadedFile, st.sampled_from(FILE_NAMES), st.sampled_from(FILE_CONTENTS)
        )
    one = odd_number | odd_text
    return one | st.lists(one | plausible(form_field), min_size=2, max_size=4)


def dates_of(form: Form) -> list[str]:
    """The names of the form's dates: each is sent as name_0, name_1 and name_2."""
    return [
        name[:-2] for name in form.fields if name.endswith("_0") and f"{name[:-2]}_2" in form.fields
    ]


@st.composite
def filled(draw: st.DrawFn, form: Form) -> dict[str, Any]:
    """The form as a person would fill it in, then a date at an edge of the calendar, and up
    to three fields odd or left out."""
    values = {name: draw(plausible(f)) for name, f in form.fields.items()}
    dates = dates_of(form)
    if dates and (edge := draw(st.sampled_from(EDGE_DATES) | st.none())):
        date = draw(st.sampled_from(dates))
        values.update(zip((f"{date}_0", f"{date}_1", f"{date}_2"), edge, strict=True))
    names = sorted(form.fields)
    for name in draw(st.lists(st.sampled_from(names), max_size=3, unique=True)) if names else []:
        value = draw(st.none() | odd_value(form.fields[name]))
        if value is None:
            del values[name]
        else:
            values[name] = value
    return values


def query_form(address: str, names: dict[str, set[str]]) -> Form:
    """The page's query string as a form: the names its links use and those views read."""
    fields = {name: Field(name, "query", sorted(values)) for name, values in names.items()}
    for name in QUERY_NAMES:
        fields.setdefault(name, Field(name, "query"))
    return Form("get", address, fields)


def shown(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(shown(v) for v in value) + "]"
    if isinstance(value, SimpleUploadedFile):
        return f"file {str(value.name)[:40]!r}"
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:40]}… ({len(value)} characters)"


def roles_for(name: str) -> list[str]:
    """Roles that may open the page, the manager first."""
    roles = [role for role in ROLES if MATRIX[name].roles[role] == OK]
    return sorted(roles, key=lambda role: role != "manager")


def addresses(name: str, partnership: Partnership) -> list[str]:
    """The matrix's address of the page; for a review's lifecycle, every step's."""
    url = url_for(name, partnership)
    if name != "reviews:transition":
        return [url]
    kwargs = resolve(url).kwargs
    return [reverse(name, kwargs={**kwargs, "transition": step}) for step in TRANSITIONS]


@dataclass
class Pages:
    forms: list[tuple[str, Form]]  # each with the first role whose page shows it
    link_queries: dict[str, set[str]]
    downloads: bool  # no page is HTML: a file to download, which shows no form


def forms_and_queries(name: str, urls: list[str], client_for: Callable[[str], Client]) -> Pages:
    """Each distinct form the pages send back to themselves (or, with htmx, elsewhere), and
    the query names of the pages' links."""
    found: dict[tuple[str, str, frozenset[str]], tuple[str, Form]] = {}
    link_queries: dict[str, set[str]] = {}
    downloads = True
    for url in urls:
        for role in roles_for(name):
            response = client_for(role).get(url)
            if not response.get("Content-Type", "").startswith("text/html"):
                continue
            downloads = False
            page = FormsOnAPage(url)
            page.feed(response.content.decode())
            for form in page.forms:
                if form.action == urlsplit(url).path or form.sent_by_htmx:
                    found.setdefault(form.signature(), (role, form))
            for query_name, values in page.link_queries.items():
                link_queries.setdefault(query_name, set()).update(values)
    return Pages(list(found.values()), link_queries, downloads)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_generated_input_never_answers_500(
    name: str, partnership: Partnership, demo_user: Callable[..., User]
) -> None:
    clients: dict[str, Client] = {}

    def client_for(role: str) -> Client:
        if role not in clients:
            clients[role] = Client(raise_request_exception=False)
            clients[role].force_login(demo_user(role))
        return clients[role]

    urls = addresses(name, partnership)
    pages = forms_and_queries(name, urls, client_for)
    role = (roles_for(name) or ["manager"])[0]
    # The query string; sent as a POST too where the page shows no form to post (it may answer
    # one all the same); then every form the pages show, each with its own budget. A download
    # is slow to make and reads no query: a few examples do.
    query = query_form(urls[0], pages.link_queries)
    examples = EXAMPLES_FOR_A_DOWNLOAD if pages.downloads else EXAMPLES_FOR_A_PAGE
    sent = [(role, query, examples)]
    if not any(form.method == "post" and form.action == query.action for _, form in pages.forms):
        sent.append((role, replace(query, method="post"), examples))
    sent += [(form_role, form, EXAMPLES_FOR_A_FORM) for form_role, form in pages.forms]
    for form_role, form, examples in sent:
        send_generated_input(name, client_for(form_role), form_role, form, examples)


def send_generated_input(name: str, client: Client, role: str, form: Form, examples: int) -> None:
    # A seed of its own for each page and form: derandomized runs would otherwise all make
    # the same choices, and CI must send the same input every time.
    @seed(zlib.crc32(f"{name} {form.method} {form.action} {sorted(form.fields)}".encode()))
    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(filled(form))
    def send(values: dict[str, Any]) -> None:
        for upload in values.values():
            if isinstance(upload, SimpleUploadedFile):
                upload.seek(0)
        response = getattr(client, form.method)(form.action, values)
        problem = response.exc_info[1] if response.exc_info else None
        assert response.status_code != 500, (
            f"{name} as {role}: {form.method.upper()} {form.action} answered 500 ({problem!r}) "
            "to " + ", ".join(f"{key}={shown(value)}" for key, value in values.items())
        )

    send()


@pytest.mark.parametrize(
    ("name", "role", "method", "action", "field", "kind"),
    [
        ("referrals:referral-add", "manager", "post", "/referrals/add/", "summary", "textarea"),
        ("referrals:referral-add", "manager", "get", "/referrals/assess/", "harm", "radio"),
        ("referrals:referrals", "manager", "get", "/referrals/", "referred_by", "select"),
        ("reviews:point-add", "manager", "post", "", "themes", "checkbox"),
        ("referrals:submission", "national_panel", "post", "", "response", "radio"),
        ("exchange:index", "manager", "post", "/exchange/", "document", "file"),
    ],
)
def test_the_fuzzer_finds_each_pages_forms_and_their_choices(
    name: str,
    role: str,
    method: str,
    action: str,
    field: str,
    kind: str,
    partnership: Partnership,
    client_as: Callable[..., Client],
) -> None:
    """Without this, a parser that found no form would let every page above pass."""
    urls = addresses(name, partnership)
    pages = forms_and_queries(name, urls, lambda role: client_as(role))
    found = [
        (form_role, form)
        for form_role, form in pages.forms
        if form.method == method and form.action == (action or urlsplit(urls[0]).path)
    ]
    assert [form_role for form_role, _ in found] == [role]
    form_field = found[0][1].fields[field]
    assert form_field.kind == kind
    assert form_field.values or kind in ("textarea", "file")
