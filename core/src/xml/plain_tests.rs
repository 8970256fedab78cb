//! The fast path against the general parser (the reference, itself checked
//! against roxmltree in tests/xml_differential.rs): whenever the fast path
//! accepts a document, its scan must be the general parser's; and it must
//! accept every plain document, or it is not doing its job.

extern crate std;

use std::format;
use std::string::String;
use std::vec::Vec;

use super::super::{Storage, scan as full_scan};
use crate::scan::Scan;

/// The general parser alone.
fn general(text: &str, start: usize) -> Scan {
    let mut scan = Scan::new();
    if !Storage::<16, 8, 8>::new()
        .parser(text, start, &mut scan)
        .run()
    {
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
    "请求参数错误：图片",
    "\u{FF1A}\u{FFFD}\u{EFBF}",
    "\u{FFFD}",
    "\u{EFFF}",
    "0123456789abcdefghijklmnopqrstuvwxyz0123456789",
];

/// Attributes of a plain start tag (each with its leading space); any
/// subset of distinct names is plain.
const PLAIN_ATTRIBUTES: &[&str] = &[
    " id=\"0\"",
    " type='text'",
    " font = \"SimHei\"",
    "\n  code=\"E&amp;&#x41;&#65;\"",
    " xmlns=\"http://www.qcloud.com/document/product/460\"",
    " v=\"\t\r\n a > b ] 中文\"",
    " empty=''",
    "\tq='\"'",
];

/// Comments and CDATA sections, which a plain document may hold between
/// elements and text.
const PLAIN_MARKUP: &[&str] = &[
    "<!-- error code -->",
    "<!---->",
    "<!-- a - b -->",
    "<!--<Code>x</Code>-->",
    "<![CDATA[]]>",
    "<![CDATA[Template \"tpl-<w>\" & more]]>",
    "<![CDATA[x\r\ny]]]]>",
    "<![CDATA[中文]]>",
];

fn start_tag(rng: &mut Rng, name: &str, out: &mut String) {
    out.push('<');
    out.push_str(name);
    if rng.index(3) == 0 {
        let mut used = [false; PLAIN_ATTRIBUTES.len()];
        for _ in 0..=rng.index(3) {
            let k = rng.index(PLAIN_ATTRIBUTES.len());
            if !used[k] {
                used[k] = true;
                out.push_str(PLAIN_ATTRIBUTES[k]);
            }
        }
        out.push_str(rng.pick(&["", " ", "\n"]));
    }
}

fn element(rng: &mut Rng, depth: usize, out: &mut String) {
    let name = rng.pick(NAMES);
    start_tag(rng, name, out);
    if rng.index(8) == 0 {
        out.push_str("/>");
        return;
    }
    out.push('>');
    for _ in 0..rng.index(5) {
        match rng.index(6) {
            0 | 1 if depth < 5 => element(rng, depth + 1, out),
            2 => out.push_str(rng.pick(PLAIN_MARKUP)),
            _ => out.push_str(rng.pick(PLAIN_TEXT)),
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
    if rng.index(4) == 0 {
        doc.push_str(rng.pick(&["<!-- gateway -->\n", "<!---->"]));
    }
    let root = rng.pick(&["Error", "ErrorResponse", "Other"]);
    start_tag(rng, root, &mut doc);
    doc.push('>');
    for _ in 0..rng.index(9) {
        element(rng, 2, &mut doc);
        doc.push_str(rng.pick(&["", "\n  ", "\n"]));
    }
    doc.push_str(&format!("</{root}>"));
    doc.push_str(rng.pick(&["", "\n", " \t", "<!-- end -->", "\n<!---->\n"]));
    doc
}

/// Documents near the edges of what the fast path takes: it may decline
/// them, but where it takes one, it must agree with the general parser.
const EDGES: &[&str] = &[
    "<a x='1' x='2'/>",
    "<a x='1' y='2' x='3'></a>",
    "<a xmlns='http://www.w3.org/XML/1998/namespace'/>",
    "<a xmlns='http://www.w3.org/2000/xmlns/'/>",
    "<a xmlns='http://www.w3.org/2000/xmlns&#x2F;'/>",
    "<a xmlns='a' xmlns='b'/>",
    "<a xmlns:p='u' p:x='1'/>",
    "<a x:y='1'/>",
    "<a x='1'y='2'/>",
    "<a x='<'/>",
    "<a x='&bad;'/>",
    "<a x='\u{1}'/>",
    "<a x='\u{FFFE}'/>",
    "<a x=1/>",
    "<a x='1' / >",
    "<a b1='' b2='' b3='' b4='' b5='' b6='' b7='' b8='' b9=''/>",
    "<a><!-- a -- b --></a>",
    "<a><!-- a ---></a>",
    "<a><!--></a>",
    "<a><!---></a>",
    "<a><!-- \u{1} --></a>",
    "<a><![CDATA[ ]]]></a>",
    "<a><![CDATA[ \u{FFFF} ]]></a>",
    "<a><![CDATA[ </a>",
    "<a><!DOCTYPE a></a>",
    "<!DOCTYPE a><a/>",
    "<a><?pi x?></a>",
    "<a/><?pi?>",
    "<!-- x --><a/><!-- y -->",
    "<!-- x -- y --><a/>",
    "<a/><!-- x",
    "<a>x</a><!-- y -->z",
    "<a>\u{FFFF}</a>",
    "<a>\u{FF1A}\u{FFFE}</a>",
    "<a>]]></a>",
    "<a><![CDATA[x]]>]]></a>",
    "<a x = '1'\n y=\"&lt;\"/>",
    "<a><![CDATA[x]]>y<!---->z</a>",
];

#[test]
fn edges_agree() {
    let mut taken = 0;
    for doc in EDGES {
        taken += check(doc.as_bytes()) as usize;
        for cut in 0..doc.len() {
            check(&doc.as_bytes()[..cut]);
        }
    }
    assert!(taken >= 3, "only {taken} edge documents took the fast path");
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
