/* The baseline plus libxml2: the text of <Code> (a tree). */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>
#include "read_body.h"

int main(int argc, char **argv) {
    size_t len;
    char *body = argc > 1 ? read_body(argv[1], &len) : NULL;
    if (!body) return 2;
    printf("%zu bytes\n", len);
    xmlDocPtr doc = xmlReadMemory(body, (int)len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "Code") == 0) {
            xmlChar *text = xmlNodeGetContent(n);
            printf("%s\n", (const char *)text);
            xmlFree(text);
        }
    }
    xmlFreeDoc(doc);
    free(body);
    return 0;
}
