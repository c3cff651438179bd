"""The service navigation: each entry shows to the roles that may see what it leads to."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    text: str
    url_name: str
    action: str
    resource: str
    prefix: str  # the entry is current on every page whose path starts with this

    @property
    def args(self) -> tuple[str, ...]:
        """The link's arguments, which the app whose page it is gives (URL_ARGS)."""
        return URL_ARGS.get(self.url_name, ())


# The arguments of an entry's link that only a higher app knows, by url name: core knows no
# app's enumerations (actionplans gives the monitoring group its entry opens on).
URL_ARGS: dict[str, tuple[str, ...]] = {}


NAVIGATION: list[Entry] = [
    Entry("Home", "home", "view", "home", "/"),
    Entry("Cases to consider", "referrals:referrals", "view", "referrals", "/referrals/"),
    Entry("Reviews", "reviews:reviews", "view", "reviews", "/reviews/"),
    Entry(
        "National reviews",
        "reviews:national-reviews",
        "view",
        "national reviews",
        "/national-reviews/",
    ),
    Entry("Learning", "learning:in-common", "view", "learning", "/learning/"),
    Entry("Your agency's actions", "actionplans:my-actions", "change", "actions", "/actions/mine/"),
    Entry("Monitoring", "actionplans:monitoring", "view", "monitoring", "/actions/monitoring/"),
    Entry(
        "National panel", "referrals:submissions", "change", "panel submissions", "/national-panel/"
    ),
    Entry("Scrutiny", "scrutiny:comments", "view", "scrutiny comments", "/scrutiny/"),
    Entry("Report", "reports:report", "view", "reports", "/reports/"),
    Entry("Agencies", "accounts:agencies", "view", "agencies", "/agencies/"),
    Entry("People", "accounts:people", "view", "people", "/people/"),
    Entry("Import and export", "exchange:index", "add", "imports", "/exchange/"),
    Entry("Audit trail", "core:audit", "view", "audit trail", "/audit/"),
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
