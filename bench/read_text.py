"""Reading a 100-page document's text for search (issue 16): the time the background worker
takes to turn a PDF or a Word document into its pages, and its peak memory.

    .venv/bin/python bench/read_text.py [--pages 100] [--runs 5]

The documents are made here, invented: each page a heading and about 400 words of a
published-style review's prose. Reading is documents.reading.read_text, what the worker's
task (documents.tasks.read_file_text) runs before it stores the pages.
"""

from __future__ import annotations

import argparse
import io
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "src"))

PARAGRAPH = (
    "The health visitor saw the family at home and noted that the father was not present; "
    "agencies did not share what they knew about the moves between addresses, and no one "
    "escalated the concern when the referral was closed without a visit. "
) * 5


def pdf_of(pages: int) -> bytes:
    from weasyprint import HTML

    body = "".join(
        f'<section style="page-break-after: always"><h2>Section {n}</h2>'
        f"<p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></section>"
        for n in range(1, pages + 1)
    )
    return HTML(string=body).write_pdf()


def word_of(pages: int) -> bytes:
    import docx

    document = docx.Document()
    for n in range(1, pages + 1):
        if n > 1:
            document.add_page_break()
        document.add_heading(f"Section {n}", level=2)
        document.add_paragraph(PARAGRAPH)
        document.add_paragraph(PARAGRAPH)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    from casereview.documents.choices import FileKind
    from casereview.documents.reading import read_text

    for kind, make in ((FileKind.PDF, pdf_of), (FileKind.WORD, word_of)):
        data = make(options.pages)
        timings = []
        for _ in range(options.runs):
            started = time.perf_counter()
            read = read_text(kind, data)
            timings.append(time.perf_counter() - started)
        assert len(read.pages) == options.pages, (kind, len(read.pages))
        words = sum(len(page.split()) for page in read.pages)
        print(
            f"{kind.label}, {options.pages} pages ({len(data) / 1024:.0f} KB, {words:,} words): "
            f"median {statistics.median(timings) * 1000:.0f} ms, "
            f"slowest {max(timings) * 1000:.0f} ms over {options.runs} runs"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the process (making the documents included): {peak:.0f} MB")


if __name__ == "__main__":
    main()
