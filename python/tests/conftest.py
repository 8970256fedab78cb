"""Shared paths for the coserr Python tests.

The tests run against the INSTALLED package (``pip install ./python``); run
them from the repository root: ``python3 -m pytest python/tests -q``.
The samples are the project's read-only ``shared/`` folder, beside the
repository (``../shared``) or wherever ``COSERR_SHARED`` points.
"""

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("COSERR_SHARED", REPO.parent / "shared"))
COS = SHARED / "cos"

if not COS.is_dir():
    raise pytest.UsageError("coserr tests: shared samples not found at %s (set COSERR_SHARED)" % COS)


def body_of(relpath):
    """The bytes of ``shared/cos/<relpath>``."""
    return (COS / relpath).read_bytes()


def sample_files():
    """Every body in samples/, edge/ and bench/, as paths relative to cos/."""
    out = []
    for folder in ("samples", "edge", "bench"):
        for path in sorted((COS / folder).iterdir()):
            if path.name != "README.tsv":
                out.append("%s/%s" % (folder, path.name))
    return out
