/* Minimal test helpers shared by the C tests (C99; also valid C++). */
#ifndef COSERR_TESTUTIL_H
#define COSERR_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <coserr.h>

static int t_passed = 0;
static int t_failed = 0;

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (cond) {                                                              \
            t_passed++;                                                          \
        } else {                                                                 \
            t_failed++;                                                          \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                        \
    } while (0)

#define CHECK_U(a, b)                                                            \
    do {                                                                         \
        unsigned long long a_ = (unsigned long long)(a), b_ = (unsigned long long)(b); \
        if (a_ == b_) {                                                          \
            t_passed++;                                                          \
        } else {                                                                 \
            t_failed++;                                                          \
            fprintf(stderr, "%s:%d: %s == %s failed: %llu != %llu\n", __FILE__,  \
                    __LINE__, #a, #b, a_, b_);                                   \
        }                                                                        \
    } while (0)

#define CHECK_S(a, b)                                                            \
    do {                                                                         \
        const char *a_ = (a), *b_ = (b);                                         \
        if (a_ != NULL && b_ != NULL && strcmp(a_, b_) == 0) {                   \
            t_passed++;                                                          \
        } else {                                                                 \
            t_failed++;                                                          \
            fprintf(stderr, "%s:%d: %s == %s failed:\n  \"%s\"\n  \"%s\"\n",     \
                    __FILE__, __LINE__, #a, #b, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
        }                                                                        \
    } while (0)

/* Prints the summary line and gives the exit status. */
static inline int t_finish(void) {
    printf("%d passed, %d failed\n", t_passed, t_failed);
    return t_failed == 0 ? 0 : 1;
}

/* Reads dir/name into a malloc'd buffer (plus a NUL not counted in *len);
   exits on failure, since a missing sample is a broken test setup. */
static inline unsigned char *t_read(const char *dir, const char *name, size_t *len) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    size_t cap = 4096, n = 0;
    unsigned char *buf = (unsigned char *)malloc(cap);
    for (;;) {
        if (buf == NULL) {
            fprintf(stderr, "out of memory\n");
            exit(2);
        }
        n += fread(buf + n, 1, cap - n - 1, f);
        if (n < cap - 1) {
            break;
        }
        cap *= 2;
        buf = (unsigned char *)realloc(buf, cap);
    }
    fclose(f);
    buf[n] = 0;
    *len = n;
    return buf;
}

/* Whether s[0..n) is valid UTF-8 (no overlong/surrogate checks needed here:
   the test only asks whether a cut left a partial sequence). */
static inline int t_utf8_complete(const char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (k == 0 || i + k > n) {
            return 0;
        }
        for (size_t j = 1; j < k; j++) {
            if (((unsigned char)s[i + j] >> 6) != 2) {
                return 0;
            }
        }
        i += k;
    }
    return 1;
}

/* A response from its parts (NULL strings are unknown, NULL headers none). */
static inline coserr_response t_response(uint32_t status, const char *method, const char *url,
                                         const coserr_header *h, size_t nh, const void *body,
                                         size_t body_len) {
    coserr_response r;
    memset(&r, 0, sizeof r);
    r.status = status;
    r.method = method;
    r.method_len = method ? strlen(method) : 0;
    r.url = url;
    r.url_len = url ? strlen(url) : 0;
    r.headers = h;
    r.header_count = nh;
    r.body = (const uint8_t *)body;
    r.body_len = body_len;
    return r;
}

/* The index-th extra of a body (0-based), read with the one-pass iterator:
   a fresh iteration stepped past `index` extras, then coserr_extras_next
   into the buffers. Its result and outputs are that last call's, so a bad
   body or buffer gives the same answer the iterator gives. */
static inline uint32_t t_extra_at(const unsigned char *b, size_t n, size_t index, char *name,
                                  size_t name_cap, size_t *name_len, char *value, size_t value_cap,
                                  size_t *value_len) {
    coserr_extras_iter it;
    coserr_extras_begin(b, n, &it);
    for (size_t i = 0; i < index; i++) {
        if (coserr_extras_next(b, n, &it, NULL, 0, NULL, NULL, 0, NULL) != COSERR_OK) {
            break;
        }
    }
    return coserr_extras_next(b, n, &it, name, name_cap, name_len, value, value_cap, value_len);
}

/* The number of extras of a body, by iterating them once (0 when the body
   is refused). */
static inline size_t t_extra_count(const unsigned char *b, size_t n) {
    coserr_extras_iter it;
    size_t count = 0;
    coserr_extras_begin(b, n, &it);
    while (coserr_extras_next(b, n, &it, NULL, 0, NULL, NULL, 0, NULL) == COSERR_OK) {
        count++;
    }
    return count;
}

#endif
