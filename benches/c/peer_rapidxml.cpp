// rapidxml: parse<0> (entities and character references decoded in place)
// on a mutable NUL-terminated copy of the body, as cos-cpp-sdk-v5 parses,
// then each child element's text, read two ways: value(), the library's way
// to read an element's text (its first data node, so not CDATA), and, as
// "rapidxml (text+CDATA)", its data and CDATA children joined, which is
// right on every bench body. The copy goes into a buffer kept from parse to
// parse, and the document (with its 64 KiB static pool) too.
#include <rapidxml/rapidxml.hpp>

#include "peer.hpp"

namespace {

class Rapidxml final : public Peer {
  public:
    explicit Rapidxml(bool with_cdata) : with_cdata_(with_cdata) {}
    const char *name() const override { return with_cdata_ ? "rapidxml (text+CDATA)" : "rapidxml"; }
    const char *how() const override {
        return with_cdata_ ? "parse<0> on a copy of the body, DOM walk, data and CDATA children joined"
                           : "parse<0> on a copy of the body, DOM walk, value()";
    }
    bool parse(const std::string &body, Values &out) override {
        out.clear();
        scratch_.reset();
        copy_.resize(body.size() + 1);
        std::memcpy(copy_.data(), body.c_str(), body.size() + 1);
        doc_.clear();
        try {
            doc_.parse<0>(copy_.data());
        } catch (const rapidxml::parse_error &) {
            return false;
        }
        rapidxml::xml_node<> *root = doc_.first_node();
        if (root == nullptr || !is_error(root)) {
            return false;
        }
        for (rapidxml::xml_node<> *el = root->first_node(); el != nullptr; el = el->next_sibling()) {
            int f = field_of(el->name(), el->name_size());
            if (f < 0 || out.present[f]) {
                continue;
            }
            out.present[f] = true;
            if (!with_cdata_) {
                out.text[f] = std::string_view(el->value(), el->value_size());
                continue;
            }
            TextOf text(scratch_);
            for (rapidxml::xml_node<> *c = el->first_node(); c != nullptr; c = c->next_sibling()) {
                if (c->type() == rapidxml::node_data || c->type() == rapidxml::node_cdata) {
                    text.add(c->value(), c->value_size());
                }
            }
            out.text[f] = text.text();
        }
        return true;
    }

  private:
    static bool is_error(rapidxml::xml_node<> *root) {
        return root->name_size() == 5 && std::memcmp(root->name(), "Error", 5) == 0;
    }
    bool with_cdata_;
    std::vector<char> copy_;
    rapidxml::xml_document<> doc_;
    Scratch scratch_;
};

}  // namespace

std::unique_ptr<Peer> make_rapidxml() { return std::make_unique<Rapidxml>(false); }
std::unique_ptr<Peer> make_rapidxml_cdata() { return std::make_unique<Rapidxml>(true); }
