"""PDFs are drawn from HTML that may fetch the service's own static files and nothing else:
no network, no file of the server's."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pypdfium2
import pytest
from django.conf import settings

from casereview.accounts.models import Partnership
from casereview.core import pdf
from casereview.reports import document, renderers
from casereview.reviews import documents
from casereview.testing.records import make_review

A4 = (595, 842)  # points, rounded
FAVICON = Path(settings.BASE_DIR) / "static" / "casereview" / "favicon.svg"


def page_sizes(data: bytes) -> list[tuple[int, int]]:
    return [tuple(round(side) for side in page.get_size()) for page in pypdfium2.PdfDocument(data)]


def text_of(data: bytes) -> str:
    return " ".join(
        " ".join(page.get_textpage().get_text_range().split())
        for page in pypdfium2.PdfDocument(data)
    )


def test_the_fetcher_serves_the_services_static_files() -> None:
    fetcher = pdf.StaticFilesFetcher()
    response = fetcher.fetch(pdf.BASE_URL + "static/casereview/favicon.svg")
    assert response.read() == FAVICON.read_bytes()
    assert response.content_type == "image/svg+xml"


def test_a_static_image_named_by_the_html_is_drawn() -> None:
    drawn = pdf.write_pdf('<img src="/static/casereview/favicon.svg" style="width: 40mm">')
    page = pypdfium2.PdfDocument(drawn)[0]
    assert len(list(page.get_objects())) > 0
    refused = pdf.write_pdf('<img src="/static/casereview/no-such.svg" style="width: 40mm">')
    assert len(list(pypdfium2.PdfDocument(refused)[0].get_objects())) == 0


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x.png",
        "https://example.org/static/casereview/favicon.svg",
        "file:///etc/passwd",
        f"file://{FAVICON}",
        "data:text/css,body{color:red}",
        "ftp://example.org/x.css",
        pdf.BASE_URL + "static/../settings.py",
        pdf.BASE_URL + "static/%2e%2e/settings.py",
        pdf.BASE_URL + "static/casereview/../../settings.py",
        pdf.BASE_URL + "static//etc/passwd",
        pdf.BASE_URL + "static/casereview/no-such.css",
        pdf.BASE_URL + "admin/",
        pdf.BASE_URL + "static/",
    ],
)
def test_the_fetcher_refuses_everything_else(url: str) -> None:
    with pytest.raises(pdf.RefusedURL):
        pdf.StaticFilesFetcher().fetch(url)


class Recorder(http.server.BaseHTTPRequestHandler):
    asked: list[str] = []

    def do_GET(self) -> None:
        Recorder.asked.append(self.path)
        body = b"@page { size: A6 }"
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def web_server() -> Iterator[str]:
    """A web server on this machine answering every request with a stylesheet for A6 pages."""
    Recorder.asked = []
    server = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def injected(html: str, server: str, css_file: Path) -> str:
    """`html` with stylesheets and images on the network and on disk named in it, as an
    escaping mistake in a template could let through."""
    head = (
        f'<link rel="stylesheet" href="{server}/a6.css">'
        f'<link rel="stylesheet" href="file://{css_file}">'
    )
    body = (
        '<img src="http://127.0.0.1:9/x.png"><img src="file:///etc/passwd">'
        f'<img src="{server}/tracker.png">'
    )
    return html.replace("</head>", head + "</head>").replace("</body>", body + "</body>")


@pytest.mark.django_db
@pytest.mark.parametrize("which", ["report", "learning summary"])
def test_a_pdf_whose_html_names_other_urls_is_drawn_without_them(
    which: str,
    partnership: Partnership,
    web_server: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    css_file = tmp_path / "a6.css"
    css_file.write_text("@page { size: A6 }")
    render: Callable[[], bytes]
    if which == "report":
        report = document.build(partnership, dt.date(2016, 1, 1), dt.date(2016, 12, 31))
        real_html = renderers.as_html
        monkeypatch.setattr(
            renderers,
            "as_html",
            lambda r: injected(real_html(r).decode(), web_server, css_file).encode(),
        )
        render, heading = lambda: renderers.as_pdf(report), "Summary report on case reviews"
    else:
        review = make_review(partnership, title="Child Q")
        real_render = documents.render_to_string
        monkeypatch.setattr(
            documents,
            "render_to_string",
            lambda *args, **kwargs: injected(real_render(*args, **kwargs), web_server, css_file),
        )
        render, heading = (
            lambda: documents.learning_summary_pdf(review),
            "Learning summary: Child Q",
        )
    caplog.set_level("WARNING", logger="casereview.core.pdf")
    drawn = render()
    assert heading in text_of(drawn)
    # The page is A4, as the template's own style says, not A6 as the named stylesheets say.
    assert set(page_sizes(drawn)) == {A4}
    assert Recorder.asked == []
    refused = {
        r.args[0]
        for r in caplog.records
        if r.name == "casereview.core.pdf" and isinstance(r.args, tuple)
    }
    assert refused == {  # what was injected, and nothing the template itself needs
        f"{web_server}/a6.css",
        f"file://{css_file}",
        "http://127.0.0.1:9/x.png",
        "file:///etc/passwd",
        f"{web_server}/tracker.png",
    }
