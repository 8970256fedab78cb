// libxml2's tree API: xmlCtxtReadMemory on one parser context kept from
// body to body (faster than xmlReadMemory's new context per body), with
// predefined entities and character references decoded and CDATA kept as
// its own node; then the <Error> root's element children, each element's
// text from its text and CDATA children. The tree is freed at the next
// parse.
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "peer.hpp"

namespace {

class Libxml2Dom final : public Peer {
  public:
    Libxml2Dom() : ctxt_(xmlNewParserCtxt()) {}
    ~Libxml2Dom() override {
        xmlFreeDoc(doc_);
        xmlFreeParserCtxt(ctxt_);
    }
    const char *name() const override { return "libxml2 (tree)"; }
    const char *how() const override { return "xmlCtxtReadMemory(XML_PARSE_NONET) on a kept context, DOM walk"; }
    bool parse(const std::string &body, Values &out) override {
        out.clear();
        scratch_.reset();
        xmlFreeDoc(doc_);
        if (ctxt_ == nullptr) {
            return false;
        }
        doc_ = xmlCtxtReadMemory(ctxt_, body.data(), static_cast<int>(body.size()), nullptr, nullptr, XML_PARSE_NONET);
        if (doc_ == nullptr) {
            return false;
        }
        xmlNodePtr root = xmlDocGetRootElement(doc_);
        if (root == nullptr || std::strcmp(reinterpret_cast<const char *>(root->name), "Error") != 0) {
            return false;
        }
        for (xmlNodePtr el = root->children; el != nullptr; el = el->next) {
            if (el->type != XML_ELEMENT_NODE) {
                continue;
            }
            int f = field_of(reinterpret_cast<const char *>(el->name));
            if (f < 0 || out.present[f]) {
                continue;
            }
            TextOf text(scratch_);
            for (xmlNodePtr c = el->children; c != nullptr; c = c->next) {
                if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content != nullptr) {
                    const char *v = reinterpret_cast<const char *>(c->content);
                    text.add(v, std::strlen(v));
                }
            }
            out.present[f] = true;
            out.text[f] = text.text();
        }
        return true;
    }

  private:
    xmlParserCtxtPtr ctxt_;
    xmlDocPtr doc_ = nullptr;
    Scratch scratch_;
};

}  // namespace

std::unique_ptr<Peer> make_libxml2_dom() { return std::make_unique<Libxml2Dom>(); }
