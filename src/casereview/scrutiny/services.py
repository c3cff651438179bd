"""The independent scrutineer's comments and the partnership's responses. Each writes its
audit row."""

from __future__ import annotations

import datetime as dt

from casereview.accounts.models import User
from casereview.core import writes
from casereview.referrals.models import Decision, RapidReview
from casereview.reviews.models import Review
from casereview.scrutiny.models import ON_FIELDS, ScrutinyComment, on_field, partnership_of

COMMENT_FIELDS = (*ON_FIELDS, "text", "date", "written_by")
RESPONSE_FIELDS = ("response", "responded_on", "responded_by")


def comment_on(
    record: RapidReview | Decision | Review,
    *,
    text: str,
    date: dt.date | None = None,
    acting_user: User | None,
) -> ScrutinyComment:
    """The scrutineer's comment on a rapid review sent to the Panel, a decision whether to
    hold a review, or a review whose final report was sent or published; dated today unless
    `date` says when it was made (a comment received by email, recorded by the manager)."""
    partnership = partnership_of(record)
    with writes.acting(acting_user, ("add", "scrutiny comments"), within=partnership) as act:
        comment = ScrutinyComment(
            partnership=partnership,
            text=text,
            date=date or writes.today(),
            written_by=acting_user,
        )
        setattr(comment, on_field(record), record)
        return act.create(comment, COMMENT_FIELDS, partnership=partnership)


def respond_to_comment(
    comment: ScrutinyComment,
    *,
    response: str,
    responded_on: dt.date | None = None,
    acting_user: User | None,
    read_at: int | None = None,
) -> ScrutinyComment:
    """The partnership's response to a comment (or a correction of it), dated today unless
    `responded_on` says otherwise."""
    sent = {"response": response, "responded_on": responded_on}
    with writes.changing(
        acting_user,
        ("respond to", "scrutiny comments"),
        comment,
        RESPONSE_FIELDS,
        read_at=read_at,
        sent=sent,
    ) as change:
        comment.response = response
        comment.responded_on = responded_on or writes.today()
        comment.responded_by = acting_user
        change.save()
    return comment
