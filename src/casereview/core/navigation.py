"""The service navigation: each entry shows to the roles that may see what it leads to.

Entries are grouped in a few sections (case work, learning, action plans, partnership
administration), so that the bar is one row on a laptop: the bar shows the sections, each
leading to its first entry a person may see, and the current section's entries are shown as
a sub-navigation under it. A section with a single entry for that person is shown as the entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

CASE_WORK = "Case work"
LEARNING = "Learning"
ACTION_PLANS = "Action plans"
ADMINISTRATION = "Partnership administration"
SERVICE = "Service administration"


@dataclass(frozen=True)
class Entry:
    text: str
    url_name: str
    action: str
    resource: str
    prefix: str  # the entry is current on every page whose path starts with this
    section: str = ""  # the section of the navigation it is in; "" for one on its own
    needs_agency: bool = False  # offered only to someone whose role names an agency

    @property
    def args(self) -> tuple[str, ...]:
        """The link's arguments, which the app whose page it is gives (URL_ARGS)."""
        return URL_ARGS.get(self.url_name, ())


# The arguments of an entry's link that only a higher app knows, by url name: core knows no
# app's enumerations (actionplans gives the monitoring group its entry opens on).
URL_ARGS: dict[str, tuple[str, ...]] = {}


NAVIGATION: list[Entry] = [
    Entry("Home", "home", "view", "home", "/"),
    Entry(
        "Cases to consider", "referrals:referrals", "view", "referrals", "/referrals/", CASE_WORK
    ),
    Entry("Reviews", "reviews:reviews", "view", "reviews", "/reviews/", CASE_WORK),
    Entry(
        "National reviews",
        "reviews:national-reviews",
        "view",
        "national reviews",
        "/national-reviews/",
        CASE_WORK,
    ),
    Entry("Learning in common", "learning:in-common", "view", "learning", "/learning/", LEARNING),
    Entry(
        "Library of published learning",
        "library:library",
        "view",
        "published learning",
        "/library/",
        LEARNING,
    ),
    Entry(
        "Your agency's actions",
        "actionplans:my-actions",
        "change",
        "actions",
        "/actions/mine/",
        ACTION_PLANS,
        needs_agency=True,
    ),
    Entry(
        "Monitoring",
        "actionplans:monitoring",
        "view",
        "monitoring",
        "/actions/monitoring/",
        ACTION_PLANS,
    ),
    Entry(
        "National panel",
        "referrals:submissions",
        "change",
        "panel submissions",
        "/national-panel/",
        CASE_WORK,
    ),
    Entry("Scrutiny", "scrutiny:comments", "view", "scrutiny comments", "/scrutiny/", CASE_WORK),
    Entry("Report", "reports:report", "view", "reports", "/reports/", LEARNING),
    Entry("Agencies", "accounts:agencies", "view", "agencies", "/agencies/", ADMINISTRATION),
    Entry("People", "accounts:people", "view", "people", "/people/", ADMINISTRATION),
    Entry(
        "Names accepted in reports",
        "publication:acceptable-names",
        "publish",
        "reviews",
        "/acceptable-names/",
        ADMINISTRATION,
    ),
    Entry("Import and export", "exchange:index", "add", "imports", "/exchange/", ADMINISTRATION),
    Entry("Audit trail", "core:audit", "view", "audit trail", "/audit/", ADMINISTRATION),
]


# What a service administrator with no role in a partnership sees.
SERVICE_ADMINISTRATION: list[Entry] = [
    Entry("Home", "home", "view", "home", "/"),
    Entry(
        "Partnerships",
        "accounts:service-partnerships",
        "view",
        "partnerships",
        "/service/partnerships/",
    ),
    Entry("People", "accounts:service-people", "view", "people's sign-in", "/service/people/"),
    Entry("Failed sign-ins", "accounts:sign-in-attempts", "view", "sign-ins", "/service/sign-ins/"),
]


@dataclass
class Link:
    text: str
    href: str
    current: bool = False


@dataclass
class Section:
    """One entry of the bar: a section (its entries under it) or an entry on its own."""

    text: str
    href: str
    current: bool = False
    links: list[Link] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "href": self.href,
            "current": self.current,
            "links": [link.__dict__ for link in self.links],
        }


def current_entry(entries: Iterable[Entry], path: str) -> Entry | None:
    """The entry whose prefix is the longest that the page's path starts with."""
    matching = [e for e in entries if path.startswith(e.prefix)]
    return max(matching, key=lambda e: len(e.prefix), default=None)


def sections(entries: list[Entry], hrefs: dict[Entry, str], current: Entry | None) -> list[Section]:
    """The bar for the entries a person may see, in their order: each section once, where
    its first entry is, leading to that entry; a section of one entry is that entry."""
    grouped: dict[str, list[Entry]] = {}
    for entry in entries:
        grouped.setdefault(entry.section or entry.url_name, []).append(entry)
    bar = []
    for key, members in grouped.items():
        first = members[0]
        is_current = current in members
        if len(members) == 1:
            bar.append(Section(first.text, hrefs[first], is_current))
            continue
        links = [Link(e.text, hrefs[e], e is current) for e in members]
        bar.append(Section(key, hrefs[first], is_current, links))
    return bar
