"""The ctypes structures against the C header: sizes, offsets, constants."""

import ctypes
import re
import shutil
import subprocess
import sys

import pytest
from conftest import REPO

import coserr
from coserr import BodyStatus, Category, Field, Flag, Kind, _ffi
from coserr._errors import RETRY_NAMES

HEADER = REPO / "include" / "coserr.h"

STRUCTS = {
    "coserr_header": _ffi.Header,
    "coserr_response": _ffi.Response,
    "coserr_error": _ffi.Error,
    "coserr_extras_iter": _ffi.ExtrasIter,
    "coserr_span": _ffi.Span,
    "coserr_spans": _ffi.Spans,
}


def test_sizes_computed_by_hand():
    # 11 x uint32 (44 bytes), then 64+1024+1024+128+256+64 = 2560 bytes of
    # char arrays (to 2604); then retry (uint32, 2604..2608), server_time_ms
    # (int64 at 2608, a multiple of 8: no padding), location[1024] at 2616,
    # region[64] at 3640: 3704 bytes, aligned as int64_t (8 on 64-bit).
    assert ctypes.sizeof(_ffi.Error) == 3704
    assert ctypes.alignment(_ffi.Error) == ctypes.alignment(ctypes.c_int64)
    if ctypes.sizeof(ctypes.c_void_p) == 8:
        assert ctypes.alignment(_ffi.Error) == 8
    assert _ffi.Error.code.offset == 44
    assert _ffi.Error.server_time.offset == 2604 - 64
    assert _ffi.Error.retry.offset == 2604
    assert _ffi.Error.server_time_ms.offset == 2608
    assert _ffi.Error.location.offset == 2616
    assert _ffi.Error.region.offset == 3640
    assert _ffi.Error.location.size == 1024
    assert _ffi.Error.region.size == 64
    word = ctypes.sizeof(ctypes.c_void_p)
    assert ctypes.sizeof(_ffi.Header) == 4 * word
    assert ctypes.sizeof(_ffi.Response) == 9 * word
    # Two uint64 offsets, then two uint32: 24 bytes, on every platform.
    assert ctypes.sizeof(_ffi.ExtrasIter) == 24
    assert _ffi.ExtrasIter.seen.offset == 16
    # Four uint32; then twelve uint32, six spans and an iterator (at 144, a
    # multiple of 8) to 168; the location and region spans (168, 184),
    # retry (200), reserved (204), server_time_ms (208): 216 bytes.
    assert ctypes.sizeof(_ffi.Span) == 16
    assert ctypes.sizeof(_ffi.Spans) == 216
    assert _ffi.Spans.extras.offset == 144
    assert (_ffi.Spans.location.offset, _ffi.Spans.region.offset) == (168, 184)
    assert (_ffi.Spans.retry.offset, _ffi.Spans.reserved.offset) == (200, 204)
    assert _ffi.Spans.server_time_ms.offset == 208


def test_abi_version():
    assert coserr.ABI_VERSION == _ffi.EXPECTED_ABI_VERSION
    if HEADER.exists():
        m = re.search(r"#define COSERR_ABI_VERSION (\d+)", HEADER.read_text())
        assert m and int(m.group(1)) == coserr.ABI_VERSION


def _defines():
    if not HEADER.exists():
        pytest.skip("include/coserr.h not in this checkout")
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"#define (COSERR_\w+) (\d+)\b", HEADER.read_text())}


@pytest.mark.parametrize(
    "prefix, enum",
    [
        ("COSERR_KIND_", Kind),
        ("COSERR_BODY_", BodyStatus),
        ("COSERR_FIELD_", Field),
        ("COSERR_FLAG_", Flag),
        ("COSERR_CATEGORY_", Category),
    ],
)
def test_constants_match_header(prefix, enum):
    defines = {k[len(prefix):]: v for k, v in _defines().items() if k.startswith(prefix)}
    assert defines == {m.name: m.value for m in enum}


def test_results_match_header():
    defines = _defines()
    for name in ("OK", "NOT_AN_ERROR", "NULL_ARGUMENT", "PANIC", "INVALID_ARGUMENT", "NOT_FOUND"):
        assert getattr(_ffi, name) == defines["COSERR_" + name]
        assert _ffi.result_name(defines["COSERR_" + name]) == ("COSERR_" + name).encode()


def test_span_sources_and_text_capacity_match_header():
    defines = _defines()
    for name in ("NONE", "BODY", "URL", "HEADER", "TEXT"):
        assert getattr(_ffi, "SOURCE_" + name) == defines["COSERR_SOURCE_" + name]
    assert _ffi.TEXT_CAPACITY == defines["COSERR_TEXT_CAPACITY"]
    # The eight arrays' capacities without their NULs: every record's texts fit.
    assert _ffi.TEXT_CAPACITY == 3640
    assert _ffi.TEXT_CAPACITY == sum(
        getattr(_ffi.Error, name).size - 1
        for name in ("code", "message", "resource", "request_id", "trace_id", "server_time", "location", "region")
    )


def test_retry_classes_match_header():
    """COSERR_RETRY_* of the header, by number, are the names the library
    gives (coserr_retry_name) and the ones ``e.retry`` can take."""
    defines = {k[len("COSERR_RETRY_"):]: v for k, v in _defines().items() if k.startswith("COSERR_RETRY_")}
    assert defines == {"NONE": 0, "TRANSIENT": 1, "THROTTLE": 2, "CLOCK_SKEW": 3, "SWITCH_DOMAIN": 4}
    assert {name.upper(): i for i, name in enumerate(RETRY_NAMES)} == defines
    assert _ffi.retry_name(len(defines)) == b""


def test_layout_matches_c_compiler(tmp_path):
    """offsetof/sizeof of every field, as a C compiler sees the header."""
    cc = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if not HEADER.exists() or cc is None or sys.platform == "win32":
        pytest.skip("needs include/coserr.h and a C compiler")
    lines = ['#include <stdio.h>', '#include <stddef.h>', '#include "coserr.h"', "int main(void) {"]
    for cname, struct in STRUCTS.items():
        lines.append('printf("%s %%zu %%zu\\n", sizeof(%s), _Alignof(%s));' % (cname, cname, cname))
        for fname, _ in struct._fields_:
            lines.append(
                'printf("%s.%s %%zu %%zu\\n", offsetof(%s, %s), sizeof(((%s *)0)->%s));'
                % (cname, fname, cname, fname, cname, fname)
            )
    lines += ["return 0;", "}"]
    src = tmp_path / "layout.c"
    src.write_text("\n".join(lines))
    exe = tmp_path / "layout"
    subprocess.run([cc, "-std=c11", "-I", str(HEADER.parent), str(src), "-o", str(exe)], check=True)
    seen = dict(
        (line.split()[0], tuple(int(x) for x in line.split()[1:]))
        for line in subprocess.run([str(exe)], check=True, capture_output=True, text=True).stdout.splitlines()
    )
    for cname, struct in STRUCTS.items():
        assert seen[cname] == (ctypes.sizeof(struct), ctypes.alignment(struct)), cname
        for fname, ftype in struct._fields_:
            field = getattr(struct, fname)
            assert seen["%s.%s" % (cname, fname)] == (field.offset, ctypes.sizeof(ftype)), fname


def test_snprintf_semantics_of_formatters():
    err = coserr.error_from_response(404, b"<Error><Code>NoSuchKey</Code></Error>", {})
    rec = ctypes.byref(err._e)
    n = _ffi.format_error(rec, None, 0)
    assert n == len(err.format().encode())
    buf = ctypes.create_string_buffer(8)
    assert _ffi.format_error(rec, buf, 8) == n
    assert buf.value == err.format().encode()[:7]


def test_does_not_import_requests_or_third_party():
    code = (
        "import sys, coserr; "
        "bad = [m for m in ('requests', 'qcloud_cos', 'setuptools_rust') if m in sys.modules]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_library_is_the_installed_one():
    """The tests exercise the installed package: the library sits in it."""
    assert "_native" in coserr.LIBRARY_PATH or "COSERR_LIBRARY" in __import__("os").environ
