// expat: a SAX parse (no namespace processing) with one parser kept and
// XML_ParserReset between bodies, given a hash salt drawn once (else expat
// gathers fresh entropy for every body). Character data under a field element,
// directly (depth 2), is joined in a scratch buffer; expat gives CDATA
// content through the same handler, with references already decoded.
#include <expat.h>

#include <random>

#include "peer.hpp"

namespace {

class Expat final : public Peer {
  public:
    Expat() : parser_(XML_ParserCreate(nullptr)), salt_(std::random_device()()) {}
    ~Expat() override { XML_ParserFree(parser_); }
    const char *name() const override { return "expat"; }
    const char *how() const override { return "XML_Parse (SAX), one parser reset for each body (XML_ParserReset, XML_SetHashSalt)"; }
    bool parse(const std::string &body, Values &out) override {
        fields_.begin(out);
        XML_ParserReset(parser_, nullptr);
        XML_SetHashSalt(parser_, salt_);
        XML_SetUserData(parser_, this);
        XML_SetElementHandler(parser_, on_start, on_end);
        XML_SetCharacterDataHandler(parser_, on_text);
        if (XML_Parse(parser_, body.data(), static_cast<int>(body.size()), XML_TRUE) != XML_STATUS_OK) {
            return false;
        }
        return fields_.root_ok();
    }

  private:
    static void on_start(void *user, const XML_Char *name, const XML_Char **) {
        static_cast<Expat *>(user)->fields_.start(name);
    }
    static void on_end(void *user, const XML_Char *) { static_cast<Expat *>(user)->fields_.end(); }
    static void on_text(void *user, const XML_Char *s, int len) {
        static_cast<Expat *>(user)->fields_.text(s, static_cast<size_t>(len));
    }

    XML_Parser parser_;
    unsigned long salt_;
    SaxFields fields_;
};

}  // namespace

std::unique_ptr<Peer> make_expat() { return std::make_unique<Expat>(); }
