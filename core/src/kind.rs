//! What kind of error a record describes, and facts about how it was put
//! together.

named_enum! {
    /// What kind of error a response is (the C ABI's `COSERR_KIND_*`).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
    pub enum Kind: u32 {
        /// Not an error: a 2xx/3xx without an error document.
        #[default]
        None = 0 => "none",
        /// The service answered and the operation failed (`CosServiceError`).
        Service = 1 => "service",
        /// The answer could not be understood (`CosClientError`): a body that is
        /// not XML, malformed, or not an error document, with an error status.
        Client = 2 => "client",
    }
    /// `"none"`, `"service"` or `"client"`.
    fn name;
}

/// Facts about how the record was put together (the C ABI's `COSERR_FLAG_*`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Flags(pub u32);

impl Flags {
    /// The body was malformed; its fields completed before the error are kept.
    pub const PARTIAL: u32 = 1;
    /// The body's request id or trace id differs from the header's.
    pub const IDS_DISAGREE: u32 = 2;
    /// The service's clock is known: [`ErrorRecord::server_time_ms`] is
    /// `Some` (from the body's `ServerTime`, else the `Date` header).
    ///
    /// [`ErrorRecord::server_time_ms`]: crate::ErrorRecord::server_time_ms
    pub const SERVER_CLOCK: u32 = 4;
    /// No request id anywhere (no non-empty `x-cos-request-id`,
    /// `x-ci-request-id` or `x-img-request-id` header, no `RequestId` in the
    /// body): the answer did not come from COS. Set only when the headers
    /// were given ([`ErrorRecord::from_response`]), never for a body alone.
    ///
    /// [`ErrorRecord::from_response`]: crate::ErrorRecord::from_response
    pub const NOT_FROM_COS: u32 = 8;

    /// Whether `flag` is set.
    pub const fn contains(self, flag: u32) -> bool {
        self.0 & flag != 0
    }

    /// Sets `flag`.
    pub fn insert(&mut self, flag: u32) {
        self.0 |= flag;
    }
}
