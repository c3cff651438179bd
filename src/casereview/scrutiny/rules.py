"""The rules of the independent scrutineer's comments (core/rules.py). No Django here.

Working Together (2018, and 2023 chapter 2), in paraphrase: the safeguarding partners
arrange independent scrutiny of their arrangements, including how they identify and review
serious child safeguarding cases; the scrutineer acts as a critical friend, and the partners
answer what the scrutiny finds.

Not registered with `@rule`: the exchange format carries no scrutiny, so the import has no
rule of it to enforce in the same words (exchange/tests/test_one_set_of_rules.py).
"""

from __future__ import annotations

import datetime as dt

from casereview.core.rules import Problem, found, not_in_the_future


def comment_problems(
    *,
    records_named: int,
    open_to_comment: bool,
    text: str,
    date: dt.date | None,
    response: str,
    responded_on: dt.date | None,
    today: dt.date,
) -> list[Problem]:
    """A comment is on exactly one record that has reached the point the scrutineer looks at
    (a rapid review sent to the Panel, a decision recorded, a review's final report sent,
    published or not published for a reason); it says something and is dated no later than
    today. The partnership's response says something too, is dated, and comes no earlier
    than the comment."""
    return found(
        Problem("text", "Say what the comment is about: one rapid review, decision or review")
        if records_named != 1
        else None,
        Problem(
            "text",
            "Only a rapid review sent to the Panel, a decision recorded or a review whose "
            "final report was sent, published or not published for a reason is open to comment",
        )
        if records_named == 1 and not open_to_comment
        else None,
        Problem("text", "Enter the comment") if not text.strip() else None,
        not_in_the_future("date", date, today, "The date of the comment"),
        Problem("response", "Enter the partnership's response")
        if responded_on is not None and not response.strip()
        else None,
        Problem("responded_on", "Enter the date of the response")
        if response.strip() and responded_on is None
        else None,
        not_in_the_future("responded_on", responded_on, today, "The date of the response"),
        Problem("responded_on", "The response cannot come before the comment it answers")
        if responded_on is not None and date is not None and responded_on < date
        else None,
    )
