//! The C tests compare `coserr_field_value` with committed expected files
//! (C has no XML parser at hand); each file is held here to roxmltree's
//! decoding of the shared body it comes from, so the expectation does not
//! come from coserr.

use std::path::Path;

/// The text of the `name` child of the root element, as roxmltree decodes
/// it (entities and character references replaced, text pieces joined).
fn roxmltree_child_text(xml: &str, name: &str) -> String {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    let child = doc
        .root_element()
        .children()
        .find(|n| n.has_tag_name(name))
        .unwrap_or_else(|| panic!("no <{name}>"));
    child
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

#[test]
fn large_4kb_message_is_roxmltrees_decoding() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let xml = std::fs::read_to_string(root.join("../shared/cos/bench/large_4KB.xml")).unwrap();
    let expected = std::fs::read(root.join("tests/c/expected/large_4KB.message")).unwrap();
    let decoded = roxmltree_child_text(&xml, "Message");
    // Longer than the record's 1023-byte array: the point of the C test.
    assert!(decoded.len() > 1023, "{} bytes", decoded.len());
    assert_eq!(expected, decoded.as_bytes());
}
