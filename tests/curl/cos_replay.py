#!/usr/bin/env python3
"""Replays COS answers over real HTTP/1.1 on 127.0.0.1, byte for byte.

    cos_replay.py SHARED_COS_DIR

Prints the port it listens on (one line), then serves until stdin closes.
Each path is one answer. A raw socket handler writes the framing itself,
so the client meets what COS really sends: header names in COS's case,
``Transfer-Encoding: chunked`` cut at awkward places (inside ``<?xml``, inside
a UTF-8 character), ``Content-Length``, keep-alive whitespace written ahead of
the document while the service works, an interim 100 Continue block, and a
body cut off mid-transfer. Standard library only.
"""

import socket
import socketserver
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
COS = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[2] / "shared" / "cos"

DATE = b"Thu, 03 Dec 2026 14:00:00 GMT"
COS_HEADERS = [(b"Server", b"tencent-cos"), (b"Date", DATE), (b"Connection", b"keep-alive")]

# Long ids: the C record keeps 127 bytes of a request id; the app must print it whole.
LONG_BODY_REQUEST_ID = b"NjkyZjE0" + b"b" * 192          # 200 bytes, in the body
LONG_HEADER_REQUEST_ID = b"NjkyZjE1" + b"h" * 292        # 300 bytes, in a header


def shared(relpath):
    return (COS / relpath).read_bytes()


def local(name):
    return (HERE / "bodies" / name).read_bytes()


def object_bytes(size):
    """A deterministic object body (every byte value occurs)."""
    return bytes((i * 7 + i // 251) % 256 for i in range(size))


class Answer:
    """One recorded answer and how to frame it.

    ``pieces``: with ``chunked``, the body split into these chunks; with
    Content-Length, the body written in these separate sends (a pause between
    them so the client reads them apart). ``cut``: close the connection after
    the pieces, without the last chunk.
    """

    def __init__(self, status_line, headers, body=b"", chunked=False, pieces=None,
                 interim=None, cut=False):
        self.status_line = status_line
        self.headers = headers
        self.body = body
        self.chunked = chunked
        self.pieces = pieces if pieces is not None else [body]
        assert b"".join(self.pieces) == body, status_line
        self.interim = interim
        self.cut = cut


def split_at(body, *marks):
    """Splits body just after each (bytes, offset) mark: the offset-th byte of the
    first occurrence of the marker starts a new piece."""
    cuts = sorted(body.index(marker) + offset for marker, offset in marks)
    pieces, start = [], 0
    for cut in cuts:
        pieces.append(body[start:cut])
        start = cut
    pieces.append(body[start:])
    return pieces


def answers():
    not_found = shared("samples/go_Test_IsNotFoundError.xml")
    signature = shared("samples/issues_mozillazg-go-cos_2_SignatureDoesNotMatch_empty_elements.xml")
    skewed = local("RequestTimeTooSkewed.xml")
    slow_down = local("SlowDown.xml")
    keepalive_error = shared("edge/leading_whitespace_keepalive_then_error.xml")
    keepalive_result = shared("edge/leading_whitespace_keepalive_then_result.xml")
    gateway = shared("edge/html_502.html")
    obj = object_bytes(300_000)
    long_id = (b"<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n\t<Code>NoSuchKey</Code>\n"
               b"\t<Message>The specified key does not exist.</Message>\n"
               b"\t<Resource>examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/k</Resource>\n"
               b"\t<RequestId>" + LONG_BODY_REQUEST_ID + b"</RequestId>\n</Error>")
    xml = [(b"Content-Type", b"application/xml")]
    return {
        # GET of a missing key: COS's lower-case id headers, Content-Length.
        "/404-nosuchkey": Answer(
            b"HTTP/1.1 404 Not Found", xml + COS_HEADERS + [
                (b"x-cos-request-id", b"NjA3OGY4NGFfNjJkMmMwYl8***"),
                (b"x-cos-trace-id", b"OGVmYzZiMmQzYjA2OWNh***")],
            not_found),
        # An empty <RequestId> in the body: the id is the header's (capitalised
        # spelling). A 100 Continue block with its own id comes first: its
        # headers are not the answer's.
        "/403-signature": Answer(
            b"HTTP/1.1 403 Forbidden", xml + COS_HEADERS + [
                (b"X-Cos-Request-Id", b"NWQ0Y2FkYjVfOWFjOTJhMDlfMmE1NmFfMTA0YWU5NA==")],
            signature, chunked=True,
            pieces=split_at(signature, (b"<Code>", 0), (b"</Message>", 3)),
            interim=(b"HTTP/1.1 100 Continue", [(b"x-cos-request-id", b"interim-block-id")])),
        # Chunks cut inside "<?xml" and inside the 3-byte UTF-8 character 照.
        "/403-skewed": Answer(
            b"HTTP/1.1 403 Forbidden", xml + COS_HEADERS + [
                (b"x-cos-request-id", b"NjkyZjE0NTVfNmQzYTBiMDlfMTk4ZjFfYTJiYzQ1")],
            skewed, chunked=True,
            pieces=split_at(skewed, (b"<?xml", 3), ("照".encode(), 1), ("年".encode(), 2))),
        # Keep-alive whitespace in its own chunks, written while "the service works".
        "/503-slowdown": Answer(
            b"HTTP/1.1 503 Service Unavailable", xml + COS_HEADERS + [
                (b"X-Cos-Request-Id", b"NjkyZjE0NjFfZjFjOTJhMDlfMmE0ZDRfMzE5YjAx")],
            b"  \n  \n" + slow_down, chunked=True,
            pieces=[b"  \n", b"  \n", slow_down[:20], slow_down[20:]]),
        # CompleteMultipartUpload's way: 200, spaces while merging, then <Error>.
        "/200-keepalive-error": Answer(
            b"HTTP/1.1 200 OK", xml + COS_HEADERS + [(b"x-cos-request-id", b"req1")],
            keepalive_error, chunked=True,
            pieces=split_at(keepalive_error, (b"\n  <?xml", 0), (b"\n  <?xml", 1), (b"<?xml", 2))),
        # The same, ending in a result: a success.
        "/200-keepalive-result": Answer(
            b"HTTP/1.1 200 OK", xml + COS_HEADERS + [(b"x-cos-request-id", b"NjkyZjE0NzBfcmVzdWx0")],
            keepalive_result, pieces=split_at(keepalive_result, (b"<?xml", 0))),
        # A gateway's page: no COS headers at all.
        "/502-gateway": Answer(
            b"HTTP/1.1 502 Bad Gateway",
            [(b"Server", b"nginx"), (b"Date", DATE), (b"Content-Type", b"text/html"),
             (b"Connection", b"keep-alive")],
            gateway),
        # A hijacked name sends the client elsewhere: no request id.
        "/302-redirect": Answer(
            b"HTTP/1.1 302 Found",
            [(b"Server", b"nginx"), (b"Date", DATE), (b"Location", b"http://portal.example.net/login"),
             (b"Connection", b"keep-alive")]),
        # An object: 300,000 bytes in several chunks, 40 x-cos-meta headers.
        "/200-object": Answer(
            b"HTTP/1.1 200 OK",
            [(b"Content-Type", b"application/octet-stream")] + COS_HEADERS
            + [(b"ETag", b'"6fc0d0a7a9d1a7e1c0e6b5b1d9f0f2a1"'),
               (b"x-cos-request-id", b"NjkyZjE0ODBfb2JqZWN0")]
            + [(b"x-cos-meta-field-%02d" % i, b"value %d" % i) for i in range(40)],
            obj, chunked=True, pieces=[obj[:1], obj[1:65536], obj[65536:200_001], obj[200_001:]]),
        # Request ids longer than the C record's array.
        "/404-long-body-request-id": Answer(
            b"HTTP/1.1 404 Not Found", xml + COS_HEADERS + [(b"x-cos-request-id", LONG_BODY_REQUEST_ID)],
            long_id),
        "/404-long-header-request-id": Answer(
            b"HTTP/1.1 404 Not Found", xml + COS_HEADERS + [(b"x-cos-request-id", LONG_HEADER_REQUEST_ID)]),
        # The connection drops before the last chunk: no whole answer.
        "/cut-off": Answer(
            b"HTTP/1.1 404 Not Found", xml + COS_HEADERS + [(b"x-cos-request-id", b"NjkyZjE0OTBfY3V0")],
            not_found[:100], chunked=True, cut=True),
    }


ANSWERS = answers()


def frame(answer):
    """The bytes to send, as a list of separate writes."""
    head = [answer.status_line]
    for name, value in answer.headers:
        head.append(name + b": " + value)
    if answer.chunked:
        head.append(b"Transfer-Encoding: chunked")
    else:
        head.append(b"Content-Length: %d" % len(answer.body))
    writes = []
    if answer.interim is not None:
        line, headers = answer.interim
        writes.append(b"\r\n".join([line] + [n + b": " + v for n, v in headers]) + b"\r\n\r\n")
    writes.append(b"\r\n".join(head) + b"\r\n\r\n")
    for piece in answer.pieces:
        if not piece:
            continue
        writes.append(b"%x\r\n%s\r\n" % (len(piece), piece) if answer.chunked else piece)
    if answer.chunked and not answer.cut:
        writes.append(b"0\r\n\r\n")
    return writes


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        conn = self.request
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        request = b""
        while b"\r\n\r\n" not in request:
            data = conn.recv(65536)
            if not data:
                return
            request += data
        path = request.split(b" ", 2)[1].decode("ascii", "replace")
        answer = ANSWERS.get(path)
        if answer is None:
            conn.sendall(b"HTTP/1.1 500 No such recorded answer\r\nContent-Length: 0\r\n\r\n")
            return
        try:
            for data in frame(answer):
                conn.sendall(data)
                time.sleep(0.02)  # separate reads on the client's side
            conn.shutdown(socket.SHUT_WR)
        except OSError:
            pass  # the client hung up (curl -f stops at the status): its choice


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True


def main():
    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    sys.stdin.read()  # the driver closes stdin to stop the server
    server.shutdown()
    server.server_close()


if __name__ == "__main__":
    main()
