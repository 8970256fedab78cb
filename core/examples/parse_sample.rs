//! Parses COS error bodies and prints the record, one line each.
//!
//! `cargo run --example parse_sample [FILE...]` (default: the shared samples).

use coserr::{CosError, ErrorRecord, Response};

fn main() {
    let mut files: Vec<std::path::PathBuf> = std::env::args_os().skip(1).map(Into::into).collect();
    if files.is_empty() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/cos/samples");
        let mut all: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x != "tsv"))
            .collect();
        all.sort();
        files = all;
    }
    for path in files {
        let body =
            std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        // No status known: the body alone decides (status 0).
        let resp = Response {
            status: 0,
            method: b"",
            url: b"",
            headers: &(),
            body: &body,
        };
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        match CosError::from_response(&resp) {
            Some(e) => {
                println!("{name}: {e}");
                for x in e.extras() {
                    println!("    extra {}={:?}", x.name, x.value.to_string());
                }
            }
            None => println!(
                "{name}: not an error ({})",
                ErrorRecord::from_response(&resp).body_status().name()
            ),
        }
    }
}
