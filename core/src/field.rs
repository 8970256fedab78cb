//! The texts of an error record (the six fields of a COS error body, and
//! two headers that say where the resource is) and a small bit set over them.

named_enum! {
    /// A text of the error record: one of the six fields of a COS error body
    /// (which headers and the URL may fill in), or one of the two headers
    /// that say where the resource is ([`Field::Location`], [`Field::Region`]),
    /// which no body carries.
    ///
    /// The discriminant is the field's bit position in a [`FieldSet`] and in the
    /// C ABI's `present` / `from_header` / `truncated` masks.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Field: u8 {
        /// `<Code>`: the COS error code, e.g. `NoSuchKey`.
        Code = 0 => "Code", "code",
        /// `<Message>`: the human-readable message.
        Message = 1 => "Message", "message",
        /// `<Resource>`: the bucket / object the request addressed.
        Resource = 2 => "Resource", "resource",
        /// `<RequestId>`: the key for COS's diagnosis tool.
        RequestId = 3 => "RequestId", "requestid",
        /// `<TraceId>`: COS's internal trace id.
        TraceId = 4 => "TraceId", "traceid",
        /// `<ServerTime>`: the server clock, sent with signature errors.
        ServerTime = 5 => "ServerTime", "servertime",
        /// The `Location` header: where a redirect points.
        Location = 6 => "Location", "location",
        /// The `x-cos-bucket-region` header: the region the bucket is in.
        Region = 7 => "Region", "region",
    }
    /// The element name in a COS XML body (case-sensitive); for the two
    /// header fields, a name in the same style (never read from a body).
    fn xml_name,
    /// The JSON key after normalisation (ASCII-lowercased, `_` and `-`
    /// removed); for the two header fields, the lowercase name.
    json_key;
}

impl Field {
    /// The six fields a body can carry, in discriminant order (the first six
    /// of [`Field::ALL`]).
    pub const BODY: [Field; 6] = [
        Field::Code,
        Field::Message,
        Field::Resource,
        Field::RequestId,
        Field::TraceId,
        Field::ServerTime,
    ];

    /// This field's bit in a [`FieldSet`].
    pub const fn bit(self) -> u32 {
        1 << (self as u8)
    }

    /// The field whose XML element name is exactly `name`.
    pub fn from_xml_name(name: &[u8]) -> Option<Field> {
        // Byte patterns rather than string literals: the compiler turns these
        // into a few integer compares instead of calls to memcmp (hot path).
        match name {
            [b'C', b'o', b'd', b'e'] => Some(Field::Code),
            [b'M', b'e', b's', b's', b'a', b'g', b'e'] => Some(Field::Message),
            [b'R', b'e', b's', b'o', b'u', b'r', b'c', b'e'] => Some(Field::Resource),
            [b'R', b'e', b'q', b'u', b'e', b's', b't', b'I', b'd'] => Some(Field::RequestId),
            [b'T', b'r', b'a', b'c', b'e', b'I', b'd'] => Some(Field::TraceId),
            [b'S', b'e', b'r', b'v', b'e', b'r', b'T', b'i', b'm', b'e'] => Some(Field::ServerTime),
            _ => None,
        }
    }
}

/// A set of [`Field`]s, stored as the bit mask the C ABI exposes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct FieldSet(pub u32);

impl FieldSet {
    /// The empty set.
    pub const EMPTY: FieldSet = FieldSet(0);

    /// Whether `field` is in the set.
    pub const fn contains(self, field: Field) -> bool {
        self.0 & field.bit() != 0
    }

    /// Adds `field`.
    pub fn insert(&mut self, field: Field) {
        self.0 |= field.bit();
    }

    /// Removes `field`.
    pub fn remove(&mut self, field: Field) {
        self.0 &= !field.bit();
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
}
