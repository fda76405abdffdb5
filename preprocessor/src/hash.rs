//! Short content hashes, for cache keys and for keying a reader's saved answers.

use sha2::{Digest, Sha256};

/// The first 12 hex digits of the SHA-256 of `parts`, each length-prefixed so
/// that `["ab", "c"]` and `["a", "bc"]` differ.
pub(crate) fn short_hash(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hasher.finalize()[..6].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_delimited() {
        assert_ne!(short_hash(&["ab", "c"]), short_hash(&["a", "bc"]));
        assert_eq!(short_hash(&["x"]).len(), 12);
    }
}
