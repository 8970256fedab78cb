//! A forward-only reader over the bytes of a date. Every step is checked,
//! so a short or malformed value ends in `None`, never in an index out of
//! bounds.

pub(super) struct Cursor<'a> {
    rest: &'a [u8],
}

impl<'a> Cursor<'a> {
    pub(super) const fn new(text: &'a [u8]) -> Self {
        Cursor { rest: text }
    }

    /// The next byte, consumed.
    pub(super) fn take_byte(&mut self) -> Option<u8> {
        let (&byte, rest) = self.rest.split_first()?;
        self.rest = rest;
        Some(byte)
    }

    /// Consumes `want`, or fails.
    pub(super) fn byte(&mut self, want: u8) -> Option<()> {
        (self.take_byte()? == want).then_some(())
    }

    /// Consumes `literal` when the text goes on with it.
    pub(super) fn eat(&mut self, literal: &[u8]) -> bool {
        match self.rest.strip_prefix(literal) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    /// Consumes `literal`, or fails.
    pub(super) fn literal(&mut self, literal: &[u8]) -> Option<()> {
        self.eat(literal).then_some(())
    }

    /// The index in `names` of the name the text goes on with, consumed.
    pub(super) fn name(&mut self, names: &[&[u8]]) -> Option<u32> {
        let index = names.iter().position(|name| self.eat(name))?;
        u32::try_from(index).ok()
    }

    /// The index of the three-byte name at the cursor in `names`, moving
    /// past it: the names compared as whole arrays (a few integer compares,
    /// not a call per name: the day and month of every `Date` header).
    pub(super) fn short_name(&mut self, names: &[[u8; 3]]) -> Option<u32> {
        let (name, rest) = self.rest.split_first_chunk::<3>()?;
        let index = names.iter().position(|n| n == name)?;
        self.rest = rest;
        u32::try_from(index).ok()
    }

    /// Exactly `count` ASCII digits (at most 9, so the value fits), read as
    /// a decimal number.
    pub(super) fn digits(&mut self, count: usize) -> Option<u32> {
        if count > 9 {
            return None;
        }
        let (digits, rest) = self.rest.split_at_checked(count)?;
        let mut value = 0u32;
        for &digit in digits {
            if !digit.is_ascii_digit() {
                return None;
            }
            value = value * 10 + u32::from(digit - b'0');
        }
        self.rest = rest;
        Some(value)
    }

    /// The longest run of ASCII digits from here (possibly empty), consumed.
    pub(super) fn digit_run(&mut self) -> &'a [u8] {
        let len = self
            .rest
            .iter()
            .position(|byte| !byte.is_ascii_digit())
            .unwrap_or(self.rest.len());
        let (run, rest) = self.rest.split_at_checked(len).unwrap_or((&[], self.rest));
        self.rest = rest;
        run
    }

    /// Succeeds when every byte has been read.
    pub(super) fn end(&self) -> Option<()> {
        self.rest.is_empty().then_some(())
    }
}
