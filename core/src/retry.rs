//! The retry class: what a client should do about an answer, decided by
//! five ordered rules from its status, code, message and whether it carries
//! a request id (see docs/decisions.md for the rules against each official
//! SDK's own).

use crate::bytes::contains_ignore_ascii_case;
use crate::codes::{Category, CodeId, strong_category};

named_enum! {
    /// What retrying can do for an answer (the C ABI's `COSERR_RETRY_*`).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
    pub enum Retry: u32 {
        /// Retrying as is will not help (every success, every other 4xx).
        #[default]
        None = 0 => "none",
        /// The service failed: retry with backoff.
        Transient = 1 => "transient",
        /// Too many requests: retry with a longer backoff.
        Throttle = 2 => "throttle",
        /// The local clock is off: correct it by the service's clock
        /// (`ErrorRecord::clock_skew_ms`), sign again, then retry.
        ClockSkew = 3 => "clock_skew",
        /// The answer did not come from COS (a 3xx other than 304, or a 5xx,
        /// without any request id): retry on the backup domain.
        SwitchDomain = 4 => "switch_domain",
    }
    /// `"none"`, `"transient"`, `"throttle"`, `"clock_skew"` or `"switch_domain"`.
    fn name;
}

impl Retry {
    /// Whether sending the same request again may succeed: exactly
    /// [`Retry::Transient`] and [`Retry::Throttle`] (a skewed clock needs
    /// correcting and a hijacked domain another host first).
    pub const fn is_retryable(self) -> bool {
        matches!(self, Retry::Transient | Retry::Throttle)
    }
}

impl core::fmt::Display for Retry {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

/// The phrase of an expired signature in an `AccessDenied` or
/// `SignatureDoesNotMatch` message, matched in any ASCII case.
pub(crate) const EXPIRED: &[u8] = b"request has expired";

/// The retry class of an answer with HTTP `status` (0 when unknown), error
/// `code` (`""` when none) and `message`, which carries a request id
/// (`has_request_id`: a non-empty `x-cos-request-id`, `x-ci-request-id` or
/// `x-img-request-id` header, or a non-empty `RequestId` in the body) or
/// not. The first rule that holds:
///
/// 1. [`Retry::SwitchDomain`]: no request id, and the status is 3xx other
///    than 304, or 5xx;
/// 2. [`Retry::ClockSkew`]: the code is `RequestTimeTooSkewed`; or it is
///    `AccessDenied` or `SignatureDoesNotMatch` and the message contains
///    "request has expired" in any ASCII case;
/// 3. [`Retry::Throttle`]: status 429, or a throttling code (`SlowDown`,
///    `TooManyRequests…`, `RequestLimitExceeded…`, `…Throttl…`,
///    `…FreqControl`: the codes [`category`](crate::category) calls
///    throttled whatever the status);
/// 4. [`Retry::Transient`]: a 5xx status, or the code `InternalError`,
///    `ServiceUnavailable` or `RequestTimeout` whatever the status (an error
///    inside a 200 too);
/// 5. [`Retry::None`].
///
/// Codes are matched exactly and case-sensitively.
pub fn retry(status: u32, code: &str, message: &str, has_request_id: bool) -> Retry {
    retry_of_bytes(status, code.as_bytes(), message.as_bytes(), has_request_id)
}

/// [`retry`] for a code and message as bytes, which need not be UTF-8 (the
/// C ABI's `coserr_retry_of`): a code that is not UTF-8 is none of the
/// table's, though it may still name throttling (`…Throttl…`).
pub fn retry_of_bytes(status: u32, code: &[u8], message: &[u8], has_request_id: bool) -> Retry {
    let id = core::str::from_utf8(code).map_or(CodeId::Unknown, CodeId::from_code);
    let expired = || contains_ignore_ascii_case(message, EXPIRED);
    decide(status, id, code, expired, has_request_id)
}

/// [`retry`] for a code already looked up (`id` is `CodeId::from_code(code)`:
/// every code the rules name is in the table, so they are compared by id),
/// with the message test given as a function, called only for the two codes
/// whose message counts (the record searches its whole message, which may
/// be longer than the text it keeps).
pub(crate) fn decide(
    status: u32,
    id: CodeId,
    code: &[u8],
    message_says_expired: impl FnOnce() -> bool,
    has_request_id: bool,
) -> Retry {
    let server_failed = (500..=599).contains(&status);
    if !has_request_id && (server_failed || ((300..=399).contains(&status) && status != 304)) {
        return Retry::SwitchDomain;
    }
    let skewed = match id {
        CodeId::RequestTimeTooSkewed => true,
        CodeId::AccessDenied | CodeId::SignatureDoesNotMatch => message_says_expired(),
        _ => false,
    };
    if skewed {
        return Retry::ClockSkew;
    }
    if status == 429 || strong_category(id, code) == Some(Category::Throttled) {
        return Retry::Throttle;
    }
    let transient_code = matches!(
        id,
        CodeId::InternalError | CodeId::ServiceUnavailable | CodeId::RequestTimeout
    );
    if server_failed || transient_code {
        return Retry::Transient;
    }
    Retry::None
}
