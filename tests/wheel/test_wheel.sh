#!/usr/bin/env bash
# Installs the wheel that `make wheel` built into a fresh venv whose PATH has
# no cargo or rustc, and runs python/tests against it, from a folder where
# `import coserr` can only find the installed package.
#   usage: tests/wheel/test_wheel.sh build/wheel/dist/coserr-*.whl
set -euo pipefail

[ "$#" -eq 1 ] || { echo "usage: $0 <one wheel>" >&2; exit 2; }
wheel=$(readlink -f "$1")
repo=$(cd "$(dirname "$0")/../.." && pwd)

case "$(basename "$wheel")" in
  coserr-*-manylinux*.whl) ;;
  *) echo "wheel-test: $wheel has no manylinux tag (auditwheel repair did not run?)" >&2; exit 1 ;;
esac

# The interpreter itself (not a pyenv shim, which would need its own PATH).
python=$(python3 -c 'import sys; print(sys.executable)')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$python" -m venv "$work/venv"
venv="$work/venv"
mkdir "$work/run"

# No Rust toolchain: only the venv and the system folders on PATH, and none
# of the variables that point at a toolchain or at another copy of coserr.
nocargo=(env -u CARGO -u RUSTC -u CARGO_HOME -u RUSTUP_HOME -u RUSTUP_TOOLCHAIN
  -u CARGO_TARGET_DIR -u COSERR_LIBRARY -u COSERR_PREBUILT_LIBRARY -u PYTHONPATH
  PATH="$venv/bin:/usr/bin:/bin")
for tool in cargo rustc; do
  if "${nocargo[@]}" sh -c "command -v $tool"; then
    echo "wheel-test: $tool is on the test PATH; the test would prove nothing" >&2
    exit 1
  fi
done

cd "$work/run"
# The wheel alone (no index, no sdist to fall back on), then the tests'
# dependencies from PyPI.
"${nocargo[@]}" python -m pip install --quiet --no-index --no-deps "$wheel"
"${nocargo[@]}" python -m pip install --quiet pytest cos-python-sdk-v5

# One process checks where coserr and its library were loaded from, then runs
# pytest, so the tests use exactly the module checked (python/tests puts only
# its own folder on sys.path; the cwd is the empty run folder).
"${nocargo[@]}" python - "$venv" "$repo/python/tests" <<'EOF'
import os
import sys

import pytest

venv, tests = os.path.realpath(sys.argv[1]), sys.argv[2]
import coserr
from coserr import _ffi

for what, path in (("coserr", coserr.__file__), ("libcoserr", _ffi.LIBRARY_PATH)):
    path = os.path.realpath(path)
    if not path.startswith(venv + os.sep):
        sys.exit("wheel-test: %s loaded from %s, not from the venv %s" % (what, path, venv))
    print("wheel-test: %s from %s" % (what, path))
sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", "--rootdir", os.getcwd(), tests]))
EOF
echo "wheel-test: $(basename "$wheel") passed in a venv without cargo or rustc"
