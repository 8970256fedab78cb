#include "check.hpp"

#include <coserr.h>

#include <cstdint>
#include <fstream>
#include <sstream>

namespace {

const uint32_t FIELD_BITS[N_FIELDS] = {COSERR_FIELD_CODE, COSERR_FIELD_MESSAGE, COSERR_FIELD_RESOURCE,
                                       COSERR_FIELD_REQUEST_ID, COSERR_FIELD_TRACE_ID};

// A value for a message: its length and a readable start.
std::string shown(bool present, const std::string &s) {
    if (!present) {
        return "absent";
    }
    std::string start = s.substr(0, 48);
    for (char &c : start) {
        if (c == '\n' || c == '|') {
            c = ' ';
        }
    }
    return std::to_string(s.size()) + " bytes \"" + start + (s.size() > 48 ? "...\"" : "\"");
}

}  // namespace

Owned own(const Values &v) {
    Owned o;
    for (int f = 0; f < N_FIELDS; f++) {
        o.present[f] = v.present[f];
        o.text[f] = std::string(v.text[f]);
    }
    return o;
}

bool read_expected(const std::string &path, Owned &out, std::string &error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot read " + path;
        return false;
    }
    std::string line;
    while (std::getline(in, line)) {
        size_t tab = line.find('\t');
        int f = tab == std::string::npos ? -1 : field_of(line.data(), tab);
        if (f < 0 || out.present[f]) {
            error = path + ": not one `Field<TAB>value` line per field: " + line.substr(0, 40);
            return false;
        }
        out.present[f] = true;
        out.text[f] = line.substr(tab + 1);
    }
    return true;
}

bool coserr_whole(const std::string &body, Owned &out, std::string &error) {
    const uint8_t *b = reinterpret_cast<const uint8_t *>(body.data());
    coserr_error rec;
    if (coserr_parse_body(b, body.size(), &rec) != COSERR_OK || rec.body_status != COSERR_BODY_OK) {
        error = "coserr_parse_body did not read the body as an error document";
        return false;
    }
    const char *arrays[N_FIELDS] = {rec.code, rec.message, rec.resource, rec.request_id, rec.trace_id};
    for (int f = 0; f < N_FIELDS; f++) {
        size_t len = 0;
        uint32_t rc = coserr_field_value(b, body.size(), FIELD_BITS[f], nullptr, 0, &len);
        out.present[f] = rc == COSERR_OK;
        if (rc == COSERR_OK) {
            std::string whole(len + 1, '\0');
            rc = coserr_field_value(b, body.size(), FIELD_BITS[f], &whole[0], whole.size(), &len);
            whole.resize(len);
            out.text[f] = whole;
        } else if (rc != COSERR_NOT_FOUND) {
            error = std::string("coserr_field_value failed on ") + FIELD_NAMES[f];
            return false;
        }
        bool record_present = (rec.present & FIELD_BITS[f]) != 0;
        bool cut = (rec.truncated & FIELD_BITS[f]) != 0;
        std::string in_record = arrays[f];
        bool agrees = record_present == out.present[f] &&
                      (cut ? out.text[f].compare(0, in_record.size(), in_record) == 0 && in_record.size() < len
                           : in_record == out.text[f]);
        if (!agrees) {
            error = std::string("coserr_parse_body's record and coserr_field_value disagree on ") + FIELD_NAMES[f];
            return false;
        }
    }
    return true;
}

std::string differences(const Owned &got, const Owned &want) {
    std::ostringstream d;
    for (int f = 0; f < N_FIELDS; f++) {
        if (got.present[f] != want.present[f] || got.text[f] != want.text[f]) {
            if (d.tellp() > 0) {
                d << "; ";
            }
            d << FIELD_NAMES[f] << ": " << shown(got.present[f], got.text[f]) << " instead of "
              << shown(want.present[f], want.text[f]);
            if (got.present[f] && want.present[f]) {
                size_t at = 0;
                while (at < got.text[f].size() && at < want.text[f].size() && got.text[f][at] == want.text[f][at]) {
                    at++;
                }
                d << " (from byte " << at << ")";
            }
        }
    }
    return d.str();
}
