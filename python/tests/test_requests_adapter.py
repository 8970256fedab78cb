"""error_from_requests: duck-typed over requests.Response (coserr never
imports requests)."""

import pytest
from conftest import body_of

from coserr import BodyStatus, CosClientError, CosServiceError, error_from_requests

URL = "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/a.txt"


class FakeHeaders(dict):
    """Case-insensitive on lookup, original case on iteration, like requests'."""

    def __getitem__(self, key):
        for k, v in self.items():
            if k.lower() == key.lower():
                return v
        raise KeyError(key)


class FakeRequest:
    def __init__(self, method):
        self.method = method


class FakeResponse:
    """The attributes error_from_requests reads, and nothing else."""

    def __init__(self, status_code, content, headers, method="GET", url=URL):
        self.status_code = status_code
        self.content = content
        self.headers = FakeHeaders(headers)
        self.request = FakeRequest(method) if method else None
        self.url = url


def test_fake_get_404():
    body = body_of("samples/go_Test_IsNotFoundError.xml")
    resp = FakeResponse(404, body, {"Content-Type": "application/xml", "X-Cos-Request-Id": "hdr"})
    err = error_from_requests(resp)
    assert type(err) is CosServiceError
    assert err.get_error_code() == "NoSuchKey" and err.get_status_code() == 404
    assert err.get_request_id() == "NjA3OGY4NGFfNjJkMmMwYl8***"  # the body's wins
    assert err.ids_disagree
    assert err.is_not_found and err.method == "GET" and err.url == URL


def test_fake_head_404_uses_method_and_url():
    resp = FakeResponse(404, b"", {"x-cos-request-id": "rid", "x-cos-trace-id": "tid"}, method="HEAD")
    err = error_from_requests(resp)
    assert err.get_digest_msg() == {
        "code": "NoSuchResource",
        "message": "The Resource You Head Not Exist",
        "resource": URL,
        "requestid": "rid",
        "traceid": "tid",
    }


def test_fake_502_html_is_client_error():
    resp = FakeResponse(502, body_of("edge/html_502.html"), {"Server": "nginx"})
    err = error_from_requests(resp)
    assert type(err) is CosClientError
    assert err.body_status == BodyStatus.MALFORMED
    # No request id: nginx answered, not COS.
    assert err.retry == "switch_domain" and not err.from_cos and not err.retryable
    assert "502 Bad Gateway" in err.message


def test_fake_success_is_none():
    assert error_from_requests(FakeResponse(200, b"", {"x-cos-request-id": "rid"})) is None


def test_fake_without_request_or_url():
    resp = FakeResponse(404, b"", {}, method=None, url=None)
    del resp.url
    err = error_from_requests(resp)
    assert err.get_error_code() == "Unknown"  # not known to be a HEAD
    assert err.resource is None and err.method is None


def test_real_requests_response_object():
    """A real requests.Response, put together by hand (no network)."""
    requests = pytest.importorskip("requests")
    resp = requests.Response()
    resp.status_code = 403
    resp._content = body_of("samples/issues_cos-wx-sdk-v5_25_AccessDenied.xml")
    resp.headers = requests.structures.CaseInsensitiveDict(
        {"Content-Type": "application/xml", "x-cos-request-id": "NWM4MDhmZDJfNzljMDBiMDlfMmRmYzBfMTM2OTNiZA=="}
    )
    resp.request = requests.Request("PUT", URL).prepare()
    resp.url = URL
    err = error_from_requests(resp)
    assert err.get_error_code() == "AccessDenied"
    assert err.method == "PUT"
    assert not err.ids_disagree
    assert err.get_origin_msg() == resp.text
