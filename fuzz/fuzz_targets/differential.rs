//! The body verdict and fields against the references: roxmltree 0.21.2 for
//! XML, serde_json (arbitrary_precision) for JSON (`oracle::check_xml`,
//! `oracle::check_json`). The only tolerated difference is a documented limit.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    coserr_fuzz::oracle::tolerate_known_issues();
    let result = match coserr_fuzz::oracle::document(data).first() {
        Some(b'<') => coserr_fuzz::oracle::check_xml(data),
        Some(b'{') => coserr_fuzz::oracle::check_json(data),
        _ => Ok(()),
    };
    if let Err(why) = result {
        panic!("{why}\ninput: {:?}", String::from_utf8_lossy(data));
    }
});
