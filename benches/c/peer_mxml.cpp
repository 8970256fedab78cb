// Mini-XML (mxml): mxmlLoadString with MXML_OPAQUE_CALLBACK (text kept
// whole, entities and character references decoded), as cos-c-sdk-v5 loads
// bodies, then the <Error> element's element children, each read with
// mxmlGetOpaque, the library's way to read an element's text: its first
// child, when that is text. The tree is deleted at the next parse.
#include <mxml.h>

#include "peer.hpp"

namespace {

class Mxml final : public Peer {
  public:
    ~Mxml() override { mxmlDelete(tree_); }
    const char *name() const override { return "mxml"; }
    const char *how() const override { return "mxmlLoadString(MXML_OPAQUE_CALLBACK), child walk, mxmlGetOpaque"; }
    bool parse(const std::string &body, Values &out) override {
        out.clear();
        mxmlDelete(tree_);
        tree_ = mxmlLoadString(nullptr, body.c_str(), MXML_OPAQUE_CALLBACK);
        if (tree_ == nullptr) {
            return false;
        }
        // With an XML declaration, the tree's top is the `?xml` node and
        // <Error> one of its children; without, <Error> is the top.
        mxml_node_t *root = tree_;
        if (!is_error(root)) {
            root = mxmlFindElement(tree_, tree_, "Error", nullptr, nullptr, MXML_DESCEND_FIRST);
        }
        if (root == nullptr) {
            return false;
        }
        for (mxml_node_t *el = mxmlGetFirstChild(root); el != nullptr; el = mxmlGetNextSibling(el)) {
            if (mxmlGetType(el) != MXML_ELEMENT) {
                continue;
            }
            int f = field_of(mxmlGetElement(el));
            if (f < 0 || out.present[f]) {
                continue;
            }
            const char *v = mxmlGetOpaque(el);
            out.present[f] = true;
            out.text[f] = v == nullptr ? std::string_view() : std::string_view(v);
        }
        return true;
    }

  private:
    static bool is_error(mxml_node_t *node) {
        const char *name = mxmlGetElement(node);
        return name != nullptr && std::strcmp(name, "Error") == 0;
    }
    mxml_node_t *tree_ = nullptr;
};

}  // namespace

std::unique_ptr<Peer> make_mxml() { return std::make_unique<Mxml>(); }
