//! Text rules every stage uses: dates as editors write them, readable slugs and id checks,
//! typographic quotes for plain text.

pub mod dates;
pub mod slug;
pub(crate) mod typography;
