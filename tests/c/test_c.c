/* C99 tests of the coserr C ABI, linked against an installed prefix.
 *
 *   test_c SAMPLES_DIR EDGE_DIR
 *
 * Covers every function and every result code that can be produced, NULL and
 * (NULL, 0) arguments, the decision table (docs/semantics.md) through
 * coserr_parse_response, truncation at UTF-8 boundaries, the snprintf
 * semantics of coserr_format / coserr_to_json, the spans record, and every
 * shared body. The extras have their own program, test_extras.c, and so
 * have ABI version 2's decisions (retry class, clock, Location / Region),
 * test_decisions.c. */
#define _POSIX_C_SOURCE 200809L

#include <coserr.h>

#include <stddef.h>
#include <stdint.h>

#include "bodies.h"
#include "testutil.h"

/* The layout is part of the ABI: the same numbers are asserted in Rust. */
_Static_assert(sizeof(coserr_error) == 3704, "sizeof coserr_error");
_Static_assert(offsetof(coserr_error, kind) == 0, "kind");
_Static_assert(offsetof(coserr_error, status) == 4, "status");
_Static_assert(offsetof(coserr_error, body_status) == 8, "body_status");
_Static_assert(offsetof(coserr_error, body_offset) == 12, "body_offset");
_Static_assert(offsetof(coserr_error, present) == 16, "present");
_Static_assert(offsetof(coserr_error, from_header) == 20, "from_header");
_Static_assert(offsetof(coserr_error, truncated) == 24, "truncated");
_Static_assert(offsetof(coserr_error, flags) == 28, "flags");
_Static_assert(offsetof(coserr_error, code_id) == 32, "code_id");
_Static_assert(offsetof(coserr_error, category) == 36, "category");
_Static_assert(offsetof(coserr_error, retryable) == 40, "retryable");
_Static_assert(offsetof(coserr_error, code) == 44, "code");
_Static_assert(offsetof(coserr_error, message) == 108, "message");
_Static_assert(offsetof(coserr_error, resource) == 1132, "resource");
_Static_assert(offsetof(coserr_error, request_id) == 2156, "request_id");
_Static_assert(offsetof(coserr_error, trace_id) == 2284, "trace_id");
_Static_assert(offsetof(coserr_error, server_time) == 2540, "server_time");
_Static_assert(offsetof(coserr_error, retry) == 2604, "retry");
_Static_assert(offsetof(coserr_error, server_time_ms) == 2608, "server_time_ms");
_Static_assert(offsetof(coserr_error, location) == 2616, "location");
_Static_assert(offsetof(coserr_error, region) == 3640, "region");
_Static_assert(sizeof(((coserr_error *)0)->code) == 64, "code[64]");
_Static_assert(sizeof(((coserr_error *)0)->message) == 1024, "message[1024]");
_Static_assert(sizeof(((coserr_error *)0)->resource) == 1024, "resource[1024]");
_Static_assert(sizeof(((coserr_error *)0)->request_id) == 128, "request_id[128]");
_Static_assert(sizeof(((coserr_error *)0)->trace_id) == 256, "trace_id[256]");
_Static_assert(sizeof(((coserr_error *)0)->server_time) == 64, "server_time[64]");
_Static_assert(sizeof(((coserr_error *)0)->server_time_ms) == 8, "int64_t server_time_ms");
_Static_assert(sizeof(((coserr_error *)0)->location) == 1024, "location[1024]");
_Static_assert(sizeof(((coserr_error *)0)->region) == 64, "region[64]");
_Static_assert(sizeof(coserr_header) == 4 * sizeof(void *), "coserr_header");
_Static_assert(offsetof(coserr_response, method) == sizeof(void *), "method");
_Static_assert(offsetof(coserr_response, body_len) == 8 * sizeof(void *), "body_len");
_Static_assert(sizeof(coserr_response) == 9 * sizeof(void *), "coserr_response");
_Static_assert(COSERR_TEXT_CAPACITY == 63 + 1023 + 1023 + 127 + 255 + 63 + 1023 + 63, "text capacity");
_Static_assert(sizeof(coserr_span) == 16, "sizeof coserr_span");
_Static_assert(sizeof(coserr_spans) == 216, "sizeof coserr_spans");
_Static_assert(offsetof(coserr_spans, has_extras) == 44, "spans has_extras");
_Static_assert(offsetof(coserr_spans, code) == 48, "spans code");
_Static_assert(offsetof(coserr_spans, server_time) == 128, "spans server_time");
_Static_assert(offsetof(coserr_spans, extras) == 144, "spans extras");
_Static_assert(offsetof(coserr_spans, location) == 168, "spans location");
_Static_assert(offsetof(coserr_spans, region) == 184, "spans region");
_Static_assert(offsetof(coserr_spans, retry) == 200, "spans retry");
_Static_assert(offsetof(coserr_spans, server_time_ms) == 208, "spans server_time_ms");
_Static_assert(sizeof(coserr_extras_iter) == 24, "sizeof coserr_extras_iter");
_Static_assert(offsetof(coserr_extras_iter, pos) == 0, "iter pos");
_Static_assert(offsetof(coserr_extras_iter, end) == 8, "iter end");
_Static_assert(offsetof(coserr_extras_iter, seen) == 16, "iter seen");
_Static_assert(offsetof(coserr_extras_iter, reserved) == 20, "iter reserved");
_Static_assert(sizeof(((coserr_extras_iter *)0)->pos) == 8, "iter pos is uint64_t");
_Static_assert(sizeof(((coserr_extras_iter *)0)->seen) == 4, "iter seen is uint32_t");

static const char *samples;
static const char *edge;

#define H(n, v) {n, sizeof(n) - 1, v, sizeof(v) - 1}

static int all_zero(const coserr_error *e) {
    const unsigned char *p = (const unsigned char *)e;
    for (size_t i = 0; i < sizeof *e; i++) {
        if (p[i] != 0) {
            return 0;
        }
    }
    return 1;
}

/* Every string of a record is NUL-terminated inside its array, complete
   UTF-8, and empty when absent (the eight texts, in the order of their
   COSERR_FIELD_* bits). */
static int strings_ok(const coserr_error *e) {
    const char *s[8] = {e->code,     e->message,     e->resource, e->request_id,
                        e->trace_id, e->server_time, e->location, e->region};
    size_t cap[8] = {sizeof e->code,     sizeof e->message,     sizeof e->resource,
                     sizeof e->request_id, sizeof e->trace_id, sizeof e->server_time,
                     sizeof e->location, sizeof e->region};
    for (int i = 0; i < 8; i++) {
        const char *nul = (const char *)memchr(s[i], 0, cap[i]);
        if (nul == NULL || !t_utf8_complete(s[i], (size_t)(nul - s[i]))) {
            return 0;
        }
        if (!(e->present & (1u << i)) && s[i][0] != 0) {
            return 0;
        }
    }
    return 1;
}

static void test_constants(void) {
    CHECK_U(coserr_abi_version(), COSERR_ABI_VERSION);
    CHECK_U(COSERR_ABI_VERSION, 2);
    CHECK_U(COSERR_OK, 0);
    CHECK_U(COSERR_NOT_AN_ERROR, 1);
    CHECK_U(COSERR_NULL_ARGUMENT, 2);
    CHECK_U(COSERR_PANIC, 3);
    CHECK_U(COSERR_INVALID_ARGUMENT, 4);
    CHECK_U(COSERR_NOT_FOUND, 5);
    CHECK_U(COSERR_TEXT_NEEDED, 6);
    CHECK_U(COSERR_SOURCE_NONE, 0);
    CHECK_U(COSERR_SOURCE_TEXT, 4);
    CHECK_U(COSERR_FIELD_CODE | COSERR_FIELD_MESSAGE | COSERR_FIELD_RESOURCE |
                COSERR_FIELD_REQUEST_ID | COSERR_FIELD_TRACE_ID | COSERR_FIELD_SERVER_TIME,
            63);
    CHECK_U(COSERR_CATEGORY_REDIRECT, 8);
    /* ABI version 2's decisions (their behaviour: test_decisions.c). */
    CHECK_U(COSERR_FIELD_LOCATION, 64);
    CHECK_U(COSERR_FIELD_REGION, 128);
    CHECK_U(COSERR_FLAG_PARTIAL | COSERR_FLAG_IDS_DISAGREE | COSERR_FLAG_SERVER_CLOCK |
                COSERR_FLAG_NOT_FROM_COS,
            15);
    CHECK_U(COSERR_RETRY_NONE, 0);
    CHECK_U(COSERR_RETRY_SWITCH_DOMAIN, 4);

    CHECK_S(coserr_result_name(COSERR_OK), "COSERR_OK");
    CHECK_S(coserr_result_name(COSERR_NOT_AN_ERROR), "COSERR_NOT_AN_ERROR");
    CHECK_S(coserr_result_name(COSERR_NULL_ARGUMENT), "COSERR_NULL_ARGUMENT");
    CHECK_S(coserr_result_name(COSERR_PANIC), "COSERR_PANIC");
    CHECK_S(coserr_result_name(COSERR_INVALID_ARGUMENT), "COSERR_INVALID_ARGUMENT");
    CHECK_S(coserr_result_name(COSERR_NOT_FOUND), "COSERR_NOT_FOUND");
    CHECK_S(coserr_result_name(COSERR_TEXT_NEEDED), "COSERR_TEXT_NEEDED");
    CHECK_S(coserr_result_name(7), "COSERR_UNKNOWN_RESULT");
    CHECK_S(coserr_result_name(UINT32_MAX), "COSERR_UNKNOWN_RESULT");

    CHECK_S(coserr_code_name(COSERR_CODE_UNKNOWN), "");
    CHECK_S(coserr_code_name(100000), "");
    CHECK_S(coserr_code_name(UINT32_MAX), "");
    /* Every known id names a code, and parsing that code gives the id back. */
    int ids = 0;
    for (uint32_t id = 1; id < 100000; id++) {
        const char *name = coserr_code_name(id);
        if (name == NULL || name[0] == 0) {
            break;
        }
        char body[256];
        int n = snprintf(body, sizeof body, "<Error><Code>%s</Code></Error>", name);
        coserr_error e;
        uint32_t rc = coserr_parse_body((const uint8_t *)body, (size_t)n, &e);
        if (rc != COSERR_OK || e.code_id != id || strcmp(e.code, name) != 0) {
            fprintf(stderr, "code id %u (%s) does not round-trip\n", id, name);
            t_failed++;
        }
        ids++;
    }
    CHECK(ids > 100);
}

static void test_null_arguments(void) {
    coserr_error e;
    coserr_response r = t_response(404, "GET", NULL, NULL, 0, NULL, 0);

    memset(&e, 0xAB, sizeof e);
    CHECK_U(coserr_parse_response(NULL, &e), COSERR_NULL_ARGUMENT);
    CHECK(all_zero(&e));
    CHECK_U(coserr_parse_response(&r, NULL), COSERR_NULL_ARGUMENT);
    CHECK_U(coserr_parse_response(NULL, NULL), COSERR_NULL_ARGUMENT);

    /* (NULL, 0) everywhere: a 404 with nothing else is a service error. */
    memset(&e, 0xAB, sizeof e);
    r = t_response(404, NULL, NULL, NULL, 0, NULL, 0);
    CHECK_U(coserr_parse_response(&r, &e), COSERR_OK);
    CHECK_U(e.kind, COSERR_KIND_SERVICE);
    CHECK_U(e.body_status, COSERR_BODY_EMPTY);
    CHECK_U(e.present, 0);
    CHECK(strings_ok(&e));

    /* NULL with a length above 0, in each slot of the response. */
    r = t_response(404, NULL, NULL, NULL, 0, NULL, 0);
    r.method_len = 4;
    memset(&e, 0xAB, sizeof e);
    CHECK_U(coserr_parse_response(&r, &e), COSERR_NULL_ARGUMENT);
    CHECK(all_zero(&e));
    r = t_response(404, NULL, NULL, NULL, 0, NULL, 0);
    r.url_len = 1;
    CHECK_U(coserr_parse_response(&r, &e), COSERR_NULL_ARGUMENT);
    r = t_response(404, NULL, NULL, NULL, 1, NULL, 0);
    CHECK_U(coserr_parse_response(&r, &e), COSERR_NULL_ARGUMENT);
    r = t_response(404, NULL, NULL, NULL, 0, NULL, 7);
    CHECK_U(coserr_parse_response(&r, &e), COSERR_NULL_ARGUMENT);
    coserr_header bad_value[] = {{"x-cos-request-id", 16, NULL, 3}};
    r = t_response(404, NULL, NULL, bad_value, 1, NULL, 0);
    CHECK_U(coserr_parse_response(&r, &e), COSERR_NULL_ARGUMENT);
    /* A header with a NULL name is skipped; a (NULL, 0) value is an empty value. */
    coserr_header skipped[] = {{NULL, 5, "x", 1}, {"x-cos-request-id", 16, NULL, 0},
                               H("x-cos-trace-id", "t-9")};
    r = t_response(404, NULL, NULL, skipped, 3, NULL, 0);
    CHECK_U(coserr_parse_response(&r, &e), COSERR_OK);
    /* An empty header is no header (the core's rule). */
    CHECK_S(e.request_id, "");
    CHECK_U(e.present & COSERR_FIELD_REQUEST_ID, 0);
    CHECK_S(e.trace_id, "t-9");

    /* Lengths no object can have. */
    static const uint8_t one[1] = {'<'};
    r = t_response(404, NULL, NULL, NULL, 0, one, SIZE_MAX);
    memset(&e, 0xAB, sizeof e);
    CHECK_U(coserr_parse_response(&r, &e), COSERR_INVALID_ARGUMENT);
    CHECK(all_zero(&e));
    r = t_response(404, NULL, NULL, skipped, SIZE_MAX / 8, NULL, 0);
    CHECK_U(coserr_parse_response(&r, &e), COSERR_INVALID_ARGUMENT);
    CHECK_U(coserr_parse_body(one, SIZE_MAX, &e), COSERR_INVALID_ARGUMENT);

    /* coserr_parse_body. */
    memset(&e, 0xAB, sizeof e);
    CHECK_U(coserr_parse_body(NULL, 0, &e), COSERR_NOT_AN_ERROR);
    CHECK_U(e.kind, COSERR_KIND_NONE);
    CHECK_U(e.body_status, COSERR_BODY_EMPTY);
    memset(&e, 0xAB, sizeof e);
    CHECK_U(coserr_parse_body(NULL, 3, &e), COSERR_NULL_ARGUMENT);
    CHECK(all_zero(&e));
    CHECK_U(coserr_parse_body(one, 1, NULL), COSERR_NULL_ARGUMENT);

    /* Formatting a NULL record: 0, and "" written when there is room. */
    char buf[8] = "xxxxxxx";
    CHECK_U(coserr_format(NULL, buf, sizeof buf), 0);
    CHECK_S(buf, "");
    memcpy(buf, "xxxxxxx", 8);
    CHECK_U(coserr_to_json(NULL, buf, sizeof buf), 0);
    CHECK_S(buf, "");
    CHECK_U(coserr_format(NULL, NULL, 0), 0);
    CHECK_U(coserr_to_json(NULL, NULL, 0), 0);
    /* A NULL buffer is never written, whatever cap says. */
    CHECK(coserr_format(&e, NULL, 100) > 0);
}

static void test_decision_table(void) {
    coserr_error e;
    coserr_response r;
    size_t n;
    unsigned char *b;

    /* 200 + Error body (Copy returns <Error> inside a 200) -> service. */
    b = t_read(samples, "go_TestObjectService_Copy_returnErr.xml", &n);
    r = t_response(200, "PUT", NULL, NULL, 0, b, n);
    CHECK_U(coserr_parse_response(&r, &e), COSERR_OK);
    CHECK_U(e.kind, COSERR_KIND_SERVICE);
    CHECK_U(e.status, 200);
    CHECK_U(e.body_status, COSERR_BODY_OK);
    CHECK(e.present & COSERR_FIELD_CODE);
    CHECK(e.code[0] != 0);
    CHECK_U(e.from_header & COSERR_FIELD_CODE, 0);
    free(b);

    /* 200 + a result document (after keep-alive spaces) -> not an error. */
    b = t_read(edge, "leading_whitespace_keepalive_then_result.xml", &n);
    r = t_response(200, "POST", "https://b.cos.ap-beijing.myqcloud.com/k", NULL, 0, b, n);
    memset(&e, 0xAB, sizeof e);
    CHECK_U(coserr_parse_response(&r, &e), COSERR_NOT_AN_ERROR);
    CHECK_U(e.kind, COSERR_KIND_NONE);
    CHECK_U(e.status, 200);
    CHECK_U(e.body_status, COSERR_BODY_NOT_ERROR_DOC);
    CHECK_U(e.present, 0);
    CHECK_U(e.retryable, 0);
    CHECK(strings_ok(&e));
    free(b);

    /* 404 HEAD with an empty body: the Python SDK's values, resource = URL. */
    const char *url = "https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/missing.txt";
    coserr_header head_h[] = {H("Content-Length", "0"), H("X-Cos-Request-Id", "NjE4Yj-head")};
    r = t_response(404, "head", url, head_h, 2, NULL, 0);
    CHECK_U(coserr_parse_response(&r, &e), COSERR_OK);
    CHECK_U(e.kind, COSERR_KIND_SERVICE);
    CHECK_U(e.body_status, COSERR_BODY_EMPTY);
    CHECK_S(e.code, "NoSuchResource");
    CHECK_S(e.message, "The Resource You Head Not Exist");
    CHECK_S(e.resource, url);
    CHECK_S(e.request_id, "NjE4Yj-head");
    CHECK_U(e.from_header, COSERR_FIELD_RESOURCE | COSERR_FIELD_REQUEST_ID);
    CHECK_U(e.present, COSERR_FIELD_CODE | COSERR_FIELD_MESSAGE | COSERR_FIELD_RESOURCE |
                           COSERR_FIELD_REQUEST_ID);
    CHECK_U(e.category, COSERR_CATEGORY_NOT_FOUND);
    CHECK_U(e.retryable, 0);
    CHECK_S(coserr_code_name(e.code_id), e.code_id ? "NoSuchResource" : "");
    {
        char line[1024];
        size_t len = coserr_format(&e, line, sizeof line);
        const char *want = "CosServiceError status=404 code=\"NoSuchResource\" message=\"The Resource You "
                           "Head Not Exist\" request_id=\"NjE4Yj-head\" trace_id=- resource=\"https://"
                           "examplebucket-1250000000.cos.ap-beijing.myqcloud.com/missing.txt\"";
        CHECK_S(line, want);
        CHECK_U(len, strlen(want));
        len = coserr_to_json(&e, line, sizeof line);
        want = "{\"code\":\"NoSuchResource\",\"message\":\"The Resource You Head Not Exist\","
               "\"resource\":\"https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/"
               "missing.txt\",\"requestid\":\"NjE4Yj-head\",\"traceid\":null,\"status\":404,"
               "\"kind\":\"service\",\"retry\":\"none\"}";
        CHECK_S(line, want);
        CHECK_U(len, strlen(want));
    }
    /* A GET 404 without a body has no made-up code. */
    r = t_response(404, "GET", url, NULL, 0, NULL, 0);
    CHECK_U(coserr_parse_response(&r, &e), COSERR_OK);
    CHECK_U(e.present & COSERR_FIELD_CODE, 0);
    CHECK_S(e.resource, url);

    /* x-cos-error-code (vector buckets): code from the header, message from JSON. */
    const char *vec = "{\"message\":\"vector index not found\",\"requestId\":\"vreq-1\"}";
    coserr_header vec_h[] = {H("X-Cos-Error-Code", "NotFoundException")};
    r = t_response(404, "POST", NULL, vec_h, 1, vec, strlen(vec));
    CHECK_U(coserr_parse_response(&r, &e), COSERR_OK);
    CHECK_U(e.kind, COSERR_KIND_SERVICE);
    CHECK_S(e.code, "NotFoundException");
    CHECK(e.from_header & COSERR_FIELD_CODE);
    CHECK_S(e.message, "vector index not found");
    CHECK_S(e.request_id, "vreq-1");
    CHECK_U(e.category, COSERR_CATEGORY_NOT_FOUND);

    /* Request id and trace id from headers, names in mixed case. */
    const char *nokey = "<Error><Code>NoSuchKey</Code><Message>gone</Message></Error>";
    coserr_header mixed[] = {H("x-COS-request-ID", "req-mixed"), H("X-Cos-Trace-Id", "trace-mixed")};
    r = t_response(404, "GET", NULL, mixed, 2, nokey, strlen(nokey));
    CHECK_U(coserr_parse_response(&r, &e), COSERR_OK);
    CHECK_S(e.request_id, "req-mixed");
    CHECK_S(e.trace_id, "trace-mixed");
    CHECK_U(e.from_header, COSERR_FIELD_REQUEST_ID | COSERR_FIELD_TRACE_ID);
    CHECK_U(e.flags, 0);
    CHECK_U(e.category, COSERR_CATEGORY_NOT_FOUND);
    CHECK_S(coserr_code_name(e.code_id), "NoSuchKey");
    /* x-ci-request-id, then x-img-request-id, when x-cos-request-id is missing. */
    coserr_header ci[] = {H("X-Img-Request-Id", "img-1"), H("X-Ci-Request-Id", "ci-1")};
    r = t_response(404, "GET", NULL, ci, 2, nokey, strlen(nokey));
    CHECK_U(coserr_parse_response(&r, &e), COSERR_OK);
    CHECK_S(e.request_id, "ci-1");
    r = t_response(404, "GET", NULL, ci, 1, nokey, strlen(nokey));
    CHECK_U(coserr_parse_response(&r, &e), COSERR_OK);
    CHECK_S(e.request_id, "img-1");

    /* Present-but-empty body elements never wipe a header value. */
    b = t_read(samples, "issues_mozillazg-go-cos_2_SignatureDoesNotMatch_empty_elements.xml", &n);
    coserr_header ids[] = {H("x-cos-request-id", "hdr-req"), H("x-cos-trace-id", "hdr-trace")};
    r = t_response(403, "PUT", NULL, ids, 2, b, n);
    CHECK_U(coserr_parse_response(&r, &e), COSERR_OK);
    CHECK_S(e.code, "SignatureDoesNotMatch");
    CHECK_S(e.request_id, "hdr-req");
    CHECK_S(e.trace_id, "hdr-trace");
    CHECK(e.from_header & COSERR_FIELD_REQUEST_ID);
    CHECK(e.from_header & COSERR_FIELD_TRACE_ID);
    CHECK_U(e.flags & COSERR_FLAG_IDS_DISAGREE, 0);
    CHECK_U(e.category, COSERR_CATEGORY_ACCESS_AUTH);
    /* Without headers they stay present and empty. */
    r = t_response(403, "PUT", NULL, NULL, 0, b, n);
    CHECK_U(coserr_parse_response(&r, &e), COSERR_OK);
    CHECK_S(e.request_id, "");
    CHECK(e.present & COSERR_FIELD_REQUEST_ID);
    CHECK(e.present & COSERR_FIELD_RESOURCE);
    free(b);

    /* Body and header disagree: the body wins, the flag says so. */
    b = t_read(samples, "awsrust_s3_request_id_NoSuchKey.xml", &n);
    coserr_header other[] = {H("x-cos-request-id", "correct-request-id")};
    r = t_response(404, "GET", NULL, other, 1, b, n);
    CHECK_U(coserr_parse_response(&r, &e), COSERR_OK);
    CHECK_S(e.request_id, "incorrect-request-id");
    CHECK(e.flags & COSERR_FLAG_IDS_DISAGREE);
    CHECK_U(e.from_header & COSERR_FIELD_REQUEST_ID, 0);
    free(b);

    /* 502 from a proxy: HTML -> client error, message = the body's start. */
    b = t_read(edge, "html_502.html", &n);
    r = t_response(502, "GET", NULL, NULL, 0, b, n);
    CHECK_U(coserr_parse_response(&r, &e), COSERR_OK);
    CHECK_U(e.kind, COSERR_KIND_CLIENT);
    CHECK_U(e.status, 502);
    CHECK_U(e.body_status, COSERR_BODY_MALFORMED);
    CHECK_U(e.body_offset, 132);
    CHECK(strncmp(e.message, (const char *)b, strlen(e.message)) == 0);
    CHECK_U(strlen(e.message), n < 1023 ? n : 1023);
    /* A 5xx without any request id did not come from COS: another host,
       not the same request again. */
    CHECK_U(e.retry, COSERR_RETRY_SWITCH_DOMAIN);
    CHECK_U(e.retryable, 0);
    CHECK_U(e.flags, COSERR_FLAG_NOT_FROM_COS);
    CHECK_U(e.category, COSERR_CATEGORY_SERVER);
    {
        char line[4096];
        coserr_format(&e, line, sizeof line);
        const char *want = "CosClientError status=502 cause=malformed retry=switch_domain code=- message=\"";
        CHECK(strncmp(line, want, strlen(want)) == 0);
    }
    free(b);

    /* A 403 plain-text body (not XML) -> client error keeping the text. */
    b = t_read(samples, "issues_PicGo_868_403_plaintext_nonxml.txt", &n);
    r = t_response(403, "PUT", NULL, NULL, 0, b, n);
    CHECK_U(coserr_parse_response(&r, &e), COSERR_OK);
    CHECK_U(e.kind, COSERR_KIND_CLIENT);
    CHECK_U(e.body_status, COSERR_BODY_NOT_XML);
    CHECK_U(e.body_offset, 0);
    CHECK(n > 0 && strncmp(e.message, (const char *)b, strlen(e.message)) == 0);
    CHECK_U(e.retryable, 0);
    free(b);

    /* A truncated body: client error, partial, the code kept. */
    b = t_read(samples, "issues_PicGo_638_SignatureDoesNotMatch_StringToSign_FormatString_TRUNCATED.xml", &n);
    r = t_response(403, "PUT", NULL, NULL, 0, b, n);
    CHECK_U(coserr_parse_response(&r, &e), COSERR_OK);
    CHECK_U(e.kind, COSERR_KIND_CLIENT);
    CHECK_U(e.body_status, COSERR_BODY_MALFORMED);
    CHECK(e.flags & COSERR_FLAG_PARTIAL);
    CHECK_S(e.code, "SignatureDoesNotMatch");
    CHECK_S(e.request_id, "NjA0NGFjMmFfZTViOTJhMDlfMjA0NDlfNzU0MzM4NQ==");
    CHECK(e.body_offset > 0 && e.body_offset <= n);
    CHECK(strncmp(e.message, "<?xml", 5) == 0);
    CHECK_U(e.category, COSERR_CATEGORY_ACCESS_AUTH);
    CHECK(strings_ok(&e));
    free(b);

    /* 500 with an XML body, and status 0 (body alone) of the same body. */
    b = t_read(samples, "go_TestObjectService_CompleteMultipartUpload_HTTPError.xml", &n);
    r = t_response(500, "POST", NULL, NULL, 0, b, n);
    CHECK_U(coserr_parse_response(&r, &e), COSERR_OK);
    /* No request id in the body or the headers: the backup domain. */
    CHECK_U(e.retry, COSERR_RETRY_SWITCH_DOMAIN);
    CHECK_U(e.retryable, 0);
    CHECK_U(e.flags, COSERR_FLAG_NOT_FROM_COS);
    /* With one, COS itself failed: retry with backoff. */
    coserr_header rid500[] = {H("x-cos-request-id", "req-500")};
    r = t_response(500, "POST", NULL, rid500, 1, b, n);
    CHECK_U(coserr_parse_response(&r, &e), COSERR_OK);
    CHECK_U(e.retry, COSERR_RETRY_TRANSIENT);
    CHECK_U(e.retryable, 1);
    CHECK_U(e.flags, 0);
    {
        coserr_error e0;
        CHECK_U(coserr_parse_body(b, n, &e0), COSERR_OK);
        CHECK_U(e0.status, 0);
        CHECK_S(e0.code, e.code);
        CHECK_S(e0.message, e.message);
    }
    free(b);

    /* ServerTime (signature errors). */
    b = t_read(samples, "issues_cos-wx-sdk-v5_30_AccessDenied_ServerTime.xml", &n);
    CHECK_U(coserr_parse_body(b, n, &e), COSERR_OK);
    CHECK(e.present & COSERR_FIELD_SERVER_TIME);
    CHECK(e.server_time[0] != 0);
    free(b);
}

/* A 2000-byte multibyte message is cut below 1024 bytes on a char boundary. */
static void test_truncation(void) {
    /* "a" + 700 x U+9875 (3 bytes): 2101 bytes; 1 + 340 * 3 = 1021 fit in 1023. */
    char body[4096];
    size_t n = 0;
    n += (size_t)sprintf(body + n, "<Error><Code>SlowDown</Code><Message>a");
    for (int i = 0; i < 700; i++) {
        memcpy(body + n, "\xE9\xA1\xB5", 3);
        n += 3;
    }
    n += (size_t)sprintf(body + n, "</Message><RequestId>r</RequestId></Error>");
    coserr_error e;
    CHECK_U(coserr_parse_body((const uint8_t *)body, n, &e), COSERR_OK);
    CHECK_U(strlen(e.message), 1021);
    CHECK(t_utf8_complete(e.message, strlen(e.message)));
    CHECK_U(e.truncated, COSERR_FIELD_MESSAGE);
    CHECK_S(e.request_id, "r");
    CHECK_U(e.retryable, 1);
    CHECK_U(e.category, COSERR_CATEGORY_THROTTLED);

    /* A 4-byte character straddling the code's 63-byte capacity. */
    n = (size_t)sprintf(body, "<Error><Code>");
    memset(body + n, 'C', 61);
    n += 61;
    memcpy(body + n, "\xF0\x9F\x98\x80", 4); /* U+1F600 */
    n += 4;
    n += (size_t)sprintf(body + n, "</Code></Error>");
    CHECK_U(coserr_parse_body((const uint8_t *)body, n, &e), COSERR_OK);
    CHECK_U(strlen(e.code), 61);
    CHECK_U(e.truncated, COSERR_FIELD_CODE);
    CHECK_U(e.code_id, COSERR_CODE_UNKNOWN);
}

typedef size_t (*fmt_fn)(const coserr_error *, char *, size_t);

/* snprintf semantics for every cap from 0 to the full length + 1. */
static void check_snprintf(fmt_fn f, const coserr_error *e) {
    size_t full = f(e, NULL, 0);
    CHECK(full > 0);
    char *want = (char *)malloc(full + 1);
    char *buf = (char *)malloc(full + 2);
    CHECK_U(f(e, want, full + 1), full);
    CHECK_U(strlen(want), full);
    int bad = 0;
    for (size_t cap = 0; cap <= full + 1; cap++) {
        memset(buf, 'X', full + 2);
        size_t got = f(e, buf, cap);
        if (got != full) {
            bad++;
            continue;
        }
        if (cap == 0) {
            bad += buf[0] != 'X'; /* nothing written */
            continue;
        }
        size_t len = strlen(buf);
        /* At most cap - 1 bytes, a prefix of the text, cut at a boundary,
           as long as possible, and nothing written after the NUL. */
        bad += len > cap - 1;
        bad += memcmp(buf, want, len) != 0;
        bad += len < full && (((unsigned char)want[len]) >> 6) == 2;
        bad += len + 4 <= cap - 1 && len < full;
        bad += buf[len + 1] != 'X' && len + 1 < full + 2;
    }
    CHECK_U(bad, 0);
    /* cap 1 gives ""; cap == full cuts the last character. */
    CHECK_U(f(e, buf, 1), full);
    CHECK_S(buf, "");
    CHECK_U(f(e, buf, full), full);
    CHECK(strlen(buf) < full);
    free(want);
    free(buf);
}

static void test_format(void) {
    /* Multibyte text in the message, escapes in the code and message. */
    const char *body = "<Error><Code>Bad\"Quote</Code><Message>\xE9\xA1\xB5\xE9\x9D\xA2 tab\there "
                       "\xF0\x9F\x98\x80 back\\slash</Message><TraceId>t</TraceId></Error>";
    coserr_error e;
    CHECK_U(coserr_parse_body((const uint8_t *)body, strlen(body), &e), COSERR_OK);
    check_snprintf(coserr_format, &e);
    check_snprintf(coserr_to_json, &e);
    char line[512];
    coserr_format(&e, line, sizeof line);
    CHECK_S(line, "CosServiceError status=0 code=\"Bad\\\"Quote\" message=\"\xE9\xA1\xB5\xE9\x9D\xA2 "
                  "tab\\there \xF0\x9F\x98\x80 back\\\\slash\" request_id=- trace_id=\"t\" resource=-");
    coserr_to_json(&e, line, sizeof line);
    CHECK_S(line, "{\"code\":\"Bad\\\"Quote\",\"message\":\"\xE9\xA1\xB5\xE9\x9D\xA2 tab\\there "
                  "\xF0\x9F\x98\x80 back\\\\slash\",\"resource\":null,\"requestid\":null,"
                  "\"traceid\":\"t\",\"status\":0,\"kind\":\"service\",\"retry\":\"none\"}");

    /* A zeroed record (not an error), and a record without a NUL. */
    coserr_error z;
    memset(&z, 0, sizeof z);
    coserr_format(&z, line, sizeof line);
    CHECK_S(line, "NotAnError status=0 code=- message=- request_id=- trace_id=- resource=-");
    z.kind = COSERR_KIND_SERVICE;
    z.present = COSERR_FIELD_CODE;
    memset(z.code, 'A', sizeof z.code);
    CHECK_U(coserr_format(&z, NULL, 0), strlen("CosServiceError status=0 code=\"\" message=- "
                                                "request_id=- trace_id=- resource=-") + 63);
}

/* How many of the thirteen numbers coserr_error and coserr_spans share
   (same names) differ between records a and b. */
#define NUMBERS_DIFFER(a, b)                                                          \
    (((a).kind != (b).kind) + ((a).status != (b).status) +                            \
     ((a).body_status != (b).body_status) + ((a).body_offset != (b).body_offset) +    \
     ((a).present != (b).present) + ((a).from_header != (b).from_header) +            \
     ((a).truncated != (b).truncated) + ((a).flags != (b).flags) +                    \
     ((a).code_id != (b).code_id) + ((a).category != (b).category) +                  \
     ((a).retryable != (b).retryable) + ((a).retry != (b).retry) +                    \
     ((a).server_time_ms != (b).server_time_ms))

/* The iteration `from` (a record's extras) yields exactly what an
   iteration from coserr_extras_begin on r's body yields, and has_extras
   says whether it yields anything. Returns the number of differences. */
static int extras_differ(const coserr_response *r, coserr_extras_iter from, uint32_t has_extras) {
    coserr_extras_iter it;
    int bad = coserr_extras_begin(r->body, r->body_len, &it) != COSERR_OK;
    size_t extras = 0;
    for (;;) {
        char n1[256], v1[2048], n2[256], v2[2048];
        size_t nl1 = 0, vl1 = 0, nl2 = 0, vl2 = 0;
        uint32_t r1 = coserr_extras_next(r->body, r->body_len, &it, n1, sizeof n1, &nl1, v1, sizeof v1, &vl1);
        uint32_t r2 = coserr_extras_next(r->body, r->body_len, &from, n2, sizeof n2, &nl2, v2, sizeof v2, &vl2);
        bad += r1 != r2;
        if (r1 != COSERR_OK || r2 != COSERR_OK) {
            break;
        }
        bad += nl1 != nl2 || vl1 != vl2 || strcmp(n1, n2) != 0 || strcmp(v1, v2) != 0;
        extras++;
    }
    bad += has_extras != (extras > 0);
    return bad;
}

/* The bytes a span names, or NULL when it names none of r's inputs or
   text (or lies outside them). */
static const char *span_at(const coserr_response *r, const char *text, coserr_span sp) {
    const char *src;
    size_t n;
    switch (sp.source) {
    case COSERR_SOURCE_NONE:
        return sp.offset == 0 && sp.len == 0 && sp.header == 0 ? "" : NULL;
    case COSERR_SOURCE_BODY:
        src = (const char *)r->body, n = r->body_len;
        break;
    case COSERR_SOURCE_URL:
        src = r->url, n = r->url_len;
        break;
    case COSERR_SOURCE_HEADER:
        if (sp.header >= r->header_count) {
            return NULL;
        }
        src = r->headers[sp.header].value, n = r->headers[sp.header].value_len;
        break;
    case COSERR_SOURCE_TEXT:
        if (text == NULL) {
            return NULL;
        }
        src = text, n = COSERR_TEXT_CAPACITY;
        break;
    default:
        return NULL;
    }
    return (size_t)sp.offset + sp.len <= n ? src + sp.offset : NULL;
}

/* coserr_parse_response_spans on r gives e (what coserr_parse_response
   filled for r, with result rc): the same numbers, the body's extras, and
   each span names exactly the array's text; without a text
   buffer, the same record or COSERR_TEXT_NEEDED (zeroed). Returns the
   number of differences. */
static int spans_differ(const coserr_response *r, uint32_t rc, const coserr_error *e) {
    coserr_spans s, s0, zero;
    char text[COSERR_TEXT_CAPACITY];
    memset(&s, 0xAB, sizeof s);
    memset(&s0, 0xAB, sizeof s0);
    memset(&zero, 0, sizeof zero);
    memset(text, 0xAB, sizeof text);
    int bad = coserr_parse_response_spans(r, &s, text, sizeof text) != rc;
    uint32_t rc0 = coserr_parse_response_spans(r, &s0, NULL, 0);
    if (rc0 == COSERR_TEXT_NEEDED) {
        bad += memcmp(&s0, &zero, sizeof s0) != 0;
    } else {
        bad += rc0 != rc || memcmp(&s0, &s, sizeof s) != 0;
    }
    bad += NUMBERS_DIFFER(s, *e);
    if (rc == COSERR_OK || rc == COSERR_NOT_AN_ERROR) {
        bad += extras_differ(r, s.extras, s.has_extras);
    }
    const char *want[8] = {e->code,     e->message,     e->resource, e->request_id,
                           e->trace_id, e->server_time, e->location, e->region};
    coserr_span sp[8] = {s.code,     s.message,     s.resource, s.request_id,
                         s.trace_id, s.server_time, s.location, s.region};
    for (int i = 0; i < 8; i++) {
        const char *got = span_at(r, text, sp[i]);
        bad += got == NULL || strlen(want[i]) != sp[i].len || memcmp(got, want[i], sp[i].len) != 0;
        if (rc0 != COSERR_TEXT_NEEDED) {
            bad += sp[i].source == COSERR_SOURCE_TEXT;
        }
    }
    return bad;
}

static void test_spans(void) {
    const char *body = "<Error><Code>NoSuchKey</Code><Message>a &amp; b</Message></Error>";
    coserr_header h[] = {H("Server", "tencent-cos"), H("X-Cos-Request-Id", "req-1")};
    const char *url = "https://b.cos.x.myqcloud.com/k";
    coserr_response r = t_response(404, "GET", url, h, 2, body, strlen(body));
    coserr_error e;
    uint32_t rc = coserr_parse_response(&r, &e);
    CHECK_U(rc, COSERR_OK);
    CHECK_U(spans_differ(&r, rc, &e), 0);

    coserr_spans s, zero;
    memset(&zero, 0, sizeof zero);
    char text[COSERR_TEXT_CAPACITY];
    /* The message needs decoding: no buffer, no record. */
    memset(&s, 0xAB, sizeof s);
    CHECK_U(coserr_parse_response_spans(&r, &s, NULL, 0), COSERR_TEXT_NEEDED);
    CHECK(memcmp(&s, &zero, sizeof s) == 0);
    CHECK_U(coserr_parse_response_spans(&r, &s, text, sizeof text), COSERR_OK);
    CHECK_U(s.code.source, COSERR_SOURCE_BODY);
    CHECK_U(s.code.offset, 13);
    CHECK_U(s.code.len, 9);
    CHECK_U(s.message.source, COSERR_SOURCE_TEXT);
    CHECK(s.message.len == 5 && memcmp(text + s.message.offset, "a & b", 5) == 0);
    CHECK_U(s.request_id.source, COSERR_SOURCE_HEADER);
    CHECK_U(s.request_id.header, 1);
    CHECK_U(s.resource.source, COSERR_SOURCE_URL);
    CHECK_U(s.resource.len, strlen(url));
    CHECK_U(s.trace_id.source, COSERR_SOURCE_NONE);

    /* A plain body needs no buffer. */
    const char *plain = "<Error><Code>NoSuchKey</Code><Message>gone</Message></Error>";
    coserr_response rp = t_response(404, "GET", NULL, NULL, 0, plain, strlen(plain));
    CHECK_U(coserr_parse_response_spans(&rp, &s, NULL, 0), COSERR_OK);
    CHECK(s.message.source == COSERR_SOURCE_BODY && s.message.offset == 38 && s.message.len == 4);

    memset(&s, 0xAB, sizeof s);
    CHECK_U(coserr_parse_response_spans(&r, &s, text, sizeof text - 1), COSERR_INVALID_ARGUMENT);
    CHECK(memcmp(&s, &zero, sizeof s) == 0);
    memset(&s, 0xAB, sizeof s);
    CHECK_U(coserr_parse_response_spans(&r, &s, NULL, sizeof text), COSERR_NULL_ARGUMENT);
    CHECK(memcmp(&s, &zero, sizeof s) == 0);
    memset(&s, 0xAB, sizeof s);
    CHECK_U(coserr_parse_response_spans(NULL, &s, text, sizeof text), COSERR_NULL_ARGUMENT);
    CHECK(memcmp(&s, &zero, sizeof s) == 0);
    CHECK_U(coserr_parse_response_spans(&r, NULL, text, sizeof text), COSERR_NULL_ARGUMENT);

    /* 200 without an error document: NOT_AN_ERROR, numbers still there. */
    coserr_response ok = t_response(200, "PUT", NULL, NULL, 0, NULL, 0);
    rc = coserr_parse_response(&ok, &e);
    CHECK_U(rc, COSERR_NOT_AN_ERROR);
    CHECK_U(spans_differ(&ok, rc, &e), 0);
}

/* Every shared body parses to a sane record; format agrees with itself;
   coserr_parse_body is coserr_parse_response with status 0 and no method,
   URL or headers, except that only the latter judges where the answer
   came from; the spans call is the same record. */
static int body_sane(const unsigned char *b, size_t n) {
    int bad = 0;
    coserr_error e;
    uint32_t rc = coserr_parse_body(b, n, &e);
    bad += rc != COSERR_OK && rc != COSERR_NOT_AN_ERROR;
    bad += (rc == COSERR_OK) != (e.kind != COSERR_KIND_NONE);
    bad += !strings_ok(&e);
    bad += e.body_status > COSERR_BODY_NOT_ERROR_DOC;
    bad += e.body_offset > n;
    bad += (e.body_status != COSERR_BODY_MALFORMED) && e.body_offset != 0;
    char line[8192];
    size_t len = coserr_format(&e, line, sizeof line);
    bad += len != strlen(line) || len != coserr_format(&e, NULL, 0);
    len = coserr_to_json(&e, line, sizeof line);
    bad += len != strlen(line) || line[0] != '{';
    /* (The extras of every body: test_extras.c.) */
    bad += (e.flags & COSERR_FLAG_NOT_FROM_COS) != 0;
    coserr_response r = t_response(0, NULL, NULL, NULL, 0, b, n);
    coserr_error er;
    uint32_t rc_r = coserr_parse_response(&r, &er);
    bad += rc_r != rc;
    /* A request id the array cannot show (a NUL first) is still an id. */
    int has_id = e.request_id[0] != 0 || (e.truncated & COSERR_FIELD_REQUEST_ID) != 0;
    bad += (er.flags & COSERR_FLAG_NOT_FROM_COS) != (has_id ? 0u : COSERR_FLAG_NOT_FROM_COS);
    er.flags &= ~(uint32_t)COSERR_FLAG_NOT_FROM_COS;
    bad += memcmp(&er, &e, sizeof e) != 0;
    coserr_parse_response(&r, &er);
    bad += spans_differ(&r, rc_r, &er);
    coserr_header h[] = {H("x-cos-error-code", "SlowDown"), H("X-Cos-Request-Id", "r")};
    r = t_response(503, "HEAD", "/k", h, 2, b, n);
    rc = coserr_parse_response(&r, &e);
    bad += spans_differ(&r, rc, &e);
    return bad;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s SAMPLES_DIR EDGE_DIR\n", argv[0]);
        return 2;
    }
    samples = argv[1];
    edge = argv[2];
    test_constants();
    test_null_arguments();
    test_decision_table();
    test_truncation();
    test_format();
    test_spans();
    t_each_body(samples, 19, body_sane);
    t_each_body(edge, 19, body_sane);
    return t_finish();
}
