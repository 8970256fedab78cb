/* curl_get: GET a URL with libcurl and let coserr judge the answer.
 *
 *   curl_get URL
 *
 * Exit status and output:
 *   0  not an error:  "ok: status=200 body_bytes=N"
 *                     (and "retry: switch_domain" for a redirect not from COS)
 *   1  an error:      "error: <coserr's display line>"
 *                     "retry: <retry class>"
 *                     "request_id: <whole request id, or - when none>"
 *   2  no answer to judge: curl's error (connection refused, a cut-off
 *      transfer...), out of memory, or a bad command line
 *   3  coserr refused the input (a bug: it names the result)
 *
 * Redirects are not followed: a 3xx is an answer coserr judges (a 302 from
 * something that is not COS means "switch to the backup domain").
 */
#include <coserr.h>
#include <curl/curl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One response header; name and value share one allocation. */
struct header {
    char *text; /* name bytes, then value bytes; no NULs added */
    size_t name_len;
    size_t value_len;
};

/* What the callbacks collect from the answer. */
struct answer {
    struct header *headers;
    size_t header_count;
    size_t header_cap;
    uint8_t *body;
    size_t body_len;
    size_t body_cap;
    int out_of_memory; /* a callback failed to allocate: the answer is incomplete */
};

static void free_headers(struct answer *a) {
    size_t i;
    for (i = 0; i < a->header_count; i++) {
        free(a->headers[i].text);
    }
    a->header_count = 0;
}

static void free_answer(struct answer *a) {
    free_headers(a);
    free(a->headers);
    free(a->body);
}

/* Makes room for `more` bytes beyond `len` in a doubling buffer. */
static int grow(void **buf, size_t *cap, size_t len, size_t more, size_t item) {
    size_t need, new_cap;
    void *p;
    if (more > SIZE_MAX / item - len) {
        return 0;
    }
    need = len + more;
    if (need <= *cap) {
        return 1;
    }
    new_cap = *cap ? *cap : 16;
    while (new_cap < need) {
        new_cap = new_cap > SIZE_MAX / item / 2 ? need : new_cap * 2;
    }
    p = realloc(*buf, new_cap * item);
    if (p == NULL) {
        return 0;
    }
    *buf = p;
    *cap = new_cap;
    return 1;
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *userdata) {
    struct answer *a = userdata;
    size_t n = size * nmemb; /* size is always 1 */
    void *body = a->body;
    if (!grow(&body, &a->body_cap, a->body_len, n, 1)) {
        a->out_of_memory = 1;
        return 0; /* makes curl stop with CURLE_WRITE_ERROR */
    }
    a->body = body;
    if (n > 0) {
        memcpy(a->body + a->body_len, data, n);
    }
    a->body_len += n;
    return n;
}

static int is_ows(char c) { return c == ' ' || c == '\t'; }

/* Drops optional whitespace at both ends of [*start, *start + *len). */
static void trim(const char **start, size_t *len) {
    while (*len > 0 && is_ows(**start)) {
        (*start)++;
        (*len)--;
    }
    while (*len > 0 && is_ows((*start)[*len - 1])) {
        (*len)--;
    }
}

/* libcurl calls this once per header line, CRLF included: the status line,
 * each "Name: value", the empty line ending a block. A 100 Continue or a
 * followed redirect gives several blocks; only the last one belongs to the
 * answer, so a status line starts the collection over. Trailers of a chunked
 * body come after the body, without a status line: they join the block. */
static size_t on_header(char *data, size_t size, size_t nitems, void *userdata) {
    struct answer *a = userdata;
    size_t n = size * nitems;
    size_t len = n;
    const char *line = data;
    const char *colon, *value;
    size_t name_len, value_len;
    struct header *h;

    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) {
        len--;
    }
    if (len >= 5 && memcmp(line, "HTTP/", 5) == 0) {
        free_headers(a);
        return n;
    }
    if (len == 0) {
        return n;
    }
    if (is_ows(line[0])) {
        /* obs-fold: the line continues the previous value, joined by one SP */
        char *text;
        value = line;
        value_len = len;
        trim(&value, &value_len);
        if (a->header_count == 0 || value_len == 0) {
            return n;
        }
        h = &a->headers[a->header_count - 1];
        if (value_len > SIZE_MAX - 1 - h->name_len - h->value_len) {
            a->out_of_memory = 1;
            return 0;
        }
        text = realloc(h->text, h->name_len + h->value_len + 1 + value_len);
        if (text == NULL) {
            a->out_of_memory = 1;
            return 0;
        }
        h->text = text;
        text[h->name_len + h->value_len] = ' ';
        memcpy(text + h->name_len + h->value_len + 1, value, value_len);
        h->value_len += 1 + value_len;
        return n;
    }
    colon = memchr(line, ':', len);
    if (colon == NULL) {
        return n; /* not a header line */
    }
    name_len = (size_t)(colon - line);
    value = colon + 1;
    value_len = len - name_len - 1;
    trim(&value, &value_len);
    {
        void *headers = a->headers;
        if (!grow(&headers, &a->header_cap, a->header_count, 1, sizeof *a->headers)) {
            a->out_of_memory = 1;
            return 0;
        }
        a->headers = headers;
    }
    h = &a->headers[a->header_count];
    /* +1 so that an empty name and value still get a distinct allocation */
    h->text = malloc(name_len + value_len + 1);
    if (h->text == NULL) {
        a->out_of_memory = 1;
        return 0;
    }
    memcpy(h->text, line, name_len);
    memcpy(h->text + name_len, value, value_len);
    h->name_len = name_len;
    h->value_len = value_len;
    a->header_count++;
    return n;
}

static int name_is(const struct header *h, const char *name) {
    size_t i, len = strlen(name);
    if (h->name_len != len) {
        return 0;
    }
    for (i = 0; i < len; i++) {
        char c = h->text[i];
        if (c >= 'A' && c <= 'Z') {
            c = (char)(c - 'A' + 'a');
        }
        if (c != name[i]) {
            return 0;
        }
    }
    return 1;
}

/* Prints the request id whole: the record's array keeps 127 bytes, support
 * needs all of it. A cut body value comes whole from coserr_field_value; a
 * cut header value is our own input, found by the order coserr reads the
 * headers in (docs/semantics.md, "Header fallback"). Returns 0 when out of
 * memory. */
static int print_request_id(const coserr_error *err, const struct answer *a) {
    static const char *const names[] = {"x-cos-request-id", "x-ci-request-id", "x-img-request-id"};
    size_t i, k;
    fputs("request_id: ", stdout);
    if (err->request_id[0] == '\0' && !(err->truncated & COSERR_FIELD_REQUEST_ID)) {
        fputs("-\n", stdout);
        return 1;
    }
    if (!(err->truncated & COSERR_FIELD_REQUEST_ID)) {
        printf("%s\n", err->request_id);
        return 1;
    }
    if (!(err->from_header & COSERR_FIELD_REQUEST_ID)) {
        size_t len = 0;
        char *whole;
        coserr_field_value(a->body, a->body_len, COSERR_FIELD_REQUEST_ID, NULL, 0, &len);
        whole = malloc(len + 1);
        if (whole == NULL) {
            return 0;
        }
        coserr_field_value(a->body, a->body_len, COSERR_FIELD_REQUEST_ID, whole, len + 1, &len);
        fwrite(whole, 1, len, stdout); /* NUL bytes included */
        fputc('\n', stdout);
        free(whole);
        return 1;
    }
    for (k = 0; k < sizeof names / sizeof names[0]; k++) {
        for (i = 0; i < a->header_count; i++) {
            const struct header *h = &a->headers[i];
            if (h->value_len > 0 && name_is(h, names[k])) {
                fwrite(h->text + h->name_len, 1, h->value_len, stdout);
                fputc('\n', stdout);
                return 1;
            }
        }
    }
    printf("%s\n", err->request_id); /* not reached: coserr took it from a header */
    return 1;
}

/* Parses the collected answer with coserr, prints the verdict, returns the
 * exit status. */
static int judge(const char *url, long status, const struct answer *a) {
    coserr_header *headers = NULL;
    coserr_response resp;
    coserr_error err;
    uint32_t rc;
    size_t i;
    int exit_code;

    if (a->header_count > 0) {
        headers = malloc(a->header_count * sizeof *headers);
        if (headers == NULL) {
            fputs("curl_get: out of memory\n", stderr);
            return 2;
        }
    }
    for (i = 0; i < a->header_count; i++) {
        headers[i].name = a->headers[i].text;
        headers[i].name_len = a->headers[i].name_len;
        headers[i].value = a->headers[i].text + a->headers[i].name_len;
        headers[i].value_len = a->headers[i].value_len;
    }
    memset(&resp, 0, sizeof resp);
    /* 0 tells coserr the status is unknown (then the body alone decides) */
    resp.status = status > 0 && status <= 999 ? (uint32_t)status : 0;
    resp.method = "GET";
    resp.method_len = 3;
    resp.url = url;
    resp.url_len = strlen(url);
    resp.headers = headers;
    resp.header_count = a->header_count;
    resp.body = a->body;
    resp.body_len = a->body_len;

    rc = coserr_parse_response(&resp, &err);
    free(headers); /* coserr keeps no pointer into its inputs */

    if (rc == COSERR_OK) {
        size_t n = coserr_format(&err, NULL, 0); /* the whole line's length */
        char *line = malloc(n + 1);
        if (line == NULL) {
            fputs("curl_get: out of memory\n", stderr);
            return 2;
        }
        coserr_format(&err, line, n + 1);
        printf("error: %s\n", line);
        free(line);
        printf("retry: %s\n", coserr_retry_name(err.retry));
        if (!print_request_id(&err, a)) {
            fputs("curl_get: out of memory\n", stderr);
            return 2;
        }
        exit_code = 1;
    } else if (rc == COSERR_NOT_AN_ERROR) {
        printf("ok: status=%u body_bytes=%lu\n", (unsigned)err.status, (unsigned long)a->body_len);
        if (err.retry == COSERR_RETRY_SWITCH_DOMAIN) {
            printf("retry: %s\n", coserr_retry_name(err.retry));
        }
        exit_code = 0;
    } else {
        fprintf(stderr, "curl_get: coserr_parse_response: %s\n", coserr_result_name(rc));
        exit_code = 3;
    }
    return exit_code;
}

int main(int argc, char **argv) {
    char curl_error[CURL_ERROR_SIZE];
    struct answer a;
    CURL *curl;
    CURLcode rc;
    long status = 0;
    int exit_code;

    if (argc != 2) {
        fputs("usage: curl_get URL\n", stderr);
        return 2;
    }
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        fputs("curl_get: curl_global_init failed\n", stderr);
        return 2;
    }
    curl = curl_easy_init();
    if (curl == NULL) {
        fputs("curl_get: curl_easy_init failed\n", stderr);
        curl_global_cleanup();
        return 2;
    }
    memset(&a, 0, sizeof a);
    curl_error[0] = '\0';

    rc = curl_easy_setopt(curl, CURLOPT_URL, argv[1]);
    if (rc == CURLE_OK) rc = curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, curl_error);
    if (rc == CURLE_OK) rc = curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    if (rc == CURLE_OK) rc = curl_easy_setopt(curl, CURLOPT_WRITEDATA, &a);
    if (rc == CURLE_OK) rc = curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    if (rc == CURLE_OK) rc = curl_easy_setopt(curl, CURLOPT_HEADERDATA, &a);
    /* the default, said aloud: coserr judges the 3xx itself */
    if (rc == CURLE_OK) rc = curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    /* a status code needs HTTP: no file:// or other schemes */
#if LIBCURL_VERSION_NUM >= 0x075500
    if (rc == CURLE_OK) rc = curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
#endif
    if (rc == CURLE_OK) rc = curl_easy_perform(curl);

    if (a.out_of_memory) {
        fputs("curl_get: out of memory\n", stderr);
        exit_code = 2;
    } else if (rc != CURLE_OK) {
        /* no whole answer to judge: report curl's own words */
        fprintf(stderr, "curl_get: %s\n", curl_error[0] ? curl_error : curl_easy_strerror(rc));
        exit_code = 2;
    } else {
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        exit_code = judge(argv[1], status, &a);
    }
    free_answer(&a);
    curl_easy_cleanup(curl);
    curl_global_cleanup();
    return exit_code;
}
