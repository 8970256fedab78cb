"""coserr.decide: the library's decisions on ANY answer (a redirect, a
success, an error), from the one parse that error_from_response makes.

Expected values are stated by hand from the rules (first that holds:
switch_domain for a 3xx other than 304 or a 5xx without any request id,
clock_skew, throttle, transient, none; an answer that is not an error has
no code, so only the first can apply to it). Unix times were computed by
hand and checked with ``date -u -d @SECONDS``."""

import datetime
import pickle

import pytest
from conftest import body_of, sample_files

import coserr
from coserr import CosClientError, CosServiceError, Decision, decide, decide_from_requests, error_from_response

RID = "NjA3OGY4NGFfNjJkMmMwYl8xMjM0"
URL = "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/dir/key.txt"
BACKUP = "https://examplebucket-1250000000.cos.ap-guangzhou.tencentcos.cn/dir/key.txt"

# RFC 9110's example date. Days to 1994-01-01: 24 years, 6 of them leap
# (1972...1992): 8,766; then Jan-Oct 1994 (304) and 5 days: 9,075 days x
# 86,400 = 784,080,000; + 08:49:37 (31,777 s) = 784,111,777.
# `date -u -d @784111777` -> Sun Nov  6 08:49:37 UTC 1994.
DATE_1994 = "Sun, 06 Nov 1994 08:49:37 GMT"
T_1994 = 784111777


# --- redirects ------------------------------------------------------------------


def test_302_without_any_request_id_switches_domain():
    d = decide(302, b"", {"Location": BACKUP, "Server": "nginx"}, "GET", URL)
    assert type(d) is Decision
    assert d.status == 302
    assert d.retry == "switch_domain" and d.retryable is False
    assert d.from_cos is False
    assert d.location == BACKUP and d.region is None
    assert d.error is None
    assert error_from_response(302, b"", {"Location": BACKUP, "Server": "nginx"}, "GET", URL) is None


@pytest.mark.parametrize(
    "location",
    [
        "https://hijack.example/" + "p/" * 600,  # 1,223 bytes: past the 1,023 the record holds
        "https://hijack.example/a\x00b",  # C stops reading at the NUL
        "https://hijack.example/" + "页" * 400,  # 1,223 bytes of UTF-8
    ],
    ids=["long", "nul", "utf8-long"],
)
def test_redirect_location_is_whole(location):
    d = decide(302, b"", [("location", location)], "GET")
    assert d.location == location
    assert d.retry == "switch_domain" and not d.from_cos and d.error is None
    # The record itself holds a cut copy: the whole value is the header's.
    assert location.encode().startswith(bytes(d._e.location)) and len(bytes(d._e.location)) < len(location.encode())


def test_301_from_cos_is_not_switched():
    headers = {"x-cos-request-id": RID, "Location": "https://b-1250000000.cos.ap-beijing.myqcloud.com/k",
               "x-cos-bucket-region": "ap-beijing"}
    d = decide(301, b"", headers, "GET", URL)
    assert d.retry == "none" and d.from_cos is True and d.retryable is False
    assert (d.location, d.region) == ("https://b-1250000000.cos.ap-beijing.myqcloud.com/k", "ap-beijing")
    assert d.error is None


def test_304_is_never_switched():
    """Not Modified answers a conditional request: not a redirect."""
    d = decide(304, b"", {}, "GET", URL)
    assert d.retry == "none" and d.error is None
    assert d.from_cos is False  # no request id, whatever the status


@pytest.mark.parametrize("status", [300, 301, 302, 303, 305, 307, 308, 399])
def test_every_3xx_but_304_without_an_id_switches(status):
    assert decide(status, b"", {}, "GET").retry == "switch_domain"
    assert decide(status, b"", {"x-ci-request-id": "ci"}, "GET").retry == "none"
    # A RequestId in the body is COS's, even with no header.
    assert decide(status, b"<Error><Code>Moved</Code><RequestId>b</RequestId></Error>", {}).from_cos


def test_2xx_are_never_switched():
    for status in (200, 204, 206):
        d = decide(status, b"", {}, "GET")
        assert d.retry == "none" and not d.from_cos and d.error is None


# --- the clock of a success ------------------------------------------------------


def test_200_with_a_date_knows_the_clock():
    d = decide(200, b"", {"Date": DATE_1994, "x-cos-request-id": RID}, "GET")
    assert d.error is None and d.retry == "none" and d.from_cos
    assert d.clock_skew(T_1994) == datetime.timedelta(0)
    assert d.clock_skew(T_1994 - 30) == datetime.timedelta(seconds=30)
    # The local clock 2 h 0.25 s ahead: the service's is behind.
    assert d.clock_skew(T_1994 + 7200.25) == -datetime.timedelta(hours=2, milliseconds=250)


def test_200_without_a_date_has_no_clock():
    assert decide(200, b"", {"x-cos-request-id": RID}).clock_skew(T_1994) is None
    assert decide(200, b"", {"Date": "Mon, 06 Nov 1994 08:49:37 GMT"}).clock_skew(T_1994) is None  # a Sunday


# --- errors: the same exception, from one parse ------------------------------------------


def test_503_error_is_error_from_responses():
    body = b"<Error><Code>ServiceUnavailable</Code><Message>busy</Message></Error>"
    headers = {"x-cos-request-id": RID, "Date": DATE_1994}
    d = decide(503, body, headers, "PUT", URL)
    err = error_from_response(503, body, headers, "PUT", URL)
    assert type(d.error) is type(err) is CosServiceError
    assert d.error.get_digest_msg() == err.get_digest_msg()
    assert d.error.record_bytes() == err.record_bytes()
    assert d.error.format() == err.format() and d.error.to_json() == err.to_json()
    assert (d.error.method, d.error.url, d.error.body) == ("PUT", URL, body)
    assert d.retry == err.retry == "transient" and d.retryable is err.retryable is True
    assert d.clock_skew(T_1994 - 1) == err.clock_skew(T_1994 - 1) == datetime.timedelta(seconds=1)
    # One parse: the decision and its error read the same record.
    assert d.error._e is d._e


def test_503_without_an_id_and_html_502():
    d = decide(503, b"", {}, "GET")
    assert type(d.error) is CosServiceError and d.retry == d.error.retry == "switch_domain"
    d = decide(502, body_of("edge/html_502.html"), {"Server": "nginx"}, "GET")
    assert type(d.error) is CosClientError and d.retry == "switch_domain" and not d.from_cos


def test_decision_is_read_only_and_pickles():
    d = decide(302, b"", {"Location": "/x" * 800}, "GET")
    for name in ("status", "retry", "retryable", "from_cos", "location", "region", "error"):
        with pytest.raises(AttributeError):
            setattr(d, name, None)
    with pytest.raises(AttributeError):
        d.anything = 1
    again = pickle.loads(pickle.dumps(d))
    assert (again.status, again.retry, again.from_cos, again.location) == (302, "switch_domain", False, "/x" * 800)
    assert "retry='switch_domain'" in repr(d)


# --- decide agrees with error_from_response on every shared body ---------------------------

HEADER_SETS = [
    {},
    {"x-cos-request-id": RID},
    {"x-cos-request-id": RID, "Date": DATE_1994, "Location": "https://b/" + "k" * 1100,
     "x-cos-bucket-region": "ap-\x00chengdu"},
    {"Date": "not a date", "Location": "/moved"},
]
SHARED = ("status", "retry", "retryable", "from_cos", "location", "region")


def test_decide_agrees_with_error_from_response_on_every_sample():
    seen_errors = seen_non_errors = 0
    for name in sample_files():
        body = body_of(name)
        for status in (0, 200, 301, 302, 304, 404, 429, 500, 503):
            for headers in HEADER_SETS:
                d = decide(status, body, headers, "GET", URL)
                err = error_from_response(status, body, headers, "GET", URL)
                where = (name, status, headers)
                if err is None:
                    seen_non_errors += 1
                    assert d.error is None, where
                    assert d.status == status, where
                    assert d.retry in ("none", "switch_domain"), where  # no code, only rule 1
                    continue
                seen_errors += 1
                assert type(d.error) is type(err), where
                assert d.error.record_bytes() == err.record_bytes(), where
                assert d.error.get_digest_msg() == err.get_digest_msg(), where
                for attr in SHARED:
                    assert getattr(d, attr) == getattr(err, attr) == getattr(d.error, attr), (attr, where)
                assert d.clock_skew(T_1994) == err.clock_skew(T_1994), where
                if headers:
                    assert d.location == headers.get("Location") and d.region == headers.get("x-cos-bucket-region")
                if "x-cos-request-id" in headers:
                    assert d.from_cos and d.retry != "switch_domain", where
    # Both paths were exercised (47 bodies, 9 statuses, 4 header sets).
    assert seen_errors > 1000 and seen_non_errors > 100


# --- the requests adapter ------------------------------------------------------------


class _Request:
    method = "GET"


class _Response:
    """The attributes decide_from_requests reads (requests is not imported)."""

    def __init__(self, status_code, content, headers):
        self.status_code, self.content, self.headers = status_code, content, headers
        self.request = _Request()
        self.url = URL


def test_decide_from_requests():
    d = decide_from_requests(_Response(307, b"", {"Location": BACKUP}))
    assert (d.status, d.retry, d.from_cos, d.location, d.error) == (307, "switch_domain", False, BACKUP, None)
    d = decide_from_requests(_Response(404, b"", {"x-cos-request-id": RID}))
    assert d.retry == "none" and d.from_cos and d.error.get_error_code() == "Unknown"
    assert d.error.method == "GET" and d.error.url == URL and d.error.request_id == RID


def test_real_requests_redirect():
    """A real requests.Response of a redirect not followed (allow_redirects=False), put together by hand."""
    requests = pytest.importorskip("requests")
    resp = requests.Response()
    resp.status_code = 302
    resp._content = b""
    resp.headers = requests.structures.CaseInsensitiveDict({"location": BACKUP, "Content-Length": "0"})
    resp.request = requests.Request("GET", URL).prepare()
    resp.url = URL
    assert coserr.error_from_requests(resp) is None
    d = decide_from_requests(resp)
    assert (d.retry, d.from_cos, d.location) == ("switch_domain", False, BACKUP)
