"""Who may do what: the role-to-permission table.

Read it as a grid. Each line names an action and the records it applies to; each column is a
role; "yes" means people with that role may do it, "-" means they may not. Whatever a role may
do, it does only inside the partnership the person is signed in to, and some roles see only
part of it:

- agency leads see the actions of their own agency;
- independent reviewers see the reviews they are assigned to, and work on them; signing a
  review off and publishing it (or deciding not to) are the partnership's acts, not theirs;
- national panel members see what partnerships submit to the national panel, and the rapid
  reviews sent to it, from every partnership;
- published learning (the library: published reviews' learning and themes) is every
  partnership's, for every role: it has been published.

To change who may do something, change a "yes" or "-" below. The test suite checks every page
against this table.
"""

from casereview.accounts.choices import Role

TABLE = """
                         manager  panel_member  agency_lead  scrutiny  reviewer  national_panel
view home                yes      yes           yes          yes       yes       yes
change partnership       yes      -             -            -         -         -
view agencies            yes      yes           yes          yes       yes       -
add agencies             yes      -             -            -         -         -
change agencies          yes      -             -            -         -         -
view people              yes      -             -            -         -         -
add people               yes      -             -            -         -         -
change people            yes      -             -            -         -         -
view audit trail         yes      -             -            -         -         -
view referrals           yes      yes           -            -         -         -
add referrals            yes      yes           -            -         -         -
change referrals         yes      yes           -            -         -         -
view children            yes      yes           -            -         -         -
change children          yes      yes           -            -         -         -
view panel submissions   yes      yes           -            -         -         yes
add panel submissions    yes      yes           -            -         -         -
change panel submissions -        -             -            -         -         yes
view rapid reviews       yes      yes           -            -         -         yes
add rapid reviews        yes      yes           -            -         -         -
change rapid reviews     yes      yes           -            -         -         -
view reviews             yes      yes           -            -         yes       -
add reviews              yes      yes           -            -         -         -
change reviews           yes      yes           -            -         yes       -
sign off reviews         yes      yes           -            -         -         -
publish reviews          yes      yes           -            -         -         -
assign reviewers         yes      -             -            -         -         -
view national reviews    yes      yes           -            -         -         -
add national reviews     yes      yes           -            -         -         -
change national reviews  yes      yes           -            -         -         -
view learning            yes      yes           -            yes       -         -
view published learning  yes      yes           yes          yes       yes       yes
view themes              yes      yes           yes          yes       yes       -
add themes               yes      -             -            -         -         -
change themes            yes      -             -            -         -         -
view learning events     yes      yes           -            yes       -         -
add learning events      yes      yes           -            -         -         -
view recommendations     yes      yes           -            -         yes       -
add recommendations      yes      yes           -            -         -         -
view actions             yes      yes           yes          -         yes       -
add actions              yes      yes           -            -         -         -
change actions           yes      yes           yes          -         -         -
view monitoring          yes      yes           -            -         -         -
export actions           yes      yes           yes          -         -         -
view scrutiny comments   yes      yes           -            yes       -         -
add scrutiny comments    yes      -             -            yes       -         -
respond to scrutiny comments yes  yes           -            -         -         -
view reports             yes      yes           -            yes       -         -
change reports           yes      -             -            -         -         -
add imports              yes      -             -            -         -         -
export all records       yes      -             -            -         -         -
view sign-ins            -        -             -            -         -         -
view people's sign-in    -        -             -            -         -         -
change people's sign-in  -        -             -            -         -         -
view partnerships        -        -             -            -         -         -
add partnerships         -        -             -            -         -         -
invite managers          -        -             -            -         -         -
"""

# Service administrators stand above partnerships, outside the table: they look after
# people's sign-in in every partnership (name, email, password, second factor) and see
# failed sign-ins, and never a case record nor any partnership's own pages. Only people,
# their roles and sign-in rows of the audit trail are within their reach. They also start
# partnerships: add one (its name, nation and agencies), list them (with how many people each
# has), and invite each one's business managers, who take it from there.
SERVICE_ADMINISTRATOR = """
view people's sign-in
change people's sign-in
view sign-ins
view partnerships
add partnerships
invite managers
"""

# What a line may begin with. "publish" covers deciding not to publish; "respond to" is the
# partnership's answer to what someone outside it said (the independent scrutineer).
ACTIONS = (
    "view",
    "add",
    "change",
    "delete",
    "export",
    "assign",
    "sign off",
    "publish",
    "invite",
    "respond to",
)


def _action_of(line: str) -> str:
    """The action a line begins with: its first word, or its first two ("sign off")."""
    for action in sorted(ACTIONS, key=len, reverse=True):
        if line.startswith(action + " "):
            return action
    raise ValueError(f"unknown action {line.split()[0]!r} in line {line!r}")


def _parse(table: str) -> dict[tuple[str, str], frozenset[str]]:
    lines = [line.strip() for line in table.strip("\n").splitlines() if line.strip()]
    roles = lines[0].split()
    if set(roles) != set(Role.values):
        raise ValueError(f"the table's columns {roles} are not the roles {Role.values}")
    grid: dict[tuple[str, str], frozenset[str]] = {}
    for line in lines[1:]:
        action = _action_of(line)
        words = line[len(action) :].split()
        resource, cells = " ".join(words[: -len(roles)]), words[-len(roles) :]
        if any(cell not in {"yes", "-"} for cell in cells):
            raise ValueError(f"each cell must be 'yes' or '-' in line {line!r}")
        grid[(action, resource)] = frozenset(
            role for role, cell in zip(roles, cells, strict=True) if cell == "yes"
        )
    return grid


PERMISSIONS = _parse(TABLE)


def role_may(role: str, action: str, resource: str) -> bool:
    """Whether the table lets `role` do `action` on `resource` ("view", "agencies")."""
    try:
        return role in PERMISSIONS[(action, resource)]
    except KeyError:
        raise LookupError(f"the permission table has no line '{action} {resource}'") from None


SERVICE_ADMIN_GRANTS = frozenset(
    (line.split(maxsplit=1)[0], line.split(maxsplit=1)[1])
    for line in SERVICE_ADMINISTRATOR.strip().splitlines()
)


def service_admin_may(action: str, resource: str) -> bool:
    """Whether a service administrator may do `action` on `resource` in any partnership."""
    return (action, resource) in SERVICE_ADMIN_GRANTS


def roles_that_may(action: str, resource: str) -> frozenset[str]:
    return PERMISSIONS[(action, resource)]
