"""The words of the framework that applies, for pages and reports.

Working Together 2018 replaced Local Safeguarding Children Boards with the three safeguarding
partners and the national panel of independent experts with the Child Safeguarding Practice
Review Panel, whose response to a rapid review has its own meanings. A case, review or report
under 2018 or later uses those words; one under an earlier edition, or under the guidance of
Wales, Scotland or Northern Ireland, keeps the words it has always had.

Pure: no Django but the referrals' TextChoices, value types (as the criteria engine, ADR 14).
Ask with a framework code (a referral's `framework or assessed_framework`, a
review's `framework`, or `criteria.choose_framework(nation, day)`); an empty code reads as an
earlier edition's, as records from before the framework was recorded do.

    words = frameworkwords.words("wt2018")
    words.panel                         # "the Child Safeguarding Practice Review Panel"
    words.response("contested")         # "Disagrees and asks the partnership to reconsider"
    words.contested_decisions.format(decisions="2 decisions")
"""

from __future__ import annotations

from dataclasses import dataclass

from casereview.referrals.choices import Framework, PanelResponse

__all__ = ["BOARD", "SAFEGUARDING_PARTNERS", "Words", "words"]

# The editions whose words are those of the safeguarding partners and the Panel.
FROM_2018 = frozenset({Framework.WT2018, Framework.WT2023})


@dataclass(frozen=True)
class Words:
    # Who a decision is sent to, inside a sentence: "sent to {panel}".
    panel: str
    # The same, once named: "{panel_short} disagrees".
    panel_short: str
    # The heading of the Panel's note to the partnership with its response.
    panel_note: str
    # The heading of the page that records whether a case is reviewed.
    decision: str
    # Who the cases come to and who agrees a review's report, inside a sentence.
    partners: str
    # Under the guidance's deadlines: who decides whether a case is reviewed.
    advice: str
    # The banner on a referral whose decision the Panel challenged and the partnership has not
    # answered yet.
    contested_decision: str
    # The report's clause after "N cases were submitted to {panel}, which ...", with
    # {decisions} a counted phrase ("2 decisions").
    contested_decisions: str
    # The home page's line for a referral: "{reference}: {contested_line}".
    contested_line: str
    # The home page's panel of challenges not answered yet.
    contested_title: str
    # A review's report approved: "the review was {signed_off}".
    signed_off: str
    # The label of a review's sign-off (summary row, report annex): "Signed off 3 May 2016".
    sign_off: str
    # The sign-off form's date label.
    sign_off_date: str
    # The action that records it.
    record_sign_off: str
    # The Panel's response, by exchange code (national_panel.response); more_information and
    # national_review are the exchange format's version 2 codes.
    responses: tuple[tuple[str, str], ...]

    def response(self, code: str) -> str:
        """The label of the Panel's response code; the code itself if it is not one."""
        return dict(self.responses).get(code, code)


BOARD = Words(
    panel="the national panel",
    panel_short="the national panel",
    panel_note="The national panel's note",
    decision="The subgroup's decision",
    partners="the board",
    advice="The service advises; the subgroup decides.",
    contested_decision="The national panel contested this decision.",
    contested_decisions="contested {decisions}",
    contested_line="the national panel contested the decision",
    contested_title="Decisions contested by the national panel",
    signed_off="signed off by the board",
    sign_off="Signed off",
    sign_off_date="Date the board signed it off",
    record_sign_off="Record the board's sign-off",
    responses=(
        (PanelResponse.AWAITING, "Awaiting response"),
        (PanelResponse.AGREED, "Agreed"),
        (PanelResponse.CONTESTED, "Contested"),
        ("more_information", "Asked for more information"),
        ("national_review", "Considers a national review"),
    ),
)

SAFEGUARDING_PARTNERS = Words(
    panel="the Child Safeguarding Practice Review Panel",
    panel_short="the Panel",
    panel_note="The Panel's note",
    decision="The safeguarding partners' decision",
    partners="the safeguarding partners",
    advice="The service advises; the safeguarding partners decide.",
    contested_decision=(
        "The Panel disagrees with this decision and asks the partnership to reconsider."
    ),
    contested_decisions="disagreed with and asked the partnership to reconsider {decisions}",
    contested_line="the Panel disagrees and asks the partnership to reconsider",
    contested_title="Decisions the Panel asks the partnership to reconsider",
    signed_off="agreed by the safeguarding partners",
    sign_off="Agreed by the safeguarding partners",
    sign_off_date="Date the safeguarding partners agreed it",
    record_sign_off="Record the safeguarding partners' agreement",
    responses=(
        (PanelResponse.AWAITING, "Awaiting response"),
        (PanelResponse.AGREED, "Agrees"),
        (PanelResponse.CONTESTED, "Disagrees and asks the partnership to reconsider"),
        ("more_information", "Asks for more information"),
        ("national_review", "Considers a national review"),
    ),
)


def words(framework: str | None) -> Words:
    """The words of the framework with this code ("wt2018"); an earlier edition's where the
    code is empty or names an earlier edition or another nation's guidance."""
    return SAFEGUARDING_PARTNERS if framework in FROM_2018 else BOARD
