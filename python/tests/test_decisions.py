"""The decisions the library makes from a whole answer, as the Python API
gives them: ``e.retry``, ``e.clock_skew(now)``, ``e.location``,
``e.region``, ``e.from_cos``.

Expected values are stated by hand from the rules (first that holds:
switch_domain, clock_skew, throttle, transient, none), and every Unix time
below was computed by hand and checked with ``date -u -d @SECONDS``."""

import datetime
import json
import pickle
import time

import pytest
from conftest import body_of, sample_files

import coserr
from coserr import CosClientError, CosServiceError, Field, Flag, _ffi, error_from_response, parse_body
from coserr._errors import RETRY_NAMES

RID = "NjA3OGY4NGFfNjJkMmMwYl8xMjM0"
URL = "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/dir/key.txt"
ms = datetime.timedelta(milliseconds=1)


def xml(code, message="m", extra=""):
    return ("<Error><Code>%s</Code><Message>%s</Message>%s</Error>" % (code, message, extra)).encode()


# --- the retry class ------------------------------------------------------------


def test_retry_names_are_the_librarys():
    """The names ``e.retry`` takes are coserr_retry_name's, by number, and
    the ones the issue fixes."""
    assert RETRY_NAMES == ("none", "transient", "throttle", "clock_skew", "switch_domain")
    assert RETRY_NAMES == tuple(_ffi.retry_name(i).decode() for i in range(5))
    assert _ffi.retry_name(5) == b"" and _ffi.retry_name(0xFFFFFFFF) == b""


# (id, status, body, headers, retry, from_cos)
RETRY_TABLE = [
    ("429-throttle", 429, b"", {"x-cos-request-id": RID}, "throttle", True),
    # A 4xx without ids is still from wherever it came: rule 1 is for 3xx and 5xx.
    ("429-no-id-throttle", 429, b"", {}, "throttle", False),
    ("503-slowdown-throttle", 503, xml("SlowDown", "Please reduce your request rate."),
     {"x-cos-request-id": RID}, "throttle", True),
    ("400-slowdown-throttle", 400, xml("SlowDown"), {"x-cos-request-id": RID}, "throttle", True),
    ("502-html-no-id", 502, body_of("edge/html_502.html"), {"Server": "nginx"}, "switch_domain", False),
    ("503-slowdown-no-id", 503, xml("SlowDown"), {}, "switch_domain", False),
    ("403-skewed", 403, xml("RequestTimeTooSkewed", "The difference between the request time and "
                            "the server's time is too large."), {"x-cos-request-id": RID}, "clock_skew", True),
    ("403-expired", 403, xml("AccessDenied", "Request has expired"), {"x-cos-request-id": RID},
     "clock_skew", True),
    ("403-expired-any-case", 403, xml("SignatureDoesNotMatch", "the REQUEST HAS EXPIRED already"),
     {"x-cos-request-id": RID}, "clock_skew", True),
    ("403-denied", 403, xml("AccessDenied", "Access Denied."), {"x-cos-request-id": RID}, "none", True),
    ("403-other-code-expired", 403, xml("InvalidAccessKeyId", "Request has expired"),
     {"x-cos-request-id": RID}, "none", True),
    ("500-transient", 500, b"", {"x-cos-request-id": RID}, "transient", True),
    ("500-body-id-only", 500, xml("InternalError", extra="<RequestId>%s</RequestId>" % RID), {},
     "transient", True),
    ("200-internal-error", 200, xml("InternalError", extra="<RequestId>r</RequestId>"), {}, "transient", True),
    ("400-request-timeout", 400, xml("RequestTimeout"), {"x-cos-request-id": RID}, "transient", True),
    ("404-none", 404, xml("NoSuchKey"), {"x-cos-request-id": RID}, "none", True),
    ("404-no-id-none", 404, xml("NoSuchKey"), {}, "none", False),
]


@pytest.mark.parametrize("row", RETRY_TABLE, ids=[r[0] for r in RETRY_TABLE])
def test_retry_class(row):
    _, status, body, headers, retry, from_cos = row
    err = error_from_response(status, body, headers, "GET", URL)
    assert err is not None
    assert err.retry == retry
    assert err.from_cos is from_cos
    assert err.retryable is (retry in ("transient", "throttle"))
    # The library's own digest and display say the same.
    assert json.loads(err.to_json())["retry"] == retry
    assert ("retry=%s " % retry in err.format()) is (retry != "none")


def test_every_sample_agrees_with_its_digest():
    """For every shared body, with and without a request id: ``retry`` is
    the digest's, ``retryable`` follows it, and a 5xx without any id is a
    switch."""
    for name in sample_files():
        body = body_of(name)
        for status in (200, 403, 429, 503):
            for headers in ({}, {"x-cos-request-id": RID}):
                err = error_from_response(status, body, headers, "GET")
                if err is None:
                    continue
                assert json.loads(err.to_json())["retry"] == err.retry, name
                assert err.retryable is (err.retry in ("transient", "throttle")), name
                if headers:
                    assert err.from_cos and err.retry != "switch_domain", name
                elif status == 503 and not err.from_cos:
                    assert err.retry == "switch_domain", name


def test_non_error_answers_give_none():
    """A 3xx without any request id is switch_domain to the library, but it
    is not an error: error_from_response answers None; its decisions come
    from coserr.decide (test_decide.py)."""
    assert error_from_response(302, b"", {"Location": "https://elsewhere/"}, "GET") is None
    assert error_from_response(200, b"", {"Date": "Tue, 09 Apr 2019 03:39:20 GMT"}, "GET") is None
    d = coserr.decide(302, b"", {"Location": "https://elsewhere/"}, "GET")
    assert (d.retry, d.location, d.error) == ("switch_domain", "https://elsewhere/", None)


# --- from_cos -------------------------------------------------------------------


@pytest.mark.parametrize("header", ["x-cos-request-id", "X-Ci-Request-Id", "x-img-request-id"])
def test_from_cos_with_each_request_id_header(header):
    err = error_from_response(503, b"", {header: "id-1"}, "GET")
    assert err.from_cos and not err.flags & Flag.NOT_FROM_COS
    assert err.retry == "transient" and err.request_id == "id-1"


def test_an_empty_request_id_header_gives_way_to_the_next():
    err = error_from_response(503, b"", [("x-cos-request-id", ""), ("X-Cos-Request-Id", "second")], "GET")
    assert err.from_cos and err.request_id == "second" and err.retry == "transient"


def test_not_from_cos_without_any_request_id():
    for headers in ({}, None, {"Server": "nginx"}, {"x-cos-request-id": ""}, {"x-cos-trace-id": "t"}):
        err = error_from_response(503, b"", headers, "GET")
        assert not err.from_cos and err.flags & Flag.NOT_FROM_COS, headers
        assert err.retry == "switch_domain" and not err.retryable, headers
    # A RequestId in the body is one.
    err = error_from_response(503, xml("ServiceUnavailable", extra="<RequestId>b</RequestId>"), {}, "GET")
    assert err.from_cos and err.retry == "transient"


def test_from_cos_is_not_judged_without_a_response():
    """A body alone, or the SDK's client error: nothing to judge by."""
    err = parse_body(xml("InternalError"))
    assert err.from_cos and not err.flags & Flag.NOT_FROM_COS
    assert CosClientError("timed out").from_cos


# --- the service's clock ----------------------------------------------------------

# 2019-04-09T03:39:20Z: 49 years of which 12 leap (17,897 days) to 2019,
# then 90 + 8 days: 17,995 days x 86,400 = 1,554,768,000; + 13,160 s.
# `date -u -d @1554781160` -> Tue Apr  9 03:39:20 UTC 2019.
T_2019 = 1554781160
# `date -u -d @1764262800` -> Thu Nov 27 17:00:00 UTC 2025 (20,419 days + 17 h).
T_2025 = 1764262800
# `date -u -d @951782400` -> Tue Feb 29 00:00:00 UTC 2000 (10,957 + 59 days).
T_LEAP = 951782400

CLOCKS = [
    # (id, ServerTime or None, Date header or None, the service's Unix time)
    ("server-time-z", "2019-04-09T03:39:20Z", None, T_2019),
    # `date -u -d @1554781160.25 +%T.%3N` -> 03:39:20.250
    ("server-time-fraction", "2019-04-09T03:39:20.25Z", None, T_2019 + 0.25),
    # +08:00 is 8 h ahead of UTC: the same instant as 03:39:20Z.
    ("server-time-offset", "2019-04-09T11:39:20+08:00", None, T_2019),
    # `date -u -d @1554809960` -> Tue Apr  9 11:39:20 UTC 2019
    ("server-time-west", "2019-04-09T03:39:20-08:00", None, T_2019 + 8 * 3600),
    ("server-time-leap-day", "2000-02-29T00:00:00Z", None, T_LEAP),
    ("date-imf", None, "Thu, 27 Nov 2025 17:00:00 GMT", T_2025),
    ("date-rfc850", None, "Tuesday, 09-Apr-19 03:39:20 GMT", T_2019),
    ("date-asctime", None, "Tue Apr  9 03:39:20 2019", T_2019),
    ("date-leap-day", None, "Tue, 29 Feb 2000 00:00:00 GMT", T_LEAP),
    # The body's ServerTime wins over the Date header.
    ("both", "2019-04-09T03:39:20Z", "Thu, 27 Nov 2025 17:00:00 GMT", T_2019),
    # A ServerTime that does not parse gives way to the Date header.
    ("bad-server-time", "2019-04-09 03:39:20", "Thu, 27 Nov 2025 17:00:00 GMT", T_2025),
]


def _answer(server_time, date):
    extra = "<RequestId>%s</RequestId>" % RID
    if server_time is not None:
        extra += "<ServerTime>%s</ServerTime>" % server_time
    headers = {"x-cos-request-id": RID}
    if date is not None:
        headers["Date"] = date
    return error_from_response(403, xml("RequestTimeTooSkewed", extra=extra), headers, "PUT")


@pytest.mark.parametrize("row", CLOCKS, ids=[r[0] for r in CLOCKS])
def test_clock_skew(row):
    _, server_time, date, server = row
    err = _answer(server_time, date)
    assert err.retry == "clock_skew" and err.flags & Flag.SERVER_CLOCK
    # The local clock a minute and a half behind, and a minute ahead.
    assert err.clock_skew(server - 90) == datetime.timedelta(seconds=90)
    assert err.clock_skew(server + 60) == datetime.timedelta(seconds=-60)
    assert err.clock_skew(server) == datetime.timedelta(0)
    # A float now, to the millisecond: 59.5 s behind.
    assert err.clock_skew(server - 59.5) == datetime.timedelta(seconds=59, milliseconds=500)
    assert err.clock_skew(int(server) - 1) == datetime.timedelta(seconds=1 + server - int(server))


def test_clock_skew_defaults_to_now():
    err = _answer(None, "Thu, 27 Nov 2025 17:00:00 GMT")
    before = time.time()
    skew = err.clock_skew()
    after = time.time()
    server = datetime.timedelta(seconds=T_2025)
    assert server - datetime.timedelta(seconds=after) - ms <= skew <= server - datetime.timedelta(seconds=before) + ms


@pytest.mark.parametrize(
    "server_time, date",
    [
        (None, None),
        ("not a time", None),
        (None, "yesterday"),
        # Wrong weekday: 2019-04-09 was a Tuesday.
        (None, "Wed, 09 Apr 2019 03:39:20 GMT"),
        ("2019-02-29T00:00:00Z", "Tue, 09 Apr 2019 03:39:2 GMT"),
    ],
)
def test_clock_unknown_gives_none(server_time, date):
    err = _answer(server_time, date)
    assert not err.flags & Flag.SERVER_CLOCK
    assert err.clock_skew() is None and err.clock_skew(T_2019) is None


def test_clock_unknown_without_a_response():
    assert CosClientError("timed out").clock_skew() is None
    assert parse_body(xml("NoSuchKey")).clock_skew() is None


def test_clock_skew_survives_pickling():
    err = pickle.loads(pickle.dumps(_answer("2019-04-09T03:39:20Z", None)))
    assert err.clock_skew(T_2019 - 1) == datetime.timedelta(seconds=1)


def test_clock_skew_rejects_a_now_out_of_range():
    err = _answer("2019-04-09T03:39:20Z", None)
    with pytest.raises(OverflowError):
        err.clock_skew(1e17)


# --- location and region ------------------------------------------------------------


def test_location_and_region():
    headers = {"x-cos-request-id": RID, "Location": "https://b-1250000000.cos.ap-beijing.myqcloud.com/k",
               "X-COS-BUCKET-REGION": "ap-beijing"}
    err = error_from_response(301, xml("PermanentRedirect"), headers, "GET")
    assert err.location == "https://b-1250000000.cos.ap-beijing.myqcloud.com/k"
    assert err.region == "ap-beijing"
    assert err.present & err.from_header & (Field.LOCATION | Field.REGION) == Field.LOCATION | Field.REGION
    assert not err.truncated
    # Absent: None. The body's elements of those names are not headers.
    err = error_from_response(404, xml("NoSuchKey", extra="<Location>x</Location><Region>y</Region>"), {}, "GET")
    assert err.location is None and err.region is None


def test_first_header_of_the_name_any_case():
    err = error_from_response(404, b"", [("LOCATION", "/a"), ("location", "/b"),
                                         ("x-cos-bucket-region", "r1"), ("X-Cos-Bucket-Region", "r2")], "GET")
    assert (err.location, err.region) == ("/a", "r1")
    # An empty header is none: the next one of the name counts.
    err = error_from_response(404, b"", [("Location", ""), ("location", "/later"), ("x-cos-bucket-region", ""),
                                         ("X-COS-BUCKET-REGION", "ap-chengdu")], "GET")
    assert (err.location, err.region) == ("/later", "ap-chengdu")
    err = error_from_response(404, b"", [("Location", ""), ("x-cos-bucket-region", "")], "GET")
    assert err.location is None and err.region is None and not err.present & (Field.LOCATION | Field.REGION)


def _long(unit, size):
    return unit * (size // len(unit.encode()) + 1)


@pytest.mark.parametrize(
    "location, region",
    [
        ("https://b.cos.ap-x.myqcloud.com/" + "k/" * 700, "ap-" + "x" * 100),
        ("https://b.cos.ap-x.myqcloud.com/" + _long("页", 1100), _long("区", 80)),
        ("https://b/\x00after-nul", "ap-\x00guangzhou"),
        ("\x00", "\x00"),
    ],
    ids=["ascii-long", "utf8-long", "nul", "nul-only"],
)
def test_location_and_region_are_whole(location, region):
    """Beyond the C arrays (1023 and 63 bytes) or with a NUL byte (where C
    stops reading), the values are the caller's whole header values."""
    headers = [("x-cos-request-id", RID), ("Location", location), ("x-cos-bucket-region", region)]
    for status in (301, 404, 503):
        err = error_from_response(status, xml("Whatever"), headers, "GET")
        assert err.truncated & (Field.LOCATION | Field.REGION) == Field.LOCATION | Field.REGION
        c_location, c_region = bytes(err._e.location), bytes(err._e.region)
        assert len(c_location) <= 1023 and len(c_region) <= 63
        assert location.encode().startswith(c_location) and region.encode().startswith(c_region)
        assert (err.location, err.region) == (location, region)
        again = pickle.loads(pickle.dumps(err))
        assert (again.location, again.region) == (location, region)


def test_header_text_reads_as_the_library_reads_it():
    """A str header value stands for the bytes the server sent (http.client
    decodes them as ISO-8859-1); bytes that are not UTF-8 read with U+FFFD,
    whole or cut alike."""
    utf8_as_latin1 = "https://b/页".encode("utf-8").decode("latin-1")
    err = error_from_response(404, b"", {"Location": utf8_as_latin1, "x-cos-bucket-region": b"ap-\xff"}, "GET")
    assert (err.location, err.region) == ("https://b/页", "ap-\ufffd")
    err = error_from_response(404, b"", {"Location": b"/\xff" + b"k" * 2000}, "GET")
    assert err.truncated & Field.LOCATION and err.location == "/\ufffd" + "k" * 2000


def test_region_of_a_sdk_style_error():
    """The SDK's body-less error hands the response headers as a dict."""
    err = CosServiceError("HEAD", {"x-cos-request-id": RID, "x-cos-bucket-region": "ap-shanghai"}, 404)
    assert err.region == "ap-shanghai" and err.from_cos and err.location is None
    assert coserr.CosError.location.__doc__ and coserr.CosError.region.__doc__


# The SDK-style constructors: the retry class from the library's rules on the
# error's own code and message (coserr_retry_of); ids judged only when the
# arguments carried the answer's headers or digest ids.
@pytest.mark.parametrize(
    "message, status, retry, from_cos",
    [
        ({"code": "SlowDown", "message": "slow", "requestid": "r1"}, 503, "throttle", True),
        ({"code": "AccessDenied", "message": "Request has expired", "requestid": "r1"}, 403, "clock_skew", True),
        ({"code": "SignatureDoesNotMatch", "message": "x" * 3000 + " request HAS expired", "requestid": "r1"}, 403, "clock_skew", True),
        ({"code": "NoSuchKey", "message": "gone", "requestid": "r1"}, 404, "none", True),
        ({"code": "InternalError", "message": "boom"}, 503, "switch_domain", False),
        ({"code": "InternalError", "message": "boom", "requestid": "r1"}, 200, "transient", True),
        ("<Error><Code>RequestTimeTooSkewed</Code><Message>m</Message></Error>", 403, "clock_skew", True),
        ("<Error><Code>InternalError</Code><Message>m</Message></Error>", 503, "transient", True),
        ("<Error><Code>SlowDown</Code><Message>m</Message></Error>", 503, "throttle", True),
        ("", 502, "transient", True),
        ("", 404, "none", True),
    ],
)
def test_sdk_constructor_decides_from_its_arguments(message, status, retry, from_cos):
    err = CosServiceError("GET", message, status)
    assert err.retry == retry
    assert err.from_cos is from_cos
    assert err.retryable == (retry in ("transient", "throttle"))
    assert ('"retry":"%s"' % retry) in err.to_json()
