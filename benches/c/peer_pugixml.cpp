// pugixml: load_buffer with parse_default (entities and character
// references decoded, CDATA kept as its own node), then the <Error> root's
// children, each element's text from its PCDATA and CDATA children. The
// document is kept from parse to parse, as a long-lived reader would.
#include <pugixml.hpp>

#include "peer.hpp"

namespace {

class Pugixml final : public Peer {
  public:
    const char *name() const override { return "pugixml"; }
    const char *how() const override { return "xml_document::load_buffer(parse_default), DOM walk"; }
    bool parse(const std::string &body, Values &out) override {
        out.clear();
        scratch_.reset();
        if (!doc_.load_buffer(body.data(), body.size(), pugi::parse_default)) {
            return false;
        }
        pugi::xml_node root = doc_.document_element();
        if (std::strcmp(root.name(), "Error") != 0) {
            return false;
        }
        for (pugi::xml_node el = root.first_child(); el; el = el.next_sibling()) {
            if (el.type() != pugi::node_element) {
                continue;
            }
            int f = field_of(el.name());
            if (f < 0 || out.present[f]) {
                continue;
            }
            TextOf text(scratch_);
            for (pugi::xml_node c = el.first_child(); c; c = c.next_sibling()) {
                if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
                    const char *v = c.value();
                    text.add(v, std::strlen(v));
                }
            }
            out.present[f] = true;
            out.text[f] = text.text();
        }
        return true;
    }

  private:
    pugi::xml_document doc_;
    Scratch scratch_;
};

}  // namespace

std::unique_ptr<Peer> make_pugixml() { return std::make_unique<Pugixml>(); }
