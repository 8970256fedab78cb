//! The shared COS bodies (`../shared/cos/{samples,edge,bench}`), read from
//! disk.

use std::path::{Path, PathBuf};

/// `../shared/cos` as seen from the repository root.
pub fn shared_cos() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/cos")
}

/// Reads `../shared/cos/<rel>`.
pub fn read_shared(rel: &str) -> Vec<u8> {
    let p = shared_cos().join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

/// The path of every body in samples/, edge/ and bench/ (not the `.tsv`
/// indexes), sorted; panics when there are fewer than 40.
pub fn body_paths() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["samples", "edge", "bench"] {
        let d = shared_cos().join(dir);
        for entry in
            std::fs::read_dir(&d).unwrap_or_else(|e| panic!("cannot list {}: {e}", d.display()))
        {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "tsv") {
                continue;
            }
            out.push(path);
        }
    }
    // A missing or emptied shared folder must fail a test, not pass it
    // with nothing checked.
    assert!(
        out.len() >= 40,
        "expected the shared bodies, found {}",
        out.len()
    );
    out.sort();
    out
}

/// Every body in samples/, edge/ and bench/ as (`dir/file` name, bytes),
/// sorted by name.
pub fn all_bodies() -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = body_paths()
        .into_iter()
        .map(|path| {
            let dir = path
                .parent()
                .and_then(|d| d.file_name())
                .unwrap_or_default();
            let name = format!(
                "{}/{}",
                dir.to_string_lossy(),
                path.file_name().unwrap_or_default().to_string_lossy()
            );
            let bytes = std::fs::read(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            (name, bytes)
        })
        .collect();
    out.sort();
    out
}
