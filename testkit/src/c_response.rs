//! The one builder of C `coserr_response` values, for the tests, benches
//! and fuzz targets that call the C ABI from Rust: the inputs stay the
//! caller's, the header array is owned here, and an empty input is
//! `(NULL, 0)`, the ABI's empty slice.

use coserr_ffi::{coserr_header, coserr_response};

/// A response's inputs, ready to be lent to C as a `coserr_response`.
#[derive(Clone, Debug)]
pub struct CResponse<'a> {
    status: u32,
    method: &'a [u8],
    url: &'a [u8],
    headers: Vec<coserr_header>,
    body: &'a [u8],
}

impl<'a> CResponse<'a> {
    /// A response of `status` with a method, a URL and a body, any of
    /// them possibly empty, and no headers.
    pub fn new(status: u32, method: &'a [u8], url: &'a [u8], body: &'a [u8]) -> Self {
        CResponse {
            status,
            method,
            url,
            headers: Vec::new(),
            body,
        }
    }

    /// A response that is only a status and a body.
    pub fn body(status: u32, body: &'a [u8]) -> Self {
        CResponse::new(status, b"", b"", body)
    }

    /// The response with `(name, value)` headers appended in order (an
    /// empty name becomes a NULL name: an entry C skips).
    pub fn with_headers<N, V>(mut self, headers: &[(&'a N, &'a V)]) -> Self
    where
        N: AsRef<[u8]> + ?Sized,
        V: AsRef<[u8]> + ?Sized,
    {
        self.headers.extend(headers.iter().map(|(name, value)| {
            let (name, name_len) = raw(name.as_ref());
            let (value, value_len) = raw(value.as_ref());
            coserr_header {
                name: name.cast(),
                name_len,
                value: value.cast(),
                value_len,
            }
        }));
        self
    }

    /// The C struct: its pointers are into the inputs and into `self`, so
    /// it is valid for as long as `self` is (and `self` is not moved).
    pub fn as_c(&self) -> coserr_response {
        let (method, method_len) = raw(self.method);
        let (url, url_len) = raw(self.url);
        let (headers, header_count) = raw(&self.headers);
        let (body, body_len) = raw(self.body);
        coserr_response {
            status: self.status,
            method: method.cast(),
            method_len,
            url: url.cast(),
            url_len,
            headers,
            header_count,
            body,
            body_len,
        }
    }
}

/// `(pointer, length)` of a slice, NULL for an empty one.
pub fn raw<T>(s: &[T]) -> (*const T, usize) {
    if s.is_empty() {
        (core::ptr::null(), 0)
    } else {
        (s.as_ptr(), s.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_inputs_are_null_and_the_rest_point_into_them() {
        let body = b"<Error/>";
        let r = CResponse::new(404, b"HEAD", b"", body)
            .with_headers(&[("", "x"), ("X-Cos-Trace-Id", "t")]);
        let c = r.as_c();
        assert_eq!((c.status, c.method_len, c.url_len), (404, 4, 0));
        assert!(c.url.is_null());
        assert_eq!((c.body, c.body_len), (body.as_ptr(), body.len()));
        assert_eq!(c.header_count, 2);
        // SAFETY: `headers` points at `r`'s two entries.
        let h = unsafe { std::slice::from_raw_parts(c.headers, 2) };
        assert!(h[0].name.is_null());
        assert_eq!((h[1].name_len, h[1].value_len), (14, 1));
        let none = CResponse::body(0, b"").as_c();
        assert!(none.body.is_null() && none.headers.is_null() && none.header_count == 0);
    }
}
