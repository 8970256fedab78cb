"""coserr against the REAL COS Python SDK (cos-python-sdk-v5, from PyPI).

For every body in shared/cos/{samples,edge,bench}, the SDK's own
``CosServiceError(method, body, status)`` is built next to coserr's
``error_from_response(status, body, headers, method)``:

* where the SDK produces a dict digest, coserr's ``get_digest_msg()``, every
  getter and ``str(e)`` must be equal to the SDK's;
* where the SDK fails (its digest is the string "Response Error Msg Is
  INVALID" and every getter answers "Unknown", or its getters raise
  KeyError) or reads the body differently, the table below states what the
  SDK does, what coserr returns instead, and why that is better (the rules
  are in docs/semantics.md).

The SDK's constructor does not look at the status, so every body goes
through with 400: the ``status >= 400`` rows of the decision table. The
statuses each body really came with are tested in test_response.py.
"""

import pytest
from conftest import body_of, sample_files
from qcloud_cos.cos_exception import CosServiceError as SdkServiceError

import coserr
from coserr import BodyStatus, CosClientError, CosServiceError, Field

STATUS = 400
METHOD = "GET"
SDK_INVALID = "Response Error Msg Is INVALID"

GETTERS = (
    "get_error_code",
    "get_error_msg",
    "get_resource_location",
    "get_request_id",
    "get_trace_id",
    "get_status_code",
    "get_origin_msg",
)

FIELDS = ("code", "message", "resource", "request_id", "trace_id")
SDK_GETTER = {
    "code": "get_error_code",
    "message": "get_error_msg",
    "resource": "get_resource_location",
    "request_id": "get_request_id",
    "trace_id": "get_trace_id",
}


def sdk_text(body):
    """What the SDK is given: ``res.text``. requests decodes these bodies as
    UTF-8; the one Latin-1 file is decoded as requests would guess it."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("latin-1")


def sdk_error(body):
    return SdkServiceError(METHOD, sdk_text(body), STATUS)


def ours(body):
    err = coserr.error_from_response(STATUS, body, {}, METHOD)
    assert err is not None, "a >= 400 response is always an error"
    return err


def sdk_getter(err, name):
    """The SDK getter's answer, or the exception it raises."""
    try:
        return getattr(err, name)()
    except Exception as exc:  # KeyError on a JSON digest without the key
        return type(exc).__name__


# What coserr returns where the SDK does not produce the COS digest.
#   sdk:    what the SDK does with the body (asserted, so a new SDK release
#           that changes it makes this test say so);
#   kind:   coserr's class; body_status: its verdict;
#   fields: coserr's values (None = absent, "" = present and empty);
#   why:    why coserr's answer is the better one.
NOT_SDK_DIGEST = {
    # --- samples/ ---------------------------------------------------------
    "samples/awsrust_rest_xml_unwrapped_errors_parse_unwrapped_error.xml": dict(
        sdk="invalid",
        kind=CosServiceError,
        body_status=BodyStatus.OK,
        fields=dict(code="InvalidGreeting", message="Hi", resource=None, request_id="foo-id", trace_id=None),
        extras=[("Type", "Sender"), ("AnotherSetting", "setting")],
        why="No <Resource>: the SDK's digest_xml hits IndexError and drops every "
        "field, the request id included; coserr keeps each field it finds and "
        "the unknown children as extras.",
    ),
    "samples/c_test_cos_status_parse_from_body_400_mismatched_close.xml": dict(
        sdk="invalid",
        kind=CosClientError,
        body_status=BodyStatus.MALFORMED,
        fields=dict(code=None, resource=None, request_id=None, trace_id=None),
        message_is_body=True,
        why="Not well-formed XML (the C SDK's test expects UnknownError): coserr "
        "raises CosClientError (the data the server returned could not be parsed), "
        "keeps the status and the body as the message, and says where it broke "
        "(body_offset).",
    ),
    "samples/c_test_cos_status_parse_from_body_400_wrong_root.xml": dict(
        sdk="invalid",
        kind=CosClientError,
        body_status=BodyStatus.NOT_ERROR_DOC,
        fields=dict(code=None, resource=None, request_id=None, trace_id=None),
        message_is_body=True,
        why="Well-formed but not an error document: a client error that keeps "
        "the body, not a service error with 'Unknown' everywhere.",
    ),
    "samples/cpp_BucketRespTest_BucketDomainTest.xml": dict(
        sdk="invalid",
        kind=CosServiceError,
        body_status=BodyStatus.OK,
        fields=dict(code="Code", message="Message", resource=None, request_id="RequestId", trace_id="TraceId"),
        why="No <Resource>: the SDK loses code, message, request id and trace id; "
        "coserr loses nothing.",
    ),
    "samples/cpp_ObjectRespTest_ObjectTest_DeleteResult.xml": dict(
        sdk="invalid",
        kind=CosClientError,
        body_status=BodyStatus.NOT_ERROR_DOC,
        fields=dict(code=None, resource=None, request_id=None, trace_id=None),
        message_is_body=True,
        why="A DeleteResult (per-key <Error> nested inside) is a result "
        "document, not an error answer: coserr does not take a nested key's "
        "error for the response's (the root must be Error).",
    ),
    "samples/go_TestObjectService_CompleteMultipartUpload_200NonXML_html_error_page.html": dict(
        sdk="invalid",
        kind=CosClientError,
        body_status=BodyStatus.NOT_ERROR_DOC,
        fields=dict(code=None, message="<html><body>Bad Gateway</body></html>"),
        why="An HTML page from a proxy: a client error whose message is the page.",
    ),
    "samples/go_TestObjectService_CompleteMultipartUpload_200NonXML_plain_text_body.txt": dict(
        sdk="invalid",
        kind=CosClientError,
        body_status=BodyStatus.NOT_XML,
        fields=dict(code=None, message="Internal Server Error"),
        why="Plain text: a client error whose message is the text, not 'Unknown'.",
    ),
    "samples/go_TestObjectService_CompleteMultipartUpload_200NonXML_xml_error_embedded_in_200.xml": dict(
        sdk="invalid",
        kind=CosServiceError,
        body_status=BodyStatus.OK,
        fields=dict(code="InternalError", message="We encountered an internal error.", resource=None, request_id=None),
        retryable=True,
        why="No Resource/RequestId: the SDK drops the code, so a retryable "
        "InternalError cannot be told from anything else; coserr keeps it and "
        "marks it retryable.",
    ),
    "samples/go_TestObjectService_CompleteMultipartUpload_HTTPError.xml": dict(
        sdk="invalid",
        kind=CosServiceError,
        body_status=BodyStatus.OK,
        fields=dict(code="InternalError", message="server error", resource=None, request_id=None),
        retryable=True,
        why="As above: code and message kept, retryable.",
    ),
    "samples/go_TestObjectService_Copy_returnErr.xml": dict(
        sdk="invalid",
        kind=CosServiceError,
        body_status=BodyStatus.OK,
        fields=dict(code="ErrorRequest", message="Error Request", resource=None),
        why="No Resource/RequestId: the SDK drops code and message.",
    ),
    "samples/go_Test_CheckReponse_json.json": dict(
        sdk={"code": 404, "message": "404 NotFound", "request_id": "requestid"},
        sdk_getters={"get_error_code": 404, "get_request_id": "KeyError", "get_trace_id": "KeyError"},
        kind=CosServiceError,
        body_status=BodyStatus.OK,
        fields=dict(code="404", message="404 NotFound", resource=None, request_id="requestid", trace_id=None),
        why="The SDK hands back the raw JSON object: its code is an int and "
        "get_request_id() raises KeyError ('request_id' is not 'requestid'). "
        "coserr matches keys case- and separator-insensitively and gives text "
        "(request_id, requestId and RequestId are one key), so the request id is found.",
    ),
    "samples/issues_PicGo_638_SignatureDoesNotMatch_StringToSign_FormatString_TRUNCATED.xml": dict(
        sdk="invalid",
        kind=CosClientError,
        body_status=BodyStatus.MALFORMED,
        partial=True,
        fields=dict(
            code="SignatureDoesNotMatch",
            resource="o2-00000000.cos.ap-beijing.myqcloud.com/imagesresume-zh+en_页面_1.png",
            request_id="NjA0NGFjMmFfZTViOTJhMDlfMjA0NDlfNzU0MzM4NQ==",
            trace_id=None,
        ),
        message_is_body=True,
        why="A body cut off at <TraceId>: the SDK keeps nothing; coserr keeps "
        "the code, resource and request id completed before the cut (PARTIAL), "
        "and the whole body as the message.",
    ),
    "samples/issues_PicGo_868_403_plaintext_nonxml.txt": dict(
        sdk="invalid",
        kind=CosClientError,
        body_status=BodyStatus.NOT_XML,
        fields=dict(code=None),
        message_is_body=True,
        why="A plain-text 403: the message says what happened; the SDK says 'Unknown'.",
    ),
    "samples/issues_mozillazg-go-cos_2_SignatureDoesNotMatch_empty_elements.xml": dict(
        sdk="invalid",
        kind=CosServiceError,
        body_status=BodyStatus.OK,
        fields=dict(
            code="SignatureDoesNotMatch",
            message="The Signature you specified is invalid.",
            resource="",
            request_id="",
            trace_id="",
        ),
        why="Empty <Resource/RequestId/TraceId>: the SDK drops the code too; "
        "coserr keeps code and message, and tells present-and-empty from absent "
        "(the getters say 'Unknown' for both, as the SDK's would).",
    ),
    "samples/java_XmlResponsesSaxParser_CompleteMultipartUploadHandler_javadoc.xml": dict(
        sdk="invalid",
        kind=CosServiceError,
        body_status=BodyStatus.OK,
        fields=dict(
            code="InternalError",
            message="We encountered an internal error. Please try again.",
            resource=None,
            request_id="656c76696e6727732072657175657374",
            trace_id=None,
        ),
        extras=[("HostId", "Uuag1LuByRx9e6j5Onimru9pO4ZVKnJ2Qz7/C1NPcfTWAtRPfTaOFg==")],
        retryable=True,
        why="No Resource: the SDK loses the request id; coserr keeps it and HostId.",
    ),
    "samples/python_test_cos_exception_unknow.xml": dict(
        sdk="invalid",
        kind=CosServiceError,
        body_status=BodyStatus.OK,
        fields=dict(code=None, message=None, resource=None, request_id=None, trace_id=None),
        why="<Error></Error> (the SDK's own test_cos_exception_unknow): the "
        "getters answer 'Unknown' as the SDK's do; get_digest_msg() is still a "
        "dict (of 'Unknown'), so code indexing it never breaks.",
    ),
    # --- edge/ ------------------------------------------------------------
    "edge/doctype_entity.xml": dict(
        sdk={"code": "EXPANDED", "message": "m", "resource": "r", "requestid": "req1", "traceid": "t1"},
        kind=CosClientError,
        body_status=BodyStatus.MALFORMED,
        fields=dict(code=None, request_id=None),
        message_is_body=True,
        why="The SDK (minidom) expands an entity the body defines itself. COS "
        "never sends a DOCTYPE; coserr, like roxmltree, rejects it, "
        "so no body can define what a field says or blow up in expansion.",
    ),
    "edge/empty.txt": dict(
        sdk="invalid",
        kind=CosServiceError,
        body_status=BodyStatus.EMPTY,
        fields=dict(code=None, message=None, request_id=None),
        why="An error without a body (every HEAD): a service error whose ids "
        "come from the headers (none here); see test_response.py.",
    ),
    "edge/whitespace_only.txt": dict(
        sdk="invalid",
        kind=CosServiceError,
        body_status=BodyStatus.EMPTY,
        fields=dict(code=None, message=None, request_id=None),
        why="Whitespace is an empty body.",
    ),
    "edge/html_502.html": dict(
        sdk="invalid",
        kind=CosClientError,
        body_status=BodyStatus.MALFORMED,
        fields=dict(code=None, retry="switch_domain", from_cos=False),
        message_is_body=True,
        why="nginx's 502 page: a client error, message = the page; without any "
        "request id it did not come from COS, so the answer is to switch to the "
        "backup domain, not to retry the same host.",
        status=502,
    ),
    "edge/json_ci_error.json": dict(
        sdk={"code": "InvalidArgument", "message": "bad", "request_id": "r1"},
        sdk_getters={"get_request_id": "KeyError", "get_resource_location": "KeyError"},
        kind=CosServiceError,
        body_status=BodyStatus.OK,
        fields=dict(code="InvalidArgument", message="bad", resource=None, request_id="r1", trace_id=None),
        why="The SDK's get_request_id() raises KeyError on 'request_id'; coserr finds it.",
    ),
    "edge/leading_whitespace_keepalive_then_error.xml": dict(
        sdk="invalid",
        kind=CosServiceError,
        body_status=BodyStatus.OK,
        fields=dict(
            code="InternalError",
            message="We encountered an internal error. Please try again.",
            resource="b-1250000000.cos.ap-guangzhou.myqcloud.com/k",
            request_id="req1",
            trace_id="t1",
        ),
        retryable=True,
        why="COS writes spaces before the XML declaration to keep a "
        "CompleteMultipartUpload alive; minidom rejects them, coserr skips them "
        "(leading ASCII whitespace is not part of the document).",
    ),
    "edge/leading_whitespace_keepalive_then_result.xml": dict(
        sdk="invalid",
        kind=CosClientError,
        body_status=BodyStatus.NOT_ERROR_DOC,
        fields=dict(code=None),
        message_is_body=True,
        why="A result document: with an error status a client error (with a "
        "200 it is not an error at all, see test_response.py).",
    ),
    "edge/missing_resource.xml": dict(
        sdk="invalid",
        kind=CosServiceError,
        body_status=BodyStatus.OK,
        fields=dict(code="InternalError", resource=None, request_id="req1", trace_id=None),
        retryable=True,
        why="No Resource: the SDK loses the request id.",
    ),
    "edge/namespaced_prefixed.xml": dict(
        sdk="invalid",
        kind=CosServiceError,
        body_status=BodyStatus.OK,
        fields=dict(code="NoSuchBucket", message="m", resource="r", request_id="req1", trace_id=None),
        why="minidom's getElementsByTagName('Code') does not match <s3:Code>; "
        "coserr matches local names, ignoring the prefix.",
    ),
    "edge/non_utf8_latin1.xml": dict(
        sdk={"code": "InvalidArgument", "message": "café", "resource": "r", "requestid": "req1", "traceid": "t1"},
        kind=CosClientError,
        body_status=BodyStatus.MALFORMED,
        partial=True,
        fields=dict(code="InvalidArgument"),
        message_is_body=True,
        why="Latin-1 bytes in a document without an encoding declaration are "
        "not XML (it must be UTF-8); the SDK only reads them because requests "
        "guessed the charset. coserr does not guess: it keeps the code read "
        "before the bad byte (PARTIAL) and the body as the message (U+FFFD "
        "for the bad byte).",
    ),
    "edge/self_closing_message.xml": dict(
        sdk="invalid",
        kind=CosServiceError,
        body_status=BodyStatus.OK,
        fields=dict(code="AccessDenied", message="", resource="r", request_id="req1", trace_id="t1"),
        why="<Message/> makes the SDK drop everything; coserr has it present and empty.",
    ),
    "edge/truncated_after_code.xml": dict(
        sdk="invalid",
        kind=CosClientError,
        body_status=BodyStatus.MALFORMED,
        partial=True,
        fields=dict(code="SlowDown", request_id=None),
        message_is_body=True,
        retryable=True,
        why="A cut body: coserr keeps the code (SlowDown, so retryable) that the SDK loses.",
    ),
    "edge/truncated_mid_element.xml": dict(
        sdk="invalid",
        kind=CosClientError,
        body_status=BodyStatus.MALFORMED,
        partial=True,
        fields=dict(code="NoSuchKey", resource="examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/a", request_id=None),
        message_is_body=True,
        why="Cut inside <RequestId>: code and resource kept, the cut request id is not made up.",
    ),
    # --- bench/ -----------------------------------------------------------
    "bench/cdata_attrs_2KB.xml": dict(
        sdk="invalid",
        kind=CosServiceError,
        body_status=BodyStatus.OK,
        fields=dict(
            code="InvalidArgument",
            message='Template "tpl-<watermark>" is invalid: the text & font settings of layer 3 do not fit the canvas',
            resource=None,
            request_id="NjFiMTg0MDBfZTViOTJhMDlfMjA0NDlfNzU0MzM4NQ==",
        ),
        # Each <Layer>'s text: its <Name>, then its <Check> (widths 200 + 7i px).
        extras=[("Layer", "layer-%dwidth %dpx > canvas 640px" % (i, 200 + 7 * i)) for i in range(12)],
        why="A CI error relayed by a gateway (namespace, attributes, CDATA, no "
        "Resource): the SDK's digest_xml hits IndexError and drops every field; "
        "coserr keeps code, the CDATA message, the ids and the layers as extras.",
    ),
    "bench/minimal_140B.xml": dict(
        sdk="invalid",
        kind=CosServiceError,
        body_status=BodyStatus.OK,
        fields=dict(
            code="AccessDenied",
            message="Access Denied.",
            resource=None,
            request_id="NjQ5ZjQ1ZTJfOTg0ZjFlMDlfMTk0YWZfMWI5ZTI5Ng==",
            trace_id=None,
        ),
        why="The shortest real COS error (no Resource, no TraceId): the SDK "
        "loses the request id, coserr keeps it.",
    ),
}

ALL = sample_files()
SDK_DIGEST = [f for f in ALL if f not in NOT_SDK_DIGEST]


def test_every_body_is_classified():
    """Each body is either compared with the SDK or listed with a reason."""
    assert set(NOT_SDK_DIGEST) <= set(ALL), set(NOT_SDK_DIGEST) - set(ALL)
    assert len(ALL) >= 40
    assert len(SDK_DIGEST) >= 15


@pytest.mark.parametrize("name", SDK_DIGEST)
def test_equal_to_sdk_where_the_sdk_digests(name):
    body = body_of(name)
    sdk = sdk_error(body)
    digest = sdk.get_digest_msg()
    assert isinstance(digest, dict) and set(digest) == {"code", "message", "resource", "requestid", "traceid"}, (
        "the SDK no longer digests %s: move it to NOT_SDK_DIGEST" % name
    )
    err = ours(body)
    assert isinstance(err, CosServiceError)
    assert err.get_digest_msg() == digest
    for getter in GETTERS:
        assert getattr(err, getter)() == getattr(sdk, getter)(), getter
    assert str(err) == str(sdk)
    # The SDK-style constructor gives the same answers.
    same = CosServiceError(METHOD, sdk_text(body), STATUS)
    assert same.get_digest_msg() == digest
    assert str(same) == str(sdk)
    for getter in GETTERS:
        assert getattr(same, getter)() == getattr(sdk, getter)(), getter


@pytest.mark.parametrize("name", sorted(NOT_SDK_DIGEST))
def test_better_than_sdk_where_it_fails(name):
    case = NOT_SDK_DIGEST[name]
    assert case["why"]
    body = body_of(name)
    status = case.get("status", STATUS)

    # What the SDK does (so a change in a new SDK release shows up here).
    sdk = SdkServiceError(METHOD, sdk_text(body), status)
    if case["sdk"] == "invalid":
        assert sdk.get_digest_msg() == SDK_INVALID
        for getter in ("get_error_code", "get_error_msg", "get_request_id", "get_trace_id"):
            assert getattr(sdk, getter)() == "Unknown"
    else:
        assert sdk.get_digest_msg() == case["sdk"]
        for getter, value in case.get("sdk_getters", {}).items():
            assert sdk_getter(sdk, getter) == value, getter

    # What coserr returns instead.
    err = coserr.error_from_response(status, body, {}, METHOD)
    assert type(err) is case["kind"]
    assert err.body_status == case["body_status"]
    assert err.get_status_code() == status
    assert err.get_origin_msg() == body.decode("utf-8", "replace")
    for field, expected in case["fields"].items():
        assert getattr(err, field) == expected, field
        if field in SDK_GETTER:
            assert getattr(err, SDK_GETTER[field])() == (expected or "Unknown"), field
    if case.get("message_is_body"):
        assert err.message == body.decode("utf-8", "replace")
        assert err.get_error_msg() == err.message
    if "extras" in case:
        assert err.extras == case["extras"]
    assert err.partial == case.get("partial", False)
    assert err.retryable == case.get("retryable", False)
    if err.body_status == BodyStatus.MALFORMED:
        assert 0 < err.body_offset <= len(body)
    # The digest is always a dict with the SDK's keys, never a string.
    digest = err.get_digest_msg()
    assert list(digest) == ["code", "message", "resource", "requestid", "traceid"]
    assert all(isinstance(v, str) and v for v in digest.values())
    # Whatever the body, the one-line display carries status, code, message,
    # request id and trace id.
    line = err.format()
    for key in ("status=%d" % status, "code=", "message=", "request_id=", "trace_id="):
        assert key in line


def test_sdk_head_404_dict_is_reproduced():
    """The SDK builds HEAD 404 errors from a dict; coserr's response path
    gives the same digest, and the SDK-style constructor accepts the dict."""
    url = "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/k"
    info = {
        "code": "NoSuchResource",
        "message": "The Resource You Head Not Exist",
        "resource": url,
        "requestid": "req-1",
        "traceid": "trace-1",
    }
    sdk = SdkServiceError("HEAD", info, 404)
    err = coserr.error_from_response(
        404, b"", {"x-cos-request-id": "req-1", "x-cos-trace-id": "trace-1"}, "HEAD", url
    )
    assert err.get_digest_msg() == sdk.get_digest_msg()
    assert str(err) == str(sdk)
    for getter in GETTERS:
        assert getattr(err, getter)() == getattr(sdk, getter)(), getter
    same = CosServiceError("HEAD", info, 404)
    assert same.get_digest_msg() == sdk.get_digest_msg()
    assert same.present == Field.CODE | Field.MESSAGE | Field.RESOURCE | Field.REQUEST_ID | Field.TRACE_ID
    assert same.category == coserr.Category.NOT_FOUND


def test_sdk_head_404_without_trace_header():
    """Without x-cos-trace-id the SDK's dict has no 'traceid' and its
    get_trace_id() raises KeyError; coserr answers 'Unknown'."""
    info = {"code": "NoSuchResource", "message": "The Resource You Head Not Exist", "resource": "u", "requestid": "r"}
    sdk = SdkServiceError("HEAD", info, 404)
    assert sdk_getter(sdk, "get_trace_id") == "KeyError"
    err = coserr.error_from_response(404, b"", [("x-cos-request-id", "r")], "HEAD", "u")
    assert err.get_trace_id() == "Unknown"
    assert err.trace_id is None
    assert err.get_request_id() == "r"


def test_large_values_are_whole_like_the_sdks():
    """The C record caps Message and Resource at 1023 bytes (truncated bit
    set); the Python getters give the whole value again, as the SDK does."""
    body = body_of("bench/large_4KB.xml")
    err = ours(body)
    assert err.truncated & Field.MESSAGE and err.truncated & Field.RESOURCE
    sdk = sdk_error(body)
    assert err.get_error_msg() == sdk.get_error_msg()
    assert len(err.get_error_msg().encode()) > 1023
    assert err.message == sdk.get_error_msg()
    assert err.resource == sdk.get_resource_location()


# --- the backup-domain rule against the SDK's should_switch_domain ----------------

SWITCH_URL = "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/k"

# (headers, body, what the SDK says, what coserr says, why they differ)
SWITCH_CASES = [
    ({"x-cos-request-id": "rid"}, b"", False, False, None),
    ({"X-Cos-Request-Id": "rid"}, b"", False, False, None),
    ({}, b"", True, True, None),
    ({"Server": "nginx"}, body_of("edge/html_502.html"), True, True, None),
    ({"x-ci-request-id": "ci"}, b"", True, False,
     "the CI and image services' request ids are COS's too: the answer came from COS"),
    ({"x-img-request-id": "img"}, b"", True, False, "as above"),
    ({"x-cos-request-id": ""}, b"", False, True, "an empty id is no id (the SDK only asks whether the header is there)"),
    ({}, b"<Error><Code>InternalError</Code><RequestId>body</RequestId></Error>", True, False,
     "a RequestId in the body is COS's: the SDK reads headers only"),
]


@pytest.mark.parametrize("status", [500, 502, 503])
@pytest.mark.parametrize("case", SWITCH_CASES, ids=[str(i) for i in range(len(SWITCH_CASES))])
def test_switch_domain_against_sdk(status, case):
    """For a 5xx the SDK retries, and on its last try switches to the backup
    domain when ``should_switch_domain`` says so (with AutoSwitchDomainOnRetry
    on and a myqcloud.com bucket host); coserr says ``retry ==
    "switch_domain"``. They agree except where a case says why."""
    from qcloud_cos import CosConfig, CosS3Client
    from requests.structures import CaseInsensitiveDict

    headers, body, sdk_switch, coserr_switch, why = case
    client = CosS3Client(CosConfig(Region="ap-guangzhou", SecretId="id", SecretKey="key",
                                   AutoSwitchDomainOnRetry=True))
    assert client.should_switch_domain(SWITCH_URL, CaseInsensitiveDict(headers)) is sdk_switch
    err = coserr.error_from_response(status, body, headers, METHOD, SWITCH_URL)
    assert (err.retry == "switch_domain") is coserr_switch
    assert err.from_cos is not coserr_switch
    assert (sdk_switch == coserr_switch) is (why is None)


# The 3xx the SDK's send_request switches on (301, 302, 307; it takes every
# other answer below 400 as a success), and the reason coserr differs on the rest.
SDK_SWITCHED_3XX = (301, 302, 307)
WHY_3XX = {
    300: "any 3xx without a request id did not come from COS (a proxy, a hijacked domain); "
         "the SDK lists only the redirects it expects from COS",
    303: "as for 300",
    305: "as for 300",
    308: "as for 300 (308 is 301's method-keeping twin, newer than the SDK's list)",
}


@pytest.mark.parametrize("status", [300, 301, 302, 303, 304, 305, 307, 308])
@pytest.mark.parametrize("case", SWITCH_CASES, ids=[str(i) for i in range(len(SWITCH_CASES))])
def test_switch_domain_against_sdk_on_3xx(status, case):
    """For a 301/302/307 the SDK's send_request switches to the backup
    domain (while tries remain) when ``should_switch_domain`` says so, and
    returns any other answer below 400 as it is. coserr decides on any
    3xx but 304 by ``coserr.decide`` (a redirect is not an error, so
    error_from_response gives None for it). They agree except where the
    status or the case says why."""
    from qcloud_cos import CosConfig, CosS3Client
    from requests.structures import CaseInsensitiveDict

    headers, body, sdk_no_id, coserr_no_id, why_case = case
    client = CosS3Client(CosConfig(Region="ap-guangzhou", SecretId="id", SecretKey="key",
                                   AutoSwitchDomainOnRetry=True))
    sdk_switch = status in SDK_SWITCHED_3XX and client.should_switch_domain(SWITCH_URL, CaseInsensitiveDict(headers))
    assert sdk_switch is (status in SDK_SWITCHED_3XX and sdk_no_id)
    d = coserr.decide(status, body, headers, METHOD, SWITCH_URL)
    coserr_switch = status != 304 and coserr_no_id
    assert (d.retry == "switch_domain") is coserr_switch
    assert d.from_cos is not coserr_no_id  # judged whatever the status
    # They differ exactly where the status (the SDK never switches on it)
    # or the case (the SDK's id test) says why.
    if status in SDK_SWITCHED_3XX:
        why = why_case
    else:
        why = WHY_3XX.get(status) if coserr_no_id else None
    assert (sdk_switch == coserr_switch) is (why is None)
