// coserr through its C ABI: coserr_parse_body fills a caller-owned record
// (fixed arrays, NUL-terminated), allocating nothing.
#include <coserr.h>

#include <cstdint>

#include "peer.hpp"

namespace {

const uint32_t FIELD_BITS[N_FIELDS] = {COSERR_FIELD_CODE, COSERR_FIELD_MESSAGE, COSERR_FIELD_RESOURCE,
                                       COSERR_FIELD_REQUEST_ID, COSERR_FIELD_TRACE_ID};

class Coserr final : public Peer {
  public:
    const char *name() const override { return "coserr"; }
    const char *how() const override { return "coserr_parse_body into a coserr_error record"; }
    bool parse(const std::string &body, Values &out) override {
        out.clear();
        uint32_t rc = coserr_parse_body(reinterpret_cast<const uint8_t *>(body.data()), body.size(), &rec_);
        if (rc != COSERR_OK || rec_.body_status != COSERR_BODY_OK) {
            return false;
        }
        const char *arrays[N_FIELDS] = {rec_.code, rec_.message, rec_.resource, rec_.request_id, rec_.trace_id};
        for (int f = 0; f < N_FIELDS; f++) {
            out.present[f] = (rec_.present & FIELD_BITS[f]) != 0;
            out.text[f] = arrays[f];
        }
        return true;
    }

  private:
    coserr_error rec_;
};

}  // namespace

std::unique_ptr<Peer> make_coserr() { return std::make_unique<Coserr>(); }
