"""error_from_response: the decision table (status, body, x-cos-error-code,
HEAD 404; see docs/semantics.md), the header fallbacks,
provenance, derived values, and the Python-side conveniences."""

import datetime
import json
import pickle
import threading

import pytest
from conftest import body_of, sample_files

import coserr
from coserr import (
    BodyStatus,
    Category,
    CosClientError,
    CosError,
    CosServiceError,
    Field,
    Flag,
    Kind,
    error_from_response,
)
from coserr import _headers

URL = "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/dir/key.txt"
RID = "NjA3OGY4NGFfNjJkMmMwYl8xMjM0"
TID = "OGVmYzZiMmQzYjA2OWNh"
COS_HEADERS = {
    "Content-Type": "application/xml",
    "Content-Length": "0",
    "Connection": "keep-alive",
    "Date": "Thu, 27 Nov 2025 17:00:00 GMT",
    "Server": "tencent-cos",
    "x-cos-request-id": RID,
    "x-cos-trace-id": TID,
}

ERROR_XML = (
    b"<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>"
    b"<Resource>b.cos.ap-guangzhou.myqcloud.com/k</Resource><RequestId>body-rid</RequestId>"
    b"<TraceId>body-tid</TraceId></Error>"
)


# --- the decision table, row by row ------------------------------------------

# (id, status, method, body, headers, expected class or None, checks)
TABLE = [
    # status < 400 and the body is an error document: service (Copy,
    # UploadPartCopy, CompleteMultipartUpload answer <Error> with 200).
    ("200-copy-error", 200, "PUT", body_of("samples/go_TestObjectService_Copy_returnErr.xml"), {},
     CosServiceError, dict(code="ErrorRequest", message="Error Request", status=200)),
    ("200-copypart-error", 200, "PUT", body_of("samples/go_TestObjectService_CopyPart.xml"), {},
     CosServiceError, dict(code="string", request_id="string")),
    ("200-internal-error-retryable", 200, "POST",
     body_of("samples/go_TestObjectService_CompleteMultipartUpload_200NonXML_xml_error_embedded_in_200.xml"), {},
     CosServiceError, dict(code="InternalError", retryable=True, category=Category.SERVER)),
    ("200-keepalive-then-error", 200, "POST", body_of("edge/leading_whitespace_keepalive_then_error.xml"), {},
     CosServiceError, dict(code="InternalError", retryable=True)),
    # status < 400 otherwise: not an error.
    ("200-result", 200, "POST", body_of("edge/leading_whitespace_keepalive_then_result.xml"), {}, None, {}),
    ("200-empty", 200, "GET", b"", COS_HEADERS, None, {}),
    ("200-plain-text", 200, "POST",
     body_of("samples/go_TestObjectService_CompleteMultipartUpload_200NonXML_plain_text_body.txt"), {}, None, {}),
    ("200-html", 200, "POST",
     body_of("samples/go_TestObjectService_CompleteMultipartUpload_200NonXML_html_error_page.html"), {}, None, {}),
    ("200-json-success", 200, "POST", b'{"code":0,"message":"ok"}', {}, None, {}),
    ("204-head", 204, "HEAD", b"", COS_HEADERS, None, {}),
    ("304-not-modified", 304, "GET", b"", COS_HEADERS, None, {}),
    # status >= 400 with x-cos-error-code (vector buckets): code from the
    # header, message from the JSON body's message.
    ("400-vector-json", 400, "POST", b'{"message":"index not found","requestId":"vb-rid"}',
     {"x-cos-error-code": "NoSuchIndex", "x-cos-request-id": "hdr-rid"},
     CosServiceError, dict(code="NoSuchIndex", message="index not found", request_id="vb-rid")),
    ("409-vector-text", 409, "POST", b"vector bucket busy",
     {"X-Cos-Error-Code": "ConflictingOperation", "x-cos-request-id": "hdr-rid"},
     CosServiceError, dict(code="ConflictingOperation", message="vector bucket busy", request_id="hdr-rid")),
    # status >= 400, empty body (every HEAD): ids from headers.
    ("404-head", 404, "HEAD", b"", COS_HEADERS, CosServiceError,
     dict(code="NoSuchResource", message="The Resource You Head Not Exist", resource=URL,
          request_id=RID, trace_id=TID, category=Category.NOT_FOUND, is_not_found=True)),
    ("404-head-lowercase-method", 404, "head", b"", COS_HEADERS, CosServiceError,
     dict(code="NoSuchResource")),
    ("403-head", 403, "HEAD", b"", COS_HEADERS, CosServiceError,
     dict(code=None, message=None, request_id=RID, trace_id=TID, resource=URL,
          body_status=BodyStatus.EMPTY, category=Category.ACCESS_AUTH)),
    ("404-get-empty", 404, "GET", b"", COS_HEADERS, CosServiceError,
     dict(code=None, request_id=RID, body_status=BodyStatus.EMPTY)),
    ("503-empty-retryable", 503, "GET", b"   \r\n", {"x-cos-request-id": RID}, CosServiceError,
     dict(retryable=True, retry="transient", body_status=BodyStatus.EMPTY)),
    # Without any request id, a 5xx did not come from COS: switch domains
    # rather than retry the same host.
    ("503-empty-no-id", 503, "GET", b"   \r\n", {}, CosServiceError,
     dict(retryable=False, retry="switch_domain", from_cos=False, body_status=BodyStatus.EMPTY)),
    # status >= 400, XML or JSON error body: from the body.
    ("404-xml", 404, "GET", ERROR_XML, {}, CosServiceError,
     dict(code="NoSuchKey", request_id="body-rid", trace_id="body-tid", category=Category.NOT_FOUND,
          code_name="NoSuchKey", retryable=False)),
    ("503-slowdown", 503, "PUT", b"<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>",
     COS_HEADERS, CosServiceError, dict(code="SlowDown", retryable=True, retry="throttle", category=Category.THROTTLED)),
    ("404-json", 404, "GET", body_of("samples/go_Test_CheckReponse_json.json"), {}, CosServiceError,
     dict(code="404", message="404 NotFound", request_id="requestid")),
    ("400-json-tencent-api3", 400, "POST",
     b'{"Response":{"Error":{"Code":"InvalidParameter","Message":"bad"},"RequestId":"api3-rid"}}', {},
     CosServiceError, dict(code="InvalidParameter", message="bad", request_id="api3-rid")),
    ("400-wrapped", 400, "GET", body_of("edge/wrapped_ErrorResponse.xml"), {}, CosServiceError,
     dict(code="InvalidArgument", request_id="req1")),
    # status >= 400, body not XML / malformed / not an error document: client.
    ("403-plain-text", 403, "GET", body_of("samples/issues_PicGo_868_403_plaintext_nonxml.txt"), COS_HEADERS,
     CosClientError, dict(body_status=BodyStatus.NOT_XML, request_id=RID, trace_id=TID, code=None,
                          category=Category.ACCESS_AUTH, retryable=False)),
    ("502-html", 502, "GET", body_of("edge/html_502.html"), {"X-Cos-Request-Id": RID}, CosClientError,
     dict(body_status=BodyStatus.MALFORMED, request_id=RID, retryable=True, status=502)),
    ("502-html-wellformed", 502, "POST",
     body_of("samples/go_TestObjectService_CompleteMultipartUpload_200NonXML_html_error_page.html"), {},
     CosClientError, dict(body_status=BodyStatus.NOT_ERROR_DOC, message="<html><body>Bad Gateway</body></html>",
                          retryable=False, retry="switch_domain", from_cos=False)),
    ("400-not-error-doc", 400, "GET", body_of("samples/c_test_cos_status_parse_from_body_400_wrong_root.xml"), {},
     CosClientError, dict(body_status=BodyStatus.NOT_ERROR_DOC)),
    ("503-truncated-partial", 503, "GET", body_of("edge/truncated_after_code.xml"), COS_HEADERS, CosClientError,
     dict(body_status=BodyStatus.MALFORMED, code="SlowDown", partial=True, request_id=RID, retryable=True)),
    ("400-doctype", 400, "GET", body_of("edge/doctype_entity.xml"), {}, CosClientError,
     dict(body_status=BodyStatus.MALFORMED, code=None)),
]


@pytest.mark.parametrize("row", TABLE, ids=[r[0] for r in TABLE])
def test_decision_table(row):
    _, status, method, body, headers, cls, checks = row
    err = error_from_response(status, body, headers, method, URL)
    if cls is None:
        assert err is None
        return
    assert type(err) is cls
    assert isinstance(err, CosError) and isinstance(err, Exception)
    assert err.kind == (Kind.SERVICE if cls is CosServiceError else Kind.CLIENT)
    assert err.status == status == err.get_status_code()
    for name, expected in checks.items():
        assert getattr(err, name) == expected, name
    if cls is CosClientError and "message" not in checks:
        # Nothing is lost: the message is the body.
        assert err.message == body.decode("utf-8", "replace")
    with pytest.raises(cls):
        raise err


def test_status_unknown_judges_the_body_alone():
    assert type(error_from_response(0, ERROR_XML, {})) is CosServiceError
    assert type(error_from_response(0, b"Internal Server Error", {})) is CosClientError
    assert error_from_response(0, b"", {}) is None
    assert error_from_response(0, body_of("edge/leading_whitespace_keepalive_then_result.xml"), {}) is None
    assert coserr.parse_body(ERROR_XML).get_error_code() == "NoSuchKey"
    assert coserr.parse_body(b"") is None
    assert type(coserr.parse_body(b"oops")) is CosClientError


# --- header fallback ------------------------------------------------------------


def test_body_value_wins_and_disagreement_is_flagged():
    body = body_of("samples/awsrust_s3_request_id_NoSuchKey.xml")
    err = error_from_response(404, body, {"x-cos-request-id": "correct-request-id"}, "GET")
    assert err.get_request_id() == "incorrect-request-id"
    assert not err.from_header & Field.REQUEST_ID
    assert err.ids_disagree and err.flags & Flag.IDS_DISAGREE


def test_same_ids_do_not_disagree():
    err = error_from_response(404, ERROR_XML, {"x-cos-request-id": "body-rid", "x-cos-trace-id": "body-tid"})
    assert not err.ids_disagree
    assert err.flags == 0


def test_header_fills_empty_body_fields():
    body = body_of("samples/issues_mozillazg-go-cos_2_SignatureDoesNotMatch_empty_elements.xml")
    err = error_from_response(403, body, COS_HEADERS, "PUT", URL)
    assert err.get_request_id() == RID and err.get_trace_id() == TID
    assert err.get_resource_location() == URL
    assert err.from_header == Field.REQUEST_ID | Field.TRACE_ID | Field.RESOURCE
    assert err.get_error_code() == "SignatureDoesNotMatch"
    assert err.category == Category.ACCESS_AUTH


def test_header_fills_absent_body_fields():
    body = body_of("bench/minimal_140B.xml")
    err = error_from_response(403, body, {"x-cos-trace-id": TID}, "GET", URL)
    assert err.trace_id == TID and err.from_header & Field.TRACE_ID
    assert err.resource == URL and err.from_header & Field.RESOURCE
    assert err.request_id == "NjQ5ZjQ1ZTJfOTg0ZjFlMDlfMTk0YWZfMWI5ZTI5Ng=="


@pytest.mark.parametrize(
    "headers, expected",
    [
        ([("x-img-request-id", "img"), ("x-ci-request-id", "ci"), ("x-cos-request-id", "cos")], "cos"),
        ([("x-img-request-id", "img"), ("x-ci-request-id", "ci")], "ci"),
        ([("x-img-request-id", "img")], "img"),
        ([("X-COS-REQUEST-ID", "upper")], "upper"),
        ([("x-cos-request-id", "first"), ("x-cos-request-id", "second")], "first"),
        ([(b"x-cos-request-id", b"bytes")], "bytes"),
        ({"X-Cos-Request-Id": "dict"}, "dict"),
        ((("x-cos-request-id", "tuple"),), "tuple"),
    ],
)
def test_request_id_header_preference(headers, expected):
    err = error_from_response(404, b"", headers, "GET")
    assert err.get_request_id() == expected
    assert err.from_header & Field.REQUEST_ID


def test_header_as_latin1_text_round_trips_utf8():
    """http.client gives header bytes decoded as ISO-8859-1; coserr gets the
    original bytes back, so a UTF-8 value reads right."""
    raw = "请求-1".encode("utf-8")
    err = error_from_response(404, b"", {"x-cos-request-id": raw.decode("latin-1")})
    assert err.request_id == "请求-1"
    err = error_from_response(404, b"", {"x-cos-request-id": "请求-2"})  # text of the caller's own
    assert err.request_id == "请求-2"


def test_requests_case_insensitive_dict_is_a_mapping():
    requests = pytest.importorskip("requests")
    headers = requests.structures.CaseInsensitiveDict(
        {"X-Cos-Request-Id": RID, "Server": "tencent-cos", "X-Cos-Trace-Id": TID, "x-ci-request-id": "ci"})
    err = error_from_response(404, b"", headers, "HEAD", URL)
    assert err.get_request_id() == RID and err.get_trace_id() == TID
    assert err.record_bytes() == error_from_response(404, b"", headers, "HEAD", URL, _all_headers=True).record_bytes()


def test_both_ways_of_addressing_header_text_agree(monkeypatch):
    """On CPython the header text's address comes from id() (checked at
    import); elsewhere from a ctypes union. Both give the same records."""
    headers = [("x-cos-request-id", RID), ("x-cos-trace-id", TID), ("x-ci-request-id", "ci")]
    expected = [error_from_response(404, b"", headers[:n], "GET").record_bytes() for n in range(1, 4)]
    monkeypatch.setattr(_headers, "address", _headers.address_union)
    assert [error_from_response(404, b"", headers[:n], "GET").record_bytes() for n in range(1, 4)] == expected
    data = b"coserr"
    assert _headers.address_union(data)[0] == _headers.address_id(data)[0]


def test_only_relevant_headers_reach_the_library_and_change_nothing():
    """The binding hands the C library only the five headers it reads;
    for every body, with noise headers around them, the record is byte for
    byte the one built from all headers."""
    noise = [("Content-Type", "application/xml"), ("x-cos-request-id", RID), ("Date", "x"),
             ("x-cos-trace-id", TID), ("X-Cos-Request-Id", "dup"), ("Server", "tencent-cos"),
             ("x-cos-error-code", "HdrCode"), ("x-ci-request-id", "ci"), ("x-cos-meta-a", "b"),
             ("location", "https://elsewhere/k"), ("Date", "Tue, 09 Apr 2019 03:39:20 GMT"),
             ("X-Cos-Bucket-Region", "ap-guangzhou"), ("x-cos-region", "no")]
    assert [n for n, _ in _headers.select_headers(noise)] == [
        b"x-cos-request-id", b"Date", b"x-cos-trace-id", b"X-Cos-Request-Id", b"x-cos-error-code",
        b"x-ci-request-id", b"location", b"Date", b"X-Cos-Bucket-Region"]
    clock = [("Server", "nginx"), ("Date", "Tue, 09 Apr 2019 03:39:20 GMT"), ("Location", "/x")]
    for status in (200, 302, 404, 503):
        for name in sample_files():
            body = body_of(name)
            for headers in (noise, noise[:6], noise[3:], clock, []):
                a = error_from_response(status, body, headers, "GET", URL)
                b = error_from_response(status, body, headers, "GET", URL, _all_headers=True)
                assert (a is None) == (b is None)
                if a is not None:
                    assert a.record_bytes() == b.record_bytes(), (status, name)


# --- values --------------------------------------------------------------------


def test_fields_and_provenance():
    err = error_from_response(403, body_of("samples/issues_cos-wx-sdk-v5_30_AccessDenied_ServerTime.xml"), {}, "PUT")
    assert err.server_time == "2019-04-09T03:39:20Z"
    assert err.present == Field.CODE | Field.MESSAGE | Field.RESOURCE | Field.REQUEST_ID | Field.TRACE_ID | Field.SERVER_TIME
    assert err.from_header == 0 and err.truncated == 0
    assert err.code_id != 0 and err.code_name == "AccessDenied"
    assert err.category == Category.ACCESS_AUTH and not err.retryable
    assert err.method == "PUT" and err.url is None
    # The member names of the COS SDK's error model.
    assert (err.status_code, err.error_code, err.error_msg, err.resource_location) == (
        403, "AccessDenied", "Access Denied.", err.resource)


def test_unknown_code_keeps_its_text():
    err = error_from_response(400, b"<Error><Code>MadeUpCode</Code></Error>", {})
    assert err.code == "MadeUpCode" and err.code_id == 0 and err.code_name == ""


def test_extras_in_document_order():
    body = body_of("edge/nested_extra_element.xml")
    assert error_from_response(400, body, {}).extras == [("Detail", "Inner")]
    body = body_of("edge/duplicate_code.xml")
    err = error_from_response(400, body, {})
    assert err.code == "First" and err.extras == [("Code", "Second")]
    body = body_of("samples/issues_cos-wx-sdk-v5_25_AccessDenied.xml")
    assert error_from_response(403, body, {}).extras == []
    assert error_from_response(404, b"", {}).extras == []


def test_long_extra_value_is_whole():
    value = "x" * 10000 + "é"
    body = ("<Error><Code>C</Code><StringToSign>%s</StringToSign></Error>" % value).encode()
    assert error_from_response(403, body, {}).extras == [("StringToSign", value)]


def test_extras_around_a_long_one_in_one_pass():
    # A cut extra is read again from where it started; the ones after it follow.
    name = "N" * 300
    value = "v" * 5000 + "\u9875"
    body = (
        "<Error><A>1</A><Code>C</Code><%s>%s</%s><B/><C>&amp;</C></Error>" % (name, value, name)
    ).encode()
    assert error_from_response(400, body, {}).extras == [("A", "1"), (name, value), ("B", ""), ("C", "&")]
    # JSON and non-error bodies have none.
    assert error_from_response(404, b'{"code":"NoSuchKey","message":"m"}', {}).extras == []
    assert error_from_response(502, b"<html>bad gateway</html>", {}).extras == []


def test_entities_and_cdata_decoded():
    err = error_from_response(400, body_of("edge/entities_cdata.xml"), {})
    assert err.message == "bad <arg> & stuff"
    assert err.resource == "b.cos.ap-x.myqcloud.com/a%20b&c"


def test_body_types():
    for body in (ERROR_XML, bytearray(ERROR_XML), memoryview(ERROR_XML), ERROR_XML.decode()):
        assert error_from_response(404, body, None).get_error_code() == "NoSuchKey"
    assert error_from_response(404, None, None).body_status == BodyStatus.EMPTY
    with pytest.raises(TypeError):
        error_from_response(404, 12, None)


def test_status_types_and_range():
    assert error_from_response("404", ERROR_XML, None).status == 404
    with pytest.raises(ValueError):
        error_from_response(-1, ERROR_XML, None)
    with pytest.raises(ValueError):
        error_from_response(1 << 32, ERROR_XML, None)


def test_format_and_json():
    err = error_from_response(404, b"", COS_HEADERS, "HEAD", URL)
    line = err.format()
    assert line.startswith("CosServiceError status=404 ")
    for part in ('code="NoSuchResource"', 'request_id="%s"' % RID, 'trace_id="%s"' % TID):
        assert part in line
    assert "\n" not in line and repr(err) == "CosServiceError(%r)" % line
    digest = json.loads(err.to_json())
    assert digest == {"code": "NoSuchResource", "message": "The Resource You Head Not Exist", "resource": URL,
                      "requestid": RID, "traceid": TID, "status": 404, "kind": "service", "retry": "none"}
    client = error_from_response(502, b"Bad Gateway", {}, "GET")
    assert str(client) == client.format() and "CosClientError status=502" in str(client)
    assert json.loads(client.to_json())["code"] is None


def test_str_is_the_sdks_digest_text():
    err = error_from_response(404, ERROR_XML, {})
    assert str(err) == str(err.get_digest_msg())
    assert err.get_digest_msg() is err.get_digest_msg()


def test_pickle_round_trip():
    for err in (error_from_response(404, ERROR_XML, COS_HEADERS, "GET", URL),
                error_from_response(502, body_of("edge/html_502.html"), COS_HEADERS, "GET", URL)):
        again = pickle.loads(pickle.dumps(err))
        assert type(again) is type(err)
        assert again.record_bytes() == err.record_bytes()
        assert again.get_digest_msg() == err.get_digest_msg() and str(again) == str(err)
        assert again.body == err.body and again.url == URL


def test_sdk_style_constructors():
    err = CosServiceError("GET", ERROR_XML.decode(), 404)
    assert err.get_error_code() == "NoSuchKey" and err.get_status_code() == 404
    err = CosServiceError("PUT", ERROR_XML, 200)  # a 200 Copy answer with <Error>
    assert err.get_error_code() == "NoSuchKey" and err.kind == Kind.SERVICE
    err = CosServiceError("GET", "", 500)
    # A body without its headers: a missing request id proves nothing, so
    # the 500 is transient (as for a body parsed on its own).
    assert err.get_error_code() == "Unknown" and err.retry == "transient" and err.from_cos
    assert err.retryable
    err = CosServiceError("GET", {"x-cos-request-id": RID, "Date": "Tue, 09 Apr 2019 03:39:20 GMT"}, 500)
    assert err.retry == "transient" and err.retryable and err.from_cos
    assert err.clock_skew(1554781160) == datetime.timedelta(0)
    err = CosServiceError("GET", {"x-cos-request-id": RID, "Content-Length": "0"}, 403)  # SDK: res.headers
    assert err.get_request_id() == RID and err.get_error_code() == "Unknown"
    client = CosClientError("HTTPSConnectionPool: Read timed out.")
    assert str(client) == "HTTPSConnectionPool: Read timed out."
    assert client.kind == Kind.CLIENT and client.status == 0
    assert client.get_error_msg() == "HTTPSConnectionPool: Read timed out."
    with pytest.raises(CosClientError):
        raise client
    long = CosClientError("x" * 2000 + "\x00tail")
    assert long.get_error_msg() == long.message == str(long) == "x" * 2000 + "\x00tail"
    again = pickle.loads(pickle.dumps(long))
    assert str(again) == str(long) and again.message == long.message and again.args == long.args


def test_threads_agree():
    bodies = [(name, body_of(name)) for name in sample_files()]
    expected = {}
    for name, body in bodies:
        err = error_from_response(404, body, COS_HEADERS, "GET", URL)
        expected[name] = err.record_bytes() if err else None
    failures = []

    def work():
        for _ in range(30):
            for name, body in bodies:
                err = error_from_response(404, body, COS_HEADERS, "GET", URL)
                if (err.record_bytes() if err else None) != expected[name]:
                    failures.append(name)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures
