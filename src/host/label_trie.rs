//! A trie of DNS labels that `build.rs` compiles in (`build_label_trie` there). The Public
//! Suffix List (`domain.rs`) and the host catalog (`catalog.rs`, which also takes its suffixes
//! from it: [`LabelTrie::payload_names`]) share one.
//!
//! What `build.rs` writes, for the nodes in breadth-first order (node 0 is the root, and the
//! children of every node are contiguous and sorted by their labels' bytes):
//! - `<name>_labels.txt`: every node's label, joined by `.` (the root's is empty);
//! - `<name>_payloads.bin`: a byte per node, the trie user's value (0: none);
//! - `<name>_child_counts.bin`: per node, its number of children: a byte, or 255 and a
//!   little-endian `u16` for 255 or more (the root's ~1,500). Bytes, not `u16`s: 1.1 KB smaller
//!   gzipped.
//!
//! Plain arrays like these compress well in the wasm module; the child ranges and label
//! slices are rebuilt from them at first use, one pass over about 11,000 nodes (≈0.6 ms
//! natively, mostly first touches of the node array), instead of parsing rule text. A lookup is
//! one probe of a hash table of (parent, label) per label ([`LabelTrie::child`]); `*` (one byte,
//! and 0x2A sorts before `-`, `_`, digits and letters) is always the first child when a wildcard
//! rule exists.

/// The raw tables of one trie, as compiled in.
pub struct CompiledTrie {
    pub labels: &'static str,
    pub payloads: &'static [u8],
    pub child_counts: &'static [u8],
}

/// `include!`s the tables `build.rs` wrote to `OUT_DIR` for the trie `$name`.
#[macro_export]
#[doc(hidden)]
macro_rules! compiled_label_trie {
    ($name:literal) => {
        $crate::host::label_trie::CompiledTrie {
            labels: include_str!(concat!(env!("OUT_DIR"), "/", $name, "_labels.txt")),
            payloads: include_bytes!(concat!(env!("OUT_DIR"), "/", $name, "_payloads.bin")),
            child_counts: include_bytes!(concat!(env!("OUT_DIR"), "/", $name, "_child_counts.bin")),
        }
    };
}

#[derive(Debug, Clone, Copy)]
struct Node {
    label: &'static str,
    /// The label's first 8 bytes, big-endian, zero-padded ([`label_key`]).
    key: u64,
    payload: u16,
    child_count: u16,
    first_child: u32,
    /// The parent's index (the root's own is 0).
    parent: u32,
}

pub struct LabelTrie {
    nodes: Vec<Node>,
    /// Open-addressing hash table of every node but the root, keyed by (parent, label):
    /// `index + 1`, 0 for an empty slot. A power of two, at most half full.
    slots: Vec<u32>,
    /// One bit per (parent, label) hash, set for every child in `slots` (a one-hash Bloom
    /// filter of 12-24 bits per node: 32 KB for the PSL). Most lookups ask for a name that is
    /// not there (`example` under `com`); the filter answers those from a table small enough
    /// to stay in cache, where the slot probe was a cache miss (`perf`, 5 passes over the
    /// corpus: `child` 13 % -> 9 % of the samples, nearly all of it waiting for memory).
    filter: Vec<u64>,
}

pub const ROOT: usize = 0;

/// The first 8 bytes of `label` as a big-endian integer, zero-padded: for labels of one
/// length, comparing keys orders them like comparing their first 8 bytes.
fn label_key(label: &[u8]) -> u64 {
    if let Some(first8) = label.first_chunk::<8>() {
        return u64::from_be_bytes(*first8);
    }
    // (A byte loop, not a copy into a buffer: the copy was a `memcpy` call per lookup.)
    let mut key = 0u64;
    for &b in label {
        key = (key << 8) | u64::from(b);
    }
    match label.len() {
        0 => 0,
        n => key << (8 * (8 - n)),
    }
}

/// The hash of (parent, label).
fn hash_of(parent: usize, len: usize, key: u64) -> u64 {
    const MUL: u64 = 0x9E37_79B9_7F4A_7C15; // 2^64 / golden ratio (Fibonacci hashing)
    (key ^ ((parent as u64) << 8 | len as u64).wrapping_mul(MUL)).wrapping_mul(MUL)
}

/// Where a hash starts probing in a table of `mask + 1` (a power of two) slots: its top bits
/// (a short label's key ends in zero bytes, so the product's low bits are zeros too and would
/// pile every label into a few slots).
fn slot_of(h: u64, mask: usize) -> usize {
    let bits = (mask as u64 + 1).trailing_zeros();
    (h.checked_shr(64 - bits).unwrap_or(0)) as usize & mask
}

/// The hash's bit in a filter of `words` (a power of two) 64-bit words: bits 16..40, apart
/// from the top bits the slot comes from.
fn filter_bit(h: u64, words: usize) -> (usize, u64) {
    let bit = (h >> 16) as usize & (words * 64 - 1);
    (bit / 64, 1u64 << (bit % 64))
}

/// The `.`-separated labels of `joined`, as `str::split('.')` gives them. Found by bytes: the
/// `char` pattern searcher took ≈ 170 instructions a label (they average 8 bytes), a third of
/// the engine's loading; slicing a `str` at an ASCII byte never splits a character.
fn labels_of(joined: &'static str) -> impl Iterator<Item = &'static str> {
    let dots = joined.bytes().enumerate().filter(|&(_, b)| b == b'.').map(|(i, _)| i);
    let mut start = 0;
    dots.chain(std::iter::once(joined.len())).map(move |end| {
        let label = &joined[start..end];
        start = end + 1;
        label
    })
}

/// The child counts of `child_counts.bin`, one per node (a truncated escape ends them).
fn counts(bytes: &'static [u8]) -> impl Iterator<Item = u16> {
    let mut bytes = bytes.iter();
    std::iter::from_fn(move || match *bytes.next()? {
        255 => Some(u16::from_le_bytes([*bytes.next()?, *bytes.next()?])),
        count => Some(u16::from(count)),
    })
}

impl LabelTrie {
    /// Rebuilds the trie from its tables. Tables that don't fit together (which `build.rs`
    /// never writes) give a trie whose out-of-range children are simply absent.
    pub fn load(compiled: &CompiledTrie) -> LabelTrie {
        let mut nodes = Vec::with_capacity(compiled.payloads.len());
        nodes.extend(
            labels_of(compiled.labels)
                .zip(compiled.payloads.iter().map(|&p| u16::from(p)))
                .zip(counts(compiled.child_counts))
                .map(|((label, payload), child_count)| Node {
                    label,
                    key: label_key(label.as_bytes()),
                    payload,
                    child_count,
                    first_child: 0,
                    parent: 0,
                }),
        );
        // Breadth-first order: the children of node i follow those of nodes 0..i.
        let mut next_child = 1u32;
        for node in &mut nodes {
            node.first_child = next_child;
            next_child = next_child.saturating_add(u32::from(node.child_count));
        }
        let mut trie = LabelTrie { nodes, slots: Vec::new(), filter: Vec::new() };
        trie.index_children();
        trie
    }

    /// Fills `slots` with every node that [`LabelTrie::children`] lists under some parent
    /// (the ranges are disjoint, so each node has at most one parent).
    fn index_children(&mut self) {
        let mask = (self.nodes.len() * 2).next_power_of_two().max(2) - 1;
        let mut slots = vec![0u32; mask + 1];
        let mut filter = vec![0u64; (self.nodes.len() * 12 / 64).next_power_of_two().max(1)];
        for parent in 0..self.nodes.len() {
            let (first, count) = {
                let (first, children) = self.children(parent);
                (first, children.len())
            };
            for child in first..first + count {
                self.nodes[child].parent = parent as u32;
                let node = &self.nodes[child];
                let h = hash_of(parent, node.label.len(), node.key);
                let (word, bit) = filter_bit(h, filter.len());
                filter[word] |= bit;
                let mut slot = slot_of(h, mask);
                while slots[slot] != 0 {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = child as u32 + 1;
            }
        }
        self.slots = slots;
        self.filter = filter;
    }

    /// The dotted names (`ddnsking.com`) of the nodes whose payload has a bit of `flag`, in
    /// node order, back to back in one string, and where each one ends in it.
    pub fn payload_names(&self, flag: u16) -> (String, Vec<usize>) {
        // Parents, from the child ranges; a malformed table's node without one stops its name.
        let mut parents = vec![u32::MAX; self.nodes.len()];
        for (i, node) in self.nodes.iter().enumerate() {
            let first = node.first_child as usize;
            let end = first.saturating_add(usize::from(node.child_count)).min(self.nodes.len());
            for parent in parents.get_mut(first.min(end)..end).unwrap_or_default() {
                *parent = i as u32;
            }
        }
        let (mut names, mut ends) = (String::new(), Vec::new());
        for i in (0..self.nodes.len()).filter(|&i| self.nodes[i].payload & flag != 0) {
            let (mut at, start) = (i, names.len());
            // Up to the root (at most one step per node, whatever the tables say).
            for _ in 0..self.nodes.len() {
                if at == ROOT || at >= self.nodes.len() {
                    break;
                }
                if names.len() > start {
                    names.push('.');
                }
                names.push_str(self.nodes[at].label);
                at = parents[at] as usize;
            }
            ends.push(names.len());
        }
        (names, ends)
    }

    fn children(&self, node: usize) -> (usize, &[Node]) {
        let Some(parent) = self.nodes.get(node) else { return (0, &[]) };
        let first = parent.first_child as usize;
        let children = self.nodes.get(first..first + usize::from(parent.child_count)).unwrap_or_default();
        (first, children)
    }

    /// The child of `node` labelled `label`.
    ///
    /// One hash probe (usually) instead of a binary search among the children: every PSL and
    /// catalog lookup walks this, and the root alone has ~1,500 children (11 probes).
    pub fn child(&self, node: usize, label: &[u8]) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let (len, key) = (label.len(), label_key(label));
        let h = hash_of(node, len, key);
        let (word, bit) = filter_bit(h, self.filter.len());
        if self.filter.get(word)? & bit == 0 {
            return None;
        }
        let mut slot = slot_of(h, mask);
        loop {
            let index = (*self.slots.get(slot)?).checked_sub(1)? as usize;
            let candidate = self.nodes.get(index)?;
            if candidate.parent as usize == node
                && candidate.key == key
                && candidate.label.len() == len
                && candidate.label.as_bytes().get(8..) == label.get(8..)
            {
                return Some(index);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The `*` child of `node`, if it has one.
    pub fn wildcard_child(&self, node: usize) -> Option<usize> {
        let (first, children) = self.children(node);
        (children.first()?.label == "*").then_some(first)
    }

    pub fn payload(&self, node: usize) -> u16 {
        self.nodes.get(node).map_or(0, |n| n.payload)
    }

    /// Number of nodes, the root included.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn labels_are_split_like_str_split() {
        for joined in ["", ".", "..", "jp", ".jp.co", "a.bb.ccc.", "xn--p1ai.рф.x", ".*.kawasaki"] {
            let ours: Vec<&str> = labels_of(joined).collect();
            let std: Vec<&str> = joined.split('.').collect();
            assert_eq!(ours, std, "{joined:?}");
        }
    }

    /// `jp` > {`co`, `*` under `kawasaki`}, written the way build.rs writes it: breadth-first,
    /// children by bytes.
    fn small() -> LabelTrie {
        LabelTrie::load(&CompiledTrie {
            labels: ".jp.co.kawasaki.*",
            payloads: &[0, 1, 2, 0, 3],
            child_counts: &[1, 2, 0, 1, 0],
        })
    }

    #[test]
    fn walks_children_and_wildcards() {
        let trie = small();
        assert_eq!(trie.len(), 5);
        let jp = trie.child(ROOT, b"jp").expect("jp");
        assert_eq!(trie.payload(jp), 1);
        let co = trie.child(jp, b"co").expect("co.jp");
        assert_eq!(trie.payload(co), 2);
        let kawasaki = trie.child(jp, b"kawasaki").expect("kawasaki.jp");
        assert_eq!(trie.wildcard_child(kawasaki).map(|n| trie.payload(n)), Some(3));
        assert_eq!(trie.wildcard_child(jp), None, "jp has no `*` child");
        assert_eq!(trie.child(jp, b"ne"), None);
        assert_eq!(trie.child(ROOT, b"com"), None);
        assert_eq!(trie.child(co, b"x"), None, "a leaf has no children");
    }

    /// The hash table finds exactly the children a scan of each node's children finds, for
    /// every node of the compiled-in lists, and nothing for labels that are not there.
    #[test]
    fn child_table_agrees_with_the_children() {
        static PSL: CompiledTrie = crate::compiled_label_trie!("psl");
        let scan = |trie: &LabelTrie, parent: usize, label: &[u8]| {
            let (first, children) = trie.children(parent);
            children.iter().position(|c| c.label.as_bytes() == label).map(|i| first + i)
        };
        for compiled in [&PSL] {
            let trie = LabelTrie::load(compiled);
            for parent in 0..trie.len() {
                let (first, children) = trie.children(parent);
                for (offset, child) in children.iter().enumerate() {
                    let label = child.label.as_bytes();
                    assert_eq!(trie.child(parent, label), Some(first + offset), "{:?} under node {parent}", child.label);
                    // Near misses: one byte more or less, another parent.
                    let longer = [label, b"x"].concat();
                    assert_eq!(trie.child(parent, &longer), scan(&trie, parent, &longer), "{longer:?}");
                    let shorter = &label[..label.len() - 1];
                    assert_eq!(trie.child(parent, shorter), scan(&trie, parent, shorter), "{shorter:?}");
                    let other = (parent + 1) % trie.len();
                    assert_eq!(trie.child(other, label), scan(&trie, other, label), "{label:?} under {other}");
                }
            }
        }
    }

    #[test]
    fn names_the_nodes_of_a_payload() {
        // `small()`'s nodes, with payloads that are flags: 8 the one asked about.
        let trie = LabelTrie::load(&CompiledTrie {
            labels: ".jp.co.kawasaki.*",
            payloads: &[0, 9, 12, 1, 8],
            child_counts: &[1, 2, 0, 1, 0],
        });
        let (names, ends) = trie.payload_names(8);
        assert_eq!((names.as_str(), ends.as_slice()), ("jpco.jp*.kawasaki.jp", &[2, 7, 20][..]));
    }

    #[test]
    fn tables_that_dont_fit_together_never_panic() {
        let cases = [
            // More children announced than there are nodes.
            CompiledTrie { labels: ".jp", payloads: &[0, 1], child_counts: &[5, 9] },
            // Fewer payloads and counts than labels; an escape cut short.
            CompiledTrie { labels: ".a.b.c", payloads: &[1, 0], child_counts: &[3, 255, 1] },
            // Nothing at all.
            CompiledTrie { labels: "", payloads: &[], child_counts: &[] },
            // Counts that overflow when summed.
            CompiledTrie { labels: ".a.b", payloads: &[0, 0, 0], child_counts: &[255, 255, 255, 255, 255, 255, 255, 255, 255] },
        ];
        for compiled in &cases {
            let trie = LabelTrie::load(compiled);
            let _ = trie.payload_names(u16::MAX);
            for node in 0..trie.len() + 2 {
                for label in [&b"a"[..], b"b", b"jp", b"*", b""] {
                    let _ = trie.child(node, label);
                }
                let _ = (trie.wildcard_child(node), trie.payload(node));
            }
        }
    }
}
