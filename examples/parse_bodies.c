/* Parses every body in a folder and prints one line per body: the file name
 * and the coserr_format line of its record (status unknown: the body alone
 * decides).
 *
 *   parse_bodies [DIR]      (default: ../shared/cos/samples) */
#define _POSIX_C_SOURCE 200809L

#include <coserr.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads a whole file; NULL on failure. */
static unsigned char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    size_t cap = 1 << 16, n = 0, got;
    unsigned char *buf = malloc(cap);
    while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            unsigned char *bigger = realloc(buf, cap *= 2);
            if (bigger == NULL) {
                free(buf);
            }
            buf = bigger;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "../shared/cos/samples";
    DIR *d = opendir(dir);
    if (d == NULL) {
        perror(dir);
        return 1;
    }
    char *names[1024];
    size_t count = 0;
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL && count < 1024) {
        size_t l = strlen(ent->d_name);
        if (ent->d_name[0] != '.' && !(l > 4 && strcmp(ent->d_name + l - 4, ".tsv") == 0)) {
            names[count++] = strdup(ent->d_name);
        }
    }
    closedir(d);
    qsort(names, count, sizeof names[0], by_name);

    int status = 0;
    for (size_t i = 0; i < count; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        size_t len = 0;
        unsigned char *body = slurp(path, &len);
        if (body == NULL) {
            perror(path);
            status = 1;
            free(names[i]);
            continue;
        }
        coserr_error err;
        uint32_t rc = coserr_parse_body(body, len, &err);
        char line[4096];
        coserr_format(&err, line, sizeof line);
        if (rc == COSERR_OK || rc == COSERR_NOT_AN_ERROR) {
            printf("%s: %s\n", names[i], line);
        } else {
            printf("%s: %s\n", names[i], coserr_result_name(rc));
            status = 1;
        }
        free(body);
        free(names[i]);
    }
    return status;
}
