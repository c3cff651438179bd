"""What file the service keeps: its kind told from its contents, never only its name, and its
size within a limit. Pure functions: the service and the form call them.

A review's documents are the agencies' reports and chronologies, the reviewer's drafts and
the published reports. They are PDFs, Word documents (.docx) or plain text. Anything else is
refused with what it is and what to send instead, because a file that is not what its name
says is how a program or a leak gets in.
"""

from __future__ import annotations

from dataclasses import dataclass

from casereview.core import filekinds
from casereview.documents.choices import FileKind

MB = 1024 * 1024
# What a file's name may end with, and the kind its contents must then be.
BY_ENDING = {".pdf": FileKind.PDF, ".docx": FileKind.WORD, ".txt": FileKind.TEXT}
# What core.filekinds calls each kind the service keeps.
DESCRIBED = {
    filekinds.PDF: FileKind.PDF,
    filekinds.WORD: FileKind.WORD,
    filekinds.TEXT: FileKind.TEXT,
}
KEPT = "a PDF, a Word document (.docx) or a text file (.txt)"
# The words for each kind, as a sentence names it.
IN_WORDS = {
    FileKind.PDF: filekinds.PDF,
    FileKind.WORD: filekinds.WORD,
    FileKind.TEXT: filekinds.TEXT,
}


class NotKept(ValueError):
    """A file the service will not keep; the message says why and what to do."""


@dataclass(frozen=True)
class Checked:
    kind: FileKind
    name: str  # the name it will be downloaded by: no folders, no control characters


def ending_of(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def cleaned_name(name: str) -> str:
    """The file's own name, without a folder a browser may send, or characters that cannot
    be in a download's name."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    kept = "".join(c for c in base if c.isprintable() and c not in '"<>|:*?')
    return kept.strip().strip(".") or "document"


def in_words(size: int) -> str:
    """A size as people write it: 25 MB, 64 KB."""
    if size >= MB:
        return f"{size / MB:.3g} MB"
    return f"{size / 1024:.3g} KB"


def too_large(limit: int) -> str:
    return (
        f"The selected file is larger than {in_words(limit)}: the service keeps files of up "
        f"to {in_words(limit)}. Save a smaller copy (a PDF with images at a lower resolution, "
        "say) and upload that."
    )


def size_problem(size: int, limit: int) -> str | None:
    if size == 0:
        return "The selected file is empty: check that it was saved, and upload it again."
    if size > limit:
        return too_large(limit)
    return None


def check_file(name: str, size: int, start: bytes, limit: int) -> Checked:
    """The file's kind and the name it is kept under, or NotKept saying why.

    `start` is the file's first bytes (the whole of a Word document's, whose parts are named
    at its end), `size` its length in bytes."""
    if (problem := size_problem(size, limit)) is not None:
        raise NotKept(problem)
    named = cleaned_name(name)
    described = filekinds.described(start)
    if described == filekinds.PROGRAM:
        raise NotKept(f"{named} is a program: the service keeps only {KEPT}, never a program.")
    expected = BY_ENDING.get(ending_of(named))
    if expected is None:
        what = f"it is {described}" if described else "the service cannot tell what it is"
        raise NotKept(
            f"{named} cannot be kept: {what}. The service keeps {KEPT}. Save it as one of "
            "those, and upload that."
        )
    found = DESCRIBED.get(described or "")
    if found != expected:
        what = described or "not one the service can read"
        raise NotKept(
            f"{named} is named as {IN_WORDS[expected]}, but it is {what}. Upload "
            f"{IN_WORDS[expected]} under that name, or save the file as {KEPT}."
        )
    return Checked(kind=expected, name=named)
