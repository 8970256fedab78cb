// The baseline plus pugixml: the text of <Code> (a tree).
#include <pugixml.hpp>
#include "read_body.h"

int main(int argc, char **argv) {
    size_t len;
    char *body = argc > 1 ? read_body(argv[1], &len) : NULL;
    if (!body) return 2;
    printf("%zu bytes\n", len);
    pugi::xml_document doc;
    if (doc.load_buffer(body, len)) printf("%s\n", doc.child("Error").child("Code").text().get());
    free(body);
    return 0;
}
