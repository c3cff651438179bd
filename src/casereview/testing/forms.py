"""Reading a page's form as a browser would send it, for tests that save what they opened."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from django.test import Client


class _PostForms(HTMLParser):
    """The values of each `<form method="post">` on a page, other than the sign-out button."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, list[str]]] = []
        self._form: dict[str, list[str]] | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "form":
            posts = a.get("method", "").lower() == "post"
            if posts and "sign-out" not in a.get("action", ""):
                self._form = {}
                self.forms.append(self._form)
            return
        if self._form is None or "name" not in a:
            if tag == "option" and self._select is not None and "selected" in a:
                self._form[self._select].append(a.get("value", ""))  # type: ignore[index]
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in {"checkbox", "radio"}:
                self._form.setdefault(name, [])
                if "checked" in a:
                    self._form[name].append(a.get("value", "on"))
            elif kind not in {"submit", "button"}:
                self._form.setdefault(name, []).append(a.get("value", ""))
        elif tag == "textarea":
            self._textarea, self._text = name, []
        elif tag == "select":
            self._select = name
            self._form.setdefault(name, [])

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            self._form.setdefault(self._textarea, []).append("".join(self._text).removeprefix("\n"))
            self._textarea = None
        elif tag == "select":
            self._select = None


def form_values(html: str) -> dict[str, Any]:
    """What the page's one posting form would send unchanged: {name: value or [values]}."""
    parser = _PostForms()
    parser.feed(html)
    if len(parser.forms) != 1:
        raise AssertionError(f"expected one form to send on the page, found {len(parser.forms)}")
    return {
        name: values[0] if len(values) == 1 else values
        for name, values in parser.forms[0].items()
        if name != "csrfmiddlewaretoken"
    }


def version_on(html: str) -> int:
    """The version of the record the page's form was read at (its hidden `version` field)."""
    found = re.search(r'<input type="hidden" name="version" value="([^"]*)"', html)
    if found is None:
        raise AssertionError("the form carries no version of the record it was read at")
    return int(found.group(1))


def opened(client: Client, url: str, **changes: Any) -> dict[str, Any]:
    """Opens the form at `url` and returns what it would send, with `changes` made to it."""
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return {**form_values(response.content.decode()), **changes}


def version_for(client: Client, url: str) -> str:
    """The version the change form at `url` carries now, to send with a change made by hand."""
    return str(version_on(client.get(url).content.decode()))
