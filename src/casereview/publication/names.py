"""The names people are called in Great Britain, and the words of English that are not names:
what the identifying-details check (publication.identifying) tells a person's name by.

The names come from names-dataset (Philippe Remy's, MIT licence: first names and surnames of
106 countries, drawn from 2021's public Facebook profiles). Its own `NameDataset()` unpickles
every country's names at once: about 8 seconds and 1 GB of memory for the first names alone.
Here its two gzipped pickles are read as a stream of bytes instead, keeping only the names
with a rank in Great Britain (GB): each file is inflated a piece at a time, the pickle's frame
headers are taken out, and the records whose rank dictionary names GB are found by their
bytes, never by building Python objects for the rest. The result is cached for the process.

The pickle's layout, as names-dataset 3.3 writes it (protocol 4): a dictionary of records,
each a name (SHORT_BINUNICODE) then `{"country": {...}, "gender": {...}, "rank": {...}}`, the
keys and country codes written once and after that fetched from the pickle's memo by index
(BINGET). The indexes differ between the two files, so they are read from each file's start.

Places are the UK's areas and the world's countries, from pycountry: many are also names in
the dataset ("Birmingham", "Preston"), which people wrote as their own.

The words of English are those Webster's Second International (web2, through english-words)
writes in lower case: "may", "grace", "will", "hope", "mark", "rose", "green". A capitalised
word that is also one of them is a name only where its context says so.
"""

from __future__ import annotations

import functools
import importlib.util
import io
import pickletools
import re
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pycountry
from english_words import get_english_words_set

COUNTRY = "GB"
_CHUNK = 1 << 20  # compressed bytes inflated at a time
_FRAME = 0x95  # the pickle's FRAME opcode: 8 bytes of length follow
_PREFIX = 1 << 20  # bytes read to learn the memo's indexes
_GET = 0x68  # BINGET: a one-byte memo index
_LONG_GET = b"j"  # LONG_BINGET: a four-byte memo index
_INTS = b"KMJ"  # BININT1, BININT2, BININT: a rank
_BEFORE_NAME = b"u("  # the end of the record before (SETITEMS), or the start of a batch (MARK)


@functools.cache
def first_names() -> frozenset[str]:
    """First names with a rank in Great Britain, as written (title case): "Siobhan"."""
    return _both()[0]


@functools.cache
def surnames() -> frozenset[str]:
    """Surnames with a rank in Great Britain, as written (title case): "Okonkwo"."""
    return _both()[1]


@functools.cache
def ordinary_words() -> frozenset[str]:
    """Words English writes in lower case (web2): "may", "will", "green"."""
    return frozenset(word for word in get_english_words_set(["web2"]) if word.islower())


@functools.cache
def places() -> frozenset[str]:
    """The names of the UK's counties, cities and boroughs (ISO 3166-2:GB, through pycountry,
    which names-dataset brings) and of the world's countries: "Birmingham", "Poland"."""
    found: set[str] = set()
    for area in pycountry.subdivisions.get(country_code="GB") or []:
        own = re.split(r"[,\[]", area.name)[0].strip()
        found.update(part.strip() for part in re.split(r"\band\b", own))
    for country in pycountry.countries:
        found.update(getattr(country, key, "") for key in ("name", "common_name"))
    return frozenset(found - {""})


@functools.cache
def _both() -> tuple[frozenset[str], frozenset[str]]:
    """Both files at once: inflating them is most of the time, and zlib lets go of the GIL."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        first, last = pool.map(_ranked_in_country, (_data("first"), _data("last")))
    return first, last


def _data(part: str) -> Path:
    spec = importlib.util.find_spec("names_dataset")  # finds the folder without importing it
    if spec is None or not spec.submodule_search_locations:
        raise LookupError("names-dataset is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "v3" / f"{part}_names.pkl.gz"


def _ranked_in_country(path: Path) -> frozenset[str]:
    pieces = _unframed(path)
    head = b""
    for piece in pieces:
        head += piece
        if len(head) >= _PREFIX:
            break
    memo = _memo_indexes(head, ("country", "rank", COUNTRY))
    finder = _Finder(memo["country"], memo["rank"], memo[COUNTRY])
    found: set[str] = set()
    carry = head
    for piece in pieces:
        carry = finder.names(carry + piece, found)
    finder.names(carry, found, last=True)
    return frozenset(found)


def _unframed(path: Path) -> Iterator[bytes]:
    """The pickle's bytes without its FRAME headers (each `\\x95` and 8 bytes of length,
    between two opcodes), a piece at a time."""
    inflate = zlib.decompressobj(wbits=47)  # a gzip header
    pending = b""
    left = 0  # bytes of the current frame not given yet
    with path.open("rb") as file:
        while chunk := file.read(_CHUNK):
            pending += inflate.decompress(chunk)
            out, at = [], 0
            while at < len(pending):
                if left:
                    taken = pending[at : at + left]
                    out.append(taken)
                    left -= len(taken)
                    at += len(taken)
                elif pending[at] == _FRAME:
                    if len(pending) - at < 9:
                        break
                    left = int.from_bytes(pending[at + 1 : at + 9], "little")
                    at += 9
                else:  # outside a frame (the protocol mark, the final STOP)
                    out.append(pending[at : at + 2] if pending[at] == 0x80 else pending[at:])
                    at += 2 if pending[at] == 0x80 else len(pending) - at
            pending = pending[at:]
            yield b"".join(out)


def _memo_indexes(head: bytes, strings: tuple[str, ...]) -> dict[str, int]:
    """The memo index each string is stored at, from the pickle's first opcodes."""
    found: dict[str, int] = {}
    memo, last = 0, ""
    for opcode, argument, _ in pickletools.genops(io.BytesIO(head)):
        if opcode.name == "MEMOIZE":
            if last in strings and last not in found:
                found[last] = memo
            memo += 1
        last = str(argument) if opcode.name == "SHORT_BINUNICODE" else ""
        if len(found) == len(strings):
            return found
    raise LookupError(f"names-dataset's file does not start as expected: found only {found}")


def _get(index: int) -> bytes:
    """The bytes that fetch memo entry `index`."""
    return bytes((_GET, index)) if index < 256 else _LONG_GET + index.to_bytes(4, "little")


class _Finder:
    """Finds the names whose rank dictionary has the country, in pieces of the pickle."""

    def __init__(self, country_key: int, rank_key: int, country: int) -> None:
        self.record = b"\x94}\x94(" + _get(country_key) + b"}\x94"  # name, then its record
        self.rank = _get(rank_key) + b"}\x94"
        self.ranked = re.compile(re.escape(_get(country)) + b"[" + _INTS + b"]")

    def names(self, text: bytes, found: set[str], *, last: bool = False) -> bytes:
        """Adds the names of the whole records in `text` to `found`; returns the rest."""
        end = len(text) if last else text.rfind(self.record)
        if end < 0:
            return text
        for hit in self.ranked.finditer(text, 0, end):
            start = text.rfind(self.record, 0, hit.start())
            if start >= 0 and text.find(self.rank, start, hit.start()) >= 0:
                name = _name_before(text, start)
                if name:
                    found.add(name)
        return text[max(0, end - 260) :]


def _name_before(text: bytes, end: int) -> str | None:
    """The SHORT_BINUNICODE (0x8c, a length byte, the UTF-8) that ends at `end`."""
    for length in range(1, min(end - 2, 255) + 1):
        at = end - length - 2
        if text[at] == 0x8C and text[at + 1] == length and text[at - 1 : at] in (b"u", b"("):
            try:
                return text[at + 2 : end].decode()
            except UnicodeDecodeError:
                return None
    return None
