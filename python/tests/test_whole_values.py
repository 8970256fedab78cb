"""Every text is whole: the C record cuts a value at its array's capacity
and at a NUL byte (C reads up to it), with the ``truncated`` bit set; the
Python values are the whole ones, every byte, taken from the library
(coserr_field_value, the spans of the inputs) and never from a parser of
the package's own."""

import ast
import json
import pickle
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import body_of

import coserr
from coserr import BodyStatus, CosClientError, CosServiceError, Field, _whole, error_from_response

URL = "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/dir/key.txt"


# --- body values ------------------------------------------------------------


def test_json_message_with_nul_is_whole():
    body = b'{"code":"AccessDenied","message":"Access\\u0000Denied."}'
    err = error_from_response(403, body, {})
    assert type(err) is CosServiceError
    assert bytes(err._e.message) == b"Access"  # what C sees
    assert err.truncated == Field.MESSAGE
    assert err.message == err.get_error_msg() == "Access\x00Denied."
    assert err.get_digest_msg()["message"] == "Access\x00Denied."
    assert err.code == "AccessDenied"


def test_json_code_with_nul_is_whole():
    err = error_from_response(404, b'{"Code":"No\\u0000SuchKey","RequestId":"r"}', {})
    assert err.code == err.get_error_code() == "No\x00SuchKey"
    assert err.request_id == "r"


def test_field_value_reads_again_what_did_not_fit():
    body = "<Error><Code>C</Code><Message>caf&#xe9; &amp; 页</Message></Error>".encode()
    for cap in (1, 2, 5, 6, 100):
        assert _whole.field_value(body, Field.MESSAGE, cap) == "café & 页"
    assert _whole.field_value(body, Field.CODE, 1) == "C"
    assert _whole.field_value(body, Field.RESOURCE) is None
    assert _whole.field_value(b'{"message":"a\\u0000b"}', Field.MESSAGE, 2) == "a\x00b"


def _long(unit_pairs, size):
    """(encoded, decoded) pieces repeated until the decoded text has at
    least ``size`` UTF-8 bytes."""
    encoded, decoded = "", ""
    while len(decoded.encode("utf-8")) < size:
        for enc, dec in unit_pairs:
            encoded += enc
            decoded += dec
    return encoded, decoded


@pytest.mark.parametrize(
    "pieces",
    [
        [("Please reduce your request rate. ", "Please reduce your request rate. ")],
        [("a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; ", "a & b <c> \"d\" 'e' "), ("&#x9875;&#38;", "\u9875&")],
        [("<![CDATA[x < y & z]]> ", "x < y & z ")],
    ],
    ids=["plain", "entities", "cdata"],
)
def test_long_xml_message_is_whole(pieces):
    encoded, expected = _long(pieces, 3000)
    body = ("<Error><Code>SlowDown</Code><Message>%s</Message><RequestId>r</RequestId></Error>" % encoded).encode()
    err = error_from_response(503, body, {})
    assert err.truncated == Field.MESSAGE
    assert len(bytes(err._e.message)) <= 1023
    assert err.message == err.get_error_msg() == expected
    assert len(err.message.encode("utf-8")) >= 3000
    assert err.get_digest_msg()["message"] == expected
    assert err.code == "SlowDown" and err.request_id == "r" and err.retryable
    assert pickle.loads(pickle.dumps(err)).message == expected


def test_long_json_message_is_whole():
    encoded, expected = _long([("caf\\u00e9 \\\"q\\\" \\n", 'café "q" \n')], 3000)
    body = ('{"Code":"InvalidArgument","Message":"%s","RequestId":"r"}' % encoded).encode()
    err = error_from_response(400, body, {})
    assert err.truncated == Field.MESSAGE
    assert err.message == expected
    assert json.loads(body)["Message"] == expected  # the test's own decoding agrees


def test_large_4kb_message_is_the_xml_parsers():
    """The 1,373-byte Message of bench/large_4KB.xml, whole, as the standard
    library's XML parser reads it (an oracle in the test, never in the package)."""
    body = body_of("bench/large_4KB.xml")
    root = ElementTree.fromstring(body)
    expected = {child.tag: "".join(child.itertext()) for child in root}
    err = error_from_response(403, body, {})
    assert err.truncated & Field.MESSAGE and len(expected["Message"].encode()) > 1023
    tags = {"code": "Code", "message": "Message", "resource": "Resource", "request_id": "RequestId"}
    for attr, tag in tags.items():
        assert getattr(err, attr) == expected[tag], attr


def test_long_resource_and_ids_are_whole():
    resource = "b-1250000000.cos.ap-guangzhou.myqcloud.com/" + "k/" * 700
    rid, tid = "R" * 200, "T" * 400
    body = (
        "<Error><Code>NoSuchKey</Code><Resource>%s</Resource><RequestId>%s</RequestId>"
        "<TraceId>%s</TraceId><ServerTime>%s</ServerTime></Error>" % (resource, rid, tid, "9" * 100)
    ).encode()
    err = error_from_response(404, body, {"x-cos-request-id": rid, "x-cos-trace-id": tid})
    assert err.truncated == Field.RESOURCE | Field.REQUEST_ID | Field.TRACE_ID | Field.SERVER_TIME
    assert (err.resource, err.request_id, err.trace_id, err.server_time) == (resource, rid, tid, "9" * 100)
    assert err.from_header == 0 and not err.ids_disagree


def test_truncation_at_utf8_boundary_and_whole_value():
    message = "页" * 400  # 1200 bytes: over the record's 1023
    body = ("<Error><Code>C</Code><Message>%s</Message></Error>" % message).encode()
    err = error_from_response(400, body, {})
    assert err.truncated == Field.MESSAGE
    raw = bytes(err._e.message)
    assert len(raw) <= 1023 and raw.decode("utf-8") == "页" * (len(raw) // 3)
    assert err.message == message and err.get_error_msg() == message
    assert message[:100] in err.format()


def test_long_header_value_is_whole():
    """The C record cuts a header value to its array (truncated bit set);
    the Python value is the header's, whole."""
    rid = "r" * 300
    err = error_from_response(404, b"", {"x-cos-request-id": rid})
    assert err.truncated == Field.REQUEST_ID
    assert bytes(err._e.request_id) == b"r" * 127
    assert err.request_id == err.get_request_id() == rid
    assert err.get_digest_msg()["requestid"] == rid


@pytest.mark.parametrize(
    "headers, expected",
    [
        # The library's preference holds for long values too.
        ([("x-ci-request-id", "c" * 200), ("x-cos-request-id", "o" * 200)], "o" * 200),
        ([("x-cos-request-id", ""), ("x-ci-request-id", "c" * 200)], "c" * 200),
        ([("x-img-request-id", "i" * 130), ("x-cos-request-id", "first" * 30), ("x-cos-request-id", "2nd")], "first" * 30),
        # A NUL byte: C reads up to it, Python keeps every byte.
        ([("x-cos-request-id", "abc\x00def")], "abc\x00def"),
        # Invalid UTF-8 in a long value: U+FFFD for it, as the library reads it.
        ([(b"x-cos-request-id", b"\xff" + b"r" * 200 + b"\xe9")], "\ufffd" + "r" * 200 + "\ufffd"),
        # UTF-8 bytes handed over as ISO-8859-1 text, as http.client does.
        ([("x-cos-request-id", ("请求" * 40).encode("utf-8").decode("latin-1"))], "请求" * 40),
    ],
)
def test_header_values_are_whole(headers, expected):
    err = error_from_response(404, b"", headers, "GET")
    assert err.truncated & Field.REQUEST_ID and err.from_header & Field.REQUEST_ID
    assert err.request_id == expected
    # The record holds what C reads: the start of the value, cut.
    assert expected.startswith(bytes(err._e.request_id).decode("utf-8"))
    assert pickle.loads(pickle.dumps(err)).request_id == expected


@pytest.mark.parametrize(
    "headers, url, attr",
    [
        ([("x-cos-request-id", "\x00rid")], None, "request_id"),
        ([("X-Cos-Request-Id", ""), ("x-img-request-id", "\x00img")], None, "request_id"),
        ([("Location", ""), ("location", "\x00/second")], None, "location"),
        ([("x-cos-trace-id", "\x00")], None, "trace_id"),
        ([("x-cos-error-code", "\x00Code")], None, "code"),
        ([("Location", "\x00/elsewhere")], None, "location"),
        ([("x-cos-bucket-region", "\x00ap-beijing")], None, "region"),
        ([], "\x00" + URL, "resource"),
    ],
)
def test_values_starting_with_nul_are_whole(headers, url, attr):
    """A value cut to nothing (a NUL byte first) has no span of its own: it
    is still the header (or URL) the library took, whole."""
    err = error_from_response(404, b"", headers, "GET", url)
    bit = getattr(Field, attr.upper())
    assert err.present & err.truncated & err.from_header & bit
    assert bytes(getattr(err._e, attr)) == b""
    expected = url if url else next(v for _, v in headers if v)
    assert getattr(err, attr) == expected
    assert getattr(pickle.loads(pickle.dumps(err)), attr) == expected


def test_long_url_and_trace_id_are_whole():
    url = URL + "?" + "q=%E9%A1%B5&" * 200
    tid = "t\x00" * 200
    err = error_from_response(403, b"", {"x-cos-trace-id": tid}, "PUT", url)
    assert err.truncated == err.from_header == Field.RESOURCE | Field.TRACE_ID
    assert err.resource == err.get_resource_location() == url
    assert err.trace_id == tid
    # A body value wins over the header: it is the body's, whole or not.
    body = b"<Error><Code>C</Code><TraceId>body-tid</TraceId></Error>"
    err = error_from_response(403, body, {"x-cos-trace-id": tid}, "PUT", url)
    assert err.trace_id == "body-tid" and err.ids_disagree and err.resource == url


def test_sdk_dict_values_are_whole():
    info = {"code": "C" * 100, "message": "m\x00" * 600, "requestid": "r" * 200, "resource": "u" * 1100}
    err = CosServiceError("HEAD", info, 404)
    assert err.truncated == Field.CODE | Field.MESSAGE | Field.REQUEST_ID | Field.RESOURCE
    assert (err.code, err.message, err.request_id, err.resource) == (
        info["code"], info["message"], info["requestid"], info["resource"])
    assert err.get_digest_msg() == {"code": info["code"], "message": info["message"], "resource": info["resource"],
                                    "requestid": info["requestid"], "traceid": "Unknown"}


def test_body_with_nul_bytes_is_not_cut():
    err = error_from_response(500, b"bin\x00ary\xff", {})
    assert type(err) is CosClientError and err.body_status == BodyStatus.NOT_XML
    assert err.message == "bin\x00ary\ufffd"




# --- the body as the message --------------------------------------------------


def test_long_client_error_message_is_the_whole_body():
    body = ("<html><body>" + "Bad Gateway \u9875 " * 300 + "</html>").encode() + b"\xff"
    err = error_from_response(502, body, {}, "GET")
    assert type(err) is CosClientError and err.body_status == BodyStatus.MALFORMED
    assert err.truncated == Field.MESSAGE
    assert err.message == err.get_error_msg() == body.decode("utf-8", "replace")
    # Invalid bytes, each a U+FFFD: the text is longer than the body.
    body = b"Service Unavailable " + b"\xff" * 600
    err = error_from_response(503, body, {})
    assert type(err) is CosClientError and err.body_status == BodyStatus.NOT_XML
    assert err.message == "Service Unavailable " + "\ufffd" * 600
    # A well-formed document that is not an error one (a body-only parse
    # finds no message in it): its text.
    body = ("<ListBucketResult>" + "<Key>k</Key>" * 300 + "</ListBucketResult>").encode()
    err = error_from_response(400, body, {}, "GET")
    assert type(err) is CosClientError and err.body_status == BodyStatus.NOT_ERROR_DOC
    assert err.truncated == Field.MESSAGE and err.message == body.decode()


def test_error_code_header_with_long_text_body():
    """With x-cos-error-code and a body without a message of its own, the
    message is the body's text, whole."""
    body = b"vector bucket busy; " * 100
    err = error_from_response(409, body, {"x-cos-error-code": "ConflictingOperation"}, "POST")
    assert err.code == "ConflictingOperation" and err.from_header == Field.CODE
    assert err.truncated == Field.MESSAGE
    assert err.message == body.decode()
    # JSON without a message: its text.
    body = ('{"detail":"%s"}' % ("d" * 1500)).encode()
    err = error_from_response(409, body, {"x-cos-error-code": "ConflictingOperation"}, "POST")
    assert err.truncated == Field.MESSAGE and err.message == body.decode()
    # A JSON body's own message wins, whole.
    message = "index not found: " + "x" * 2000
    body = ('{"message":"%s","requestId":"vb-rid"}' % message).encode()
    err = error_from_response(400, body, {"x-cos-error-code": "NoSuchIndex"}, "POST")
    assert err.message == message and err.request_id == "vb-rid"


# --- no parser of the package's own -------------------------------------------

PACKAGE = Path(coserr.__file__).resolve().parent
# What the package may import: ctypes and the standard library's plumbing
# (time and datetime for the local clock and the skew's timedelta: the dates
# themselves are parsed by the library); for instrument(): threading,
# functools, inspect, and the SDK's exception classes (qcloud_cos, imported
# when instrument is called).
ALLOWED_IMPORTS = {
    "ctypes", "datetime", "enum", "functools", "importlib", "inspect", "os", "platform",
    "qcloud_cos", "struct", "sys", "threading", "time",
}


def test_package_imports_no_parser():
    """Every value comes from the C library: the package imports no XML,
    JSON, date or other parser (xml.etree, json, re, email.utils...), and
    names none."""
    sources = sorted(PACKAGE.glob("*.py"))
    assert len(sources) >= 5
    for path in sources:
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [] if node.level else [node.module]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in ALLOWED_IMPORTS, (path.name, name)
        for word in ("xml.etree", "ElementTree", "minidom", "import json", "json.loads", "__import__",
                     "strptime", "fromisoformat", "parsedate", "email.utils"):
            assert word not in source, (path.name, word)
