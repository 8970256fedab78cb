/* The baseline plus expat: the text of <Code> (SAX callbacks). */
#include <expat.h>
#include <string.h>
#include "read_body.h"

struct state { int depth, in_code; char code[256]; size_t len; };

static void XMLCALL on_start(void *s_, const XML_Char *name, const XML_Char **attrs) {
    struct state *s = s_;
    (void)attrs;
    s->in_code = ++s->depth == 2 && strcmp(name, "Code") == 0;
}
static void XMLCALL on_end(void *s_, const XML_Char *name) {
    struct state *s = s_;
    (void)name;
    s->depth--;
    s->in_code = 0;
}
static void XMLCALL on_text(void *s_, const XML_Char *text, int n) {
    struct state *s = s_;
    for (int i = 0; s->in_code && i < n && s->len + 1 < sizeof s->code; i++) s->code[s->len++] = text[i];
}

int main(int argc, char **argv) {
    size_t len;
    struct state s = {0};
    char *body = argc > 1 ? read_body(argv[1], &len) : NULL;
    if (!body) return 2;
    printf("%zu bytes\n", len);
    XML_Parser p = XML_ParserCreate(NULL);
    XML_SetUserData(p, &s);
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetCharacterDataHandler(p, on_text);
    if (XML_Parse(p, body, (int)len, 1) == XML_STATUS_OK) printf("%s\n", s.code);
    XML_ParserFree(p);
    free(body);
    return 0;
}
