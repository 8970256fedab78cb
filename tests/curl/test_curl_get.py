#!/usr/bin/env python3
"""Runs examples/curl_get against recorded COS answers served over HTTP.

    test_curl_get.py CURL_GET SHARED_COS_DIR

Starts cos_replay.py on a free port of 127.0.0.1, runs the built program on
each path and checks its exit status and every printed line against what is
written here by hand: the values come from the answers' bodies and headers
(the display line's layout is docs/semantics.md's), the retry classes from
docs/decisions.md's rules. Under ASan/UBSan any report lands on stderr, which
must stay empty unless curl itself has something to say.
"""

import os
import socket
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CURL_GET = sys.argv[1]
COS = Path(sys.argv[2])

LONG_BODY_ID = "NjkyZjE0" + "b" * 192
LONG_HEADER_ID = "NjkyZjE1" + "h" * 292
GATEWAY_PAGE = (COS / "edge/html_502.html").read_bytes().decode("ascii")
KEEPALIVE_RESULT_BYTES = len((COS / "edge/leading_whitespace_keepalive_then_result.xml").read_bytes())


def error(line, retry, request_id):
    return 1, ["error: " + line, "retry: " + retry, "request_id: " + request_id]


# path -> (exit status, stdout lines); "{url}" is the URL asked for.
CASES = {
    "/404-nosuchkey": error(
        'CosServiceError status=404 code="NoSuchKey" message="The specified key does not exist."'
        ' request_id="NjA3OGY4NGFfNjJkMmMwYl8***" trace_id="OGVmYzZiMmQzYjA2OWNh***"'
        ' resource="examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/test_404"',
        "none", "NjA3OGY4NGFfNjJkMmMwYl8***"),
    # The body's RequestId, Resource and TraceId are empty: the id is the
    # final block's header (not the 100 Continue's), the resource the URL,
    # the trace id present and empty.
    "/403-signature": error(
        'CosServiceError status=403 code="SignatureDoesNotMatch"'
        ' message="The Signature you specified is invalid."'
        ' request_id="NWQ0Y2FkYjVfOWFjOTJhMDlfMmE1NmFfMTA0YWU5NA==" trace_id="" resource="{url}"',
        "none", "NWQ0Y2FkYjVfOWFjOTJhMDlfMmE1NmFfMTA0YWU5NA=="),
    # Chunks split "<?xml" and two CJK characters: the resource must come out whole.
    "/403-skewed": error(
        'CosServiceError status=403 retry=clock_skew code="RequestTimeTooSkewed"'
        ' message="The difference between the request time and the server\'s time is too large."'
        ' request_id="NjkyZjE0NTVfNmQzYTBiMDlfMTk4ZjFfYTJiYzQ1"'
        ' trace_id="OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVmMDAxODc0OWRkZjk0ZDM1NmI1M2E2MTRlY2MzZDhmNmI5'
        'MWI1OTQyYWVlY2QwZTk2MDVmZDQ3"'
        ' resource="examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/照片/2026年.jpg"',
        "clock_skew", "NjkyZjE0NTVfNmQzYTBiMDlfMTk4ZjFfYTJiYzQ1"),
    "/503-slowdown": error(
        'CosServiceError status=503 retry=throttle code="SlowDown" message="Please reduce your request rate."'
        ' request_id="NjkyZjE0NjFfZjFjOTJhMDlfMmE0ZDRfMzE5YjAx"'
        ' trace_id="OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVmMDAxODc0OWRkZjk0ZDM1NmI1M2E2MTRlY2MzZDhmNmI5MWI1"'
        ' resource="examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/logs/app.log"',
        "throttle", "NjkyZjE0NjFfZjFjOTJhMDlfMmE0ZDRfMzE5YjAx"),
    # A 200 that is an error once the keep-alive spaces are past.
    "/200-keepalive-error": error(
        'CosServiceError status=200 retry=transient code="InternalError"'
        ' message="We encountered an internal error. Please try again." request_id="req1" trace_id="t1"'
        ' resource="b-1250000000.cos.ap-guangzhou.myqcloud.com/k"',
        "transient", "req1"),
    "/200-keepalive-result": (0, ["ok: status=200 body_bytes=%d" % KEEPALIVE_RESULT_BYTES]),
    # nginx's page: <hr> is never closed, so it is malformed XML; no request
    # id and a 5xx: switch to the backup domain. The message is the page.
    "/502-gateway": error(
        'CosClientError status=502 cause=malformed retry=switch_domain code=- message="'
        + GATEWAY_PAGE.replace("\r", "\\r").replace("\n", "\\n")
        + '" request_id=- trace_id=- resource="{url}"',
        "switch_domain", "-"),
    "/302-redirect": (0, ["ok: status=302 body_bytes=0", "retry: switch_domain"]),
    "/200-object": (0, ["ok: status=200 body_bytes=300000"]),
    # The record keeps 127 bytes of a request id; the program prints it whole.
    "/404-long-body-request-id": error(
        'CosServiceError status=404 code="NoSuchKey" message="The specified key does not exist."'
        ' request_id="%s" trace_id=- resource="examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/k"'
        % LONG_BODY_ID[:127],
        "none", LONG_BODY_ID),
    "/404-long-header-request-id": error(
        'CosServiceError status=404 code=- message=- request_id="%s" trace_id=- resource="{url}"'
        % LONG_HEADER_ID[:127],
        "none", LONG_HEADER_ID),
}

# path -> what curl says on stderr when there is no whole answer (exit 2).
TRANSPORT_FAILURES = {
    "/cut-off": "transfer closed with outstanding read data remaining",
}


def run(url):
    proc = subprocess.run([CURL_GET, url], capture_output=True, timeout=60)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8", "replace")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    failures = []
    checked = 0

    def check(name, got, want):
        nonlocal checked
        checked += 1
        if got != want:
            failures.append("%s:\n  want %r\n  got  %r" % (name, want, got))

    server = subprocess.Popen([sys.executable, str(HERE / "cos_replay.py"), str(COS)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        port = int(server.stdout.readline())
        base = "http://127.0.0.1:%d" % port
        for path, (status, lines) in CASES.items():
            url = base + path
            code, out, err = run(url)
            check(path + " exit status", code, status)
            check(path + " output", out.splitlines(), [line.replace("{url}", url) for line in lines])
            check(path + " stderr", err, "")
        for path, words in TRANSPORT_FAILURES.items():
            code, out, err = run(base + path)
            check(path + " exit status", code, 2)
            check(path + " output", out, "")
            check(path + " curl's error", words in err and err.startswith("curl_get: "), True)
    finally:
        server.stdin.close()
        server.wait(timeout=10)

    # Nothing listens there: curl's connect error, no judgement.
    code, out, err = run("http://127.0.0.1:%d/" % free_port())
    check("refused exit status", code, 2)
    check("refused output", out, "")
    check("refused curl's error", "Couldn't connect to server" in err, True)
    # Without a URL: usage, exit 2.
    proc = subprocess.run([CURL_GET], capture_output=True, timeout=60)
    check("usage exit status", proc.returncode, 2)

    if failures:
        print("curl-test: %d of %d checks failed" % (len(failures), checked))
        print("\n".join(failures))
        return 1
    print("curl-test: %d checks passed (%d answers over HTTP, a refused connection, usage)"
          % (checked, len(CASES) + len(TRANSPORT_FAILURES)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
