/* The size table's baseline: reads the body and prints its length. Each
 * with_*.c is this program plus one library reading the error code. */
#include "read_body.h"

int main(int argc, char **argv) {
    size_t len;
    char *body = argc > 1 ? read_body(argv[1], &len) : NULL;
    if (!body) return 2;
    printf("%zu bytes\n", len);
    free(body);
    return 0;
}
