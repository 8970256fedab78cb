/* Eight threads parse every shared body at once through the C ABI; every
 * record, display line and digest must equal the single-threaded ones.
 *
 *   test_threads SAMPLES_DIR EDGE_DIR */
#define _POSIX_C_SOURCE 200809L

#include <coserr.h>

#include <dirent.h>
#include <pthread.h>

#include "testutil.h"

#define THREADS 8
#define ROUNDS 20
#define MAX_BODIES 128

struct body {
    unsigned char *bytes;
    size_t len;
    coserr_error want;
    char line[4096];
    char json[4096];
};

static struct body bodies[MAX_BODIES];
static size_t nbodies;

static void load(const char *dir) {
    DIR *d = opendir(dir);
    if (d == NULL) {
        fprintf(stderr, "cannot list %s\n", dir);
        exit(2);
    }
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL && nbodies < MAX_BODIES) {
        size_t l = strlen(ent->d_name);
        if (ent->d_name[0] == '.' || (l > 4 && strcmp(ent->d_name + l - 4, ".tsv") == 0)) {
            continue;
        }
        struct body *b = &bodies[nbodies++];
        b->bytes = t_read(dir, ent->d_name, &b->len);
    }
    closedir(d);
}

/* Header values that vary per body, so that the response path is exercised. */
static coserr_response response(size_t i) {
    static const coserr_header h[] = {{"X-Cos-Request-Id", 16, "req-threads", 11},
                                      {"x-cos-trace-id", 14, "trace-threads", 13}};
    coserr_response r;
    memset(&r, 0, sizeof r);
    r.status = i % 3 == 0 ? 0 : i % 3 == 1 ? 404 : 200;
    r.method = "GET";
    r.method_len = 3;
    r.headers = h;
    r.header_count = i % 2 ? 2 : 0;
    r.body = bodies[i].bytes;
    r.body_len = bodies[i].len;
    return r;
}

static void *worker(void *arg) {
    size_t *mismatches = (size_t *)arg;
    coserr_error e;
    char text[4096];
    for (int round = 0; round < ROUNDS; round++) {
        for (size_t i = 0; i < nbodies; i++) {
            coserr_response r = response(i);
            coserr_parse_response(&r, &e);
            *mismatches += memcmp(&e, &bodies[i].want, sizeof e) != 0;
            coserr_format(&e, text, sizeof text);
            *mismatches += strcmp(text, bodies[i].line) != 0;
            coserr_to_json(&e, text, sizeof text);
            *mismatches += strcmp(text, bodies[i].json) != 0;
            size_t count = t_extra_count(bodies[i].bytes, bodies[i].len);
            *mismatches += count != t_extra_count(r.body, r.body_len);
            /* The one-pass iterator: its state is the caller's, nothing shared. */
            coserr_extras_iter it;
            size_t iterated = 0;
            coserr_extras_begin(r.body, r.body_len, &it);
            while (coserr_extras_next(r.body, r.body_len, &it, text, sizeof text, NULL, NULL, 0, NULL) ==
                   COSERR_OK) {
                iterated++;
            }
            *mismatches += iterated != count;
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s SAMPLES_DIR EDGE_DIR\n", argv[0]);
        return 2;
    }
    load(argv[1]);
    load(argv[2]);
    CHECK(nbodies >= 40);
    for (size_t i = 0; i < nbodies; i++) {
        coserr_response r = response(i);
        coserr_parse_response(&r, &bodies[i].want);
        coserr_format(&bodies[i].want, bodies[i].line, sizeof bodies[i].line);
        coserr_to_json(&bodies[i].want, bodies[i].json, sizeof bodies[i].json);
    }
    pthread_t tid[THREADS];
    size_t mismatches[THREADS] = {0};
    for (int t = 0; t < THREADS; t++) {
        CHECK(pthread_create(&tid[t], NULL, worker, &mismatches[t]) == 0);
    }
    for (int t = 0; t < THREADS; t++) {
        CHECK(pthread_join(tid[t], NULL) == 0);
        CHECK_U(mismatches[t], 0);
    }
    for (size_t i = 0; i < nbodies; i++) {
        free(bodies[i].bytes);
    }
    return t_finish();
}
