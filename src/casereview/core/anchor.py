"""The audit trail's anchor: its newest row, kept outside the database.

The chain proves that no row between the first and the last was altered or removed; it cannot
prove that rows were not removed from the end, or all at once. The anchor can: after each
transaction that appends rows, the newest row's id and seal are written to a file (by default
under the data directory), itself sealed with AUDIT_KEY. `casereview audit verify` then checks
that the anchored row is still there, unchanged.

Several processes may append at once: a lock file serialises writers, and the anchor only ever
moves forward. A process may find the anchor a little behind the trail's end; that is allowed.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from casereview.core.models import seal

log = logging.getLogger(__name__)


class AnchorAltered(Exception):
    """The anchor file was edited, or is not one this service wrote."""


@dataclass(frozen=True)
class Anchor:
    row_id: int
    hash: str

    def sealed(self) -> str:
        return seal(f"audit anchor:{self.row_id}:{self.hash}")


def anchor_path() -> Path:
    return Path(settings.AUDIT_ANCHOR_PATH)


def read_anchor(path: Path | None = None) -> Anchor | None:
    """The anchor, or None if there is none yet. Raises AnchorAltered if it was tampered with."""
    path = path or anchor_path()
    try:
        raw = path.read_text()
    except FileNotFoundError:
        return None
    try:
        data = json.loads(raw)
        anchor = Anchor(row_id=int(data["row"]), hash=str(data["hash"]))
        valid = data["seal"] == anchor.sealed()
    except (ValueError, KeyError, TypeError):
        raise AnchorAltered(f"the audit anchor {path} is not one this service wrote") from None
    if not valid:
        raise AnchorAltered(
            f"the audit anchor {path} was altered, or sealed with another AUDIT_KEY"
        )
    return anchor


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def write_anchor(anchor: Anchor, path: Path | None = None) -> None:
    """Write the anchor whole (beside the file, then renamed into place)."""
    path = path or anchor_path()
    body = json.dumps({"row": anchor.row_id, "hash": anchor.hash, "seal": anchor.sealed()})
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w") as out:
            out.write(body + "\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def advance_anchor(row_id: int, row_hash: str) -> None:
    """After a commit: move the anchor to this row if it is newer than the one anchored.

    A failure here must not undo the change that was committed: it is logged, and the anchor
    stays where it was (verify then finds rows after it, which is allowed).
    """
    path = anchor_path()
    try:
        with _locked(path):
            try:
                current = read_anchor(path)
            except AnchorAltered:
                log.error("not advancing the audit anchor %s: it was altered", path)
                return
            if current is None or row_id > current.row_id:
                write_anchor(Anchor(row_id, row_hash), path)
    except OSError as wrong:
        log.error("could not write the audit anchor %s: %s", path, wrong)


def reset_anchor(row_id: int, row_hash: str) -> None:
    """Anchor the trail at this row, whatever was anchored before (`audit anchor`)."""
    path = anchor_path()
    with _locked(path):
        write_anchor(Anchor(row_id, row_hash), path)
