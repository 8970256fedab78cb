// cos-cpp-sdk-v5's error parse, written again with the same rapidxml calls:
// CosResult::ParseFromHttpResponse (src/op/cos_result.cpp) copies the body
// into a std::string, parses it in place with StringUtil::StringToXml
// (src/util/string_util.cpp: doc->parse<0>, parse_error caught) into a
// rapidxml::xml_document<> on the stack, takes doc.first_node("Error"),
// and walks its children comparing std::string(node->name()) with each
// field name, assigning node->value() to the result's std::string members.
#include <rapidxml/rapidxml.hpp>

#include "peer.hpp"

namespace {

// CosResult's error members.
struct ErrorResult {
    std::string err_code, err_msg, resource_addr, request_id, trace_id, server_time;
    bool seen[N_FIELDS] = {};
};

class CosCppSdk final : public Peer {
  public:
    const char *name() const override { return "cos-cpp-sdk-v5 (rapidxml)"; }
    const char *how() const override { return "CosResult::ParseFromHttpResponse's rapidxml calls"; }
    bool parse(const std::string &body, Values &out) override {
        out.clear();
        // A new CosResult per response: its strings allocate anew (reusing
        // one would keep their capacity from the body before).
        ErrorResult result;
        std::string tmp_body = body;
        rapidxml::xml_document<> doc;
        try {
            doc.parse<0>(&tmp_body[0]);
        } catch (const rapidxml::parse_error &) {
            return false;
        }
        rapidxml::xml_node<> *root = doc.first_node("Error");
        if (root == nullptr) {
            return false;
        }
        for (rapidxml::xml_node<> *node = root->first_node(); node != nullptr; node = node->next_sibling()) {
            const std::string node_name = node->name();
            if (node_name == "Code") {
                set(result, CODE, result.err_code, node->value());
            } else if (node_name == "Message") {
                set(result, MESSAGE, result.err_msg, node->value());
            } else if (node_name == "Resource") {
                set(result, RESOURCE, result.resource_addr, node->value());
            } else if (node_name == "RequestId") {
                set(result, REQUEST_ID, result.request_id, node->value());
            } else if (node_name == "TraceId") {
                set(result, TRACE_ID, result.trace_id, node->value());
            } else if (node_name == "ServerTime") {
                result.server_time = node->value();
            }
        }
        result_ = std::move(result);  // kept for the caller's views
        const std::string *members[N_FIELDS] = {&result_.err_code, &result_.err_msg, &result_.resource_addr,
                                                &result_.request_id, &result_.trace_id};
        for (int f = 0; f < N_FIELDS; f++) {
            out.present[f] = result_.seen[f];
            out.text[f] = *members[f];
        }
        return true;
    }

  private:
    // The SDK assigns every occurrence (the last one wins); the benchmark's
    // bodies have each field once.
    static void set(ErrorResult &result, Field f, std::string &member, const char *value) {
        member = value;
        result.seen[f] = true;
    }
    ErrorResult result_;
};

}  // namespace

std::unique_ptr<Peer> make_cos_cpp_sdk() { return std::make_unique<CosCppSdk>(); }
