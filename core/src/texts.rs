//! The eight texts of a record, each in a fixed-capacity string.

use heapless::String;

use crate::builder::RecordSink;
use crate::bytes::floor_char_boundary;
use crate::field::Field;

/// Capacities in bytes, one less than the C ABI's arrays (which add the NUL).
pub mod capacity {
    /// `code[64]`
    pub const CODE: usize = 63;
    /// `message[1024]`
    pub const MESSAGE: usize = 1023;
    /// `resource[1024]`
    pub const RESOURCE: usize = 1023;
    /// `request_id[128]`
    pub const REQUEST_ID: usize = 127;
    /// `trace_id[256]`
    pub const TRACE_ID: usize = 255;
    /// `server_time[64]`
    pub const SERVER_TIME: usize = 63;
    /// `location[1024]`
    pub const LOCATION: usize = 1023;
    /// `region[64]`
    pub const REGION: usize = 63;

    /// The capacity of `field`'s string.
    pub const fn of(field: crate::Field) -> usize {
        use crate::Field;
        match field {
            Field::Code => CODE,
            Field::Message => MESSAGE,
            Field::Resource => RESOURCE,
            Field::RequestId => REQUEST_ID,
            Field::TraceId => TRACE_ID,
            Field::ServerTime => SERVER_TIME,
            Field::Location => LOCATION,
            Field::Region => REGION,
        }
    }
}

/// The eight texts of an [`ErrorRecord`](crate::ErrorRecord), each cut to
/// its [`capacity`] at a UTF-8 boundary ("" when absent).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Texts {
    /// `Code`.
    pub code: String<{ capacity::CODE }>,
    /// `Message`.
    pub message: String<{ capacity::MESSAGE }>,
    /// `Resource`.
    pub resource: String<{ capacity::RESOURCE }>,
    /// `RequestId`.
    pub request_id: String<{ capacity::REQUEST_ID }>,
    /// `TraceId`.
    pub trace_id: String<{ capacity::TRACE_ID }>,
    /// `ServerTime`.
    pub server_time: String<{ capacity::SERVER_TIME }>,
    /// The `Location` header.
    pub location: String<{ capacity::LOCATION }>,
    /// The `x-cos-bucket-region` header.
    pub region: String<{ capacity::REGION }>,
}

/// Runs `$body` with `$s` bound to `field`'s string, borrowed as `$($r)*`
/// (`&self` or `&mut self`): the one place that maps a field to its string.
macro_rules! with_text {
    ($field:expr, ($($r:tt)*), |$s:ident| $body:expr) => {
        match $field {
            Field::Code => { let $s = $($r)*.code; $body }
            Field::Message => { let $s = $($r)*.message; $body }
            Field::Resource => { let $s = $($r)*.resource; $body }
            Field::RequestId => { let $s = $($r)*.request_id; $body }
            Field::TraceId => { let $s = $($r)*.trace_id; $body }
            Field::ServerTime => { let $s = $($r)*.server_time; $body }
            Field::Location => { let $s = $($r)*.location; $body }
            Field::Region => { let $s = $($r)*.region; $body }
        }
    };
}

impl Texts {
    /// The text of `field` ("" when absent).
    pub fn get(&self, field: Field) -> &str {
        with_text!(field, (&self), |s| s.as_str())
    }
}

impl RecordSink for Texts {
    fn text(&self, field: Field) -> &str {
        self.get(field)
    }

    fn clear(&mut self, field: Field) {
        with_text!(field, (&mut self), |s| s.clear())
    }

    fn append(&mut self, field: Field, s: &str) -> bool {
        with_text!(field, (&mut self), |dst| push_cut(dst, s))
    }
}

/// Pushes the longest prefix of `s` that fits, on a char boundary.
fn push_cut<const N: usize>(dst: &mut String<N>, s: &str) -> bool {
    let room = N - dst.len();
    let take = floor_char_boundary(s, room);
    let _ = dst.push_str(s.get(..take).unwrap_or(""));
    take == s.len()
}
