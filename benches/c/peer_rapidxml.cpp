// rapidxml: parse<0> (entities and character references decoded in place)
// on a mutable NUL-terminated copy of the body, as cos-cpp-sdk-v5 parses,
// then each child element's value(), the library's way to read an
// element's text: its first data node. The copy goes into a buffer kept
// from parse to parse, and the document (with its 64 KiB static pool) too.
#include <rapidxml/rapidxml.hpp>

#include "peer.hpp"

namespace {

class Rapidxml final : public Peer {
  public:
    const char *name() const override { return "rapidxml"; }
    const char *how() const override { return "parse<0> on a copy of the body, DOM walk, value()"; }
    bool parse(const std::string &body, Values &out) override {
        out.clear();
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
            out.text[f] = std::string_view(el->value(), el->value_size());
        }
        return true;
    }

  private:
    static bool is_error(rapidxml::xml_node<> *root) {
        return root->name_size() == 5 && std::memcmp(root->name(), "Error", 5) == 0;
    }
    std::vector<char> copy_;
    rapidxml::xml_document<> doc_;
};

}  // namespace

std::unique_ptr<Peer> make_rapidxml() { return std::make_unique<Rapidxml>(); }
