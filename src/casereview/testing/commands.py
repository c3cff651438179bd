"""The `casereview` command run as from a shell, in a process of its own: for what only a real
process shows (its exit status from the argument parser, a server starting, settings read at
start-up)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping


def casereview_process(
    *args: str, env: Mapping[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """`casereview ARGS` with `env` (this process's environment when None): its exit status,
    stdout and stderr as text."""
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "casereview", *args],
        env=dict(env) if env is not None else None,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
