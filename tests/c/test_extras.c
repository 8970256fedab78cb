/* C99 tests of the extras of the coserr C ABI, linked against an installed
 * prefix:
 *
 *   test_extras SAMPLES_DIR EDGE_DIR
 *
 * The one-pass iterator coserr_extras_begin / coserr_extras_next: every
 * result code, the snprintf semantics of its buffers, cuts at UTF-8
 * boundaries, resuming from a copied iterator, garbage iterators, and the
 * extras read by index with a fresh iteration (t_extra_at). */
#define _POSIX_C_SOURCE 200809L

#include <coserr.h>

#include <stddef.h>
#include <stdint.h>

#include "bodies.h"
#include "testutil.h"

static const char *samples;
static const char *edge;

static void test_extras(void) {
    size_t n, name_len, value_len;
    char name[64], value[256];
    unsigned char *b = t_read(samples, "java_XmlResponsesSaxParser_CompleteMultipartUploadHandler_javadoc.xml", &n);
    CHECK_U(t_extra_count(b, n), 1);
    CHECK_U(t_extra_at(b, n, 0, name, sizeof name, &name_len, value, sizeof value, &value_len),
            COSERR_OK);
    CHECK_S(name, "HostId");
    CHECK_S(value, "Uuag1LuByRx9e6j5Onimru9pO4ZVKnJ2Qz7/C1NPcfTWAtRPfTaOFg==");
    CHECK_U(name_len, 6);
    CHECK_U(value_len, strlen(value));
    name_len = value_len = 99;
    CHECK_U(t_extra_at(b, n, 1, name, sizeof name, &name_len, value, sizeof value, &value_len),
            COSERR_NOT_FOUND);
    CHECK_U(name_len, 0);
    CHECK_U(value_len, 0);
    CHECK_S(name, "");
    CHECK_S(value, "");
    CHECK_U(t_extra_at(b, n, SIZE_MAX, NULL, 0, NULL, NULL, 0, NULL), COSERR_NOT_FOUND);
    /* Length pointers are optional. */
    CHECK_U(t_extra_at(b, n, 0, name, sizeof name, NULL, NULL, 0, NULL), COSERR_OK);
    CHECK_S(name, "HostId");
    free(b);

    /* The truncated PicGo body still yields StringToSign and FormatString. */
    b = t_read(samples, "issues_PicGo_638_SignatureDoesNotMatch_StringToSign_FormatString_TRUNCATED.xml", &n);
    CHECK_U(t_extra_count(b, n), 2);
    CHECK_U(t_extra_at(b, n, 0, name, sizeof name, &name_len, value, sizeof value, &value_len),
            COSERR_OK);
    CHECK_S(name, "StringToSign");
    CHECK_S(value, "sha1\n1615113257;1615199657\nc7503b92a8581b3f3f68c8f7f64a8917b03a1a95\n");
    const char *fs = "put\n/imagesresume-zh en_\xE9\xA1\xB5\xE9\x9D\xA2_1.png\n\n"
                     "host=o2-1258123310.cos.ap-beijing.myqcloud.com\n";
    /* Ask the lengths first, then copy. */
    CHECK_U(t_extra_at(b, n, 1, NULL, 0, &name_len, NULL, 0, &value_len), COSERR_OK);
    CHECK_U(name_len, 12);
    CHECK_U(value_len, strlen(fs));
    CHECK_U(t_extra_at(b, n, 1, name, sizeof name, &name_len, value, sizeof value, &value_len),
            COSERR_OK);
    CHECK_S(name, "FormatString");
    CHECK_S(value, fs);
    /* Small buffers: cut at a UTF-8 boundary, full lengths reported. */
    int bad = 0;
    for (size_t cap = 1; cap <= strlen(fs) + 1; cap++) {
        char small[256];
        memset(small, 'X', sizeof small);
        if (t_extra_at(b, n, 1, NULL, 0, NULL, small, cap, &value_len) != COSERR_OK) {
            bad++;
            continue;
        }
        size_t len = strlen(small);
        bad += value_len != strlen(fs);
        bad += len > cap - 1 || memcmp(small, fs, len) != 0;
        bad += !t_utf8_complete(small, len);
        bad += len + 3 < cap - 1 && len < strlen(fs);
    }
    CHECK_U(bad, 0);
    /* "put\n/imagesresume-zh en_" is 24 bytes, then a 3-byte character. */
    CHECK_U(t_extra_at(b, n, 1, name, 5, &name_len, value, 26, &value_len), COSERR_OK);
    CHECK_S(name, "Form");
    CHECK_U(name_len, 12);
    CHECK_U(strlen(value), 24);
    CHECK_U(value_len, strlen(fs));
    CHECK_U(t_extra_at(b, n, 2, name, sizeof name, &name_len, value, sizeof value, &value_len),
            COSERR_NOT_FOUND);

    /* NULL arguments. */
    name_len = value_len = 99;
    CHECK_U(t_extra_at(b, n, 0, NULL, 4, &name_len, value, sizeof value, &value_len),
            COSERR_NULL_ARGUMENT);
    CHECK_U(name_len, 0);
    CHECK_U(value_len, 0);
    CHECK_S(value, "");
    CHECK_U(t_extra_at(b, n, 0, name, sizeof name, &name_len, NULL, 4, &value_len),
            COSERR_NULL_ARGUMENT);
    CHECK_S(name, "");
    CHECK_U(t_extra_at(NULL, 3, 0, name, sizeof name, &name_len, value, sizeof value, &value_len),
            COSERR_NULL_ARGUMENT);
    CHECK_U(t_extra_at(b, SIZE_MAX, 0, name, sizeof name, &name_len, value, sizeof value,
                             &value_len),
            COSERR_INVALID_ARGUMENT);
    CHECK_U(t_extra_at(NULL, 0, 0, name, sizeof name, &name_len, value, sizeof value, &value_len),
            COSERR_NOT_FOUND);
    CHECK_U(t_extra_count(NULL, 0), 0);
    CHECK_U(t_extra_count(NULL, 3), 0);
    CHECK_U(t_extra_count(b, SIZE_MAX), 0);
    free(b);

    /* JSON bodies have no extras. */
    b = t_read(edge, "json_ci_error.json", &n);
    CHECK_U(t_extra_count(b, n), 0);
    free(b);
}

/* Fills *it with a pattern, so that a test can tell what was written. */
static void scribble(coserr_extras_iter *it) { memset(it, 0xAB, sizeof *it); }

static int iter_zero(const coserr_extras_iter *it) {
    return it->pos == 0 && it->end == 0 && it->seen == 0 && it->reserved == 0;
}

static int iter_eq(const coserr_extras_iter *a, const coserr_extras_iter *b) {
    return a->pos == b->pos && a->end == b->end && a->seen == b->seen && a->reserved == b->reserved;
}

/* One iteration read on gives exactly what a fresh iteration stepped to the
   same index gives (t_extra_at: steps without buffers), in order,
   with the same lengths; returns the number of mismatches. */
static int iter_matches_fresh(const unsigned char *b, size_t n) {
    int bad = 0;
    coserr_extras_iter it;
    scribble(&it);
    bad += coserr_extras_begin(b, n, &it) != COSERR_OK;
    bad += it.reserved != 0 || it.pos > it.end || it.end > n;
    size_t count = t_extra_count(b, n), i = 0;
    for (;; i++) {
        char in[64], iv[512], gn[64], gv[512];
        size_t inl = 99, ivl = 99, gnl = 99, gvl = 99;
        coserr_extras_iter before = it;
        uint32_t rc = coserr_extras_next(b, n, &it, in, sizeof in, &inl, iv, sizeof iv, &ivl);
        uint32_t grc = t_extra_at(b, n, i, gn, sizeof gn, &gnl, gv, sizeof gv, &gvl);
        bad += rc != grc;
        if (rc != COSERR_OK) {
            bad += rc != COSERR_NOT_FOUND || inl != 0 || ivl != 0 || in[0] != 0 || iv[0] != 0;
            bad += !iter_eq(&before, &it); /* unchanged at the end */
            break;
        }
        bad += inl != gnl || ivl != gvl || strcmp(in, gn) != 0 || strcmp(iv, gv) != 0;
        bad += it.pos <= before.pos || it.pos > it.end || it.end != before.end;
        bad += inl == 0;
        if (i > n) { /* cannot happen: each extra takes at least 3 bytes */
            bad++;
            break;
        }
    }
    bad += i != count;
    /* And again: still nothing left. */
    bad += coserr_extras_next(b, n, &it, NULL, 0, NULL, NULL, 0, NULL) != COSERR_NOT_FOUND;
    return bad;
}

static void test_extras_iter(void) {
    size_t n, name_len, value_len;
    char name[64], value[256];
    coserr_extras_iter it, copy;
    unsigned char *b =
        t_read(samples, "issues_PicGo_638_SignatureDoesNotMatch_StringToSign_FormatString_TRUNCATED.xml", &n);
    const char *sts = "sha1\n1615113257;1615199657\nc7503b92a8581b3f3f68c8f7f64a8917b03a1a95\n";
    const char *fs = "put\n/imagesresume-zh en_\xE9\xA1\xB5\xE9\x9D\xA2_1.png\n\n"
                     "host=o2-1258123310.cos.ap-beijing.myqcloud.com\n";

    /* begin: NULL arguments; *it zeroed first, whatever the result. */
    CHECK_U(coserr_extras_begin(b, n, NULL), COSERR_NULL_ARGUMENT);
    CHECK_U(coserr_extras_begin(NULL, 0, NULL), COSERR_NULL_ARGUMENT);
    scribble(&it);
    CHECK_U(coserr_extras_begin(NULL, 3, &it), COSERR_NULL_ARGUMENT);
    CHECK(iter_zero(&it));
    scribble(&it);
    CHECK_U(coserr_extras_begin(b, SIZE_MAX, &it), COSERR_INVALID_ARGUMENT);
    CHECK(iter_zero(&it));
    /* A zeroed iterator yields nothing. */
    CHECK_U(coserr_extras_next(b, n, &it, name, sizeof name, &name_len, value, sizeof value, &value_len),
            COSERR_NOT_FOUND);
    /* (NULL, 0) is an empty body: OK, and no extras. */
    scribble(&it);
    CHECK_U(coserr_extras_begin(NULL, 0, &it), COSERR_OK);
    CHECK_U(it.reserved, 0);
    CHECK_U(coserr_extras_next(NULL, 0, &it, name, sizeof name, &name_len, value, sizeof value, &value_len),
            COSERR_NOT_FOUND);

    /* The two extras, in order, then the end. */
    scribble(&it);
    CHECK_U(coserr_extras_begin(b, n, &it), COSERR_OK);
    CHECK(it.pos < it.end && it.end <= n);
    CHECK_U(it.reserved, 0);
    coserr_extras_iter start = it;

    /* next: NULL arguments leave *it as it was, lengths 0, buffers "". */
    name_len = value_len = 99;
    CHECK_U(coserr_extras_next(b, n, NULL, name, sizeof name, &name_len, value, sizeof value, &value_len),
            COSERR_NULL_ARGUMENT);
    CHECK_U(name_len, 0);
    CHECK_U(value_len, 0);
    CHECK_S(name, "");
    CHECK_S(value, "");
    name_len = 99;
    CHECK_U(coserr_extras_next(b, n, &it, NULL, 4, &name_len, value, sizeof value, &value_len),
            COSERR_NULL_ARGUMENT);
    CHECK_U(name_len, 0);
    CHECK(iter_eq(&it, &start));
    CHECK_U(coserr_extras_next(b, n, &it, name, sizeof name, &name_len, NULL, 4, &value_len),
            COSERR_NULL_ARGUMENT);
    CHECK(iter_eq(&it, &start));
    CHECK_U(coserr_extras_next(NULL, n, &it, name, sizeof name, &name_len, value, sizeof value, &value_len),
            COSERR_NULL_ARGUMENT);
    CHECK(iter_eq(&it, &start));
    CHECK_U(coserr_extras_next(b, SIZE_MAX, &it, name, sizeof name, &name_len, value, sizeof value,
                               &value_len),
            COSERR_INVALID_ARGUMENT);
    CHECK(iter_eq(&it, &start));
    /* The same iterator with an empty body: nothing, and no move. */
    CHECK_U(coserr_extras_next(NULL, 0, &it, name, sizeof name, &name_len, value, sizeof value, &value_len),
            COSERR_NOT_FOUND);
    CHECK(iter_eq(&it, &start));

    CHECK_U(coserr_extras_next(b, n, &it, name, sizeof name, &name_len, value, sizeof value, &value_len),
            COSERR_OK);
    CHECK_S(name, "StringToSign");
    CHECK_S(value, sts);
    CHECK_U(name_len, 12);
    CHECK_U(value_len, strlen(sts));
    CHECK(it.pos > start.pos && it.end == start.end);
    /* Lengths only (length pointers optional), on a copy: the copy moves,
       the original does not. */
    copy = it;
    CHECK_U(coserr_extras_next(b, n, &copy, NULL, 0, &name_len, NULL, 0, NULL), COSERR_OK);
    CHECK_U(name_len, 12);
    CHECK(!iter_eq(&copy, &it));
    CHECK_U(coserr_extras_next(b, n, &it, name, sizeof name, NULL, value, sizeof value, &value_len),
            COSERR_OK);
    CHECK_S(name, "FormatString");
    CHECK_S(value, fs);
    CHECK_U(value_len, strlen(fs));
    CHECK(iter_eq(&copy, &it));
    name_len = value_len = 99;
    CHECK_U(coserr_extras_next(b, n, &it, name, sizeof name, &name_len, value, sizeof value, &value_len),
            COSERR_NOT_FOUND);
    CHECK_U(name_len, 0);
    CHECK_U(value_len, 0);
    CHECK_S(name, "");
    CHECK_S(value, "");
    CHECK(iter_eq(&copy, &it));
    CHECK_U(coserr_extras_next(b, n, &it, NULL, 0, NULL, NULL, 0, NULL), COSERR_NOT_FOUND);

    /* Truncation: for every cap, the iterator's cut is a fresh iteration's,
       the full length is reported, and the iterator still moves on. */
    int bad = 0;
    for (size_t cap = 1; cap <= strlen(fs) + 1; cap++) {
        char small[256], small_get[256], nm[8], nm_get[8];
        memset(small, 'X', sizeof small);
        memset(small_get, 'X', sizeof small_get);
        it = start;
        bad += coserr_extras_next(b, n, &it, NULL, 0, NULL, NULL, 0, NULL) != COSERR_OK;
        size_t nl, vl, gnl, gvl;
        size_t ncap = cap < sizeof nm ? cap : sizeof nm;
        if (coserr_extras_next(b, n, &it, nm, ncap, &nl, small, cap, &vl) != COSERR_OK ||
            t_extra_at(b, n, 1, nm_get, ncap, &gnl, small_get, cap, &gvl) != COSERR_OK) {
            bad++;
            continue;
        }
        size_t len = strlen(small);
        bad += vl != strlen(fs) || nl != 12 || gvl != vl || gnl != nl;
        bad += len > cap - 1 || memcmp(small, fs, len) != 0;
        bad += !t_utf8_complete(small, len);
        bad += len + 3 < cap - 1 && len < strlen(fs);
        bad += memcmp(small, small_get, sizeof small) != 0 || strcmp(nm, nm_get) != 0;
        bad += coserr_extras_next(b, n, &it, NULL, 0, NULL, NULL, 0, NULL) != COSERR_NOT_FOUND;
    }
    CHECK_U(bad, 0);
    /* "put\n/imagesresume-zh en_" is 24 bytes, then a 3-byte character. */
    it = start;
    CHECK_U(coserr_extras_next(b, n, &it, NULL, 0, NULL, NULL, 0, NULL), COSERR_OK);
    copy = it;
    CHECK_U(coserr_extras_next(b, n, &it, name, 5, &name_len, value, 26, &value_len), COSERR_OK);
    CHECK_S(name, "Form");
    CHECK_U(name_len, 12);
    CHECK_U(strlen(value), 24);
    CHECK_U(value_len, strlen(fs));
    /* Retry with the copy taken before the call and big enough buffers. */
    CHECK(value_len >= 26);
    CHECK_U(coserr_extras_next(b, n, &copy, name, sizeof name, &name_len, value, sizeof value, &value_len),
            COSERR_OK);
    CHECK_S(name, "FormatString");
    CHECK_S(value, fs);
    CHECK(iter_eq(&copy, &it));
    CHECK_U(iter_matches_fresh(b, n), 0);

    /* An iterator begun on this body and used with others (shorter, longer,
       empty, not XML, JSON): no crash, only OK or NOT_FOUND, and it ends. */
    const char *others[] = {"", "<", "<Error/>", "<Error><A>1</A><B>2</B><C/></Error>", "plain text",
                            "{\"code\":\"NoSuchKey\"}", "\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F",
                            "<Error><Code>C</Code><Message>m</Message><RequestId>r</RequestId>"
                            "<TraceId>t</TraceId><HostId>h</HostId><X>x</X><Y>y</Y><Z>z</Z></Error>"};
    coserr_extras_iter positions[4];
    int npos = 0;
    it = start;
    positions[npos++] = it;
    while (coserr_extras_next(b, n, &it, NULL, 0, NULL, NULL, 0, NULL) == COSERR_OK && npos < 4) {
        positions[npos++] = it;
    }
    bad = 0;
    for (size_t o = 0; o < sizeof others / sizeof *others; o++) {
        size_t on = strlen(others[o]);
        /* A heap copy of exactly on bytes, so that ASan sees any overread. */
        uint8_t *ob = (uint8_t *)malloc(on ? on : 1);
        memcpy(ob, others[o], on);
        for (int p = 0; p < npos; p++) {
            it = positions[p];
            for (size_t steps = 0;; steps++) {
                uint32_t rc = coserr_extras_next(on ? ob : NULL, on, &it, name, sizeof name, &name_len,
                                                 value, sizeof value, &value_len);
                if (rc == COSERR_NOT_FOUND) {
                    break;
                }
                bad += rc != COSERR_OK || steps > on || name_len > on || value_len > on;
                bad += !t_utf8_complete(name, strlen(name)) || !t_utf8_complete(value, strlen(value));
                if (steps > on) {
                    break;
                }
            }
        }
        /* And the other way round: begun there, used here. */
        CHECK_U(coserr_extras_begin(on ? ob : NULL, on, &it), COSERR_OK);
        for (size_t steps = 0; coserr_extras_next(b, n, &it, name, sizeof name, NULL, value, sizeof value,
                                                  NULL) == COSERR_OK;
             steps++) {
            if (steps > n) {
                bad++;
                break;
            }
        }
        free(ob);
    }
    /* Numbers that fit no body. */
    coserr_extras_iter wild[] = {{UINT64_MAX, UINT64_MAX, UINT32_MAX, UINT32_MAX},
                                 {0, UINT64_MAX, 0, 0},
                                 {5, 2, 0, 0},
                                 {(uint64_t)1 << 40, ((uint64_t)1 << 40) + 8, 0, 0},
                                 {n, n + 1, 0, 0}};
    for (size_t w = 0; w < sizeof wild / sizeof *wild; w++) {
        it = wild[w];
        bad += coserr_extras_next(b, n, &it, name, sizeof name, &name_len, value, sizeof value,
                                  &value_len) != COSERR_NOT_FOUND;
        bad += !iter_eq(&it, &wild[w]);
    }
    CHECK_U(bad, 0);
    free(b);

    /* JSON bodies have no extras; the iterator says so at once. */
    b = t_read(edge, "json_ci_error.json", &n);
    CHECK_U(coserr_extras_begin(b, n, &it), COSERR_OK);
    CHECK_U(coserr_extras_next(b, n, &it, name, sizeof name, &name_len, value, sizeof value, &value_len),
            COSERR_NOT_FOUND);
    free(b);
}

/* Every shared body: each extra has a non-empty name, the iteration ends
   with COSERR_NOT_FOUND, and a resumed iteration gives what a fresh one
   gives at each index. */
static int extras_sane(const unsigned char *b, size_t n) {
    int bad = 0;
    size_t count = t_extra_count(b, n);
    for (size_t i = 0; i < count; i++) {
        size_t nl = 0, vl = 0;
        bad += t_extra_at(b, n, i, NULL, 0, &nl, NULL, 0, &vl) != COSERR_OK || nl == 0;
    }
    bad += t_extra_at(b, n, count, NULL, 0, NULL, NULL, 0, NULL) != COSERR_NOT_FOUND;
    bad += iter_matches_fresh(b, n);
    return bad;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s SAMPLES_DIR EDGE_DIR\n", argv[0]);
        return 2;
    }
    samples = argv[1];
    edge = argv[2];
    test_extras();
    test_extras_iter();
    t_each_body(samples, 19, extras_sane);
    t_each_body(edge, 19, extras_sane);
    return t_finish();
}
