/* Every shared body of a folder, read whole and handed to a check (C99 with
   POSIX: define _POSIX_C_SOURCE before including). */
#ifndef COSERR_BODIES_H
#define COSERR_BODIES_H

#include <dirent.h>

#include "testutil.h"

/* A check of one body: the number of things wrong with it. */
typedef int (*t_body_check)(const unsigned char *body, size_t len);

/* Runs `check` on every file of `dir` (not the hidden ones, not the .tsv
   indexes), names each body it finds fault with, and checks that at least
   `min_files` were read and none had a fault. */
static inline void t_each_body(const char *dir, int min_files, t_body_check check) {
    DIR *d = opendir(dir);
    if (d == NULL) {
        fprintf(stderr, "cannot list %s\n", dir);
        t_failed++;
        return;
    }
    int files = 0, faulty = 0;
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        const char *nm = ent->d_name;
        size_t l = strlen(nm);
        if (nm[0] == '.' || (l > 4 && strcmp(nm + l - 4, ".tsv") == 0)) {
            continue;
        }
        size_t n;
        unsigned char *b = t_read(dir, nm, &n);
        if (check(b, n) != 0) {
            fprintf(stderr, "%s/%s: unexpected result\n", dir, nm);
            faulty++;
        }
        files++;
        free(b);
    }
    closedir(d);
    CHECK(files >= min_files);
    CHECK_U(faulty, 0);
}

#endif
