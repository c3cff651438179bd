"""Control characters: refused on the way in, removed on the way out.

C0 control characters (U+0000 to U+001F) other than tab and newline have no place in a
record's text, and Word and Excel files cannot hold them at all (XML 1.0 forbids them): one
stored `\\x01` made every download that included it fail. Forms and the import refuse them
with `control_character_problem`; every writer of Word, Excel and PDF files passes text
through `printable` so that anything stored before this rule still downloads.
"""

from __future__ import annotations

import re

# Carriage returns are not refused: browsers send a textarea's line breaks as CR LF, and
# `normalise_line_breaks` turns them into newlines before the check.
FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]|\r(?!\n)")


def normalise_line_breaks(value: str) -> str:
    """CR LF and lone CR become LF, as a person typing them meant."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def control_character_problem(value: str) -> str | None:
    """A message naming the first control character in `value` and where it is, else None."""
    found = FORBIDDEN.search(value)
    if found is None:
        return None
    return (
        f"Remove the control character U+{ord(found.group()):04X} at character "
        f"{found.start() + 1}: text may contain letters, numbers, punctuation, tabs and "
        "line breaks only"
    )


def printable(value: str) -> str:
    """`value` without the characters Word, Excel and PDF files cannot hold."""
    return UNPRINTABLE.sub("", value)
