"""The GOV.UK summary list a detail page shows, written by the summary_list tag."""

from __future__ import annotations

from django.template import engines

PAGE = """{% summary_list %}
  {% summary_row "Name" change=change_url %}{{ name }}{% endsummary_row %}
  {% summary_row "Notes" %}{{ notes|linebreaksbr }}{% endsummary_row %}
  {% for label in extra %}{% summary_row label change=change_url change_label=what %}yes{% endsummary_row %}{% endfor %}
{% endsummary_list %}"""


def render(source: str, **context: object) -> str:
    return engines["django"].from_string(source).render(context)


def test_each_row_shows_its_label_value_and_change_link_and_the_others_say_they_have_none() -> None:
    html = render(
        PAGE,
        change_url="/agencies/4/change/?a=1&b=2",
        name="Police & <Partners>",
        notes="one\ntwo",
        extra=["Shared"],
        what="the <extra> & more",
    )
    assert html.strip() == (
        '<dl class="govuk-summary-list">\n'
        '  <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Name</dt>'
        '<dd class="govuk-summary-list__value">Police &amp; &lt;Partners&gt;</dd>'
        '<dd class="govuk-summary-list__actions"><a class="govuk-link" '
        'href="/agencies/4/change/?a=1&amp;b=2">Change<span class="govuk-visually-hidden"> name'
        "</span></a></dd></div>\n"
        '  <div class="govuk-summary-list__row govuk-summary-list__row--no-actions">'
        '<dt class="govuk-summary-list__key">Notes</dt>'
        '<dd class="govuk-summary-list__value">one<br>two</dd></div>\n'
        '  <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Shared</dt>'
        '<dd class="govuk-summary-list__value">yes</dd><dd class="govuk-summary-list__actions">'
        '<a class="govuk-link" href="/agencies/4/change/?a=1&amp;b=2">Change'
        '<span class="govuk-visually-hidden"> the &lt;extra&gt; &amp; more</span></a></dd></div>\n'
        "</dl>"
    )


def test_a_list_with_no_change_links_marks_no_row_as_without_one() -> None:
    html = render(PAGE, change_url="", name="Police", notes="", extra=[])
    assert "no-actions" not in html
    assert "govuk-summary-list__actions" not in html
    assert html.count('<div class="govuk-summary-list__row">') == 2
