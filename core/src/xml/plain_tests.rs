//! The fast path against the general parser (the reference, itself checked
//! against roxmltree in tests/xml_differential.rs): whenever the fast path
//! accepts a document, its scan must be the general parser's; and it must
//! accept every plain document, or it is not doing its job.

extern crate std;

use std::format;
use std::string::String;
use std::vec::Vec;

use super::super::{Parser, scan as full_scan};
use crate::scan::Scan;

/// The general parser alone.
fn general(text: &str, start: usize) -> Scan {
    let mut scan = Scan::new();
    if !Parser::<16, 8, 8>::new(text, start, &mut scan).run() {
        scan = Scan::new();
        super::super::scan_large(text, start, &mut scan);
    }
    scan
}

/// The fast path alone: None when it declines.
fn fast(text: &str, start: usize) -> Option<Scan> {
    let mut scan = Scan::new();
    super::scan(text, start, &mut scan).then_some(scan)
}

/// Checks one document (any bytes); returns whether the fast path took it.
fn check(doc: &[u8]) -> bool {
    let Ok(text) = core::str::from_utf8(doc) else {
        return false;
    };
    let Some(start) = text.find('<') else {
        return false;
    };
    if !text[..start].bytes().all(|c| c.is_ascii_whitespace()) {
        return false;
    }
    let reference = general(text, start);
    let mut through_scan = Scan::new();
    full_scan(text, start, &mut through_scan);
    assert_eq!(
        through_scan,
        reference,
        "xml::scan differs on {:?}",
        String::from_utf8_lossy(doc)
    );
    match fast(text, start) {
        Some(scan) => {
            assert_eq!(
                scan,
                reference,
                "fast path differs on {:?}",
                String::from_utf8_lossy(doc)
            );
            assert!(
                reference.error.is_none(),
                "fast path accepted a malformed document"
            );
            true
        }
        None => false,
    }
}

#[allow(dead_code)]
#[path = "../../../testkit/src/rng.rs"]
mod rng;
use rng::Rng;

const NAMES: &[&str] = &[
    "Error",
    "ErrorResponse",
    "Code",
    "Message",
    "Resource",
    "RequestId",
    "TraceId",
    "ServerTime",
    "HostId",
    "a",
    "B_1",
    "x.y-z",
    "Codes",
    "Cod",
];

/// Text of a plain document: what the fast path must accept.
const PLAIN_TEXT: &[&str] = &[
    "NoSuchKey",
    "The specified key does not exist.",
    " ",
    "\n  ",
    "\t",
    "a > b",
    "&amp;",
    "&lt;x&gt;",
    "&#x41;",
    "&#65;",
    "&quot;&apos;",
    "]",
    "]]",
    "] ]>",
    "\r\n",
    "\r",
    "中文",
    "\u{FFFD}",
    "\u{EFFF}",
    "0123456789abcdefghijklmnopqrstuvwxyz0123456789",
];

fn element(rng: &mut Rng, depth: usize, out: &mut String) {
    let name = rng.pick(NAMES);
    if rng.index(8) == 0 {
        out.push_str(&format!("<{name}/>"));
        return;
    }
    out.push_str(&format!("<{name}>"));
    for _ in 0..rng.index(5) {
        if depth < 5 && rng.index(3) == 0 {
            element(rng, depth + 1, out);
        } else {
            out.push_str(rng.pick(PLAIN_TEXT));
        }
    }
    out.push_str(&format!("</{name}>"));
}

fn plain_document(rng: &mut Rng) -> String {
    let mut doc = String::new();
    doc.push_str(rng.pick(&["", " ", "\n", "\r\n  "]));
    if rng.index(2) == 0 {
        doc.push_str(
            rng.pick(&super::COMMON_DECLARATIONS.map(|d| core::str::from_utf8(d).unwrap())),
        );
        doc.push_str(rng.pick(&["", "\n", " \r\n"]));
    }
    let root = rng.pick(&["Error", "ErrorResponse", "Other"]);
    doc.push_str(&format!("<{root}>"));
    for _ in 0..rng.index(9) {
        element(rng, 2, &mut doc);
        doc.push_str(rng.pick(&["", "\n  ", "\n"]));
    }
    doc.push_str(&format!("</{root}>"));
    doc.push_str(rng.pick(&["", "\n", " \t"]));
    doc
}

/// Bytes that change what a document is.
const INTERESTING: &[u8] = &[
    b'<', b'>', b'/', b'&', b';', b'#', b']', b'\r', b'\n', b'\t', b' ', b':', b'=', b'"', b'!',
    b'?', b'-', 0, 0x01, 0x1F, 0xEF, 0xBF, 0xBE, 0x80, b'E', b'a', b'0',
];

fn mutate(rng: &mut Rng, doc: &[u8]) -> Vec<u8> {
    let mut d = doc.to_vec();
    for _ in 0..=rng.index(2) {
        let at = rng.index(d.len() + 1);
        match rng.index(7) {
            0 if at < d.len() => d[at] = rng.pick(INTERESTING),
            1 => d.insert(at, rng.pick(INTERESTING)),
            2 if at < d.len() => {
                d.remove(at);
            }
            3 => d.truncate(at),
            _ => {}
        }
    }
    d
}

#[test]
fn plain_documents_take_the_fast_path_and_agree() {
    let mut rng = Rng::new(0x00C0_5E77);
    for _ in 0..4_000 {
        let doc = plain_document(&mut rng);
        assert!(
            check(doc.as_bytes()),
            "a plain document took the general path: {doc:?}"
        );
    }
}

#[test]
fn mutated_documents_agree_whenever_the_fast_path_takes_them() {
    let mut rng = Rng::new(0x005E_ED0F_F457);
    let (mut taken, mut total) = (0, 0);
    for _ in 0..20_000 {
        let doc = plain_document(&mut rng);
        let d = mutate(&mut rng, doc.as_bytes());
        total += 1;
        taken += check(&d) as usize;
    }
    // Both outcomes must be exercised for the agreement to mean something.
    assert!(
        taken > total / 10 && taken < total * 9 / 10,
        "{taken} of {total}"
    );
}

#[test]
fn shared_bodies_and_their_truncations_agree() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/cos");
    let mut taken = 0;
    for dir in ["samples", "edge", "bench"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let body = std::fs::read(entry.unwrap().path()).unwrap();
            taken += check(&body) as usize;
            for cut in 0..body.len() {
                check(&body[..cut]);
            }
        }
    }
    // The typical COS bodies are plain.
    assert!(taken >= 10, "only {taken} shared bodies took the fast path");
}
