"""Every change to partnerships, agencies and people. Each writes its audit row."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.accounts import invitations, secondfactor
from casereview.accounts.choices import InvitationKind, Role
from casereview.accounts.mapping import AGENCY
from casereview.accounts.models import Agency, Invitation, Membership, Partnership, User
from casereview.core import audit, writes
from casereview.core.choices import AuditAction
from casereview.core.tenancy import active_membership, is_service_admin

if TYPE_CHECKING:
    from django_otp.plugins.otp_totp.models import TOTPDevice

# What a membership's audit row carries beside its own fields, each read from the membership.
MembershipValues = Mapping[str, Callable[[Membership], object]]

AGENCY_FIELDS = (*AGENCY.stored_fields, "external_key")
MEMBERSHIP_FIELDS = ("role", "agency", "is_active")
USER_FIELDS = ("full_name", "email")
# A person's name and email, as their membership's rows carry them.
USER_VALUES: MembershipValues = {
    "full_name": lambda membership: membership.user.full_name,
    "email": lambda membership: membership.user.email,
}


AREA_NAME_LENGTH = 100


def _area_names(names: Sequence[str], partnership: Partnership | None = None) -> list[str]:
    """The local authority areas a partnership covers, as given (blank lines left out, in
    their order): each named once, and none another partnership covers already, since each
    local authority area is in one partnership's safeguarding arrangements. ValidationError
    on the field `local_authorities` otherwise."""
    kept: list[str] = []
    for name in (" ".join(name.split()) for name in names):
        if not name:
            continue
        if len(name) > AREA_NAME_LENGTH:
            raise ValidationError(
                {"local_authorities": [f"{name[:40]}... is longer than {AREA_NAME_LENGTH} letters"]}
            )
        if name.casefold() in (k.casefold() for k in kept):
            raise ValidationError({"local_authorities": [f"{name} is named twice: name it once"]})
        kept.append(name)
    others = Partnership.objects.all()
    if partnership is not None and partnership.pk is not None:
        others = others.exclude(pk=partnership.pk)
    for other in others.only("name", "local_authorities"):
        theirs = {area.casefold() for area in other.local_authorities}
        for name in kept:
            if name.casefold() in theirs:
                raise ValidationError(
                    {
                        "local_authorities": [
                            f"{name} is covered by {other.name} already: a local authority "
                            "area is in one partnership's arrangements"
                        ]
                    }
                )
    return kept


def create_partnership(
    *,
    code: str,
    name: str,
    nation: str,
    agencies: Sequence[tuple[str, str]] = (),
    local_authorities: Sequence[str] = (),
    acting_user: User | None,
) -> Partnership:
    """A partnership, the local authority areas it covers and its first agencies (each a kind
    and a name): added by a service administrator, or at the command line (`casereview
    partnership add`, `casereview demo`)."""
    with writes.acting(acting_user, ("add", "partnerships")) as act:
        partnership = Partnership(
            code=code, name=name, nation=nation, local_authorities=_area_names(local_authorities)
        )
        act.create(
            partnership, ("code", "name", "nation", "local_authorities"), partnership=partnership
        )
        for kind, agency_name in agencies:
            act.create(Agency(partnership=partnership, name=agency_name, kind=kind), AGENCY_FIELDS)
        return partnership


def change_local_authorities(
    partnership: Partnership,
    *,
    local_authorities: Sequence[str],
    acting_user: User | None,
    read_at: int | None = None,
) -> Partnership:
    """The local authority areas the partnership covers, set by its business manager."""
    sent = {"local_authorities": list(local_authorities)}
    with writes.changing(
        acting_user,
        ("change", "partnership"),
        partnership,
        ("local_authorities",),
        read_at=read_at,
        sent=sent,
    ) as change:
        partnership.local_authorities = _area_names(local_authorities, partnership)
        change.save(partnership=partnership)
    return partnership


def create_agency(
    partnership: Partnership,
    *,
    name: str,
    kind: str,
    external_key: str = "",
    acting_user: User | None,
) -> Agency:
    with writes.acting(acting_user, ("add", "agencies"), within=partnership) as act:
        agency = Agency(partnership=partnership, name=name, kind=kind, external_key=external_key)
        return act.create(agency, AGENCY_FIELDS)


def change_agency(
    agency: Agency, *, acting_user: User | None, read_at: int | None = None, **values: Any
) -> Agency:
    with writes.changing(
        acting_user, ("change", "agencies"), agency, AGENCY_FIELDS, read_at=read_at, sent=values
    ) as change:
        writes.assign(
            agency, values, AGENCY_FIELDS, unknown="an agency has no field {name!r} to change"
        )
        change.save()
    return agency


INVITATION_FIELDS = ("kind", "role", "agency", "email", "full_name", "expires")


def may_invite(partnership: Partnership, role: str) -> writes.Rule:
    """Who may invite someone into `partnership` in `role`: its business manager (anyone), or
    a service administrator (its business managers)."""

    def allows(acting_user: User) -> bool:
        if writes.may(acting_user, ("add", "people"), within=partnership):
            return True
        return role == Role.MANAGER and writes.may(acting_user, ("invite", "managers"))

    return writes.Rule(allows, f"Your role may not invite people to {partnership.name}")


def invite_person(
    partnership: Partnership,
    *,
    full_name: str,
    email: str,
    role: str,
    agency: Agency | None,
    acting_user: User | None,
) -> Invitation:
    """An invitation to join `partnership` in `role`: a link (its `token`, held only on the
    invitation returned) that works once, for 7 days. A newer invitation of the same person
    to the same partnership replaces an older one. Sending it is `invitations.send`."""
    with writes.acting(acting_user, may_invite(partnership, role)) as act:
        earlier = Invitation.objects.pending().filter(
            kind=InvitationKind.JOIN, partnership=partnership, email__iexact=email
        )
        invitation = Invitation(
            kind=InvitationKind.JOIN,
            partnership=partnership,
            role=role,
            agency=agency,
            email=email,
            full_name=full_name,
        )
        return _new_invitation(act, invitation, earlier)


def send_password_link(person: User, *, acting_user: User | None) -> Invitation:
    """A link for `person` to set a new password (their old one works until then): sent by
    whoever may change how they sign in (`may_change_identity`), to their email address."""
    with writes.acting(acting_user, identity_of(person)) as act:
        if not person.email:
            raise ValidationError(
                f"{person.display_name} has no email address to send the link to. Add it first."
            )
        membership = active_membership(acting_user)
        invitation = Invitation(
            kind=InvitationKind.NEW_PASSWORD,
            partnership_id=membership.partnership_id if membership is not None else None,
            user=person,
            email=person.email,
            full_name=person.display_name,
        )
        earlier = Invitation.objects.pending().filter(kind=InvitationKind.NEW_PASSWORD, user=person)
        return _new_invitation(act, invitation, earlier)


def _new_invitation(act: writes.Act, invitation: Invitation, replaces: Any) -> Invitation:
    for older in replaces.select_for_update():
        change = act.track(older, ("expires",))
        older.expires = timezone.now()
        change.save(update_fields=["expires"], object_repr=f"{older} (replaced by a newer one)")
    token, invitation.token_hash = invitations.new_token()
    invitation.invited_by = act.user
    invitation.created = timezone.now()
    invitation.expires = invitation.created + invitations.LIFETIME
    act.create(invitation, INVITATION_FIELDS, partnership=invitation.partnership)
    invitation.token = token
    return invitation


def accept_invitation(invitation: Invitation, *, username: str, password: str) -> Membership:
    """The person invited joins the partnership, with the username and password they chose;
    the link is used up. Whoever holds the link may: it was sent to their email address."""
    with transaction.atomic():
        invitation = _usable(invitation, InvitationKind.JOIN)
        assert invitation.partnership is not None  # an invitation to join names it
        person = User(username=username, full_name=invitation.full_name, email=invitation.email)
        user = _new_user(person, password)
        with writes.acting(user, writes.oneself(user)) as act:
            membership = _new_membership(
                act, invitation.partnership, user, invitation.role, invitation.agency, USER_VALUES
            )
            _use(act, invitation, user)
        return membership


def join_with_account(invitation: Invitation, *, user: User) -> Membership:
    """Someone who already signs in to the service (for another partnership, say) joins the
    invitation's partnership with the account they have: no second account, no second
    password. The link is used up."""
    with transaction.atomic():
        invitation = _usable(invitation, InvitationKind.JOIN)
        partnership = invitation.partnership
        assert partnership is not None  # an invitation to join names it
        if Membership.objects.filter(
            user=user, partnership=partnership, role=invitation.role
        ).exists():
            raise ValidationError(
                f"You already have this role in {partnership.name}: sign in and choose it."
            )
        with writes.acting(user, writes.oneself(user)) as act:
            membership = _new_membership(
                act, partnership, user, invitation.role, invitation.agency, USER_VALUES
            )
            _use(act, invitation, user)
        return membership


def set_password_by_link(invitation: Invitation, *, password: str) -> User:
    """The person a new-password link was sent to sets their new password; the link is used
    up. Their second factor stays as it was."""
    with transaction.atomic():
        invitation = _usable(invitation, InvitationKind.NEW_PASSWORD)
        user = invitation.user
        assert user is not None  # a new-password link names its person
        with writes.acting(user, writes.oneself(user)) as act:
            validate_password(password, user)
            user.set_password(password)
            user.save(update_fields=["password"])
            _record_sign_in_change(act, user, "password", "(hidden)", "(changed by a link)")
            _use(act, invitation, user)
        return user


def _usable(invitation: Invitation, kind: str) -> Invitation:
    """The invitation again, locked until the end of the transaction: refused if it has been
    used or has expired meanwhile."""
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("partnership", "agency", "invited_by", "user")
        .get(pk=invitation.pk)
    )
    if invitation.kind != kind:
        raise ValueError(f"{invitation} is not of the kind {kind}")
    if problem := invitations.why_unusable(invitation):
        raise ValidationError(problem)
    return invitation


def _use(act: writes.Act, invitation: Invitation, user: User) -> None:
    change = act.track(invitation, ("accepted_at", "user"))
    invitation.accepted_at, invitation.user = timezone.now(), user
    change.save(update_fields=["accepted_at", "user"], partnership=invitation.partnership)


def add_person(
    partnership: Partnership,
    *,
    username: str,
    full_name: str,
    email: str,
    role: str,
    agency: Agency | None,
    password: str,
    acting_user: User | None,
) -> Membership:
    """A new person with a password, and their role in the partnership: for the demo and the
    tests, which know their people's passwords. People join by invitation (invite_person)."""
    with writes.acting(acting_user, ("add", "people"), within=partnership) as act:
        user = _new_user(User(username=username, full_name=full_name, email=email), password)
        return _new_membership(act, partnership, user, role, agency, USER_VALUES)


def _new_user(user: User, password: str) -> User:
    """A person who can sign in; the audit row that names them is their role's (or, for a
    service administrator, their own)."""
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


def _new_membership(
    act: writes.Act,
    partnership: Partnership,
    user: User,
    role: str,
    agency: Agency | None,
    about_the_user: MembershipValues,
) -> Membership:
    membership = Membership(partnership=partnership, user=user, role=role, agency=agency)
    values: MembershipValues = {
        "username": lambda membership: membership.user.username,
        **about_the_user,
    }
    return act.create(membership, MEMBERSHIP_FIELDS, values=values, partnership=partnership)


def may_change_identity(acting_user: User | None, person: User) -> bool:
    """Whether `acting_user` may change `person`'s name, email, password or second factor.

    The person themselves may; so may a service administrator; and so may a business manager
    acting in the one partnership the person belongs to. A manager may not change the sign-in
    of someone who also belongs to another partnership: that would let one partnership's
    manager sign in as them and read the other's records.
    """
    if acting_user is None:
        return True  # a command at the server's shell: whoever runs it holds the database
    if not getattr(acting_user, "is_authenticated", False):
        return False
    if acting_user.pk == person.pk or is_service_admin(acting_user):
        return True
    membership = active_membership(acting_user)
    if membership is None or membership.role != Role.MANAGER:
        return False
    partnerships = set(
        Membership.objects.filter(user=person).values_list("partnership_id", flat=True)
    )
    return partnerships == {membership.partnership_id}


SHARED_PERSON_REFUSAL = (
    "{name} also belongs to another partnership, so only they or a service administrator "
    "can change their name, email address, password or second factor"
)


def identity_of(person: User) -> writes.Rule:
    """Who may change how `person` signs in: `may_change_identity`."""
    return writes.Rule(
        lambda acting_user: may_change_identity(acting_user, person),
        SHARED_PERSON_REFUSAL.format(name=person.display_name),
    )


def change_person(
    membership: Membership,
    *,
    acting_user: User | None,
    full_name: str,
    email: str,
    role: str,
    agency: Agency | None,
    is_active: bool,
    read_at: int | None = None,
) -> Membership:
    """Change a person's details and their role in this partnership (not in any other).

    Their name and email are their identity in every partnership: a change to either needs
    `may_change_identity`, and is refused with a message on the fields otherwise.
    """
    user = membership.user
    sent = {"full_name": full_name, "email": email, "role": role, "agency": agency}
    with writes.acting(
        acting_user,
        ("change", "people"),
        within=membership,
        stale=[user, membership],
        read_at=read_at,
        sent=sent | {"is_active": is_active},
    ) as act:
        if (full_name, email) != (user.full_name, user.email) and not may_change_identity(
            acting_user, user
        ):
            message = SHARED_PERSON_REFUSAL.format(name=user.display_name)
            raise ValidationError({"full_name": message, "email": message})
        change = act.track(membership, MEMBERSHIP_FIELDS, values=USER_VALUES)
        user.full_name, user.email = full_name, email
        membership.role, membership.agency, membership.is_active = role, agency, is_active
        user.full_clean()
        user.save(update_fields=["full_name", "email"])  # audited in the membership's row
        change.save(update_fields=["role", "agency", "is_active"])
    return membership


def set_password(user: User, *, new_password: str, acting_user: User | None) -> None:
    """A new password, set by the person themselves, their business manager (when they belong
    to that partnership only) or a service administrator."""
    with writes.acting(acting_user, identity_of(user)) as act:
        validate_password(new_password, user)
        user.set_password(new_password)
        user.save(update_fields=["password"])
        _record_sign_in_change(act, user, "password", "(hidden)", "(changed)")


def _record_sign_in_change(
    act: writes.Act, person: User, what: str, before: str, after: str
) -> None:
    """The audit row of a change to how `person` signs in, which never shows the secret."""
    act.record(
        AuditAction.CHANGE,
        obj=person,
        object_repr=f"{what} of {person.username}",
        changes={what: {"before": before, "after": after}},
    )


def record_sign_in(user: User) -> None:
    audit.record(AuditAction.SIGN_IN, actor=user, obj=user)


def record_failed_sign_in(attempted_username: str) -> None:
    _record_refused_sign_in(AuditAction.SIGN_IN_FAILED, attempted_username, "")


def record_locked_out(attempted_username: str) -> None:
    _record_refused_sign_in(
        AuditAction.LOCKED_OUT, attempted_username, " refused: too many failures"
    )


def _record_refused_sign_in(action: str, attempted_username: str, why: str) -> None:
    username = attempted_username[:150]
    audit.record(
        action, actor=None, actor_username=username, object_repr=f"sign-in as {username!r}{why}"
    )


def record_sign_out(user: User) -> None:
    audit.record(AuditAction.SIGN_OUT, actor=user, obj=user)


def change_identity(person: User, *, acting_user: User | None, full_name: str, email: str) -> User:
    """A person's name and email, changed by a service administrator or by themselves."""
    with writes.acting(acting_user, identity_of(person)) as act:
        change = act.track(person, USER_FIELDS)
        person.full_name, person.email = full_name, email
        change.save(update_fields=["full_name", "email"])
    return person


def add_membership(
    partnership: Partnership,
    *,
    user: User,
    role: str,
    agency: Agency | None,
    acting_user: User | None,
) -> Membership:
    """A role in this partnership for someone who can already sign in."""
    with writes.acting(acting_user, ("add", "people"), within=partnership) as act:
        return _new_membership(act, partnership, user, role, agency, {})


def add_service_admin(
    *, username: str, full_name: str, email: str, password: str, acting_user: User | None
) -> User:
    """A service administrator: people's sign-in in every partnership, no case records. Added
    at the command line (`casereview service_admin add`), by no role."""
    with writes.acting(acting_user, writes.SYSTEM_ONLY) as act:
        admin = User(username=username, full_name=full_name, email=email, is_service_admin=True)
        validate_password(password, admin)
        admin.set_password(password)
        return act.create(admin, ("username", "is_service_admin"))


def set_up_second_factor(user: User, *, device: TOTPDevice, code: str) -> list[str] | None:
    """The person confirms their authenticator app; returns their recovery codes."""
    with writes.acting(user, writes.oneself(user)) as act:
        codes = secondfactor.confirm_app(device, code)
        if codes is not None:
            _record_sign_in_change(act, user, "second factor", "(none)", "authenticator app")
    return codes


def reset_second_factor(person: User, *, acting_user: User | None) -> None:
    """Remove a person's second factor, so that they set it up again when they next sign in:
    for someone who lost their phone and their recovery codes."""
    with writes.acting(acting_user, identity_of(person)) as act:
        secondfactor.forget(person)
        _record_sign_in_change(act, person, "second factor", "(hidden)", "(removed)")


def record_second_factor_failed(user: User) -> None:
    audit.record(
        AuditAction.SIGN_IN_FAILED,
        actor=user,
        object_repr=f"second factor of {user.username}: wrong code",
    )
