//! `coserr_code_name`: the core's code texts as static NUL-terminated
//! strings. The core's code table keeps every code followed by a NUL
//! ([`CodeId::as_c_str`]), so the pointers handed to C point into it and
//! no second copy of the names is needed.

use core::ffi::CStr;

use coserr_core::CodeId;

/// The text of `code_id`; `""` for `COSERR_CODE_UNKNOWN` and unknown numbers.
pub(crate) fn name(code_id: u32) -> &'static CStr {
    CodeId::from_u32(code_id).map_or(c"", CodeId::as_c_str)
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
