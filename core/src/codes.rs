//! COS error codes ([`CodeId`]) and what the status and code say about an
//! error: its [`Category`].
//!
//! Both are pure functions of the HTTP status and the code text, the
//! `code_id` and `category` of the error record (the derived values of
//! docs/semantics.md; the retry class is [`retry`](crate::retry)'s). The table itself is generated from
//! `../shared/cos/error_codes.tsv` by `tools/gen_codes.py` into
//! `codes_table.rs`.

use core::fmt;

// Laid out by its generator (rustfmt's default style) and skipped by rustfmt,
// so that `gen_codes.py --check` and `cargo fmt --check` can never disagree,
// whatever a rustfmt.toml says.
#[rustfmt::skip]
#[path = "codes_table.rs"]
mod table;

pub use table::CodeId;

use core::ffi::CStr;

/// One row of the generated table: everything known about one code, as
/// `(start, length)` pairs into the table's three long constants (offsets,
/// not `&str`s, so that the table needs no relocation when loaded).
struct Entry {
    /// The code as the service spells it (`""` for [`CodeId::Unknown`]), in
    /// [`table::CODE_TEXT`].
    code: (u16, u16),
    /// The HTTP statuses the COS documentation lists for it, ascending, in
    /// [`table::STATUS_LIST`].
    statuses: (u16, u16),
    /// A short paraphrase of the documentation, in [`table::MEANING_TEXT`].
    meaning: (u16, u16),
}

impl Entry {
    const fn code(&self) -> &'static str {
        sub_str(table::CODE_TEXT, self.code)
    }

    /// The code and the NUL after it in [`table::CODE_TEXT`].
    const fn c_code(&self) -> &'static CStr {
        let with_nul = sub_str(table::CODE_TEXT, (self.code.0, self.code.1 + 1));
        match CStr::from_bytes_with_nul(with_nul.as_bytes()) {
            Ok(c) => c,
            Err(_) => c"",
        }
    }

    const fn statuses(&self) -> &'static [u16] {
        let (start, len) = (self.statuses.0 as usize, self.statuses.1 as usize);
        match table::STATUS_LIST.split_at_checked(start) {
            Some((_, rest)) => match rest.split_at_checked(len) {
                Some((list, _)) => list,
                None => &[],
            },
            None => &[],
        }
    }

    const fn meaning(&self) -> &'static str {
        sub_str(table::MEANING_TEXT, self.meaning)
    }
}

/// `text[start..start + len]`; empty if that were out of bounds (never,
/// for the generated table: the checks below read every entry).
const fn sub_str(text: &'static str, (start, len): (u16, u16)) -> &'static str {
    match text.split_at_checked(start as usize) {
        Some((_, rest)) => match rest.split_at_checked(len as usize) {
            Some((s, _)) => s,
            None => "",
        },
        None => "",
    }
}

/// The hash of a code for [`table::SLOTS`]: a Fibonacci hash of the length
/// and five sampled bytes. `tools/gen_codes.py` has the same function; the
/// check below proves they agree for every code.
const fn code_hash(b: &[u8]) -> usize {
    let n = b.len();
    let x = n as u64
        | byte_at(b, 0) << 8
        | byte_at(b, n / 4) << 16
        | byte_at(b, n / 2) << 24
        | byte_at(b, n.saturating_sub(1 + n / 4)) << 32
        | byte_at(b, n.saturating_sub(1)) << 40;
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - table::HASH_BITS)) as usize
}

/// `b[i]`, or 0 past the end (never, for the indices [`code_hash`] uses).
const fn byte_at(b: &[u8], i: usize) -> u64 {
    if i < b.len() { b[i] as u64 } else { 0 }
}

/// The id in slot `i` (wrapping), 0 for an empty slot.
const fn slot(i: usize) -> u16 {
    table::SLOTS[i & (table::SLOTS.len() - 1)]
}

// The generated table is checked when the crate compiles: ids are dense and in
// order, every code is non-empty and within `MAX_CODE_LEN`, and a lookup of
// every code (the same probing as `CodeId::from_code`) finds its own id within
// `MAX_PROBES` (so the codes are distinct and this file and the generator hash
// alike).
const _: () = {
    assert!(table::SLOTS.len() == 1 << table::HASH_BITS);
    assert!(table::ENTRIES[0].code().is_empty());
    assert!(table::ENTRIES[0].c_code().is_empty());
    let mut i = 0;
    while i < CodeId::COUNT {
        let id = i + 1;
        assert!(CodeId::ALL[i] as usize == id);
        let code = table::ENTRIES[id].code().as_bytes();
        assert!(table::ENTRIES[id].code.1 as usize == code.len());
        // The C string is the whole code: a NUL follows it, none is inside.
        assert!(table::ENTRIES[id].c_code().count_bytes() == code.len());
        assert!(table::ENTRIES[id].meaning().len() == table::ENTRIES[id].meaning.1 as usize);
        assert!(!code.is_empty() && code.len() <= table::MAX_CODE_LEN);
        assert!(!table::ENTRIES[id].statuses().is_empty());
        let start = code_hash(code);
        let mut probe = 0;
        loop {
            assert!(probe < table::MAX_PROBES);
            let found = slot(start + probe) as usize;
            assert!(found != 0);
            if is(code, table::ENTRIES[found].code().as_bytes()) {
                assert!(found == id);
                break;
            }
            probe += 1;
        }
        i += 1;
    }
};

impl CodeId {
    /// The known code spelled exactly `code`, or [`CodeId::Unknown`].
    ///
    /// The match is exact and case-sensitive, because COS codes are: `BadRquest`
    /// (sic) and `BadRequest` are two codes, `nosuchkey` is none, and
    /// `Request has expired` (with its spaces) is one. Nothing is trimmed.
    /// One hash of the length and five bytes, then on average 1.1 slots of a
    /// generated open-addressing table (a handful at most, bounded by the
    /// generator) and one comparison: no allocation, a few nanoseconds.
    pub fn from_code(code: &str) -> CodeId {
        let b = code.as_bytes();
        if b.is_empty() || b.len() > table::MAX_CODE_LEN {
            return CodeId::Unknown;
        }
        let start = code_hash(b);
        let mut probe = 0;
        while probe < table::MAX_PROBES {
            match CodeId::from_u32(u32::from(slot(start + probe))) {
                Some(id) if !id.is_known() => return CodeId::Unknown, // empty slot
                Some(id) if id.as_str().as_bytes() == b => return id,
                Some(_) => probe += 1,
                None => return CodeId::Unknown, // not in a generated table
            }
        }
        CodeId::Unknown
    }

    /// The id with number `id` (as in `coserr_error.code_id`); `Some(Unknown)`
    /// for 0, `None` above [`CodeId::COUNT`].
    pub fn from_u32(id: u32) -> Option<CodeId> {
        match id.checked_sub(1) {
            None => Some(CodeId::Unknown),
            Some(i) => CodeId::ALL.get(usize::try_from(i).ok()?).copied(),
        }
    }

    /// The number of this id (as in `coserr_error.code_id`); 0 for `Unknown`.
    pub const fn as_u32(self) -> u32 {
        self as u32
    }

    /// Whether this is a code of the table (not [`CodeId::Unknown`]).
    pub const fn is_known(self) -> bool {
        !matches!(self, CodeId::Unknown)
    }

    /// The code text as the service spells it, so that
    /// `CodeId::from_code(id.as_str()) == id` for every id.
    ///
    /// The empty string for [`CodeId::Unknown`]: there is no such code, and a
    /// made-up name such as `"Unknown"` could be mistaken for one the service
    /// sent. The error record keeps the code text it received either way.
    pub const fn as_str(self) -> &'static str {
        self.entry().code()
    }

    /// [`CodeId::as_str`] as a C string with a `'static` address (the C
    /// ABI's `coserr_code_name`); empty for [`CodeId::Unknown`].
    pub const fn as_c_str(self) -> &'static CStr {
        self.entry().c_code()
    }

    /// The HTTP statuses the COS documentation lists for this code, ascending
    /// and without repeats (`[302, 307]` for `TemporaryRedirect`); empty for
    /// [`CodeId::Unknown`].
    pub const fn statuses(self) -> &'static [u16] {
        self.entry().statuses()
    }

    /// A short paraphrase of the documentation, ending in its source tag
    /// (`[doc]`, `[legacy]`, `[vector]`, `[sdk]`). A code documented with
    /// several statuses has one meaning per status, each as `"<status>: …"`,
    /// joined with `" | "`. Empty for [`CodeId::Unknown`].
    pub const fn meaning(self) -> &'static str {
        self.entry().meaning()
    }

    const fn entry(self) -> &'static Entry {
        // Promoted to a `'static` array; every discriminant is an index of it
        // (checked above), the fallback is never taken.
        let entries: &'static [Entry; CodeId::COUNT + 1] = &table::ENTRIES;
        let i = self as usize;
        if i < entries.len() {
            &entries[i]
        } else {
            &entries[0]
        }
    }
}

named_enum! {
    /// What kind of failure an error is, as a pure function of status and code:
    /// see [`category`]. The discriminants are the C ABI's `category` values.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
    pub enum Category: u32 {
        /// None of the others, or nothing to go on (no usable status, unknown code).
        #[default]
        Other = 0 => "other",
        /// The bucket, object, upload, version or configuration does not exist.
        NotFound = 1 => "not-found",
        /// Who is asking and what the account may do: credentials, signature,
        /// clock skew, token expiry, permissions, ownership, account standing and
        /// billing, legal or audit blocks.
        AccessAuth = 2 => "access-auth",
        /// The request conflicts with the current state of the resource: it
        /// already exists, is not empty, is locked, is archived, has another
        /// operation in progress.
        Conflict = 3 => "conflict",
        /// A conditional request's condition did not hold (`If-Match` and
        /// friends), including `304 Not Modified`.
        Precondition = 4 => "precondition",
        /// Too many requests: slow down and retry.
        Throttled = 5 => "throttled",
        /// The request is wrong or not allowed as sent: fix it before sending it
        /// again (bad argument, malformed XML, size or count limits, unsupported
        /// feature, wrong method).
        InvalidRequest = 6 => "invalid-request",
        /// The service failed (5xx, `InternalError`, `ServiceUnavailable`).
        Server = 7 => "server",
        /// The resource is elsewhere (3xx other than 304): follow `Location`.
        Redirect = 8 => "redirect",
    }
    /// A stable lowercase, hyphenated name for logs and the JSON digest:
    /// `other`, `not-found`, `access-auth`, `conflict`, `precondition`,
    /// `throttled`, `invalid-request`, `server`, `redirect`.
    fn name;
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The category of an error with HTTP `status` (0 when unknown) and `code`
/// (the code text as received, `""` when there is none).
///
/// Three steps, the first that decides wins:
///
/// 1. **The code names the kind of failure**, whatever the status (COS puts
///    `InternalError` or `SlowDown` inside a 200, and older clusters answer
///    some codes with another status than the current documentation):
///    - throttled: `SlowDown`, `TooManyRequests…`, `RequestLimitExceeded…`,
///      `…Throttl…`, `…FreqControl`;
///    - server: `InternalError…`, `InternalServer…`, `…InternalException`,
///      `ServiceUnavailable…`;
///    - redirect: `…Redirect`;
///    - precondition: `PreconditionFailed`, `NotModified`;
///    - access-auth: `AccessDenied…`, `AccessForbidden…`, `…AccessKeyId` (the
///      misspelled `InvaildAccessKeyId` too), `…Signature…`, `ExpiredToken`,
///      `InvalidToken`, `InvalidSecurity`, `RequestTimeTooSkewed`,
///      `Request has expired`, `…Auth…` (`NoProcessAuthority`, Tencent Cloud
///      API's `AuthFailure…`), `Unauthorized…`;
///    - not-found: `No` followed by a capital letter (`NoSuch…`,
///      `NoLifecycle`, `NoBucketQuotaPolicy`), `ResourceNotFound…`;
///    - conflict: `…Already…`, `…Exists` / `…Exist` without `Not`
///      (`LoggingConfExists`, `RecordAlreadyExist`), `…NotEmpty`,
///      `…NotAppendable`, `AppendPosition…`, `Invalid…State`
///      (`InvalidObjectState` is 403 for an archived object and 409
///      otherwise: the object's state is the problem either way),
///      `OperationAborted`, `ResourceInUse…`.
/// 2. **The status**: the response's own if it is 300..=599; otherwise (0
///    unknown, or an error document inside a 2xx) the first status the COS
///    documentation lists for a known code:
///    304, 412, 428 precondition; other 3xx redirect; 401, 402 (arrears,
///    quota), 403, 407, 451 (legal/audit block) access-auth; 404, 410
///    not-found; 409, 423 conflict; 429 throttled; other 4xx
///    invalid-request; 503 throttled (a 503 whose code does not say
///    `ServiceUnavailable` is most often COS rate limiting, for instance on
///    a body-less HEAD); other 5xx server.
/// 3. **Weaker hints in an unknown code** when there is no usable status:
///    `Invalid…`, `Malformed…`, `Bad…`, `Missing…`, `Unsupported…`,
///    `…NotSupport…`, `…TooLarge`, `…TooLong`, `…TooSmall`, `…Validation…`,
///    `…LimitExceeded…` invalid-request; `…NotFound…`, `…NotExist…`
///    not-found; `…Conflict…`, `…Locked` conflict.
///
/// Otherwise [`Category::Other`]. Codes are matched case-sensitively. Step 1
/// is worked out for every known code when the crate compiles, so a known
/// code costs one [`CodeId::from_code`] lookup.
///
/// Deliberately not step 1 (their status decides): `…Conflict` codes (the
/// 400 `NotifyRule…Conflict` codes are invalid configurations), `Kms…` codes
/// (a missing or disabled KMS key is a bad request, not a missing object),
/// `RequestTimeout` and `UserNetworkTooSlow` (400: invalid-request, but
/// `RequestTimeout` is transient: see [`retry`](crate::retry)).
pub fn category(status: u32, code: &str) -> Category {
    category_of(CodeId::from_code(code), status, code)
}

/// [`category`] when the code's id is known already (`id` must be
/// `CodeId::from_code(code)`).
pub(crate) fn category_of(id: CodeId, status: u32, code: &str) -> Category {
    if let Some(c) = strong_category(id, code.as_bytes()) {
        return c;
    }
    let status = if (300..=599).contains(&status) {
        status
    } else {
        match id.statuses().first() {
            Some(&documented) => u32::from(documented),
            None => status,
        }
    };
    if let Some(c) = category_from_status(status) {
        return c;
    }
    category_from_hints(code.as_bytes()).unwrap_or(Category::Other)
}

/// Step 1 of [`category`]: the category the code names whatever the status
/// (`id` must be `CodeId::from_code(code)`).
pub(crate) fn strong_category(id: CodeId, code: &[u8]) -> Option<Category> {
    if id.is_known() {
        id.strong_category()
    } else {
        category_from_code(code)
    }
}

/// Step 1 of [`category`] for every known code, worked out when the crate
/// compiles (entry 0, `Unknown`, is `None`).
const STRONG: [Option<Category>; CodeId::COUNT + 1] = {
    let mut out = [None; CodeId::COUNT + 1];
    let mut i = 0;
    while i < out.len() {
        out[i] = category_from_code(table::ENTRIES[i].code().as_bytes());
        i += 1;
    }
    out
};

impl CodeId {
    /// Step 1 of [`category`] for a known code, from [`STRONG`].
    const fn strong_category(self) -> Option<Category> {
        let i = self as usize;
        if i < STRONG.len() { STRONG[i] } else { None }
    }
}

/// Whether the code `$c` passes one of the `|`-separated tests, each
/// [`is`], [`starts`], [`ends`] or [`has`] with a literal. Expanded into
/// direct calls, so that each test is compiled for its literal (a loop over
/// a table of patterns classified codes half as fast).
macro_rules! any_of {
    ($c:expr, $($test:ident $p:literal)|+) => {
        false $(|| $test($c, $p.as_bytes()))+
    };
}

/// Step 1 of [`category`]: the first rule that holds wins.
const fn category_from_code(c: &[u8]) -> Option<Category> {
    if any_of!(c, is "SlowDown" | starts "TooManyRequests" | starts "RequestLimitExceeded"
        | has "Throttl" | ends "FreqControl")
    {
        return Some(Category::Throttled);
    }
    if any_of!(c, starts "InternalError" | starts "InternalServer" | ends "InternalException"
        | starts "ServiceUnavailable")
    {
        return Some(Category::Server);
    }
    if ends(c, b"Redirect") {
        return Some(Category::Redirect);
    }
    if any_of!(c, is "PreconditionFailed" | is "NotModified") {
        return Some(Category::Precondition);
    }
    if any_of!(c, starts "AccessDenied" | starts "AccessForbidden" | ends "AccessKeyId"
        | has "Signature" | is "ExpiredToken" | is "InvalidToken" | is "InvalidSecurity"
        | is "RequestTimeTooSkewed" | is "Request has expired" | has "Auth" | starts "Unauthorized")
    {
        return Some(Category::AccessAuth);
    }
    // `No` and a capital (`NoSuchKey`, `NoLifecycle`), or `ResourceNotFound…`.
    if matches!(c, [b'N', b'o', next, ..] if next.is_ascii_uppercase())
        || starts(c, b"ResourceNotFound")
    {
        return Some(Category::NotFound);
    }
    // `…Exists` / `…Exist` unless negated (`NoSuchBucketPolicyNotExist`).
    let exists = any_of!(c, ends "Exists" | ends "Exist") && !has(c, b"Not");
    let conflict = any_of!(c, has "Already" | ends "NotEmpty" | ends "NotAppendable"
        | starts "AppendPosition" | is "OperationAborted" | starts "ResourceInUse");
    if exists || conflict || (starts(c, b"Invalid") && ends(c, b"State")) {
        return Some(Category::Conflict);
    }
    None
}

/// Step 2 of [`category`].
const fn category_from_status(status: u32) -> Option<Category> {
    Some(match status {
        304 | 412 | 428 => Category::Precondition,
        300..=399 => Category::Redirect,
        401 | 402 | 403 | 407 | 451 => Category::AccessAuth,
        404 | 410 => Category::NotFound,
        409 | 423 => Category::Conflict,
        429 | 503 => Category::Throttled,
        400..=499 => Category::InvalidRequest,
        500..=599 => Category::Server,
        _ => return None,
    })
}

/// Step 3 of [`category`]: the first rule that holds wins.
const fn category_from_hints(c: &[u8]) -> Option<Category> {
    if any_of!(c, starts "Invalid" | starts "Malformed" | starts "Bad" | starts "Missing"
        | starts "Unsupported" | has "NotSupport" | ends "TooLarge" | ends "TooLong"
        | ends "TooSmall" | has "Validation" | has "LimitExceeded")
    {
        return Some(Category::InvalidRequest);
    }
    if any_of!(c, has "NotFound" | has "NotExist") {
        return Some(Category::NotFound);
    }
    if any_of!(c, has "Conflict" | ends "Locked") {
        return Some(Category::Conflict);
    }
    None
}

// Byte-string tests for the rules, `const` so that `STRONG` is computed when
// the crate compiles, and plain loops because codes are short.

/// `c[at..]` starts with `p`.
const fn matches_at(c: &[u8], at: usize, p: &[u8]) -> bool {
    if at > c.len() || c.len() - at < p.len() {
        return false;
    }
    let mut i = 0;
    while i < p.len() {
        if c[at + i] != p[i] {
            return false;
        }
        i += 1;
    }
    true
}

const fn is(c: &[u8], s: &[u8]) -> bool {
    c.len() == s.len() && matches_at(c, 0, s)
}

const fn starts(c: &[u8], p: &[u8]) -> bool {
    matches_at(c, 0, p)
}

const fn ends(c: &[u8], p: &[u8]) -> bool {
    c.len() >= p.len() && matches_at(c, c.len() - p.len(), p)
}

const fn has(c: &[u8], p: &[u8]) -> bool {
    let mut at = 0;
    while at + p.len() <= c.len() {
        if matches_at(c, at, p) {
            return true;
        }
        at += 1;
    }
    false
}
