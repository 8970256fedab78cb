// libxml2's SAX2 interface: one push parser context, kept and reset
// (xmlCtxtResetPush) for each body, the whole body given at once with
// xmlParseChunk; start/end element, characters and CDATA callbacks
// (predefined entities and character references come decoded through
// `characters`). Text directly under a field element (depth 2) is joined in
// a scratch buffer. Faster than a new context per body
// (xmlSAXUserParseMemory).
#include <libxml/parser.h>
#include <libxml/SAX2.h>

#include "peer.hpp"

namespace {

class Libxml2Sax final : public Peer {
  public:
    Libxml2Sax() {
        xmlInitParser();
        std::memset(&sax_, 0, sizeof sax_);
        sax_.initialized = XML_SAX2_MAGIC;
        sax_.startElementNs = on_start;
        sax_.endElementNs = on_end;
        sax_.characters = on_text;
        sax_.cdataBlock = on_text;
        ctxt_ = xmlCreatePushParserCtxt(&sax_, this, nullptr, 0, nullptr);
    }
    ~Libxml2Sax() override { xmlFreeParserCtxt(ctxt_); }
    const char *name() const override { return "libxml2 (SAX2)"; }
    const char *how() const override { return "SAX2 callbacks, push parser reset for each body (xmlCtxtResetPush, xmlParseChunk)"; }
    bool parse(const std::string &body, Values &out) override {
        fields_.begin(out);
        if (ctxt_ == nullptr || xmlCtxtResetPush(ctxt_, nullptr, 0, nullptr, nullptr) != 0) {
            return false;
        }
        if (xmlParseChunk(ctxt_, body.data(), static_cast<int>(body.size()), 1) != 0 || !ctxt_->wellFormed) {
            return false;
        }
        return fields_.root_ok();
    }

  private:
    static void on_start(void *user, const xmlChar *localname, const xmlChar *, const xmlChar *, int,
                         const xmlChar **, int, int, const xmlChar **) {
        static_cast<Libxml2Sax *>(user)->fields_.start(reinterpret_cast<const char *>(localname));
    }
    static void on_end(void *user, const xmlChar *, const xmlChar *, const xmlChar *) {
        static_cast<Libxml2Sax *>(user)->fields_.end();
    }
    static void on_text(void *user, const xmlChar *s, int len) {
        static_cast<Libxml2Sax *>(user)->fields_.text(reinterpret_cast<const char *>(s), static_cast<size_t>(len));
    }

    xmlSAXHandler sax_;
    xmlParserCtxtPtr ctxt_ = nullptr;
    SaxFields fields_;
};

}  // namespace

std::unique_ptr<Peer> make_libxml2_sax() { return std::make_unique<Libxml2Sax>(); }
