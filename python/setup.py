"""Builds the coserr-ffi cdylib into the package with setuptools-rust.

The Rust crate lives outside this folder (``../ffi`` in the coserr workspace),
so its manifest is found from this file's own location, not the current
directory. pip >= 21.3 builds a local directory in place, so ``pip install
./python`` sees ``../ffi``; an older pip that copies the folder to a temporary
directory first needs ``COSERR_FFI_MANIFEST=/path/to/coserr/ffi/Cargo.toml``.

``COSERR_PREBUILT_LIBRARY=/path/to/libcoserr.so`` packages that library
instead of running cargo: `make wheel` passes the one `make lib` already
built (the same crate, release profile), so the wheel costs no second build.
"""

import os
import sysconfig

from setuptools import Distribution, setup
from setuptools.command.build_py import build_py

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


def prebuilt_setup(library):
    """Copies ``library`` into the package under the name setuptools-rust
    gives it (coserr/_native<EXT_SUFFIX>), which coserr/_ffi.py looks for."""
    library = os.path.abspath(library)
    if not os.path.isfile(library):
        raise SystemExit("coserr: COSERR_PREBUILT_LIBRARY=%s is not a file" % library)

    class build_py_with_library(build_py):
        def run(self):
            super().run()
            name = "_native" + sysconfig.get_config_var("EXT_SUFFIX")
            self.copy_file(library, os.path.join(self.build_lib, "coserr", name))

    class BinaryDistribution(Distribution):
        # A native library inside: a platform wheel, installed in platlib.
        def has_ext_modules(self):
            return True

    setup(cmdclass={"build_py": build_py_with_library}, distclass=BinaryDistribution)


def source_setup():
    from setuptools_rust import Binding, RustExtension

    setup(
        rust_extensions=[
            RustExtension(
                # Installed as coserr/_native.cpython-XY-<platform>.so: a
                # plain shared library (no Python binding) that
                # coserr/_ffi.py loads with ctypes.
                "coserr._native",
                path=ffi_manifest(),
                binding=Binding.NoBinding,
                # Always optimised, whatever the setuptools build mode.
                debug=False,
            )
        ],
    )


if os.environ.get("COSERR_PREBUILT_LIBRARY"):
    prebuilt_setup(os.environ["COSERR_PREBUILT_LIBRARY"])
else:
    source_setup()
