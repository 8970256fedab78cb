/* C99 tests of coserr_field_value, linked against an installed prefix.
 *
 *   test_field_value BENCH_DIR EXPECTED_DIR
 *
 * A field's whole value, every byte: a Message longer than the record's
 * array compared byte for byte with roxmltree's decoding (the expected file,
 * held to roxmltree by ffi/tests/expected_files.rs), a value holding a NUL
 * byte, the (NULL, 0) length query, the cut at small capacities (never
 * inside a UTF-8 character, always NUL-terminated, the full length
 * reported), and the results NOT_FOUND, NULL_ARGUMENT and INVALID_ARGUMENT. */
#define _POSIX_C_SOURCE 200809L

#include <coserr.h>

#include <stddef.h>
#include <stdint.h>

#include "testutil.h"

static const char *bench;
static const char *expected;

/* The whole value of `field`: the length first, then a buffer of exactly
   that size plus the NUL. Returns a malloc'd copy (NULL when the result is
   not COSERR_OK, with *rc set) and its length in *len. */
static char *whole_value(const unsigned char *b, size_t n, uint32_t field, size_t *len, uint32_t *rc) {
    *rc = coserr_field_value(b, n, field, NULL, 0, len);
    if (*rc != COSERR_OK) {
        return NULL;
    }
    char *buf = (char *)malloc(*len + 1);
    size_t again = 0;
    memset(buf, 'X', *len + 1);
    *rc = coserr_field_value(b, n, field, buf, *len + 1, &again);
    if (*rc != COSERR_OK || again != *len || buf[*len] != 0) {
        *rc = *rc == COSERR_OK ? COSERR_PANIC : *rc;
        free(buf);
        return NULL;
    }
    return buf;
}

/* The 1,373-byte Message of large_4KB.xml, whole: the record's array holds
   its first 1,023 bytes only. */
static void test_long_message(void) {
    size_t n, want_len, len;
    uint32_t rc;
    unsigned char *b = t_read(bench, "large_4KB.xml", &n);
    unsigned char *want = t_read(expected, "large_4KB.message", &want_len);
    char *got = whole_value(b, n, COSERR_FIELD_MESSAGE, &len, &rc);
    CHECK_U(rc, COSERR_OK);
    CHECK_U(want_len, 1373);
    CHECK_U(len, want_len);
    CHECK(got != NULL && len == want_len && memcmp(got, want, len) == 0);

    /* The record cut it, and says so; its array is the value's start. */
    coserr_error e;
    CHECK_U(coserr_parse_body(b, n, &e), COSERR_OK);
    CHECK(e.truncated & COSERR_FIELD_MESSAGE);
    CHECK_U(strlen(e.message), sizeof e.message - 1);
    CHECK(memcmp(e.message, want, strlen(e.message)) == 0);
    free(got);
    free(want);
    free(b);
}

/* A JSON `\u0000` is a byte of the value: it comes back whole, where the
   record's array (a C string) ends at it. */
static void test_nul_byte(void) {
    const char *body = "{\"code\":\"AccessDenied\",\"message\":\"Access\\u0000Denied.\"}";
    const unsigned char *b = (const unsigned char *)body;
    size_t len;
    uint32_t rc;
    char *got = whole_value(b, strlen(body), COSERR_FIELD_MESSAGE, &len, &rc);
    CHECK_U(rc, COSERR_OK);
    CHECK_U(len, 14);
    CHECK(got != NULL && len == 14 && memcmp(got, "Access\0Denied.", 14) == 0);
    free(got);

    coserr_error e;
    CHECK_U(coserr_parse_body(b, strlen(body), &e), COSERR_OK);
    CHECK_S(e.message, "Access");
    CHECK(e.truncated & COSERR_FIELD_MESSAGE);
    got = whole_value(b, strlen(body), COSERR_FIELD_CODE, &len, &rc);
    CHECK_S(got, "AccessDenied");
    free(got);
}

/* Every capacity from 1 to the whole value plus one: the buffer holds the
   longest prefix that fits without splitting a UTF-8 character, then a NUL,
   and *len is always the full length. */
static void test_small_capacities(void) {
    size_t n, whole_len;
    uint32_t rc;
    unsigned char *b = t_read(bench, "chinese_370B.xml", &n);
    char *whole = whole_value(b, n, COSERR_FIELD_MESSAGE, &whole_len, &rc);
    CHECK_U(rc, COSERR_OK);
    CHECK(whole != NULL && whole_len > 20 && whole_len < 500 && t_utf8_complete(whole, whole_len));
    int bad = 0;
    for (size_t cap = 1; whole != NULL && whole_len < 500 && cap <= whole_len + 1; cap++) {
        char buf[512];
        size_t len = 0;
        memset(buf, 'X', sizeof buf);
        bad += coserr_field_value(b, n, COSERR_FIELD_MESSAGE, buf, cap, &len) != COSERR_OK;
        size_t kept = strlen(buf);
        bad += len != whole_len;
        bad += kept > cap - 1 || memcmp(buf, whole, kept) != 0;
        bad += !t_utf8_complete(buf, kept);
        /* The longest such prefix: the next character did not fit. */
        bad += kept < whole_len && kept + 3 < cap - 1;
        bad += buf[cap] != 'X'; /* nothing written past cap */
    }
    CHECK_U(bad, 0);
    /* "请" is 3 bytes: capacities 2 and 3 hold nothing, 4 holds it. */
    char small[8];
    size_t len = 0;
    CHECK_U(coserr_field_value(b, n, COSERR_FIELD_MESSAGE, small, 3, &len), COSERR_OK);
    CHECK_S(small, "");
    CHECK_U(len, whole_len);
    CHECK_U(coserr_field_value(b, n, COSERR_FIELD_MESSAGE, small, 4, &len), COSERR_OK);
    CHECK_S(small, "\xE8\xAF\xB7");
    free(whole);
    free(b);
}

static void test_results(void) {
    const char *body = "<Error><Code>NoSuchKey</Code><Message>gone</Message></Error>";
    const unsigned char *b = (const unsigned char *)body;
    size_t n = strlen(body), len;
    char buf[16];

    /* No such field in the body: NOT_FOUND, "" and 0. */
    memset(buf, 'X', sizeof buf);
    len = 99;
    CHECK_U(coserr_field_value(b, n, COSERR_FIELD_RESOURCE, buf, sizeof buf, &len), COSERR_NOT_FOUND);
    CHECK_S(buf, "");
    CHECK_U(len, 0);
    CHECK_U(coserr_field_value(NULL, 0, COSERR_FIELD_CODE, NULL, 0, &len), COSERR_NOT_FOUND);

    /* NULL with a length above 0. */
    len = 99;
    CHECK_U(coserr_field_value(b, n, COSERR_FIELD_CODE, NULL, 4, &len), COSERR_NULL_ARGUMENT);
    CHECK_U(len, 0);
    memset(buf, 'X', sizeof buf);
    CHECK_U(coserr_field_value(NULL, 3, COSERR_FIELD_CODE, buf, sizeof buf, &len), COSERR_NULL_ARGUMENT);
    CHECK_S(buf, "");

    /* Not exactly one field bit, or a length above PTRDIFF_MAX. */
    const uint32_t fields[] = {0, COSERR_FIELD_CODE | COSERR_FIELD_MESSAGE, 64, UINT32_MAX};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        memset(buf, 'X', sizeof buf);
        len = 99;
        CHECK_U(coserr_field_value(b, n, fields[i], buf, sizeof buf, &len), COSERR_INVALID_ARGUMENT);
        CHECK_S(buf, "");
        CHECK_U(len, 0);
    }
    CHECK_U(coserr_field_value(b, SIZE_MAX, COSERR_FIELD_CODE, buf, sizeof buf, &len),
            COSERR_INVALID_ARGUMENT);

    /* The length pointer is optional. */
    CHECK_U(coserr_field_value(b, n, COSERR_FIELD_CODE, buf, sizeof buf, NULL), COSERR_OK);
    CHECK_S(buf, "NoSuchKey");
    CHECK_U(coserr_field_value(b, n, COSERR_FIELD_MESSAGE, buf, sizeof buf, &len), COSERR_OK);
    CHECK_S(buf, "gone");
    CHECK_U(len, 4);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s BENCH_DIR EXPECTED_DIR\n", argv[0]);
        return 2;
    }
    bench = argv[1];
    expected = argv[2];
    test_long_message();
    test_nul_byte();
    test_small_capacities();
    test_results();
    return t_finish();
}
