//! A name a meeting holds (a person, a country, a city), shared rather than copied.
//!
//! A corpus names the same few hundred leaders, countries and cities hundreds of
//! thousands of times. A [`Name`] is one reference-counted string, so every meeting
//! that names Xi Jinping can hold the same one: the gazetteer hands out its own copy
//! ([`crate::gazetteer::Gazetteer`]) and the reopen cache keeps each name once. It reads
//! as a `&str` (it dereferences to one) and is written as a plain string.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// A shared, immutable string; equal, ordered and hashed as its text.
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name(Arc<str>);

impl Name {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Name {
        Name(Arc::from(s))
    }
}

impl From<String> for Name {
    fn from(s: String) -> Name {
        Name(Arc::from(s))
    }
}

impl From<&String> for Name {
    fn from(s: &String) -> Name {
        Name(Arc::from(s.as_str()))
    }
}

impl From<Arc<str>> for Name {
    fn from(s: Arc<str>) -> Name {
        Name(s)
    }
}

impl From<Name> for String {
    fn from(n: Name) -> String {
        n.0.as_ref().to_owned()
    }
}

impl From<&Name> for Arc<str> {
    fn from(n: &Name) -> Arc<str> {
        n.0.clone()
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Name> for str {
    fn eq(&self, other: &Name) -> bool {
        self == &*other.0
    }
}

impl PartialEq<Name> for &str {
    fn eq(&self, other: &Name) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<Name> for String {
    fn eq(&self, other: &Name) -> bool {
        **self == *other.0
    }
}

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Name, D::Error> {
        String::deserialize(d).map(Name::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_compares_orders_and_serialises_as_its_text() {
        let xi = Name::from("Xi Jinping");
        assert_eq!(xi, "Xi Jinping");
        assert_eq!("Xi Jinping".to_owned(), xi);
        let mut names = [Name::from("Tokayev"), Name::from("Putin")];
        names.sort();
        assert_eq!(names, ["Putin", "Tokayev"]);
        let ron = ron::to_string(&xi).expect("written");
        assert_eq!(ron, "\"Xi Jinping\"");
        assert_eq!(ron::from_str::<Name>(&ron).expect("read"), xi);
        let shared = xi.clone();
        assert!(
            std::ptr::eq(shared.as_str(), xi.as_str()),
            "a copy is the same text"
        );
    }
}
