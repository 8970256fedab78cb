//! One declaration for the crate's C-numbered enums: each variant with its
//! discriminant (the C ABI's value) and its stable name, from which the enum,
//! `ALL`, the name function and `from_u32` are generated.

/// Declares `enum $name` with `#[repr($repr)]` and, in its `impl`:
/// `ALL` (every variant in declaration order), `const fn $name_fn(self)`
/// (the variant's string), `as_u32` and `from_u32` (the C ABI's numbers).
/// A variant may carry a second string (`=> "Code", "code"`), read by a
/// second function (`fn xml_name, json_key;`).
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident: $repr:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal => $text:literal, $alt:literal, )+
        }
        $(#[$fn_doc:meta])*
        fn $name_fn:ident, $(#[$alt_doc:meta])* $alt_fn:ident;
    ) => {
        named_enum! {
            $(#[$meta])*
            pub enum $name: $repr {
                $( $(#[$vmeta])* $variant = $value => $text, )+
            }
            $(#[$fn_doc])*
            fn $name_fn;
        }

        impl $name {
            $(#[$alt_doc])*
            pub const fn $alt_fn(self) -> &'static str {
                match self {
                    $( $name::$variant => $alt, )+
                }
            }
        }
    };
    (
        $(#[$meta:meta])*
        pub enum $name:ident: $repr:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal => $text:literal, )+
        }
        $(#[$fn_doc:meta])*
        fn $name_fn:ident;
    ) => {
        $(#[$meta])*
        #[repr($repr)]
        pub enum $name {
            $( $(#[$vmeta])* $variant = $value, )+
        }

        impl $name {
            /// Every value, in declaration (and discriminant) order.
            pub const ALL: [$name; [$($value),+].len()] = [$($name::$variant),+];

            $(#[$fn_doc])*
            pub const fn $name_fn(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )+
                }
            }

            /// The discriminant (the C ABI's value).
            pub const fn as_u32(self) -> u32 {
                self as u32
            }

            /// The value with discriminant `value` (the C ABI's), if any.
            pub const fn from_u32(value: u32) -> Option<$name> {
                match value {
                    $( $value => Some($name::$variant), )+
                    _ => None,
                }
            }
        }
    };
}
