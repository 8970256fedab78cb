//! `coserr_code_name`: the core's code texts as static NUL-terminated
//! strings, laid out when the crate compiles from `CodeId::ALL` (so the
//! table can never drift from the core's and needs no generator).
//!
//! One blob: `"\0"` (id 0, `COSERR_CODE_UNKNOWN`) then every code followed by
//! its NUL, in id order, and the offset of each id's text in it.

use core::ffi::CStr;

use coserr_core::CodeId;

/// Bytes of the blob.
const LEN: usize = {
    let mut n = 1;
    let mut i = 0;
    while i < CodeId::COUNT {
        n += CodeId::ALL[i].as_str().len() + 1;
        i += 1;
    }
    n
};

/// The blob and the offsets, indexed by id.
const BUILT: ([u8; LEN], [usize; CodeId::COUNT + 1]) = {
    let mut blob = [0u8; LEN];
    let mut offsets = [0usize; CodeId::COUNT + 1];
    let mut at = 1;
    let mut i = 0;
    while i < CodeId::COUNT {
        let id = CodeId::ALL[i];
        let code = id.as_str().as_bytes();
        assert!(id.as_u32() as usize == i + 1);
        assert!(!code.is_empty());
        offsets[i + 1] = at;
        let mut j = 0;
        while j < code.len() {
            // An interior NUL would cut the C string short.
            assert!(code[j] != 0);
            blob[at + j] = code[j];
            j += 1;
        }
        at += code.len() + 1;
        i += 1;
    }
    assert!(at == LEN);
    (blob, offsets)
};

/// The blob, at one fixed address.
static NAMES: [u8; LEN] = BUILT.0;
/// Where each id's text starts in [`NAMES`].
const OFFSETS: [usize; CodeId::COUNT + 1] = BUILT.1;

/// The text of `code_id`; `""` for `COSERR_CODE_UNKNOWN` and unknown numbers.
pub(crate) fn name(code_id: u32) -> &'static CStr {
    let at = CodeId::from_u32(code_id).map_or(0, |id| OFFSETS[id.as_u32() as usize]);
    NAMES
        .get(at..)
        .and_then(|rest| CStr::from_bytes_until_nul(rest).ok())
        .unwrap_or(c"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_names_its_code() {
        assert_eq!(name(0), c"");
        for id in CodeId::ALL {
            let text = name(id.as_u32()).to_str().unwrap();
            assert_eq!(text, id.as_str());
            assert_eq!(CodeId::from_code(text), id);
        }
        assert_eq!(name(CodeId::COUNT as u32 + 1), c"");
        assert_eq!(name(u32::MAX), c"");
    }
}
