#!/usr/bin/env python3
"""coserr.error_from_response against the COS Python SDK's CosServiceError.

    python3 python/bench.py [--shared ../shared] [--repeat 7]

Standard library only (timeit). The SDK column needs cos-python-sdk-v5
installed; without it only coserr's columns are printed. Every figure is the
best of --repeat runs, in microseconds per call, on every shared body the
coserr benchmarks use (cos/bench/).

Columns:
  SDK          CosServiceError("GET", body_text, 404): what the SDK does with
               an error answer (minidom parse + digest).
  coserr       error_from_response(404, body_bytes, None, "GET"): the same
               inputs (the SDK's constructor sees no headers).
  +headers     the same with the URL and seven typical COS response headers
               (two of which coserr reads), as from a real response.
  +digest      +headers, then get_digest_msg() (the dict the SDK builds eagerly).
  C call       coserr_parse_response alone through ctypes (the floor).
"""

import argparse
import os
import platform
import sys
import timeit
from pathlib import Path

# Measure the installed package, not the source folder beside this script
# (which Python puts first on sys.path); fall back to it when not installed.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _HERE]
try:
    import coserr
except ImportError:
    sys.path.insert(0, _HERE)
    import coserr
from coserr import _ffi  # noqa: E402

URL = "https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/exampleobject"
HEADERS = {
    "Content-Type": "application/xml",
    "Content-Length": "482",
    "Connection": "keep-alive",
    "Date": "Thu, 27 Nov 2025 17:00:00 GMT",
    "Server": "tencent-cos",
    "x-cos-request-id": "NjQ5ZjQ1ZTJfOTg0ZjFlMDlfMTk0YWZfMWI5ZTI5Ng==",
    "x-cos-trace-id": "OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVmMDAxODc0OWRkZjk0ZDM1NmI1M2E2MTRlY2MzZDhmNmI5MWI1OTdjMmEzYmU1M2JkMGJmMmZlZmRkMmY5ZTQ0ZjQ0NzQ3NjRlNDg0Y2E1OGZlNWYxMmMzOWE3ZjdiN2JkNGE5YmE=",
}


def best_us(fn, repeat):
    """Best per-call time in microseconds (timeit's autorange, then repeats)."""
    timer = timeit.Timer(fn)
    number, _ = timer.autorange()
    number = max(number, 1000)
    return min(timer.repeat(repeat=repeat, number=number)) / number * 1e6


def main():
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.environ.get("COSERR_SHARED", str(here.parent.parent / "shared")))
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    bench_dir = Path(args.shared) / "cos" / "bench"

    try:
        from qcloud_cos.cos_exception import CosServiceError as SdkServiceError
    except ImportError:
        SdkServiceError = None
        print("(cos-python-sdk-v5 not installed: no SDK column)", file=sys.stderr)

    print(
        "Python %s on %s; coserr library %s"
        % (platform.python_version(), platform.machine(), coserr.LIBRARY_PATH)
    )
    print()
    print("| body | SDK µs | coserr µs | speed-up | +headers µs | speed-up | +digest µs | C call µs |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    efr = coserr.error_from_response
    for name in sorted(p.name for p in bench_dir.iterdir() if p.is_file()):
        body = (bench_dir / name).read_bytes()
        text = body.decode("utf-8")
        out = _ffi.Error()
        resp = _ffi.Response()
        resp.status = 404
        resp.body = body
        resp.body_len = len(body)

        # Same answers before timing anything.
        err = efr(404, body, None, "GET")
        assert err is not None and err.get_error_code() != "Unknown"
        if SdkServiceError is not None:
            sdk = SdkServiceError("GET", text, 404)
            if isinstance(sdk.get_digest_msg(), dict):
                assert sdk.get_digest_msg() == err.get_digest_msg(), name

        sdk_us = best_us(lambda: SdkServiceError("GET", text, 404), args.repeat) if SdkServiceError else None
        ours = best_us(lambda: efr(404, body, None, "GET"), args.repeat)
        with_headers = best_us(lambda: efr(404, body, HEADERS, "GET", URL), args.repeat)
        with_digest = best_us(lambda: efr(404, body, HEADERS, "GET", URL).get_digest_msg(), args.repeat)
        c_call = best_us(lambda: _ffi.parse_response(resp, out), args.repeat)

        def ratio(x):
            return "%.1fx" % (sdk_us / x) if sdk_us else "-"

        print(
            "| %s | %s | %.2f | %s | %.2f | %s | %.2f | %.2f |"
            % (
                name,
                "%.1f" % sdk_us if sdk_us else "-",
                ours,
                ratio(ours),
                with_headers,
                ratio(with_headers),
                with_digest,
                c_call,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
