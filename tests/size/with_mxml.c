/* The baseline plus mxml: the text of <Code> (a tree, as cos-c-sdk-v5 reads). */
#include <mxml.h>
#include "read_body.h"

int main(int argc, char **argv) {
    size_t len;
    char *body = argc > 1 ? read_body(argv[1], &len) : NULL;
    if (!body) return 2;
    printf("%zu bytes\n", len);
    mxml_node_t *doc = mxmlLoadString(NULL, body, MXML_OPAQUE_CALLBACK);
    mxml_node_t *code = doc ? mxmlFindPath(doc, "Error/Code") : NULL;
    if (code && mxmlGetOpaque(code)) printf("%s\n", mxmlGetOpaque(code));
    mxmlDelete(doc);
    free(body);
    return 0;
}
