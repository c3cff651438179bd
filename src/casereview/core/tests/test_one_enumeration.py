"""One enumeration per concept: a choice's value is written once, in its `choices.py`.

Every other module names the member (`ReviewStatus.ON_HOLD`, never "on_hold"). This test reads
the syntax tree of every module under src/casereview except migrations, tests and the
`choices.py` modules themselves, and lists each string constant equal to a value of a
`TextChoices` of the service where it is used as an enumeration:

- compared: `==`, `!=`, `in`, `not in` (`status == "on_hold"`, `x in ("a", "b")`);
- an element of a tuple, list or set whose strings are all values (one with other words is a
  path of keys or a list of field names: `("national_panel", "submitted")`), or a value (not
  a key) of a dict;
- the value of a keyword argument (`.filter(status="active")`) or a parameter's default;
- returned, or assigned (`CODE = "wt2018"`).

Passing through `a if c else b`, `a or b` and `*a` keeps the context. Not looked at, to keep
false positives low: positional arguments (field names: `getattr(obj, "published")`,
`Field("harm", ...)`), dict keys and subscripts (the exchange document's keys share words with
values: "harm", "published", "national_panel"), f-strings and docstrings.

Four audit actions (view, change, delete, export) are also the verbs of the permission table
(accounts/permissions.py), a vocabulary of words that is not stored: `("view", "reviews")` is a
permission. Those four are looked for only where they can only be audit actions: compared with
an attribute `.action` (`event.action == "create"`) or in a query on it (`action__in=[...]`).

`ALLOWED` names the few places where a word equal to a value is not that enumeration, each with
its reason.
"""

from __future__ import annotations

import ast
import importlib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import models

import casereview
from casereview.accounts.permissions import ACTIONS as PERMISSION_VERBS

ROOT = Path(casereview.__file__).parent

# The places where a word equal to a value is not that enumeration: by module, how many times
# each word is there, and why. A new bare value in one of these modules still fails: the
# count no longer matches.
ALLOWED: dict[str, tuple[dict[str, int], str]] = {
    "accounts/permissions.py": ({"yes": 1}, "a cell of the permission table"),
    "core/forms.py": (
        {"day": 1, "month": 2, "year": 2},
        "the date input's three boxes, named in its messages, not a date's precision",
    ),
    "core/statuses.py": ({"red": 1, "green": 1}, "GOV.UK tag colours, not RAG ratings"),
    "referrals/statuses.py": ({"red": 2, "green": 1}, "GOV.UK tag colours, not RAG ratings"),
    "actionplans/statuses.py": (
        {"red": 1, "green": 1},
        "GOV.UK tag colours of the RAG ratings, named by their Rag members",
    ),
    "core/views.py": (
        {"yes": 1, "no": 1},
        "a true or false filter as the audit trail describes a page, not an answer",
    ),
    "exchange/spreadsheet.py": (
        {"yes": 1, "no": 1, "national_panel": 1, "rapid_review": 1},
        "the workbook's words for true and false in a flag column, not an answer; and the "
        "document's keys for a referral's national panel submission and rapid review, where "
        "their columns go",
    ),
    "exchange/changewords.py": (
        {"yes": 1, "no": 1},
        "how the preview of an import words a true or false field, not an answer",
    ),
    "exchange/trackers/fields.py": (
        {"published": 1, "silp": 1, "suspected": 1, "probation": 1},
        "words trackers write, matched to the codes, which happen to be spelt as the codes are",
    ),
    "exchange/validation.py": (
        {"national_panel": 1, "published": 1, "rapid_review": 1},
        "keys of the exchange document in the path a problem names",
    ),
    "referrals/models.py": (
        {"rapid_review": 1},
        "the name a referral gives its rapid review, not the type of review",
    ),
    "referrals/urls.py": ({"child": 1}, "a URL name"),
    "reports/urls.py": ({"download": 1}, "a URL name"),
    "actionplans/views.py": ({"national_review": 2}, "the template's name for the record"),
    "reviews/views.py": ({"national_review": 1}, "the template's name for the record"),
    "reviews/services.py": (
        {"published": 1},
        "the national review's date field, set as a partial date, not a review's status",
    ),
    "referrals/views.py": (
        {"child": 1, "rapid_review": 1},
        "the template's name for the record",
    ),
    "reports/document.py": (
        {"health": 1, "education": 1},
        'words of a sentence ("referred by health") for the agency kinds',
    ),
    "reports/figures.py": ({"not_recorded": 1}, "an age band of the report, not a sex"),
    "reports/words.py": (
        {"no": 1},
        'the word for nought before a noun ("no reviews"), not an answer',
    ),
    "reviews/models.py": ({"learning_summary": 1}, "a related name (review.learning_summary)"),
    "reviews/rules.py": ({"published": 3}, "the date field a problem is about"),
    "scrutiny/statuses.py": ({"green": 1}, "a GOV.UK tag colour, not a RAG rating"),
    "scrutiny/urls.py": ({"scrutiny": 1}, "the URL namespace, not the role"),
    "scrutiny/views.py": ({"rapid_review": 1}, "the template's name for the record"),
    "accounts/models.py": ({"name": 2}, "the field a list is ordered by, not a kind of finding"),
    "exchange/planning.py": ({"reference": 1}, "a referral's field, not a kind of finding"),
    "reports/services.py": ({"name": 1}, "the field a change names, not a kind of finding"),
    "testing/forms.py": ({"name": 1}, "a form field's name, not a kind of finding"),
    "publication/models.py": ({"name": 1}, "the field a list is ordered by, not a kind of finding"),
    "publication/services.py": ({"name": 1}, "the field a change names, not a kind of finding"),
}


def enumeration_values() -> dict[str, list[str]]:
    """Each value of every TextChoices in an app's choices.py, with the members that have it."""
    found: dict[str, list[str]] = {}
    for path in sorted(ROOT.glob("*/choices.py")):
        module = importlib.import_module(f"casereview.{path.parent.name}.choices")
        for name, obj in vars(module).items():
            if (
                isinstance(obj, type)
                and issubclass(obj, models.Choices)
                and obj.__module__ == module.__name__
            ):
                for member in obj:
                    found.setdefault(str(member.value), []).append(f"{name}.{member.name}")
    return found


VALUES = enumeration_values()
AMBIGUOUS = frozenset(PERMISSION_VERBS) & set(VALUES)
PASSING = (ast.IfExp, ast.BoolOp, ast.Starred)
COLLECTIONS = (ast.Tuple, ast.List, ast.Set)
COMPARISONS = (ast.Eq, ast.NotEq, ast.In, ast.NotIn)


@dataclass(frozen=True, order=True)
class Bare:
    module: str
    line: int
    value: str

    def __str__(self) -> str:
        return f"{self.module}:{self.line}: {self.value!r} ({' or '.join(VALUES[self.value])})"


def _as_enumeration(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Whether the constant is used as an enumeration (the module docstring's list)."""
    parent = parents.get(node)
    while isinstance(parent, PASSING) and not (
        isinstance(parent, ast.IfExp) and node is parent.test
    ):
        node, parent = parent, parents.get(parent)
    if isinstance(parent, ast.Compare):
        return any(isinstance(op, COMPARISONS) for op in parent.ops)
    if isinstance(parent, COLLECTIONS):
        words = [e.value for e in parent.elts if isinstance(e, ast.Constant)]
        return all(word in VALUES for word in words if isinstance(word, str))
    if isinstance(parent, ast.Dict):
        return any(value is node for value in parent.values)
    return isinstance(parent, ast.keyword | ast.Return | ast.Assign | ast.AnnAssign | ast.arguments)


def _as_audit_action(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Whether a permission verb is an audit action here: `.action ==`, `action__in=`."""
    parent = parents.get(node)
    while isinstance(parent, PASSING + COLLECTIONS):
        node, parent = parent, parents.get(parent)
    if isinstance(parent, ast.Compare):
        operands = [parent.left, *parent.comparators]
        return any(isinstance(o, ast.Attribute) and o.attr == "action" for o in operands)
    if isinstance(parent, ast.keyword):
        return (parent.arg or "").startswith("action__")
    return False


def bare_values(source: str, module: str) -> Iterator[Bare]:
    """The values of choices written as bare strings in the source."""
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if node.value not in VALUES or not _as_enumeration(node, parents):
            continue
        if node.value in AMBIGUOUS and not _as_audit_action(node, parents):
            continue
        yield Bare(module, node.lineno, node.value)


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(ROOT.rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        parts = set(path.relative_to(ROOT).parts)
        if "migrations" in parts or "tests" in parts or path.name == "choices.py":
            continue
        yield name, path


def all_bare_values() -> list[Bare]:
    return sorted(bare for name, path in modules() for bare in bare_values(path.read_text(), name))


def _not_allowed(found: list[Bare]) -> list[Bare]:
    """The bare values, less those the allowlist expects (all of a word's, if its count holds)."""
    counts = Counter((bare.module, bare.value) for bare in found)

    def allowed(bare: Bare) -> bool:
        words, _ = ALLOWED.get(bare.module, ({}, ""))
        return words.get(bare.value) == counts[(bare.module, bare.value)]

    return [bare for bare in found if not allowed(bare)]


def test_no_choice_value_is_written_as_a_bare_string() -> None:
    found = _not_allowed(all_bare_values())
    expected = {
        (bare.module, bare.value): ALLOWED[bare.module][0][bare.value]
        for bare in found
        if bare.value in ALLOWED.get(bare.module, ({}, ""))[0]
    }
    assert not found, (
        "Name the TextChoices member instead of its value:\n"
        + "\n".join(map(str, found))
        + "".join(
            f"\n({m}: {n} of {w!r} allowed, and why: ALLOWED)" for (m, w), n in expected.items()
        )
    )


def test_each_allowed_place_still_has_its_words() -> None:
    """An allowance that no longer matches anything goes, so that the list stays short."""
    counts = Counter((bare.module, bare.value) for bare in all_bare_values())
    stale = [
        (module, word)
        for module, (words, _) in ALLOWED.items()
        for word, count in words.items()
        if counts[(module, word)] < count
    ]
    assert not stale, stale


def test_the_check_finds_a_bare_value_where_an_enumeration_is_meant() -> None:
    source = """
if review.status == "on_hold":
    pass
OPEN = ("not_started", "in_progress")
review = Review(status="active" if ok else "completed")
events.exclude(action__in=["view", "download"])
NATION = "england"

def outcome():
    return "no_review"
"""
    found = {(bare.line, bare.value) for bare in bare_values(source, "example.py")}
    assert found == {
        (2, "on_hold"),
        (4, "not_started"),
        (4, "in_progress"),
        (5, "active"),
        (5, "completed"),
        (6, "view"),
        (6, "download"),
        (7, "england"),
        (10, "no_review"),
    }


def test_the_check_leaves_keys_field_names_and_permissions_alone() -> None:
    source = """
item = {"harm": referral.harm, "published": None}
value = getattr(review, "published")
permission = ("view", "reviews")
if action == "change":
    pass
text = f"{count} completed"
path = ("national_panel", "submitted")
fields = ["partnership", "year"]
item["national_panel"]
"""
    assert list(bare_values(source, "example.py")) == []


# In a template, a value compared in an `{% if %}`: `status == "ongoing"`.
TEMPLATE_COMPARISON = re.compile(r"""(?:==|!=)\s*["']([a-z_]+)["']|["']([a-z_]+)["']\s*(?:==|!=)""")


def template_bare_values() -> list[str]:
    values = enumeration_values()
    found = []
    for path in sorted(ROOT.rglob("templates/**/*.html")):
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            for match in TEMPLATE_COMPARISON.finditer(line):
                word = match.group(1) or match.group(2)
                if word in values:
                    found.append(f"{path.relative_to(ROOT)}:{number}: {word!r} ({values[word][0]})")
    return found


def test_no_template_compares_with_a_bare_choice_value() -> None:
    """Templates ask the record (`process.is_ongoing`), not compare its value with a word."""
    assert template_bare_values() == []


def test_the_template_check_finds_a_comparison_with_a_value() -> None:
    assert TEMPLATE_COMPARISON.search('{% if process.status == "ongoing" %}')
    assert not TEMPLATE_COMPARISON.search("{% if process.is_ongoing %}")
