"""What a file is, in words, from its contents: "a PDF", "a Word document", "an image (PNG)".

An upload that is not what the page asked for is named by what it is, never by its name
(a PDF renamed tracker.xlsx is still a PDF), so the person knows what they sent and what to
send instead.
"""

from __future__ import annotations

import io
import zipfile

PDF = "a PDF"
WORD = "a Word document"
OLD_WORD = "an old Word document (.doc)"
EXCEL = "an Excel workbook"
OLD_EXCEL = "an old Excel workbook (.xls)"
POWERPOINT = "a PowerPoint presentation"
OPENDOCUMENT_SPREADSHEET = "an OpenDocument spreadsheet (.ods)"
OPENDOCUMENT_TEXT = "an OpenDocument text document (.odt)"
ZIP = "a zip archive"
PNG = "an image (PNG)"
JPEG = "an image (JPEG)"
GIF = "an image (GIF)"
RICH_TEXT = "a rich text document (.rtf)"
WEB_PAGE = "a web page"
TEXT = "a text file"
EMPTY = "an empty file"
PROGRAM = "a program"

# Programs for Linux (ELF) and macOS (Mach-O, thin and universal), and scripts; Windows
# programs start "MZ" and name their "PE" header within the first few hundred bytes.
_PROGRAM_STARTS = (
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"#!/",
)
_ZIP_STARTS = (b"PK\x03\x04", b"PK\x05\x06")  # a zip with parts; an empty zip
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office 97-2003 files (.xls, .doc)
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_SNIFF = 4096  # bytes read to tell text from binary, and a web page from other text
_ZIP_FOLDERS = {"word": WORD, "xl": EXCEL, "ppt": POWERPOINT}
_OPENDOCUMENT = {
    b"application/vnd.oasis.opendocument.spreadsheet": OPENDOCUMENT_SPREADSHEET,
    b"application/vnd.oasis.opendocument.text": OPENDOCUMENT_TEXT,
}


def described(data: bytes) -> str | None:
    """What the file is, in words ("a PDF"), from its first bytes; None when not known."""
    if not data.strip():
        return EMPTY
    if data.startswith(b"%PDF"):
        return PDF
    if data.startswith(_PROGRAM_STARTS) or _windows_program(data):
        return PROGRAM
    if data.startswith(_ZIP_STARTS):
        return _zip_described(data)
    if data.startswith(_OLE2):
        return OLD_WORD if _WORD_STREAM in data else OLD_EXCEL
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    return _text_described(data[:_SNIFF])


def _windows_program(data: bytes) -> bool:
    return data.startswith(b"MZ") and (b"PE\x00\x00" in data[:4096] or b"DOS mode" in data[:512])


def _zip_described(data: bytes) -> str:
    """An Office file by the folder its parts are in (word/, xl/, ppt/), else a zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                with archive.open("mimetype") as part:
                    mimetype = part.read(100).strip()  # a few bytes, however large it unpacks
                if mimetype in _OPENDOCUMENT:
                    return _OPENDOCUMENT[mimetype]
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, NotImplementedError):
        return ZIP
    folders = {name.split("/", 1)[0] for name in names if "/" in name}
    for folder, kind in _ZIP_FOLDERS.items():
        if folder in folders:
            return kind
    return ZIP


def _text_described(start: bytes) -> str | None:
    text = _as_text(start)
    if text is None:
        return None
    if text.startswith("{\\rtf"):
        return RICH_TEXT
    lowered = text.lstrip().lower()
    if lowered.startswith(("<!doctype html", "<html")) or "<html" in lowered[:_SNIFF]:
        return WEB_PAGE
    return TEXT


def _as_text(start: bytes) -> str | None:
    """The start of a file as text, if it is text (UTF-8 or UTF-16 with its mark)."""
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        return start.decode("utf-16", errors="replace").lstrip("\ufeff")
    if b"\x00" in start:
        return None
    try:
        # The last character may be cut in two by the sniffed length.
        return start.decode("utf-8-sig", errors="strict")
    except UnicodeDecodeError as wrong:
        if wrong.start < len(start) - 3:
            return None
        return start[: wrong.start].decode("utf-8-sig")
