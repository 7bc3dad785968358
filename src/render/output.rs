//! One file of the built site, as rendering hands it to writing, and fingerprinted asset names.

use std::path::PathBuf;

use tera::Value;
use xxhash_rust::xxh3::Xxh3;

/// One file of the built site.
pub enum Output {
    Bytes(Vec<u8>),
    /// A page rendered for a sink that remembers what each page was made from
    /// ([`crate::render::Sink::remembers`]): its bytes and the hash of its inputs.
    Page(Vec<u8>, u128),
    /// A page not rendered again: its inputs hash the same as those the page in place was
    /// made from ([`crate::render::Sink::unchanged`]).
    Unchanged(u128),
    Copy(PathBuf),
    /// Already written to the output folder by a streaming sink while rendering: only the path is kept.
    Written,
}

impl Output {
    /// The bytes, of a file held in memory (rendered or read).
    pub fn bytes(&self) -> Option<&[u8]> {
        match self {
            Output::Bytes(b) | Output::Page(b, _) => Some(b),
            Output::Unchanged(_) | Output::Copy(_) | Output::Written => None,
        }
    }
}

/// What a page is made from, hashed: the theme's fingerprint and everything its template is
/// given. Two renders with equal inputs make equal bytes, so a build need not render a page
/// again whose inputs are those of the page the previous build left in place.
pub(crate) struct Inputs(Xxh3);

impl Inputs {
    /// Start from `seed` (what every page of a render shares: the theme's inputs, the
    /// globals among them).
    pub(crate) fn new(seed: u128) -> Inputs {
        let mut h = Xxh3::new();
        h.update(&seed.to_le_bytes());
        Inputs(h)
    }

    /// Add one named text.
    pub(crate) fn add_str(&mut self, name: &str, text: &str) {
        self.name(name);
        self.0.update(&(text.len() as u64).to_le_bytes());
        self.0.update(text.as_bytes());
    }

    /// Add one named template value ([`value_hash`]).
    pub(crate) fn add_value(&mut self, name: &str, value: &Value) {
        self.add_hash(name, value_hash(value));
    }

    /// Add one named value, serialised (as CBOR: strings go in as they are, where JSON would
    /// look at every byte to escape it). Only for a value that serialises in one order:
    /// structs and lists all the way down, no hash map inside (a template value goes to
    /// [`Inputs::add_value`]).
    pub(crate) fn add_serialized(&mut self, name: &str, value: &impl serde::Serialize) {
        self.name(name);
        // Written out whole, then hashed at once: fed to the hash piece by piece (a field
        // name, a length, a string), it took longer than writing it.
        let mut bytes = Vec::with_capacity(4096);
        // A value that cannot be written cannot be rendered either: it hashes as itself.
        match ciborium::into_writer(value, &mut bytes) {
            Ok(()) => self.0.update(&bytes),
            Err(_) => self.0.update(b"\0unwritable"),
        }
        self.0.update(b"\0");
    }

    /// Add a hash made earlier ([`value_hash`]), of a value several pages share.
    pub(crate) fn add_hash(&mut self, name: &str, hash: u128) {
        self.name(name);
        self.0.update(&hash.to_le_bytes());
    }

    fn name(&mut self, name: &str) {
        self.0.update(&(name.len() as u64).to_le_bytes());
        self.0.update(name.as_bytes());
    }

    pub(crate) fn finish(&self) -> u128 {
        self.0.digest128()
    }
}

/// The hash of a template value: its kind, and its contents with text marked safe or not. A
/// map's entries count in key order: Tera's maps have no order of their own, and a map
/// serialised from a hash map comes out in another order in every run.
pub(crate) fn value_hash(v: &Value) -> u128 {
    let mut h = Xxh3::new();
    hash_value(&mut h, v);
    h.digest128()
}

/// Feed `v` to `h` as bytes that tell it apart from every other value: each part tagged
/// with its kind, and text and lists with their length.
fn hash_value(h: &mut Xxh3, v: &Value) {
    use tera::value::ValueKind as K;
    let text = |h: &mut Xxh3, tag: u8, s: &[u8]| {
        h.update(&[tag]);
        h.update(&(s.len() as u64).to_le_bytes());
        h.update(s);
    };
    match v.kind() {
        K::Undefined => h.update(&[0]),
        K::None => h.update(&[1]),
        K::Bool => h.update(&[2, u8::from(v.as_bool() == Some(true))]),
        K::U64 | K::I64 | K::U128 | K::I128 | K::F64 => match v.as_number() {
            Some(tera::Number::Integer(i)) => text(h, 3, &i.to_le_bytes()),
            Some(tera::Number::Float(f)) => text(h, 4, &f.to_bits().to_le_bytes()),
            _ => text(h, 5, v.to_string().as_bytes()),
        },
        K::String => {
            let tag = if v.is_safe() { 6 } else { 7 };
            text(h, tag, v.as_str().unwrap_or_default().as_bytes());
        }
        K::Bytes => text(h, 8, v.as_bytes().unwrap_or_default()),
        K::Array => {
            let items = v.as_array().unwrap_or_default();
            text(h, 9, &(items.len() as u64).to_le_bytes());
            for item in items {
                hash_value(h, item);
            }
        }
        K::Map => {
            let mut entries: Vec<_> = v.as_map().into_iter().flatten().collect();
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            text(h, 10, &(entries.len() as u64).to_le_bytes());
            for (k, item) in entries {
                match k.as_str() {
                    Some(name) => text(h, 11, name.as_bytes()),
                    None => text(h, 12, k.to_string().as_bytes()),
                }
                hash_value(h, item);
            }
        }
        // A kind of value newer than this code: as Tera writes it.
        _ => text(h, 13, v.to_string().as_bytes()),
    }
}

/// The files to write: site-relative path -> contents.
pub type Files = Vec<(String, Output)>;

/// Fingerprint name for an asset: `style.css` -> `style.1a2b3c4d.css`.
pub fn fingerprint(name: &str, bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let hash = Sha256::digest(bytes);
    let hex: String = hash.iter().take(5).map(|b| format!("{b:02x}")).collect();
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hex}.{ext}"),
        None => format!("{name}.{hex}"),
    }
}

#[cfg(test)]
mod tests {
    use super::value_hash;
    use tera::Value;

    fn map(entries: &[(&'static str, Value)]) -> Value {
        let mut m = tera::Map::default();
        for (k, v) in entries {
            m.insert((*k).into(), v.clone());
        }
        Value::from(m)
    }

    #[test]
    fn a_value_hash_tells_values_apart_and_ignores_map_order() {
        let a = map(&[("x", 1.into()), ("y", "two".into())]);
        let b = map(&[("y", "two".into()), ("x", 1.into())]);
        assert_eq!(value_hash(&a), value_hash(&b));
        let pairs = [
            (
                Value::from(vec![Value::from("ab")]),
                Value::from(vec![Value::from("a"), Value::from("b")]),
            ),
            (Value::from("<b>"), Value::safe_string("<b>")),
            (Value::from(1), Value::from("1")),
            (Value::from(1), Value::from(1.0)),
            (Value::none(), Value::from("")),
            (map(&[("x", 1.into())]), map(&[("x", 2.into())])),
            (map(&[("x", 1.into())]), map(&[("z", 1.into())])),
        ];
        for (one, other) in pairs {
            assert_ne!(value_hash(&one), value_hash(&other), "{one} vs {other}");
        }
    }
}
