"""Builds the coserr-ffi cdylib into the package with setuptools-rust.

The Rust crate lives outside this folder (``../ffi`` in the coserr workspace),
so its manifest is found from this file's own location, not the current
directory. pip >= 21.3 builds a local directory in place, so ``pip install
./python`` sees ``../ffi``; an older pip that copies the folder to a temporary
directory first needs ``COSERR_FFI_MANIFEST=/path/to/coserr/ffi/Cargo.toml``.
"""

import os

from setuptools import setup
from setuptools_rust import Binding, RustExtension

HERE = os.path.dirname(os.path.abspath(__file__))


def ffi_manifest():
    env = os.environ.get("COSERR_FFI_MANIFEST")
    if env:
        return os.path.abspath(env)
    path = os.path.normpath(os.path.join(HERE, "..", "ffi", "Cargo.toml"))
    if not os.path.exists(path):
        raise SystemExit(
            "coserr: cannot find the coserr-ffi crate at %s. Build from a "
            "checkout of the coserr workspace (pip install ./python from its "
            "root), or set COSERR_FFI_MANIFEST to ffi/Cargo.toml." % path
        )
    return path


setup(
    rust_extensions=[
        RustExtension(
            # Installed as coserr/_native.cpython-XY-<platform>.so: a plain
            # shared library (no Python binding) that coserr/_ffi.py loads
            # with ctypes.
            "coserr._native",
            path=ffi_manifest(),
            binding=Binding.NoBinding,
            # Always optimised, whatever the setuptools build mode.
            debug=False,
        )
    ],
)
