"""PDFs drawn from the service's HTML by WeasyPrint, which may fetch the service's own
static files and nothing else: no network, no other file of the server's.

The templates escape what people typed, so no record can name a URL in the HTML. This is a
second wall: were a template ever to let a record's text through as HTML, the PDF would still
not read the server's files nor reach into its network.

Importing this module loads WeasyPrint and Pango: import it only where a PDF is made.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from casereview.core.controlchars import printable

logger = logging.getLogger(__name__)

# The address the HTML is read as coming from, on a host that exists nowhere (.invalid), so
# that "/static/..." in the HTML becomes a URL the fetcher knows for the service's own.
BASE_URL = "https://casereview.invalid/"


class RefusedURL(ValueError):
    """A URL a PDF may not fetch."""


class StaticFilesFetcher(URLFetcher):
    """Serves the files Django's staticfiles finders find under STATIC_URL; refuses the rest."""

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        path = static_file(url)
        if path is None:
            logger.warning("Refused to fetch %s for a PDF: only static files are served", url)
            raise RefusedURL(f"a PDF may fetch the service's static files only, not {url}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def static_file(url: str) -> Path | None:
    """The static file `url` names under BASE_URL, or None."""
    static = urlsplit(BASE_URL)._replace(path=urlsplit(settings.STATIC_URL).path)
    parts = urlsplit(url)
    if (parts.scheme, parts.netloc) != (static.scheme, static.netloc):
        return None
    path = unquote(parts.path)
    if not path.startswith(static.path):
        return None
    name = path.removeprefix(static.path)
    # The finders join the name to their folders: nothing may climb out of them.
    if "\\" in name or "\x00" in name or any(s in ("", ".", "..") for s in name.split("/")):
        return None
    found = finders.find(name)
    return Path(found) if isinstance(found, str) and Path(found).is_file() else None


def write_pdf(html: str) -> bytes:
    """The PDF of `html`, fetching nothing but the service's static files."""
    return HTML(
        string=printable(html), base_url=BASE_URL, url_fetcher=StaticFilesFetcher()
    ).write_pdf()
