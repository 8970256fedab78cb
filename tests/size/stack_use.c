/* How much stack each coserr call uses, measured, not estimated: the call
 * runs on a thread whose stack this program allocated and painted with a
 * pattern; afterwards, the deepest byte no longer holding the pattern is
 * how deep the thread went. A thread that makes no call gives the depth of
 * the thread's own start (glibc keeps its thread data on that stack), which
 * is subtracted. Usage: stack_use <body files...>; prints one line per call
 * with the most any of the bodies (and a generated one that needs the
 * parser's largest storage) needed, and exits 1 above the limit given as
 * -l <bytes>. */
#define _POSIX_C_SOURCE 200809L /* pthread_attr_setstack */
#include <coserr.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "read_body.h"

#define STACK_SIZE (1u << 20)
#define PAINT 0xA5

enum call { NOTHING, PARSE_RESPONSE, PARSE_BODY, PARSE_RESPONSE_SPANS, FIELD_VALUE, EXTRAS, FORMAT, TO_JSON, CALLS };
static const char *const names[CALLS] = {
    "(thread start)", "coserr_parse_response", "coserr_parse_body", "coserr_parse_response_spans",
    "coserr_field_value", "coserr_extras_begin/next", "coserr_format", "coserr_to_json"};

struct job { enum call call; const uint8_t *body; size_t len; coserr_error *err; };

static void *run(void *arg) {
    struct job *j = arg;
    static const char url[] = "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/a.txt";
    coserr_header headers[] = {{"Content-Type", 12, "application/xml", 15},
                               {"x-cos-request-id", 16, "NjE4YjY0ZDZfMjQ4OGY3MGFf", 24},
                               {"Date", 4, "Thu, 03 Dec 2026 16:00:00 GMT", 29}};
    coserr_response resp = {.status = 404, .method = "GET", .method_len = 3, .url = url,
                            .url_len = sizeof url - 1, .headers = headers, .header_count = 3,
                            .body = j->body, .body_len = j->len};
    static char text[COSERR_TEXT_CAPACITY];
    static char buf[8192];
    size_t n;
    switch (j->call) {
    case NOTHING: break;
    case PARSE_RESPONSE: coserr_parse_response(&resp, j->err); break;
    case PARSE_BODY: coserr_parse_body(j->body, j->len, j->err); break;
    case PARSE_RESPONSE_SPANS: {
        static coserr_spans spans;
        coserr_parse_response_spans(&resp, &spans, text, sizeof text);
        break;
    }
    case FIELD_VALUE: coserr_field_value(j->body, j->len, COSERR_FIELD_MESSAGE, buf, sizeof buf, &n); break;
    case EXTRAS: {
        static coserr_extras_iter it;
        size_t name_len, value_len;
        coserr_extras_begin(j->body, j->len, &it);
        while (coserr_extras_next(j->body, j->len, &it, text, 256, &name_len, buf, sizeof buf, &value_len) ==
               COSERR_OK) {
        }
        break;
    }
    case FORMAT: coserr_format(j->err, buf, sizeof buf); break;
    case TO_JSON: coserr_to_json(j->err, buf, sizeof buf); break;
    case CALLS: break;
    }
    return NULL;
}

/* The bytes of the painted stack that `job` overwrote. */
static size_t depth(struct job *job) {
    void *mem = NULL;
    pthread_attr_t attr;
    pthread_t t;
    size_t used = 0;
    if (posix_memalign(&mem, 4096, STACK_SIZE)) exit(2);
    unsigned char *stack = mem;
    memset(stack, PAINT, STACK_SIZE);
    if (pthread_attr_init(&attr) || pthread_attr_setstack(&attr, stack, STACK_SIZE) ||
        pthread_create(&t, &attr, run, job) || pthread_join(t, NULL)) {
        fprintf(stderr, "stack_use: cannot run a thread on its own stack\n");
        exit(2);
    }
    pthread_attr_destroy(&attr);
    while (used < STACK_SIZE && stack[used] == PAINT) used++;
    free(stack);
    return STACK_SIZE - used;
}

/* A body that needs the parser's largest storage (the first attempt's is
 * small): 200 namespace declarations and 200 attributes on the root and
 * 250 nested elements, each within the documented limits (256). */
static char *largest_storage_body(size_t *len) {
    size_t cap = 64 * 1024, n = 0;
    char *b = malloc(cap);
    if (!b) exit(2);
    n += (size_t)snprintf(b + n, cap - n, "<Error");
    for (int i = 0; i < 200; i++) n += (size_t)snprintf(b + n, cap - n, " xmlns:n%d=\"urn:%d\" a%d=\"v\"", i, i, i);
    n += (size_t)snprintf(b + n, cap - n, "><Code>Deep</Code>");
    for (int i = 0; i < 250; i++) n += (size_t)snprintf(b + n, cap - n, "<d>");
    for (int i = 0; i < 250; i++) n += (size_t)snprintf(b + n, cap - n, "</d>");
    n += (size_t)snprintf(b + n, cap - n, "</Error>");
    *len = n;
    return b;
}

int main(int argc, char **argv) {
    size_t limit = SIZE_MAX, most[CALLS] = {0}, deepest[CALLS] = {0};
    int first = 1;
    if (argc > 2 && strcmp(argv[1], "-l") == 0) {
        limit = strtoul(argv[2], NULL, 10);
        first = 3;
    }
    if (first >= argc) {
        fprintf(stderr, "usage: stack_use [-l max_bytes] body...\n");
        return 2;
    }
    for (int i = first; i <= argc; i++) {
        size_t len;
        char *body = i < argc ? read_body(argv[i], &len) : largest_storage_body(&len);
        coserr_error err;
        if (!body) { fprintf(stderr, "stack_use: cannot read %s\n", argv[i]); return 2; }
        /* the record coserr_format and coserr_to_json read */
        if (coserr_parse_body((const uint8_t *)body, len, &err) == COSERR_OK && i == argc &&
            strcmp(err.code, "Deep") != 0) {
            fprintf(stderr, "stack_use: the largest-storage body did not parse\n");
            return 2;
        }
        for (int c = 0; c < CALLS; c++) {
            struct job job = {(enum call)c, (const uint8_t *)body, len, &err};
            size_t d = depth(&job);
            size_t *into = i < argc ? most : deepest;
            if (d > into[c]) into[c] = d;
        }
        free(body);
    }
    int over = 0;
    printf("| call | stack, the bodies given (bytes) | stack, the largest storage (bytes) |\n|---|---:|---:|\n");
    for (int c = 1; c < CALLS; c++) {
        size_t use = most[c] > most[NOTHING] ? most[c] - most[NOTHING] : 0;
        size_t worst = deepest[c] > deepest[NOTHING] ? deepest[c] - deepest[NOTHING] : 0;
        printf("| `%s` | %zu | %zu |\n", names[c], use, worst);
        over |= use > limit || worst > limit;
    }
    if (over) fprintf(stderr, "stack_use: a call uses more than %zu bytes of stack\n", limit);
    return over;
}
