"""The memory and time an upload takes, within the import's limits and beyond them (ADR 0009).

Each case runs in a process of its own, which reports its peak resident memory: what the
import page does with a received file (read it, check it, plan it, keep it to confirm).

- a 50 MB JSON document within the limits (10,000 referrals, 2,000 reviews, 20,000 actions,
  its text padded to 50 MB): accepted;
- a 50 MB JSON document of more records than the limit: refused;
- the same records as a workbook: accepted;
- a workbook of 18 MB that unpacks to about 330 MB (the one in issue #10): refused;
- a zip bomb of 200 KB that unpacks to 640 MB: refused;

and what follows the first: the check page and the confirmation of its pending import (each
in a process that staged the upload first, its peak counted from after that), and
`casereview import` of the same file.

Target: every case under 500 MB; a refusal within seconds. The case runs the page's own
service (`services.stage_upload`, `preview_upload`, `confirm_upload`) on the file, opened as
the page's upload handler keeps it. DEBUG is off for what is measured: its log of every query
is not how the service runs (with it, the confirmation peaked at 730 MB, now 605 MB).

SQLite's benchmark database is held in memory, so the rows the confirmation and the command
write count in their peaks; `--on-disk` keeps it in a file, as a deployed SQLite database is
(with DATABASE_URL, PostgreSQL holds them apart from the process).

Figures (ADR 0009; peak RSS, with the about 200 MB the process held before the upload):

    50 MB JSON within the limits (49.0 MB): accepted in 12.5 s; peak 312 MB
        (732 MB while a pending import kept the document in a JSON column)
    50 MB JSON of too many records (48.3 MB): refused in 0.3 s; peak 197 MB
    workbook within the limits (3.2 MB): accepted in 23.7 s; peak 257 MB (was 330 MB)
    workbook of issue #10 (18 MB packed): refused in 0.0 s; peak 198 MB
    zip bomb (640 MB unpacked): refused in 0.0 s; peak 197 MB
    50 MB JSON within the limits, checking: done in 14 to 18 s; peak 335 MB
    50 MB JSON within the limits, confirming: done in 31 s; peak 464 MB
        (553 MB in 34 s before the plan was written a batch at a time; 346 MB on disk, was 356)
    50 MB JSON within the limits, casereview import: done in 30 s; peak 459 MB
        (599 MB in 43 s before; 343 MB on disk, was 403)

.venv/bin/python bench/upload_limits.py [--on-disk]
"""

from __future__ import annotations

import gc
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _setup import benchmark_database

MB = 1024 * 1024
WITHIN = "50 MB JSON within the limits"
ON_DISK = "--on-disk" in sys.argv  # SQLite in a file, not in memory (bench/_setup.py)
AGENCIES_SHEET = "xl/worksheets/sheet4.xml"
HEADER = (
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>'
)
FOOTER = b"</sheetData></worksheet>"


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not carried over from
    the parent that started it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def document(referrals: int, reviews: int, pad_to: int = 0) -> bytes:
    from casereview.exchange.generator import generated_document

    found = generated_document(
        seed=10, code="OSCB", referrals=referrals, reviews=reviews, actions_per_review=10
    )
    for referral in found["referrals"]:
        referral.pop("assessment", None)
    data = json.dumps(found, ensure_ascii=False, separators=(",", ":")).encode()
    if pad_to > len(data):
        extra = (pad_to - len(data)) // (len(found["referrals"]) + len(found["reviews"]))
        for record in (*found["referrals"], *found["reviews"]):
            record["summary"] += " Seen by the health visitor — no concerns." * (extra // 45)
        data = json.dumps(found, ensure_ascii=False, separators=(",", ":")).encode()
    return data


def workbook(data: bytes) -> bytes:
    from casereview.exchange.spreadsheet import workbook_of

    return workbook_of(json.loads(data))


def with_agencies_sheet(rows: bytes, times: int) -> bytes:
    """The template with an Agencies sheet of `rows` written `times` times."""
    from casereview.exchange.spreadsheet import workbook_of

    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook_of(None))) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename != AGENCIES_SHEET:
                target.writestr(info, source.read(info))
                continue
            with target.open(AGENCIES_SHEET, "w", force_zip64=True) as stream:
                stream.write(HEADER)
                for _ in range(times):
                    stream.write(rows)
                stream.write(FOOTER)
    return out.getvalue()


def issue_bomb() -> bytes:
    """Rows of varied ids, packing about 18 to 1, as the workbook of issue #10 did."""
    rows = b"".join(
        b'<row><c t="inlineStr"><is><t>Agency '
        + os.urandom(3).hex().encode()
        + b"</t></is></c></row>"
        for _ in range(20_000)
    )
    return with_agencies_sheet(rows, 330 * MB // len(rows))


def dense_bomb() -> bytes:
    row = b'<row><c t="inlineStr"><is><t>Invented agency</t></is></c></row>' * 10_000
    return with_agencies_sheet(row, 640 * MB // len(row))


def reset_peak() -> bool:
    """Start this process's peak resident memory again from what it holds now (Linux)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


# The requests after the upload: each measured in a process that first staged the upload.
AFTER_UPLOAD = {
    "checking": "the check page reads the pending import again and plans it",
    "confirming": "the confirmation writes its records and their audit rows",
}
COMMAND = "casereview import"


def measure(case: str, path: str, step: str) -> None:
    """One case, in this process: what the page does with the uploaded file; or what it does
    next with the pending import it made (`step`), or what the command does with the file."""
    with benchmark_database(on_disk=ON_DISK):
        from django.conf import settings
        from django.core.management import call_command
        from django.db import reset_queries

        from casereview.accounts.models import Partnership, User
        from casereview.exchange import services
        from casereview.exchange.models import PendingImport
        from casereview.exchange.problems import DocumentRejected

        # DEBUG logs every query (up to 9,000 of them) with its parameters, which no deployed
        # service does: the measured part runs with it off.
        settings.DEBUG = False
        reset_queries()
        partnership = Partnership.objects.get(code="OSCB")
        manager = User.objects.get(username="manager@OSCB")
        size = Path(path).stat().st_size
        if step in AFTER_UPLOAD:
            with Path(path).open("rb") as file:
                staged = services.stage_upload(
                    partnership, uploaded_by=manager, file_name=case, file=file
                )
            pending = PendingImport.objects.get(pk=staged.pk)  # as the next request reads it
            del staged
            gc.collect()
            if not reset_peak():
                print("(the peak below includes the upload's: /proc/self/clear_refs is missing)")
        before = peak_mb()
        started = time.perf_counter()
        try:
            if step == "checking":
                services.preview_upload(pending)
            elif step == "confirming":
                services.confirm_upload(pending, acting_user=manager)
            elif step == COMMAND:
                call_command("import", path, stderr=io.StringIO())
            else:
                with Path(path).open("rb") as file:  # as the page's upload handler keeps it
                    services.stage_upload(
                        partnership, uploaded_by=manager, file_name=case, file=file
                    )
            outcome = "accepted" if step == "uploading" else "done"
        except DocumentRejected as rejected:
            outcome = f"refused: {rejected.problems[0].message[:90]}"
        except SystemExit:
            outcome = "refused by the command"
        seconds = time.perf_counter() - started
        name = case if step == "uploading" else f"{case}, {step}"
        print(
            f"{name} ({size / MB:.1f} MB): {outcome} in {seconds:.1f} s; "
            f"peak {peak_mb():.0f} MB (the process held {before:.0f} MB before it)",
            flush=True,
        )


def main() -> None:
    arguments = [a for a in sys.argv[1:] if a != "--on-disk"]
    if len(arguments) == 3:
        measure(*arguments)
        return
    options = ["--on-disk"] if ON_DISK else []
    with benchmark_database(on_disk=ON_DISK), tempfile.TemporaryDirectory() as folder:
        files = {}
        started = time.perf_counter()
        records = document(10_000, 2_000)
        cases = {
            WITHIN: document(10_000, 2_000, pad_to=50 * MB - 64 * 1024),
            "50 MB JSON of too many records": document(35_000, 7_000),
            "workbook within the limits": workbook(records),
            "workbook of issue #10 (18 MB packed)": issue_bomb(),
            "zip bomb (640 MB unpacked)": dense_bomb(),
        }
        for number, (case, data) in enumerate(cases.items()):
            path = Path(folder) / f"case-{number}"
            path.write_bytes(data)
            files[case] = path
        del cases, records
        print(f"made the files in {time.perf_counter() - started:.0f} s")
        runs = [(case, path, "uploading") for case, path in files.items()]
        runs += [(WITHIN, files[WITHIN], step) for step in (*AFTER_UPLOAD, COMMAND)]
        for case, path, step in runs:
            subprocess.run(  # noqa: S603
                [sys.executable, __file__, case, str(path), step, *options], check=True
            )


if __name__ == "__main__":
    main()
