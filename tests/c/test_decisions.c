/* C99 tests of ABI version 2's decisions through the C ABI: the retry
 * class, NOT_FROM_COS, the service's clock, Location and Region.
 *
 *   test_decisions
 *
 * A decision table of hand-written responses (status, method, headers,
 * body), each with the answer the rules give, worked out by hand:
 *
 *   1. SWITCH_DOMAIN: no non-empty x-cos-request-id / x-ci-request-id /
 *      x-img-request-id header and no non-empty RequestId in the body, and
 *      the status is 3xx other than 304, or 5xx;
 *   2. CLOCK_SKEW: code RequestTimeTooSkewed, or AccessDenied /
 *      SignatureDoesNotMatch whose whole message contains "request has
 *      expired" in any ASCII case;
 *   3. THROTTLE: status 429, or a throttling code (SlowDown,
 *      TooManyRequests..., RequestLimitExceeded..., ...Throttl...,
 *      ...FreqControl);
 *   4. TRANSIENT: 5xx, or InternalError / ServiceUnavailable /
 *      RequestTimeout whatever the status;
 *   5. NONE. A non-error has no code of its own: only rule 1 can fire.
 *
 * retryable is 1 exactly for TRANSIENT and THROTTLE. Every expected Unix
 * time was computed with GNU date (`date -u -d @SECONDS`, written beside
 * it), never with this library. */
#include <coserr.h>

#include <stddef.h>
#include <stdint.h>

#include "testutil.h"

/* The constants' values are part of the ABI (the offsets: test_c.c). */
_Static_assert(COSERR_RETRY_NONE == 0, "COSERR_RETRY_NONE");
_Static_assert(COSERR_RETRY_TRANSIENT == 1, "COSERR_RETRY_TRANSIENT");
_Static_assert(COSERR_RETRY_THROTTLE == 2, "COSERR_RETRY_THROTTLE");
_Static_assert(COSERR_RETRY_CLOCK_SKEW == 3, "COSERR_RETRY_CLOCK_SKEW");
_Static_assert(COSERR_RETRY_SWITCH_DOMAIN == 4, "COSERR_RETRY_SWITCH_DOMAIN");
_Static_assert(COSERR_FLAG_PARTIAL == 1, "COSERR_FLAG_PARTIAL");
_Static_assert(COSERR_FLAG_IDS_DISAGREE == 2, "COSERR_FLAG_IDS_DISAGREE");
_Static_assert(COSERR_FLAG_SERVER_CLOCK == 4, "COSERR_FLAG_SERVER_CLOCK");
_Static_assert(COSERR_FLAG_NOT_FROM_COS == 8, "COSERR_FLAG_NOT_FROM_COS");
_Static_assert(COSERR_FIELD_LOCATION == 64, "COSERR_FIELD_LOCATION");
_Static_assert(COSERR_FIELD_REGION == 128, "COSERR_FIELD_REGION");
_Static_assert(COSERR_TEXT_CAPACITY == 3640, "COSERR_TEXT_CAPACITY");
_Static_assert(sizeof(((coserr_error *)0)->retry) == 4, "uint32_t retry");
_Static_assert(sizeof(((coserr_spans *)0)->server_time_ms) == 8, "int64_t spans server_time_ms");

#define CHECK_I(a, b)                                                                   \
    do {                                                                                \
        long long a_ = (long long)(a), b_ = (long long)(b);                             \
        if (a_ == b_) {                                                                 \
            t_passed++;                                                                 \
        } else {                                                                        \
            t_failed++;                                                                 \
            fprintf(stderr, "%s:%d: %s == %s failed: %lld != %lld\n", __FILE__, __LINE__, \
                    #a, #b, a_, b_);                                                    \
        }                                                                               \
    } while (0)

/* The retry classes' names, as the contract spells them. */
static const char *const retry_names[5] = {"none", "transient", "throttle", "clock_skew",
                                           "switch_domain"};

enum { NONE = COSERR_RETRY_NONE, TRANSIENT = COSERR_RETRY_TRANSIENT,
       THROTTLE = COSERR_RETRY_THROTTLE, SKEW = COSERR_RETRY_CLOCK_SKEW,
       SWITCH = COSERR_RETRY_SWITCH_DOMAIN };
enum { ERROR = COSERR_OK, NOT_ERROR = COSERR_NOT_AN_ERROR };

typedef struct {
    const char *name, *value;
} hdr;

typedef struct {
    int line;
    uint32_t status;
    const char *method;
    hdr h[4]; /* up to the first entry whose name is NULL */
    const char *body;
    uint32_t rc;
    uint32_t retry;
    int not_from_cos;
    int clock; /* 1: the service's clock is known, and is ms */
    int64_t ms;
    const char *location; /* NULL: absent */
    const char *region;
} row;

#define H0 {{NULL, NULL}}
#define RID {"x-cos-request-id", "rid-h"}
#define NO_CLOCK 0, 0
#define AT(ms) 1, INT64_C(ms)
#define NO_LOC NULL, NULL
#define ERR(code, msg) "<Error><Code>" code "</Code><Message>" msg "</Message></Error>"
#define ERR_ID(code, msg) \
    "<Error><Code>" code "</Code><Message>" msg "</Message><RequestId>rid-b</RequestId></Error>"
#define ERR_TIME(code, t)                                                                 \
    "<Error><Code>" code "</Code><Message>Request has expired</Message><RequestId>rid-b" \
    "</RequestId><ServerTime>" t "</ServerTime></Error>"
#define NOSUCHKEY ERR_ID("NoSuchKey", "The specified key does not exist.")

/* 2019-04-09T03:39:20Z, the instant most date rows name:
   date -u -d @1554781160 -> Tue Apr  9 03:39:20 UTC 2019 */
#define T0 1554781160000

static const row rows[] = {
    /* Every status class. Status 0 and 1xx/2xx are never rule 1's. */
    {__LINE__, 0, NULL, H0, "", NOT_ERROR, NONE, 1, NO_CLOCK, NO_LOC},
    {__LINE__, 0, NULL, H0, ERR("InternalError", "x"), ERROR, TRANSIENT, 1, NO_CLOCK, NO_LOC},
    {__LINE__, 100, "GET", H0, "", NOT_ERROR, NONE, 1, NO_CLOCK, NO_LOC},
    {__LINE__, 200, "GET", {RID}, "", NOT_ERROR, NONE, 0, NO_CLOCK, NO_LOC},
    {__LINE__, 204, "DELETE", H0, "", NOT_ERROR, NONE, 1, NO_CLOCK, NO_LOC},
    /* 3xx other than 304 without any id: a hijacked domain, even as a
       non-error; with an id, COS redirected. */
    {__LINE__, 301, "GET", {{"Location", "https://evil.example/"}}, "", NOT_ERROR, SWITCH, 1,
     NO_CLOCK, "https://evil.example/", NULL},
    {__LINE__, 301, "GET",
     {RID, {"Location", "https://b-1250000000.cos.ap-beijing.myqcloud.com/k"},
      {"x-cos-bucket-region", "ap-beijing"}},
     "", NOT_ERROR, NONE, 0, NO_CLOCK, "https://b-1250000000.cos.ap-beijing.myqcloud.com/k",
     "ap-beijing"},
    {__LINE__, 302, "GET", H0, "", NOT_ERROR, SWITCH, 1, NO_CLOCK, NO_LOC},
    {__LINE__, 302, "GET", {{"x-cos-request-id", "r302"}}, "", NOT_ERROR, NONE, 0, NO_CLOCK, NO_LOC},
    {__LINE__, 307, "PUT", H0, "", NOT_ERROR, SWITCH, 1, NO_CLOCK, NO_LOC},
    {__LINE__, 307, "PUT", {{"x-ci-request-id", "ci-7"}}, "", NOT_ERROR, NONE, 0, NO_CLOCK, NO_LOC},
    {__LINE__, 399, "GET", H0, "", NOT_ERROR, SWITCH, 1, NO_CLOCK, NO_LOC},
    /* 304 is not rule 1's, though nothing says it came from COS. */
    {__LINE__, 304, "GET", H0, "", NOT_ERROR, NONE, 1, NO_CLOCK, NO_LOC},
    {__LINE__, 304, "GET", {RID}, "", NOT_ERROR, NONE, 0, NO_CLOCK, NO_LOC},
    /* 4xx: only the codes and 429 count; no id does not matter. */
    {__LINE__, 404, "GET", H0, NOSUCHKEY, ERROR, NONE, 0, NO_CLOCK, NO_LOC},
    {__LINE__, 404, "GET", H0, "", ERROR, NONE, 1, NO_CLOCK, NO_LOC},
    {__LINE__, 404, "HEAD", {RID}, "", ERROR, NONE, 0, NO_CLOCK, NO_LOC},
    {__LINE__, 403, "PUT", {RID}, ERR("AccessDenied", "Access Denied."), ERROR, NONE, 0, NO_CLOCK,
     NO_LOC},
    {__LINE__, 429, "PUT", {RID}, "", ERROR, THROTTLE, 0, NO_CLOCK, NO_LOC},
    {__LINE__, 429, "PUT", H0, ERR("Whatever", "x"), ERROR, THROTTLE, 1, NO_CLOCK, NO_LOC},
    /* 5xx: with an id COS failed (retry), without one it did not answer. */
    {__LINE__, 500, "GET", {RID}, "", ERROR, TRANSIENT, 0, NO_CLOCK, NO_LOC},
    {__LINE__, 500, "GET", H0, "", ERROR, SWITCH, 1, NO_CLOCK, NO_LOC},
    {__LINE__, 503, "GET", H0, ERR_ID("ServiceUnavailable", "busy"), ERROR, TRANSIENT, 0, NO_CLOCK,
     NO_LOC},
    {__LINE__, 502, "GET", H0, "<html><body>Bad Gateway</body></html>", ERROR, SWITCH, 1, NO_CLOCK,
     NO_LOC},
    {__LINE__, 502, "GET", {{"x-img-request-id", "img-2"}}, "<html>Bad Gateway</html>", ERROR,
     TRANSIENT, 0, NO_CLOCK, NO_LOC},
    {__LINE__, 599, "GET", H0, "", ERROR, SWITCH, 1, NO_CLOCK, NO_LOC},
    /* 600 and above: neither 3xx nor 5xx. */
    {__LINE__, 600, "GET", H0, "", ERROR, NONE, 1, NO_CLOCK, NO_LOC},
    {__LINE__, 600, "GET", H0, ERR("InternalError", "x"), ERROR, TRANSIENT, 1, NO_CLOCK, NO_LOC},
    {__LINE__, 999, "GET", {RID}, ERR("SlowDown", "x"), ERROR, THROTTLE, 0, NO_CLOCK, NO_LOC},

    /* Rule 2: the clock. */
    {__LINE__, 403, "GET", {RID}, ERR("RequestTimeTooSkewed", "The difference is too large."),
     ERROR, SKEW, 0, NO_CLOCK, NO_LOC},
    {__LINE__, 403, "GET", {RID}, ERR("AccessDenied", "Request has expired"), ERROR, SKEW, 0,
     NO_CLOCK, NO_LOC},
    {__LINE__, 403, "GET", {RID}, ERR("AccessDenied", "REQUEST HAS EXPIRED"), ERROR, SKEW, 0,
     NO_CLOCK, NO_LOC},
    {__LINE__, 403, "GET", {RID}, ERR("SignatureDoesNotMatch", "request has expired"), ERROR, SKEW,
     0, NO_CLOCK, NO_LOC},
    {__LINE__, 403, "GET", {RID},
     ERR("SignatureDoesNotMatch", "Signature check failed: the request HAS EXPIRED since 03:39."),
     ERROR, SKEW, 0, NO_CLOCK, NO_LOC},
    /* An entity in the middle of the phrase: the decoded message counts. */
    {__LINE__, 403, "GET", {RID}, ERR("AccessDenied", "Request&#32;has expir&#x65;d"), ERROR, SKEW,
     0, NO_CLOCK, NO_LOC},
    {__LINE__, 403, "GET", {RID},
     ERR("SignatureDoesNotMatch", "The request signature we calculated does not match."), ERROR,
     NONE, 0, NO_CLOCK, NO_LOC},
    {__LINE__, 403, "GET", {RID}, ERR("AccessDenied", "Request expired"), ERROR, NONE, 0,
     NO_CLOCK, NO_LOC},
    {__LINE__, 403, "GET", {RID}, ERR("AccessDenied", "Request  has expired"), ERROR, NONE, 0,
     NO_CLOCK, NO_LOC},
    /* Only those two codes, matched exactly. */
    {__LINE__, 400, "GET", {RID}, ERR("InvalidArgument", "Request has expired"), ERROR, NONE, 0,
     NO_CLOCK, NO_LOC},
    {__LINE__, 403, "GET", {RID}, ERR("accessdenied", "Request has expired"), ERROR, NONE, 0,
     NO_CLOCK, NO_LOC},
    /* The code from x-cos-error-code, the message the body's text. */
    {__LINE__, 403, "GET", {RID, {"x-cos-error-code", "SignatureDoesNotMatch"}},
     "q-sign-time: request has expired", ERROR, SKEW, 0, NO_CLOCK, NO_LOC},

    /* Rule 3: throttling. */
    {__LINE__, 503, "PUT", {RID}, ERR("SlowDown", "Please reduce your request rate."), ERROR,
     THROTTLE, 0, NO_CLOCK, NO_LOC},
    {__LINE__, 200, "PUT", {RID}, ERR("SlowDown", "x"), ERROR, THROTTLE, 0, NO_CLOCK, NO_LOC},
    {__LINE__, 400, "POST", {RID}, ERR("TooManyRequestsException", "x"), ERROR, THROTTLE, 0,
     NO_CLOCK, NO_LOC},
    {__LINE__, 403, "POST", {RID}, ERR("RequestLimitExceeded", "x"), ERROR, THROTTLE, 0, NO_CLOCK,
     NO_LOC},
    {__LINE__, 503, "PUT", {RID}, ERR("KmsFreqControl", "x"), ERROR, THROTTLE, 0, NO_CLOCK, NO_LOC},
    {__LINE__, 400, "PUT", {RID}, ERR("UploadFreqControl", "x"), ERROR, THROTTLE, 0, NO_CLOCK,
     NO_LOC},
    {__LINE__, 400, "PUT", {RID}, ERR("RequestThrottled", "x"), ERROR, THROTTLE, 0, NO_CLOCK,
     NO_LOC},

    /* Rule 4: these codes whatever the status, a 2xx error included. */
    {__LINE__, 200, "POST", {RID}, ERR("InternalError", "We encountered an internal error."),
     ERROR, TRANSIENT, 0, NO_CLOCK, NO_LOC},
    {__LINE__, 200, "PUT", H0, ERR("ServiceUnavailable", "x"), ERROR, TRANSIENT, 1, NO_CLOCK,
     NO_LOC},
    {__LINE__, 206, "GET", {RID}, ERR("RequestTimeout", "x"), ERROR, TRANSIENT, 0, NO_CLOCK,
     NO_LOC},
    {__LINE__, 400, "PUT", {RID}, ERR("RequestTimeout", "Your socket connection timed out."),
     ERROR, TRANSIENT, 0, NO_CLOCK, NO_LOC},
    {__LINE__, 200, "PUT", {RID}, ERR("NoSuchKey", "x"), ERROR, NONE, 0, NO_CLOCK, NO_LOC},
    /* A JSON body in a 2xx is a success, so its code is not an error code. */
    {__LINE__, 200, "POST", {RID}, "{\"code\":\"InternalError\",\"message\":\"x\"}", NOT_ERROR,
     NONE, 0, NO_CLOCK, NO_LOC},

    /* Precedence. Rule 1 beats rule 2, rule 2 beats 3 and 4, 3 beats 4. */
    {__LINE__, 503, "GET", H0, ERR("RequestTimeTooSkewed", "x"), ERROR, SWITCH, 1, NO_CLOCK,
     NO_LOC},
    {__LINE__, 503, "GET", {RID}, ERR("RequestTimeTooSkewed", "x"), ERROR, SKEW, 0, NO_CLOCK,
     NO_LOC},
    {__LINE__, 429, "GET", {RID}, ERR("AccessDenied", "Request has expired"), ERROR, SKEW, 0,
     NO_CLOCK, NO_LOC},
    {__LINE__, 503, "GET", H0, ERR("SlowDown", "x"), ERROR, SWITCH, 1, NO_CLOCK, NO_LOC},
    {__LINE__, 429, "GET", {RID}, ERR("InternalError", "x"), ERROR, THROTTLE, 0, NO_CLOCK, NO_LOC},
    {__LINE__, 500, "GET", {RID}, ERR("TooManyRequestsException", "x"), ERROR, THROTTLE, 0,
     NO_CLOCK, NO_LOC},

    /* Where the request id is: each header, the body, nowhere. */
    {__LINE__, 503, "GET", {{"x-cos-request-id", "cos-1"}}, "", ERROR, TRANSIENT, 0, NO_CLOCK,
     NO_LOC},
    {__LINE__, 503, "GET", {{"x-ci-request-id", "ci-1"}}, "", ERROR, TRANSIENT, 0, NO_CLOCK,
     NO_LOC},
    {__LINE__, 503, "GET", {{"x-img-request-id", "img-1"}}, "", ERROR, TRANSIENT, 0, NO_CLOCK,
     NO_LOC},
    {__LINE__, 503, "GET", {{"X-COS-REQUEST-ID", "cos-2"}}, "", ERROR, TRANSIENT, 0, NO_CLOCK,
     NO_LOC},
    /* An empty value is no id; the trace id is not a request id. */
    {__LINE__, 503, "GET", {{"x-cos-request-id", ""}, {"x-ci-request-id", ""}, {"x-img-request-id", ""}},
     "", ERROR, SWITCH, 1, NO_CLOCK, NO_LOC},
    {__LINE__, 503, "GET", {{"x-cos-request-id", ""}, {"x-img-request-id", "img-3"}}, "", ERROR,
     TRANSIENT, 0, NO_CLOCK, NO_LOC},
    {__LINE__, 503, "GET", {{"x-cos-trace-id", "trace-1"}}, "", ERROR, SWITCH, 1, NO_CLOCK, NO_LOC},
    {__LINE__, 503, "GET", H0, "<Error><Code>InternalError</Code><RequestId>rid-b</RequestId></Error>",
     ERROR, TRANSIENT, 0, NO_CLOCK, NO_LOC},
    {__LINE__, 503, "GET", H0, "<Error><Code>InternalError</Code><RequestId></RequestId></Error>",
     ERROR, SWITCH, 1, NO_CLOCK, NO_LOC},
    {__LINE__, 503, "GET", H0, "<Error><Code>InternalError</Code><RequestId/></Error>", ERROR,
     SWITCH, 1, NO_CLOCK, NO_LOC},
    {__LINE__, 503, "POST", {{"x-cos-error-code", "InternalError"}},
     "{\"message\":\"vector service busy\",\"requestId\":\"vreq-1\"}", ERROR, TRANSIENT, 0,
     NO_CLOCK, NO_LOC},

    /* The service's clock from the body's ServerTime (RFC 3339). */
    {__LINE__, 403, "GET", H0, ERR_TIME("AccessDenied", "2019-04-09T03:39:20Z"), ERROR, SKEW, 0,
     AT(1554781160000), NO_LOC}, /* date -u -d @1554781160: Tue Apr  9 03:39:20 UTC 2019 */
    {__LINE__, 403, "GET", H0, ERR_TIME("AccessDenied", "2019-04-09T11:39:20+08:00"), ERROR, SKEW,
     0, AT(1554781160000), NO_LOC}, /* the same instant, 8 hours east */
    {__LINE__, 403, "GET", H0, ERR_TIME("AccessDenied", "2019-04-08T22:09:20-05:30"), ERROR, SKEW,
     0, AT(1554781160000), NO_LOC}, /* the same instant, 5:30 west */
    {__LINE__, 403, "GET", H0, ERR_TIME("AccessDenied", "2019-04-09T03:39:20.25Z"), ERROR, SKEW, 0,
     AT(1554781160250), NO_LOC},
    {__LINE__, 403, "GET", H0, ERR_TIME("AccessDenied", "2019-04-09T03:39:20.123987654Z"), ERROR,
     SKEW, 0, AT(1554781160123), NO_LOC}, /* truncated to ms, not rounded */
    {__LINE__, 403, "GET", H0, ERR_TIME("AccessDenied", "2019-04-09t03:39:20z"), ERROR, SKEW, 0,
     AT(1554781160000), NO_LOC},
    /* date -u -d @-1: Wed Dec 31 23:59:59 UTC 1969 */
    {__LINE__, 403, "GET", H0, ERR_TIME("RequestTimeTooSkewed", "1969-12-31T23:59:59Z"), ERROR,
     SKEW, 0, AT(-1000), NO_LOC},
    /* A leap second is the next minute's :00 (POSIX time):
       date -u -d @1483228800: Sun Jan  1 00:00:00 UTC 2017 */
    {__LINE__, 403, "GET", H0, ERR_TIME("RequestTimeTooSkewed", "2016-12-31T23:59:60Z"), ERROR,
     SKEW, 0, AT(1483228800000), NO_LOC},
    /* date -u -d @951825600: Tue Feb 29 12:00:00 UTC 2000 */
    {__LINE__, 403, "GET", H0, ERR_TIME("RequestTimeTooSkewed", "2000-02-29T12:00:00Z"), ERROR,
     SKEW, 0, AT(951825600000), NO_LOC},
    /* Dates that are not RFC 3339 date-times: unknown, nothing guessed. */
    {__LINE__, 403, "GET", H0, ERR_TIME("RequestTimeTooSkewed", "2019-04-09 03:39:20Z"), ERROR,
     SKEW, 0, NO_CLOCK, NO_LOC},
    {__LINE__, 403, "GET", H0, ERR_TIME("RequestTimeTooSkewed", "2100-02-29T00:00:00Z"), ERROR,
     SKEW, 0, NO_CLOCK, NO_LOC},
    {__LINE__, 403, "GET", H0, ERR_TIME("RequestTimeTooSkewed", "2019-04-09T24:00:00Z"), ERROR,
     SKEW, 0, NO_CLOCK, NO_LOC},
    {__LINE__, 403, "GET", H0, ERR_TIME("RequestTimeTooSkewed", "2019-04-09T03:39:20"), ERROR,
     SKEW, 0, NO_CLOCK, NO_LOC},
    {__LINE__, 403, "GET", H0, ERR_TIME("RequestTimeTooSkewed", "1554781160"), ERROR, SKEW, 0,
     NO_CLOCK, NO_LOC},

    /* From the Date header, in each of HTTP's three forms. */
    {__LINE__, 404, "GET", {{"Date", "Tue, 09 Apr 2019 03:39:20 GMT"}}, NOSUCHKEY, ERROR, NONE, 0,
     AT(1554781160000), NO_LOC},
    {__LINE__, 404, "GET", {{"date", "Tuesday, 09-Apr-19 03:39:20 GMT"}}, NOSUCHKEY, ERROR, NONE, 0,
     AT(1554781160000), NO_LOC},
    {__LINE__, 404, "GET", {{"DATE", "Tue Apr  9 03:39:20 2019"}}, NOSUCHKEY, ERROR, NONE, 0,
     AT(1554781160000), NO_LOC},
    /* date -u -d @1554854400: Wed Apr 10 00:00:00 UTC 2019 */
    {__LINE__, 404, "GET", {{"Date", "Wed Apr 10 00:00:00 2019"}}, NOSUCHKEY, ERROR, NONE, 0,
     AT(1554854400000), NO_LOC},
    /* RFC 850's two-digit years: 70-99 are 19xx, 00-69 20xx.
       date -u -d @0: Thu Jan  1 00:00:00 UTC 1970;
       date -u -d @3155759999: Tue Dec 31 23:59:59 UTC 2069 */
    {__LINE__, 404, "GET", {{"Date", "Thursday, 01-Jan-70 00:00:00 GMT"}}, NOSUCHKEY, ERROR, NONE,
     0, AT(0), NO_LOC},
    {__LINE__, 404, "GET", {{"Date", "Tuesday, 31-Dec-69 23:59:59 GMT"}}, NOSUCHKEY, ERROR, NONE, 0,
     AT(3155759999000), NO_LOC},
    /* Optional whitespace around a field value. */
    {__LINE__, 404, "GET", {{"Date", " Tue, 09 Apr 2019 03:39:20 GMT\t"}}, NOSUCHKEY, ERROR, NONE,
     0, AT(1554781160000), NO_LOC},
    /* Every answer: a success and a hijacked redirect carry the clock too. */
    {__LINE__, 200, "GET", {RID, {"Date", "Tue, 09 Apr 2019 03:39:20 GMT"}}, "", NOT_ERROR, NONE, 0,
     AT(1554781160000), NO_LOC},
    {__LINE__, 302, "GET", {{"Date", "Tue, 09 Apr 2019 03:39:20 GMT"}}, "", NOT_ERROR, SWITCH, 1,
     AT(1554781160000), NO_LOC},
    /* ServerTime wins over Date; a ServerTime that does not parse leaves
       the Date header's. */
    {__LINE__, 403, "GET", {{"Date", "Wed, 10 Apr 2019 00:00:00 GMT"}},
     ERR_TIME("AccessDenied", "2019-04-09T03:39:20Z"), ERROR, SKEW, 0, AT(1554781160000), NO_LOC},
    {__LINE__, 403, "GET", {{"Date", "Wed, 10 Apr 2019 00:00:00 GMT"}},
     ERR_TIME("AccessDenied", "2019-04-09T03:39:20+8"), ERROR, SKEW, 0, AT(1554854400000), NO_LOC},
    /* Bad dates: no such day, a weekday that is not the date's, hour 24,
       lowercase names, garbage, empty. */
    {__LINE__, 404, "GET", {{"Date", "Sat, 30 Feb 2019 03:39:20 GMT"}}, NOSUCHKEY, ERROR, NONE, 0,
     NO_CLOCK, NO_LOC},
    {__LINE__, 404, "GET", {{"Date", "Mon, 09 Apr 2019 03:39:20 GMT"}}, NOSUCHKEY, ERROR, NONE, 0,
     NO_CLOCK, NO_LOC},
    {__LINE__, 404, "GET", {{"Date", "Tue, 09 Apr 2019 24:00:00 GMT"}}, NOSUCHKEY, ERROR, NONE, 0,
     NO_CLOCK, NO_LOC},
    {__LINE__, 404, "GET", {{"Date", "tue, 09 apr 2019 03:39:20 gmt"}}, NOSUCHKEY, ERROR, NONE, 0,
     NO_CLOCK, NO_LOC},
    {__LINE__, 404, "GET", {{"Date", "Tue, 09 Apr 2019 03:39:20 UTC"}}, NOSUCHKEY, ERROR, NONE, 0,
     NO_CLOCK, NO_LOC},
    {__LINE__, 404, "GET", {{"Date", "yesterday"}}, NOSUCHKEY, ERROR, NONE, 0, NO_CLOCK, NO_LOC},
    {__LINE__, 404, "GET", {{"Date", ""}}, NOSUCHKEY, ERROR, NONE, 0, NO_CLOCK, NO_LOC},
    {__LINE__, 403, "GET", {{"Date", "Sat, 30 Feb 2019 03:39:20 GMT"}},
     ERR_TIME("AccessDenied", "2019-02-30T03:39:20Z"), ERROR, SKEW, 0, NO_CLOCK, NO_LOC},

    /* Location and Region, for every answer, names in any case; an empty
       value is no value. */
    {__LINE__, 200, "PUT",
     {RID, {"location", "https://b-1250000000.cos.ap-shanghai.myqcloud.com/k"},
      {"X-Cos-Bucket-Region", "ap-shanghai"}},
     "", NOT_ERROR, NONE, 0, NO_CLOCK, "https://b-1250000000.cos.ap-shanghai.myqcloud.com/k",
     "ap-shanghai"},
    {__LINE__, 301, "GET", {RID, {"LOCATION", "/elsewhere"}, {"X-COS-BUCKET-REGION", "ap-guangzhou"}},
     "<Error><Code>PermanentRedirect</Code></Error>", ERROR, NONE, 0, NO_CLOCK, "/elsewhere",
     "ap-guangzhou"},
    {__LINE__, 404, "GET", {RID, {"Location", ""}, {"x-cos-bucket-region", ""}}, NOSUCHKEY, ERROR,
     NONE, 0, NO_CLOCK, NO_LOC},
    {__LINE__, 503, "GET", {{"x-cos-bucket-region", "ap-chengdu"}}, "", ERROR, SWITCH, 1, NO_CLOCK,
     NULL, "ap-chengdu"},
};

/* The display line and the digest show the class: the line ` retry=<name>`
   right after the status (or the cause) when it is not none, the digest
   `,"retry":"<name>"}` at its end. Returns the number of faults. */
static int shows_retry(const coserr_error *e, uint32_t retry) {
    char line[8192], want[64];
    int bad = 0;
    coserr_format(e, line, sizeof line);
    const char *after = strstr(line, " code=");
    if (retry == NONE) {
        bad += strstr(line, "retry=") != NULL;
    } else {
        snprintf(want, sizeof want, " retry=%s code=", retry_names[retry]);
        bad += after == NULL || strstr(line, want) != after - strlen(want) + strlen(" code=");
    }
    coserr_to_json(e, line, sizeof line);
    snprintf(want, sizeof want, ",\"retry\":\"%s\"}", retry_names[retry]);
    size_t n = strlen(line), w = strlen(want);
    bad += n < w || strcmp(line + n - w, want) != 0;
    return bad;
}

/* A header field (location or region) as expected: `want` NULL is absent. */
static int header_field_is(const coserr_error *e, uint32_t bit, const char *got, const char *want) {
    if (want == NULL) {
        return ((e->present | e->from_header | e->truncated) & bit) != 0 || got[0] != 0;
    }
    return (e->present & bit) == 0 || (e->from_header & bit) == 0 || (e->truncated & bit) != 0 ||
           strcmp(got, want) != 0;
}

/* The spans record of r has e's decisions, and its location and region
   spans name exactly the arrays' texts. */
static int spans_agree(const coserr_response *r, const coserr_error *e) {
    coserr_spans s;
    static char text[COSERR_TEXT_CAPACITY];
    int bad = 0;
    memset(&s, 0xAB, sizeof s);
    coserr_parse_response_spans(r, &s, text, sizeof text);
    bad += s.retry != e->retry || s.server_time_ms != e->server_time_ms || s.flags != e->flags;
    bad += s.retryable != e->retryable || s.present != e->present || s.truncated != e->truncated;
    coserr_span sp[2] = {s.location, s.region};
    const char *want[2] = {e->location, e->region};
    for (int i = 0; i < 2; i++) {
        size_t len = strlen(want[i]);
        if (len == 0) {
            bad += sp[i].source != COSERR_SOURCE_NONE || sp[i].len != 0;
            continue;
        }
        bad += sp[i].source != COSERR_SOURCE_HEADER || sp[i].header >= r->header_count ||
               sp[i].len != len;
        if (sp[i].source == COSERR_SOURCE_HEADER && sp[i].header < r->header_count &&
            (size_t)sp[i].offset + sp[i].len <= r->headers[sp[i].header].value_len) {
            bad += memcmp(r->headers[sp[i].header].value + sp[i].offset, want[i], len) != 0;
        } else {
            bad++;
        }
    }
    return bad;
}

/* The checks every answer gets, given what the rules say of it. */
static void check_decisions(int line, const coserr_error *e, uint32_t retry, int not_from_cos,
                            int clock, int64_t ms) {
    int before = t_failed;
    CHECK_U(e->retry, retry);
    CHECK_U(e->retryable, retry == TRANSIENT || retry == THROTTLE);
    CHECK_U(e->flags & COSERR_FLAG_NOT_FROM_COS, not_from_cos ? COSERR_FLAG_NOT_FROM_COS : 0);
    CHECK_U(e->flags & COSERR_FLAG_SERVER_CLOCK, clock ? COSERR_FLAG_SERVER_CLOCK : 0);
    CHECK_I(e->server_time_ms, clock ? ms : 0);
    int64_t skew = 12345;
    /* The caller's clock 1.5 s behind the service's (or at the epoch). */
    int64_t local = clock && ms > INT64_MIN + 1500 ? ms - 1500 : 0;
    CHECK_U(coserr_clock_skew_ms(e, local, &skew), clock ? COSERR_OK : COSERR_NOT_FOUND);
    CHECK_I(skew, clock ? ms - local : 0);
    CHECK_U(shows_retry(e, retry), 0);
    CHECK_S(coserr_retry_name(e->retry), retry_names[retry]);
    if (t_failed > before) {
        fprintf(stderr, "  (in the row at line %d)\n", line);
    }
}

static void test_table(void) {
    size_t count = sizeof rows / sizeof rows[0];
    for (size_t i = 0; i < count; i++) {
        const row *w = &rows[i];
        coserr_header h[4];
        size_t nh = 0;
        while (nh < 4 && w->h[nh].name != NULL) {
            h[nh].name = w->h[nh].name;
            h[nh].name_len = strlen(w->h[nh].name);
            h[nh].value = w->h[nh].value;
            h[nh].value_len = strlen(w->h[nh].value);
            nh++;
        }
        coserr_response r =
            t_response(w->status, w->method, NULL, h, nh, w->body, strlen(w->body));
        coserr_error e;
        memset(&e, 0xAB, sizeof e);
        int before = t_failed;
        CHECK_U(coserr_parse_response(&r, &e), w->rc);
        CHECK_U(e.status, w->status);
        CHECK_U(e.kind == COSERR_KIND_NONE, w->rc == NOT_ERROR);
        CHECK_U(header_field_is(&e, COSERR_FIELD_LOCATION, e.location, w->location), 0);
        CHECK_U(header_field_is(&e, COSERR_FIELD_REGION, e.region, w->region), 0);
        CHECK_U(spans_agree(&r, &e), 0);
        if (t_failed > before) {
            fprintf(stderr, "  (in the row at line %d)\n", w->line);
        }
        check_decisions(w->line, &e, w->retry, w->not_from_cos, w->clock, w->ms);
    }
    printf("decision table: %zu rows\n", count);
    CHECK(count >= 45);
}

/* A body alone has no headers to judge: never NOT_FROM_COS, and no status
   for rule 1 (status 0). */
static void test_body_alone(void) {
    static const struct {
        int line;
        const char *body;
        uint32_t rc, retry;
        int clock;
        int64_t ms;
    } body_rows[] = {
        {__LINE__, "", NOT_ERROR, NONE, NO_CLOCK},
        {__LINE__, ERR("InternalError", "x"), ERROR, TRANSIENT, NO_CLOCK},
        {__LINE__, ERR("SlowDown", "x"), ERROR, THROTTLE, NO_CLOCK},
        {__LINE__, ERR("NoSuchKey", "x"), ERROR, NONE, NO_CLOCK},
        {__LINE__, "<Error><Code>InternalError</Code><RequestId></RequestId></Error>", ERROR,
         TRANSIENT, NO_CLOCK},
        {__LINE__, "502 Bad Gateway", ERROR, NONE, NO_CLOCK},
        {__LINE__, "{\"code\":\"RequestTimeout\",\"message\":\"x\"}", ERROR, TRANSIENT, NO_CLOCK},
        /* date -u -d @1554781160: Tue Apr  9 03:39:20 UTC 2019 */
        {__LINE__, ERR_TIME("AccessDenied", "2019-04-09T03:39:20Z"), ERROR, SKEW, AT(T0)},
        {__LINE__, "<Error><Code>SignatureDoesNotMatch</Code><ServerTime>2019-04-09T11:39:20.5+08:00"
                   "</ServerTime></Error>",
         ERROR, NONE, AT(1554781160500)},
    };
    for (size_t i = 0; i < sizeof body_rows / sizeof body_rows[0]; i++) {
        coserr_error e;
        memset(&e, 0xAB, sizeof e);
        CHECK_U(coserr_parse_body((const uint8_t *)body_rows[i].body, strlen(body_rows[i].body), &e),
                body_rows[i].rc);
        CHECK_U(e.status, 0);
        CHECK_U(e.present & (COSERR_FIELD_LOCATION | COSERR_FIELD_REGION), 0);
        check_decisions(body_rows[i].line, &e, body_rows[i].retry, 0, body_rows[i].clock,
                        body_rows[i].ms);
    }
}

/* A buffer of `n` copies of `c` followed by `tail`, NUL-terminated. */
static char *filled(const char *head, char c, size_t n, const char *tail) {
    size_t hl = strlen(head), tl = strlen(tail);
    char *s = (char *)malloc(hl + n + tl + 1);
    if (s == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    memcpy(s, head, hl);
    memset(s + hl, c, n);
    memcpy(s + hl + n, tail, tl + 1);
    return s;
}

/* The whole message counts, not the 1023 bytes the record keeps. */
static void test_long_messages(void) {
    static const struct {
        int line;
        const char *head;
        size_t pad;
        const char *tail;
        uint32_t retry;
    } cases[] = {
        /* The phrase starts past byte 1023 of the message. */
        {__LINE__, "<Error><Code>AccessDenied</Code><Message>", 1100,
         " request HAS EXPIRED.</Message></Error>", SKEW},
        /* ... across an entity. */
        {__LINE__, "<Error><Code>SignatureDoesNotMatch</Code><Message>", 1100,
         " Request has&#x20;expired</Message></Error>", SKEW},
        /* ... across a CDATA section's edge. */
        {__LINE__, "<Error><Code>AccessDenied</Code><Message>", 2000,
         " request has <![CDATA[expired]]></Message></Error>", SKEW},
        /* The phrase straddles the cut at 1023 bytes (1010 + 19 = 1029). */
        {__LINE__, "<Error><Code>AccessDenied</Code><Message>", 1010,
         "request has expired</Message></Error>", SKEW},
        /* Almost the phrase: no. */
        {__LINE__, "<Error><Code>AccessDenied</Code><Message>", 1100,
         " request has expire</Message></Error>", NONE},
        /* Another code with the phrase: no. */
        {__LINE__, "<Error><Code>InvalidRequest</Code><Message>", 1100,
         " request has expired</Message></Error>", NONE},
        /* A body cut off in transit: a client error whose message is the
           body's text, the completed code kept. */
        {__LINE__, "<Error><Code>AccessDenied</Code><Message>", 1100, " request has expired",
         SKEW},
    };
    coserr_header rid[] = {{"x-cos-request-id", 16, "rid-long", 8}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *body = filled(cases[i].head, 'x', cases[i].pad, cases[i].tail);
        coserr_response r = t_response(403, "GET", NULL, rid, 1, body, strlen(body));
        coserr_error e;
        CHECK_U(coserr_parse_response(&r, &e), COSERR_OK);
        CHECK_U(e.truncated & COSERR_FIELD_MESSAGE, COSERR_FIELD_MESSAGE);
        CHECK_S(e.code, strstr(cases[i].head, "AccessDenied") ? "AccessDenied"
                        : strstr(cases[i].head, "Signature") ? "SignatureDoesNotMatch"
                                                                 : "InvalidRequest");
        check_decisions(cases[i].line, &e, cases[i].retry, 0, NO_CLOCK);
        CHECK_U(spans_agree(&r, &e), 0);
        /* The body alone decides the same (status 0 is never rule 1's). */
        CHECK_U(coserr_parse_body((const uint8_t *)body, strlen(body), &e), COSERR_OK);
        check_decisions(cases[i].line, &e, cases[i].retry, 0, NO_CLOCK);
        free(body);
    }
}

/* Location and Region are cut like the other texts: to 1023 / 63 bytes at a
   UTF-8 boundary, or at a NUL byte, with the truncated bit. */
static void test_header_cuts(void) {
    coserr_error e;
    coserr_response r;

    /* A 1100-byte Location. */
    char *loc = filled("https://b-1250000000.cos.ap-beijing.myqcloud.com/", 'k',
                       1100 - strlen("https://b-1250000000.cos.ap-beijing.myqcloud.com/"), "");
    CHECK_U(strlen(loc), 1100);
    coserr_header h1[] = {{"x-cos-request-id", 16, "r", 1}, {"Location", 8, loc, 1100}};
    r = t_response(301, "GET", NULL, h1, 2, NULL, 0);
    CHECK_U(coserr_parse_response(&r, &e), COSERR_NOT_AN_ERROR);
    CHECK_U(strlen(e.location), 1023);
    CHECK(memcmp(e.location, loc, 1023) == 0);
    CHECK_U(e.present & COSERR_FIELD_LOCATION, COSERR_FIELD_LOCATION);
    CHECK_U(e.from_header & COSERR_FIELD_LOCATION, COSERR_FIELD_LOCATION);
    CHECK_U(e.truncated, COSERR_FIELD_LOCATION);
    CHECK_U(e.retry, NONE);
    CHECK_U(spans_agree(&r, &e), 0);
    free(loc);

    /* A 3-byte character across the 1023rd byte is left out whole. */
    loc = filled("", 'a', 1021, "\xE9\xA1\xB5zzzzzzzzzz");
    coserr_header h2[] = {{"Location", 8, loc, strlen(loc)}};
    r = t_response(302, "GET", NULL, h2, 1, NULL, 0);
    CHECK_U(coserr_parse_response(&r, &e), COSERR_NOT_AN_ERROR);
    CHECK_U(strlen(e.location), 1021);
    CHECK_U(e.truncated, COSERR_FIELD_LOCATION);
    CHECK_U(e.retry, SWITCH);
    CHECK_U(e.flags, COSERR_FLAG_NOT_FROM_COS);
    CHECK_U(spans_agree(&r, &e), 0);
    free(loc);

    /* Exactly 1023 bytes fit. */
    loc = filled("", 'b', 1023, "");
    coserr_header h3[] = {{"Location", 8, loc, 1023}};
    r = t_response(302, "GET", NULL, h3, 1, NULL, 0);
    coserr_parse_response(&r, &e);
    CHECK_U(strlen(e.location), 1023);
    CHECK_U(e.truncated, 0);
    free(loc);

    /* A NUL byte in a header value: C sees up to it, and the bit says so. */
    coserr_header h4[] = {{"Location", 8, "/a\0b", 4}, {"x-cos-bucket-region", 19, "ap-\0x", 5}};
    r = t_response(307, "GET", NULL, h4, 2, NULL, 0);
    coserr_parse_response(&r, &e);
    CHECK_S(e.location, "/a");
    CHECK_S(e.region, "ap-");
    CHECK_U(e.present & (COSERR_FIELD_LOCATION | COSERR_FIELD_REGION),
            COSERR_FIELD_LOCATION | COSERR_FIELD_REGION);
    CHECK_U(e.truncated, COSERR_FIELD_LOCATION | COSERR_FIELD_REGION);

    /* A 100-byte region keeps 63. */
    char *reg = filled("ap-", 'r', 97, "");
    coserr_header h5[] = {{"x-cos-bucket-region", 19, reg, 100}, {"x-cos-request-id", 16, "r", 1}};
    r = t_response(404, "GET", NULL, h5, 2, NULL, 0);
    CHECK_U(coserr_parse_response(&r, &e), COSERR_OK);
    CHECK_U(strlen(e.region), 63);
    CHECK(memcmp(e.region, reg, 63) == 0);
    CHECK_U(e.truncated, COSERR_FIELD_REGION);
    CHECK_U(e.from_header & COSERR_FIELD_REGION, COSERR_FIELD_REGION);
    CHECK_U(spans_agree(&r, &e), 0);
    free(reg);

    /* Headers are never in a body: coserr_field_value refuses their bits. */
    const char *body = "<Error><Code>X</Code><Location>/l</Location></Error>";
    char buf[16] = "unchanged";
    size_t len = 99;
    CHECK_U(coserr_field_value((const uint8_t *)body, strlen(body), COSERR_FIELD_LOCATION, buf,
                               sizeof buf, &len),
            COSERR_INVALID_ARGUMENT);
    CHECK_U(len, 0);
    CHECK_S(buf, "");
    CHECK_U(coserr_field_value((const uint8_t *)body, strlen(body), COSERR_FIELD_REGION, buf,
                               sizeof buf, &len),
            COSERR_INVALID_ARGUMENT);
    /* And a body's <Location> element is an extra, not the field. */
    CHECK_U(coserr_parse_body((const uint8_t *)body, strlen(body), &e), COSERR_OK);
    CHECK_U(e.present & COSERR_FIELD_LOCATION, 0);
    CHECK_S(e.location, "");
}

static void test_clock_skew(void) {
    coserr_error e;
    int64_t skew = 7;

    /* A parsed record: ServerTime 2019-04-09T03:39:20Z
       (date -u -d @1554781160: Tue Apr  9 03:39:20 UTC 2019). */
    const char *body = ERR_TIME("RequestTimeTooSkewed", "2019-04-09T03:39:20Z");
    CHECK_U(coserr_parse_body((const uint8_t *)body, strlen(body), &e), COSERR_OK);
    /* The caller 10 minutes behind: date -u -d @1554780560 -> 03:29:20. */
    CHECK_U(coserr_clock_skew_ms(&e, INT64_C(1554780560000), &skew), COSERR_OK);
    CHECK_I(skew, 600000);
    /* 2.5 s ahead. */
    CHECK_U(coserr_clock_skew_ms(&e, INT64_C(1554781162500), &skew), COSERR_OK);
    CHECK_I(skew, -2500);
    CHECK_U(coserr_clock_skew_ms(&e, T0, &skew), COSERR_OK);
    CHECK_I(skew, 0);

    CHECK_U(coserr_clock_skew_ms(NULL, 0, &skew), COSERR_NULL_ARGUMENT);
    CHECK_U(coserr_clock_skew_ms(&e, 0, NULL), COSERR_NULL_ARGUMENT);
    CHECK_U(coserr_clock_skew_ms(NULL, 0, NULL), COSERR_NULL_ARGUMENT);

    /* Hand-made records: the flag decides, not the number. */
    coserr_error m;
    memset(&m, 0, sizeof m);
    m.server_time_ms = 5000;
    skew = 7;
    CHECK_U(coserr_clock_skew_ms(&m, 1000, &skew), COSERR_NOT_FOUND);
    CHECK_I(skew, 0);
    m.flags = COSERR_FLAG_SERVER_CLOCK;
    CHECK_U(coserr_clock_skew_ms(&m, 1000, &skew), COSERR_OK);
    CHECK_I(skew, 4000);
    m.flags = COSERR_FLAG_SERVER_CLOCK | COSERR_FLAG_NOT_FROM_COS | COSERR_FLAG_PARTIAL;
    CHECK_U(coserr_clock_skew_ms(&m, 1000, &skew), COSERR_OK);
    CHECK_I(skew, 4000);
    m.flags = COSERR_FLAG_NOT_FROM_COS | COSERR_FLAG_IDS_DISAGREE | COSERR_FLAG_PARTIAL;
    CHECK_U(coserr_clock_skew_ms(&m, 1000, &skew), COSERR_NOT_FOUND);
    CHECK_I(skew, 0);

    /* Saturation at the extremes. */
    m.flags = COSERR_FLAG_SERVER_CLOCK;
    m.server_time_ms = INT64_MAX;
    CHECK_U(coserr_clock_skew_ms(&m, -1, &skew), COSERR_OK);
    CHECK_I(skew, INT64_MAX);
    CHECK_U(coserr_clock_skew_ms(&m, INT64_MIN, &skew), COSERR_OK);
    CHECK_I(skew, INT64_MAX);
    CHECK_U(coserr_clock_skew_ms(&m, INT64_MAX, &skew), COSERR_OK);
    CHECK_I(skew, 0);
    CHECK_U(coserr_clock_skew_ms(&m, 1, &skew), COSERR_OK);
    CHECK_I(skew, INT64_MAX - 1);
    m.server_time_ms = INT64_MIN;
    CHECK_U(coserr_clock_skew_ms(&m, 1, &skew), COSERR_OK);
    CHECK_I(skew, INT64_MIN);
    CHECK_U(coserr_clock_skew_ms(&m, INT64_MAX, &skew), COSERR_OK);
    CHECK_I(skew, INT64_MIN);
    CHECK_U(coserr_clock_skew_ms(&m, -1, &skew), COSERR_OK);
    CHECK_I(skew, INT64_MIN + 1);
    m.server_time_ms = -1000;
    CHECK_U(coserr_clock_skew_ms(&m, INT64_MAX, &skew), COSERR_OK);
    CHECK_I(skew, INT64_MIN);
}

static void test_names_and_text(void) {
    for (uint32_t i = 0; i < 5; i++) {
        CHECK_S(coserr_retry_name(i), retry_names[i]);
    }
    CHECK_S(coserr_retry_name(5), "");
    CHECK_S(coserr_retry_name(UINT32_MAX), "");

    /* A hand-made record shows its class, and an unknown one as none. */
    coserr_error m;
    char line[512];
    memset(&m, 0, sizeof m);
    m.kind = COSERR_KIND_SERVICE;
    m.status = 503;
    m.retry = COSERR_RETRY_TRANSIENT;
    coserr_format(&m, line, sizeof line);
    CHECK_S(line, "CosServiceError status=503 retry=transient code=- message=- request_id=- "
                  "trace_id=- resource=-");
    coserr_to_json(&m, line, sizeof line);
    CHECK_S(line, "{\"code\":null,\"message\":null,\"resource\":null,\"requestid\":null,"
                  "\"traceid\":null,\"status\":503,\"kind\":\"service\",\"retry\":\"transient\"}");
    m.kind = COSERR_KIND_CLIENT;
    m.body_status = COSERR_BODY_NOT_XML;
    m.retry = COSERR_RETRY_SWITCH_DOMAIN;
    coserr_format(&m, line, sizeof line);
    CHECK_S(line, "CosClientError status=503 cause=not_xml retry=switch_domain code=- message=- "
                  "request_id=- trace_id=- resource=-");
    m.kind = COSERR_KIND_NONE;
    m.status = 302;
    coserr_format(&m, line, sizeof line);
    CHECK_S(line, "NotAnError status=302 retry=switch_domain code=- message=- request_id=- "
                  "trace_id=- resource=-");
    m.retry = COSERR_RETRY_NONE;
    coserr_format(&m, line, sizeof line);
    CHECK_S(line, "NotAnError status=302 code=- message=- request_id=- trace_id=- resource=-");
    m.retry = 99;
    coserr_format(&m, line, sizeof line);
    CHECK_S(line, "NotAnError status=302 code=- message=- request_id=- trace_id=- resource=-");
    coserr_to_json(&m, line, sizeof line);
    CHECK_S(line, "{\"code\":null,\"message\":null,\"resource\":null,\"requestid\":null,"
                  "\"traceid\":null,\"status\":302,\"kind\":\"none\",\"retry\":\"none\"}");
}

int main(int argc, char **argv) {
    (void)argv;
    if (argc != 1) {
        fprintf(stderr, "usage: test_decisions\n");
        return 2;
    }
    test_table();
    test_body_alone();
    test_long_messages();
    test_header_cuts();
    test_clock_skew();
    test_names_and_text();
    return t_finish();
}
