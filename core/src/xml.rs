//! XML error bodies (stub).

use crate::body::Scan;

pub(crate) fn scan(_text: &str, _start: usize) -> Scan {
    Scan::new()
}
