//! The C header array as the core's [`Headers`]: read in place, every entry
//! checked once, and the headers coserr reads noted in the same pass.

use coserr_core::Headers;
use coserr_core::abi::{KnownHeader, KnownHeaders};

use crate::boundary::{Checked, slice};
use crate::types::coserr_header;

/// The C header array, read through the core's [`Headers`] trait without
/// copying. Built only by [`CHeaders::new`], which checks every entry and
/// notes, in the same pass, the first non-empty value of each header coserr
/// reads.
pub(crate) struct CHeaders<'a> {
    all: &'a [coserr_header],
    /// The first non-empty value of each [`KnownHeader`], by discriminant.
    pub(crate) known: KnownHeaders<'a>,
    /// The index in `all` of each of those values (0 when there is none).
    pub(crate) known_at: [usize; KnownHeader::ALL.len()],
}

impl<'a> CHeaders<'a> {
    /// Checks every entry: a NULL name is skipped later; a value (or name)
    /// that is NULL with a length above 0, or longer than `isize::MAX`, is
    /// rejected here, so that [`Headers::get`] cannot fail. Notes the first
    /// value of every known header on the way, so that the core's look-ups
    /// ([`Headers::known`]) need no scan.
    ///
    /// # Safety
    ///
    /// Every non-NULL pointer in `headers` must be valid for its length for 'a.
    pub(crate) unsafe fn new(headers: &'a [coserr_header]) -> Checked<Self> {
        let mut known = [None; KnownHeader::ALL.len()];
        let mut known_at = [0; KnownHeader::ALL.len()];
        for (i, h) in headers.iter().enumerate() {
            if h.name.is_null() {
                continue;
            }
            // SAFETY: the caller vouches for the pointers (see above).
            let (n, v) = unsafe {
                (
                    slice(h.name.cast::<u8>(), h.name_len)?,
                    slice(h.value.cast::<u8>(), h.value_len)?,
                )
            };
            if let Some(k) = KnownHeader::from_name(n)
                && known[k as usize].is_none()
                && !v.is_empty()
            {
                known[k as usize] = Some(v);
                known_at[k as usize] = i;
            }
        }
        Ok(CHeaders {
            all: headers,
            known,
            known_at,
        })
    }
}

impl Headers for CHeaders<'_> {
    fn get(&self, name: &str) -> Option<&[u8]> {
        self.all.iter().filter(|h| !h.name.is_null()).find_map(|h| {
            // SAFETY: every entry with a non-NULL name was checked by
            // `CHeaders::new` (so neither call fails), the caller of the
            // export vouches for the pointers for the duration of the call,
            // and `c_char` and `u8` have the same size and alignment.
            let (n, v) = unsafe {
                (
                    slice(h.name.cast::<u8>(), h.name_len).ok()?,
                    slice(h.value.cast::<u8>(), h.value_len).ok()?,
                )
            };
            (!v.is_empty() && n.eq_ignore_ascii_case(name.as_bytes())).then_some(v)
        })
    }

    fn known(&self, header: KnownHeader) -> Option<&[u8]> {
        self.known[header as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(name: Option<&'static str>, value: &'static str) -> coserr_header {
        coserr_header {
            name: name.map_or(core::ptr::null(), |n| n.as_ptr().cast()),
            name_len: name.map_or(0, str::len),
            value: value.as_ptr().cast(),
            value_len: value.len(),
        }
    }

    #[test]
    fn the_one_pass_header_table_answers_as_a_scan() {
        let lists: [&[coserr_header]; 4] = [
            &[],
            &[
                header(Some("Content-Type"), "application/xml"),
                header(Some("X-Cos-Request-Id"), "a"),
                header(Some("x-cos-request-id"), "b"),
                header(None, "skipped"),
                header(Some("X-COS-TRACE-ID"), ""),
                header(Some("x-cos-trace-id"), "t"),
                header(Some("Location"), ""),
                header(Some("LOCATION"), "/l"),
                header(Some("date"), "Tue, 09 Apr 2019 03:39:20 GMT"),
                header(Some("X-Cos-Bucket-Region"), "ap-x"),
            ],
            &[
                header(None, "x"),
                header(Some("x-ci-request-id"), "ci"),
                header(Some("X-Img-Request-Id"), "img"),
                header(Some("x-cos-error-code"), "SlowDown"),
                header(Some("x-cos-error-codf"), "no"),
                header(Some("x-cos-trace-id "), "no"),
            ],
            &[
                header(Some("x-cos-request-i"), "no"),
                header(Some("y-cos-request-id"), "no"),
                header(Some("x-cos-trace-ie"), "no"),
            ],
        ];
        for list in lists {
            // SAFETY: every pointer in `list` is a static string of its length.
            let h = unsafe { CHeaders::new(list) }.unwrap();
            for k in KnownHeader::ALL {
                assert_eq!(h.known(k), h.get(k.name()), "{k:?} in {list:?}");
            }
        }
    }
}
