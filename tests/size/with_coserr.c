/* The baseline plus coserr: the code of the error body. */
#include <coserr.h>
#include "read_body.h"

int main(int argc, char **argv) {
    size_t len;
    coserr_error err;
    char *body = argc > 1 ? read_body(argv[1], &len) : NULL;
    if (!body) return 2;
    printf("%zu bytes\n", len);
    if (coserr_parse_body((const uint8_t *)body, len, &err) == COSERR_OK) printf("%s\n", err.code);
    free(body);
    return 0;
}
