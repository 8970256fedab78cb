//! A whole response (status, method, URL, headers, body; layout in
//! `testkit/src/input.rs`, read through `arbitrary`) into `ErrorRecord::from_response`,
//! its `Display` and `write_json`: the kind table of docs/semantics.md, capacities,
//! provenance bits, header fallbacks, one-line display, digest is JSON
//! (`oracle::check_response`).
#![no_main]

use coserr::Response;
use coserr_fuzz::FuzzResponse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: FuzzResponse| {
    coserr_fuzz::oracle::tolerate_known_issues();
    let input = input.0;
    let headers = input.core_headers();
    let resp = Response {
        status: input.status,
        method: input.method,
        url: input.url,
        headers: &headers[..],
        body: input.body,
    };
    if let Err(why) = coserr_fuzz::oracle::check_response(&resp) {
        panic!("{why}\ninput: {input:?}");
    }
});
