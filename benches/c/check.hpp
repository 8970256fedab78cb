// The correctness check that comes before any timing: coserr's values
// against hand-checked expectations, then every peer's against coserr's.
#ifndef COSERR_BENCH_C_CHECK_HPP
#define COSERR_BENCH_C_CHECK_HPP

#include <string>

#include "peer.hpp"

// Owned copies of the five texts; absent is not the same as empty.
struct Owned {
    bool present[N_FIELDS] = {};
    std::string text[N_FIELDS];
};

Owned own(const Values &v);

// The expectation file EXPECTED_DIR/<stem>.txt: one line per present field,
// `Name<TAB>value`.
bool read_expected(const std::string &path, Owned &out, std::string &error);

// coserr's whole values for a body through coserr_field_value (the record's
// arrays cut long texts: large_4KB's Message and Resource are above 1,023
// bytes), after checking that coserr_parse_body's record agrees with them
// (the same text, or its start with the field's `truncated` bit set).
bool coserr_whole(const std::string &body, Owned &out, std::string &error);

// "" when equal, else what differs, field by field.
std::string differences(const Owned &got, const Owned &want);

#endif
