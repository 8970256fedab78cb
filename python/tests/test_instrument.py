"""coserr.instrument on the REAL COS Python SDK (cos-python-sdk-v5 from
PyPI), talking HTTP to a server on 127.0.0.1 that replays chosen answers.

Each case sends the same answer to a plain client and to an instrumented
one: what the SDK alone raises is asserted as observed (so a new SDK
release that changes it shows up), what the instrumented client raises is
asserted against values read by hand from the body and headers served, and
both are caught by ``except qcloud_cos.CosServiceError``.
"""

import http.server
import logging
import pickle
import socket
import subprocess
import sys
import threading

import pytest
from conftest import body_of
from qcloud_cos import CosClientError as SdkClientError
from qcloud_cos import CosConfig, CosS3Client, CosVectorsClient
from qcloud_cos import CosServiceError as SdkServiceError

import coserr
from coserr import BodyStatus, Category, Kind

BUCKET = "examplebucket-1250000000"
KEY = "dir/object.txt"
UNKNOWN = "Unknown"
SDK_INVALID = "Response Error Msg Is INVALID"


class Replay(http.server.BaseHTTPRequestHandler):
    """Answers every request with the server's ``answer``: (status, header
    pairs as sent, body bytes), framed with Content-Length on a keep-alive
    connection; records (method, path) of each request."""

    protocol_version = "HTTP/1.1"

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.server.requests.append((self.command, self.path))
        status, headers, body = self.server.by_path.get(self.path, self.server.answer)
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_HEAD = do_PUT = do_POST = do_DELETE = _answer

    def log_message(self, *args):
        pass


class ReplayServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client closing its keep-alive connection is not news


@pytest.fixture(scope="module")
def server():
    srv = ReplayServer(("127.0.0.1", 0), Replay)
    srv.requests = []
    srv.by_path = {}  # answers for given paths, else ``answer``
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture(autouse=True)
def quiet_sdk():
    """The SDK logs every error it raises; the assertions say it all."""
    logger = logging.getLogger("qcloud_cos")
    old = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(old)


def serve(server, status, body=b"", **headers):
    """Sets the answer (header names as given, ``_`` for ``-``)."""
    server.answer = (status, [(name.replace("_", "-"), value) for name, value in headers.items()], body)
    server.requests.clear()


def make_client(server, retry=0, cls=CosS3Client):
    conf = CosConfig(
        Region="ap-guangzhou",
        SecretId="AKIDexample",
        SecretKey="example",
        Scheme="http",
        Domain="127.0.0.1:%d" % server.server_address[1],
    )
    return cls(conf, retry=retry)


def url(server, path="/" + KEY):
    return "http://127.0.0.1:%d%s" % (server.server_address[1], path)


def raised(call):
    """The exception ``call`` raises, after checking that an existing
    ``except qcloud_cos.CosServiceError`` clause catches it."""
    try:
        call()
    except SdkServiceError as exc:
        return exc
    pytest.fail("no qcloud_cos.CosServiceError raised")


def both(server, call, retry=0, cls=CosS3Client):
    """(what the SDK alone raises, what the instrumented client raises,
    requests each sent) for ``call(client)`` on the current answer."""
    plain = make_client(server, retry, cls)
    sdk = raised(lambda: call(plain))
    sdk_requests = list(server.requests)
    server.requests.clear()
    client = make_client(server, retry, cls)
    assert coserr.instrument(client) is client
    ours = raised(lambda: call(client))
    assert list(server.requests) == sdk_requests, "instrumenting changed what the SDK sends"
    assert type(sdk) is SdkServiceError
    assert isinstance(ours, coserr.CosError) and isinstance(ours, SdkServiceError)
    assert not isinstance(sdk, coserr.CosError)
    return sdk, ours, sdk_requests


def getters(err):
    """The SDK's getters, or the name of what they raise."""
    out = {}
    for name in ("get_error_code", "get_error_msg", "get_resource_location", "get_request_id",
                 "get_trace_id", "get_status_code"):
        try:
            out[name] = getattr(err, name)()
        except Exception as exc:  # the SDK's KeyError on a digest without the key
            out[name] = type(exc).__name__
    return out


def sdk_view(code, message, resource, request_id, trace_id, status):
    return dict(get_error_code=code, get_error_msg=message, get_resource_location=resource,
                get_request_id=request_id, get_trace_id=trace_id, get_status_code=status)


def get_object(client):
    return client.get_object(Bucket=BUCKET, Key=KEY)


def assert_same_as_record(err):
    """The SDK's getters read coserr's record (not the SDK's digest)."""
    assert err.get_digest_msg() == {
        "code": err.code or UNKNOWN,
        "message": err.message or UNKNOWN,
        "resource": err.resource or UNKNOWN,
        "requestid": err.request_id or UNKNOWN,
        "traceid": err.trace_id or UNKNOWN,
    }
    assert str(err) == str(err.get_digest_msg()) or err.kind == Kind.CLIENT


# -- the cases ---------------------------------------------------------------


def test_head_404(server):
    serve(server, 404, x_cos_request_id="NjA3ZDU2NTNfZDYxOTBhMDlfNmJlOV8z", x_cos_trace_id="OGVmYzZi")
    sdk, ours, sent = both(server, lambda c: c.head_object(Bucket=BUCKET, Key=KEY))
    assert sent == [("HEAD", "/" + KEY)]
    expected = sdk_view("NoSuchResource", "The Resource You Head Not Exist", url(server),
                        "NjA3ZDU2NTNfZDYxOTBhMDlfNmJlOV8z", "OGVmYzZi", 404)
    assert getters(sdk) == expected
    assert getters(ours) == expected  # the SDK was right: coserr agrees
    assert str(ours) == str(sdk)
    assert ours.category == Category.NOT_FOUND and ours.is_not_found
    assert ours.retry == "none" and ours.from_cos
    assert ours.method == "HEAD" and ours.url == url(server)
    assert_same_as_record(ours)


ACCESS_DENIED = "samples/issues_cos-wx-sdk-v5_25_AccessDenied.xml"
AD_REQUEST_ID = "NWM4MDhmZDJfNzljMDBiMDlfMmRmYzBfMTM2OTNiZA=="
AD_TRACE_ID = (
    "OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVmMDAxODc0OWRkZjk0ZDM1NmI1M2E2MTRlY2MzZDhmNmI5MWI1OTQy"
    "YWVlY2QwZTk2MDVmZDQ3MmI2Y2I4ZmI5ZmM4ODFjMGU5NjQzNGY1N2ZkZTM2MmQ2NzI2NGU1ZGIyNDgxZDc="
)


def test_get_403_xml(server):
    body = body_of(ACCESS_DENIED)
    serve(server, 403, body, Content_Type="application/xml", x_cos_request_id=AD_REQUEST_ID)
    sdk, ours, sent = both(server, get_object)
    assert sent == [("GET", "/" + KEY)]
    expected = sdk_view("AccessDenied", "Access Denied.",
                        "shoujike-img-1251612692.cos.ap-beijing.myqcloud.com/1.png",
                        AD_REQUEST_ID, AD_TRACE_ID, 403)
    assert getters(sdk) == expected
    assert getters(ours) == expected
    assert ours.get_digest_msg() == sdk.get_digest_msg() and str(ours) == str(sdk)
    assert ours.get_origin_msg() == sdk.get_origin_msg() == body.decode("utf-8")
    assert ours.category == Category.ACCESS_AUTH and ours.retry == "none" and not ours.retryable
    assert ours.body == body and ours.method == "GET" and ours.url == url(server)


SLOW_DOWN = (
    b"<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n\t<Code>SlowDown</Code>\n"
    b"\t<Message>Please reduce your request rate.</Message>\n"
    b"\t<RequestId>NjRmNWE2YjBfMjQ=</RequestId>\n\t<TraceId>dHJhY2U=</TraceId>\n</Error>"
)


def test_503_slow_down_retried(server):
    """The SDK retries a 5xx: one request plus ``retry`` more, the same with
    coserr. The body has no Resource, so the SDK's digest fails."""
    serve(server, 503, SLOW_DOWN, Content_Type="application/xml", x_cos_request_id="NjRmNWE2YjBfMjQ=")
    sdk, ours, sent = both(server, get_object, retry=1)
    assert sent == [("GET", "/" + KEY)] * 2
    assert getters(sdk) == sdk_view(UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, 503)
    assert sdk.get_digest_msg() == SDK_INVALID
    # coserr: the body's fields; Resource is the URL the request went to.
    assert getters(ours) == sdk_view("SlowDown", "Please reduce your request rate.", url(server),
                                     "NjRmNWE2YjBfMjQ=", "dHJhY2U=", 503)
    assert ours.retry == "throttle" and ours.retryable
    assert ours.category == Category.THROTTLED
    assert_same_as_record(ours)


def test_502_html_gateway(server):
    """An nginx 502 without any COS header: not an error document and not
    from COS. The SDK's class is kept (every 5xx is its CosServiceError);
    coserr's kind says the body could not be read as an error."""
    body = body_of("edge/html_502.html")
    serve(server, 502, body, Content_Type="text/html", Server="nginx")
    sdk, ours, sent = both(server, get_object, retry=1)
    assert sent == [("GET", "/" + KEY)] * 2
    assert getters(sdk) == sdk_view(UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, 502)
    assert sdk.get_digest_msg() == SDK_INVALID
    assert isinstance(ours, coserr.CosClientError) and ours.kind == Kind.CLIENT
    assert ours.body_status == BodyStatus.MALFORMED  # <hr> is never closed
    assert ours.retry == "switch_domain" and not ours.from_cos
    assert ours.request_id is None and ours.code is None
    assert ours.get_error_code() == UNKNOWN and ours.get_request_id() == UNKNOWN
    assert ours.get_error_msg() == body.decode("ascii")  # a client error's message: the body
    assert ours.get_status_code() == 502


CMU_200 = "samples/go_TestObjectService_CompleteMultipartUpload_200NonXML_xml_error_embedded_in_200.xml"


def test_complete_multipart_upload_200_with_error(server):
    """A 200 whose body is an <Error>: the SDK raises after send_request
    returned, from the body alone, and its digest fails (no Resource)."""
    serve(server, 200, body_of(CMU_200), Content_Type="application/xml", x_cos_request_id="Y211LXJpZA==")

    def complete(client):
        return client.complete_multipart_upload(
            Bucket=BUCKET, Key=KEY, UploadId="up1",
            MultipartUpload={"Part": [{"PartNumber": 1, "ETag": '"etag1"'}]})

    sdk, ours, sent = both(server, complete)
    assert sent == [("POST", "/%s?uploadId=up1" % KEY)]
    assert getters(sdk) == sdk_view(UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, 200)
    assert getters(ours) == sdk_view("InternalError", "We encountered an internal error.",
                                     url(server, "/%s?uploadId=up1" % KEY), "Y211LXJpZA==", UNKNOWN, 200)
    assert ours.retry == "transient" and ours.retryable
    assert ours.method == "POST"


def test_vector_bucket_json_error(server):
    """CosVectorsClient: the code in x-cos-error-code, a JSON body. The SDK
    keeps the raw body as message and has no resource/trace keys (its
    getters raise KeyError); coserr reads the JSON's message and id."""
    body = b'{"message":"index not found","requestId":"vb-rid"}'
    serve(server, 404, body, Content_Type="application/json",
          x_cos_error_code="NoSuchIndex", x_cos_request_id="hdr-rid")
    sdk, ours, sent = both(server, lambda c: c.get_vector_bucket(Bucket="vb-1250000000"),
                           cls=CosVectorsClient)
    assert sent == [("POST", "/GetVectorBucket")]
    assert getters(sdk) == sdk_view("NoSuchIndex", body.decode("ascii"), "KeyError", "hdr-rid", "KeyError", 404)
    assert getters(ours) == sdk_view("NoSuchIndex", "index not found", url(server, "/GetVectorBucket"),
                                     "vb-rid", UNKNOWN, 404)
    assert ours.ids_disagree  # the body's requestId is not the header's
    assert ours.category == Category.NOT_FOUND


def test_body_after_keepalive_whitespace(server):
    """Whitespace before <?xml (left over on a keep-alive connection): the
    SDK's XML parser refuses the document and every getter says Unknown."""
    serve(server, 404, body_of("edge/leading_whitespace_keepalive_then_error.xml"),
          Content_Type="application/xml", x_cos_request_id="req1")
    sdk, ours, _ = both(server, get_object)
    assert getters(sdk) == sdk_view(UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, 404)
    assert sdk.get_digest_msg() == SDK_INVALID
    assert getters(ours) == sdk_view("InternalError", "We encountered an internal error. Please try again.",
                                     "b-1250000000.cos.ap-guangzhou.myqcloud.com/k", "req1", "t1", 404)
    assert ours.body_status == BodyStatus.OK
    assert ours.method == "GET" and ours.url == url(server)
    assert_same_as_record(ours)


def test_error_response_wrapper(server):
    """<ErrorResponse><Error>...</Error><RequestId>outer</RequestId>: the
    SDK's minidom finds the inner elements first, so it is right; coserr
    reads the inner Error too."""
    serve(server, 400, body_of("edge/wrapped_ErrorResponse.xml"), Content_Type="application/xml")
    sdk, ours, _ = both(server, get_object)
    expected = sdk_view("InvalidArgument", "m", "r", "req1", "t1", 400)
    assert getters(sdk) == expected
    assert getters(ours) == expected
    assert str(ours) == str(sdk)
    assert ours.category == Category.INVALID_REQUEST
    assert ours.method == "GET" and ours.url == url(server)


# -- what must not change ----------------------------------------------------


def test_success_untouched(server):
    body = b"hello, object\x00\xff"
    headers = dict(ETag='"5d41402abc4b2a76b9719d911017c592"', x_cos_request_id="b2stcmlk",
                   Content_Type="application/octet-stream", Last_Modified="Thu, 03 Dec 2026 10:00:00 GMT")
    plain, client = make_client(server), coserr.instrument(make_client(server))
    serve(server, 200, body, **headers)
    got = [get_object(c) for c in (plain, client)]
    assert [g["Body"].get_raw_stream().read() for g in got] == [body, body]
    assert got[0].keys() == got[1].keys()
    assert {k: v for k, v in got[0].items() if k not in ("Body", "Date")} == \
        {k: v for k, v in got[1].items() if k not in ("Body", "Date")}
    assert got[1]["x-cos-request-id"] == "b2stcmlk"
    heads = [c.head_object(Bucket=BUCKET, Key=KEY) for c in (plain, client)]
    assert heads[1]["ETag"] == '"5d41402abc4b2a76b9719d911017c592"'
    assert heads[0].keys() == heads[1].keys()


def test_client_error_keeps_sdk_class(server):
    """No answer at all (connection refused): the SDK's CosClientError,
    coserr's CosClientError with the same message."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    conf = CosConfig(Region="ap-guangzhou", SecretId="AKIDexample", SecretKey="example",
                     Scheme="http", Domain="127.0.0.1:%d" % port)
    errors = []
    for client in (CosS3Client(conf, retry=0), coserr.instrument(CosS3Client(conf, retry=0))):
        with pytest.raises(SdkClientError) as info:
            get_object(client)
        errors.append(info.value)
    sdk, ours = errors
    assert type(sdk) is SdkClientError
    assert isinstance(ours, coserr.CosClientError)
    assert str(ours) == str(sdk) and "Connection refused" in str(sdk)
    assert ours.kind == Kind.CLIENT and ours.message == str(sdk)
    assert ours.__context__ is not None and type(ours.__context__) is SdkClientError


def test_instrumented_error_pickles_and_classes_are_shared(server):
    serve(server, 403, body_of(ACCESS_DENIED), x_cos_request_id=AD_REQUEST_ID)
    client = coserr.instrument(make_client(server))
    first = raised(lambda: get_object(client))
    second = raised(lambda: get_object(client))
    assert type(first) is type(second)
    copy = pickle.loads(pickle.dumps(first))
    assert type(copy) is type(first)
    assert copy.record_bytes() == first.record_bytes() and copy.body == first.body
    assert getters(copy) == getters(first)


def test_instrument_twice_and_not_a_client(server):
    client = make_client(server)
    assert coserr.instrument(coserr.instrument(client)) is client
    serve(server, 403, body_of(ACCESS_DENIED), x_cos_request_id=AD_REQUEST_ID)
    err = raised(lambda: get_object(client))
    assert err.get_request_id() == AD_REQUEST_ID
    assert err.__context__ is not None and type(err.__context__) is SdkServiceError
    with pytest.raises(TypeError):
        coserr.instrument(object())


def test_sdk_not_imported_by_coserr():
    """The SDK is optional: importing coserr does not import it."""
    code = "import sys, coserr; assert 'qcloud_cos' not in sys.modules, 'imported'; print(coserr.instrument)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_threads_get_their_own_answer(server):
    """Threads sharing one instrumented client: each error is built from the
    answer its own request received."""
    keys = ["k%d" % i for i in range(4)]
    for key in keys:
        server.by_path["/" + key] = (404, [("x-cos-request-id", "rid-" + key)],
                                     b"<Error><Code>NoSuchKey</Code><RequestId>rid-%s</RequestId></Error>"
                                     % key.encode())
    client = coserr.instrument(make_client(server))
    seen = []

    def worker(key):
        for _ in range(20):
            err = raised(lambda: client.get_object(Bucket=BUCKET, Key=key))
            seen.append((key, err.get_request_id(), err.url))

    try:
        threads = [threading.Thread(target=worker, args=(key,)) for key in keys]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        server.by_path.clear()
    assert len(seen) == 80
    assert all(rid == "rid-" + key and got_url == url(server, "/" + key) for key, rid, got_url in seen)
