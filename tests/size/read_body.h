/* The part every size-table program shares: the body from a file. The
 * programs differ only in the library that reads the error code from it. */
#ifndef READ_BODY_H
#define READ_BODY_H
#include <stdio.h>
#include <stdlib.h>

/* The whole file at `path`, NUL-terminated (mxml and libxml2 read strings);
 * NULL on failure. The caller frees it. */
static char *read_body(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    if (!f) return NULL;
    do {
        if (n + 4096 + 1 > cap) {
            char *grown = (char *)realloc(buf, cap = 2 * cap + 4096 + 1);
            if (!grown) { free(buf); fclose(f); return NULL; }
            buf = grown;
        }
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
    } while (got > 0);
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}
#endif
