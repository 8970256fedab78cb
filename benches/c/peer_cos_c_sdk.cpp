// cos-c-sdk-v5's error parse, written again with the same mxml calls:
// cos_status_parse_from_body (cos_c_sdk/cos_status.c) through
// cos_parse_xml_body (cos_c_sdk/cos_sys_util.c): copy the body into a
// malloc'd NUL-terminated buffer, mxmlLoadString(NULL, buffer,
// MXML_OPAQUE_CALLBACK), free the buffer, mxmlFindElement(root, root,
// "Error", NULL, NULL, MXML_DESCEND), then per field mxmlFindElement(node,
// root, name, NULL, NULL, MXML_DESCEND) and mxmlGetOpaque, the text copied
// with apr_pstrdup (here: into an arena, as a pool would), mxmlDelete(root).
// The SDK reads Code and Message this way (the request id comes from the
// x-cos-request-id header); the same two calls read the other three here.
#include <mxml.h>

#include <cstdlib>

#include "peer.hpp"

namespace {

class CosCSdk final : public Peer {
  public:
    const char *name() const override { return "cos-c-sdk-v5 (mxml)"; }
    const char *how() const override { return "cos_status_parse_from_body's mxml calls"; }
    bool parse(const std::string &body, Values &out) override {
        out.clear();
        pool_.reset();
        size_t len = body.size();
        char *buffer = static_cast<char *>(std::malloc(len + 1));
        std::memset(buffer, 0, len + 1);
        std::memcpy(buffer, body.data(), len);
        mxml_node_t *root = mxmlLoadString(nullptr, buffer, MXML_OPAQUE_CALLBACK);
        std::free(buffer);
        if (root == nullptr) {
            return false;
        }
        mxml_node_t *node = mxmlFindElement(root, root, "Error", nullptr, nullptr, MXML_DESCEND);
        if (node == nullptr) {
            mxmlDelete(root);  // the SDK logs "root node name is not Error" and gives UnknownError
            return false;
        }
        for (int f = 0; f < N_FIELDS; f++) {
            mxml_node_t *field = mxmlFindElement(node, root, FIELD_NAMES[f], nullptr, nullptr, MXML_DESCEND);
            const char *content = mxmlGetOpaque(field);
            if (content != nullptr) {
                size_t mark = pool_.mark();
                pool_.put(content, std::strlen(content) + 1);  // apr_pstrdup
                std::string_view copy = pool_.since(mark);
                out.present[f] = true;
                out.text[f] = copy.substr(0, copy.size() - 1);
            }
        }
        mxmlDelete(root);
        return true;
    }

  private:
    Scratch pool_;
};

}  // namespace

std::unique_ptr<Peer> make_cos_c_sdk() { return std::make_unique<CosCSdk>(); }
