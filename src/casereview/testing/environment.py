"""Loaded by pytest (`-p casereview.testing.environment`) before Django's settings.

Tests run as production does (DEBUG off), over plain HTTP, with a throwaway key.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-key-" + "x7Kq2Lm9Pz4Rt8Wv3Ny6Bc1Hd5Jf0Gs" * 2)
os.environ.setdefault("HTTPS", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("AUDIT_KEY", "test-only-audit-key-" + "Qw8Er4Ty6Ui2Op0As" * 2)
# Each test run anchors its audit trail in a folder of its own.
os.environ.setdefault(
    "AUDIT_ANCHOR_PATH", tempfile.mkdtemp(prefix="casereview-test-") + "/anchor.json"
)
