//! A trie of DNS labels that `build.rs` compiles in (`build_label_trie` there). The Public
//! Suffix List (`domain.rs`) and the host catalog (`catalog.rs`) use it.
//!
//! What `build.rs` writes, for the nodes in breadth-first order (node 0 is the root, and the
//! children of every node are contiguous and sorted by label length, then label bytes):
//! - `<name>_labels.txt`: every node's label, joined by `.` (the root's is empty);
//! - `<name>_payloads.bin`: a little-endian `u16` per node, the trie user's value (0: none);
//! - `<name>_child_counts.bin`: a little-endian `u16` per node, its number of children.
//!
//! Plain arrays like these compress well in the wasm module; the child ranges and label
//! slices are rebuilt from them at first use, one pass over about 11,000 nodes (≈0.6 ms
//! natively, mostly first touches of the node array), instead of parsing rule text. A lookup is one binary search among a node's
//! children per label; `*` (one byte, and 0x2A sorts before `-`, `_`, digits and letters) is
//! always the first child when a wildcard rule exists.

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
        $crate::label_trie::CompiledTrie {
            labels: include_str!(concat!(env!("OUT_DIR"), "/", $name, "_labels.txt")),
            payloads: include_bytes!(concat!(env!("OUT_DIR"), "/", $name, "_payloads.bin")),
            child_counts: include_bytes!(concat!(env!("OUT_DIR"), "/", $name, "_child_counts.bin")),
        }
    };
}

#[derive(Debug, Clone, Copy)]
struct Node {
    label: &'static str,
    payload: u16,
    child_count: u16,
    first_child: u32,
}

pub struct LabelTrie {
    nodes: Vec<Node>,
}

pub const ROOT: usize = 0;

fn u16s(bytes: &'static [u8]) -> impl Iterator<Item = u16> {
    bytes.chunks_exact(2).map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
}

impl LabelTrie {
    /// Rebuilds the trie from its tables. Tables that don't fit together (which `build.rs`
    /// never writes) give a trie whose out-of-range children are simply absent.
    pub fn load(compiled: &CompiledTrie) -> LabelTrie {
        let mut nodes = Vec::with_capacity(compiled.payloads.len() / 2);
        nodes.extend(
            compiled
                .labels
                .split('.')
                .zip(u16s(compiled.payloads))
                .zip(u16s(compiled.child_counts))
                .map(|((label, payload), child_count)| Node { label, payload, child_count, first_child: 0 }),
        );
        // Breadth-first order: the children of node i follow those of nodes 0..i.
        let mut next_child = 1u32;
        for node in &mut nodes {
            node.first_child = next_child;
            next_child = next_child.saturating_add(u32::from(node.child_count));
        }
        LabelTrie { nodes }
    }

    fn children(&self, node: usize) -> (usize, &[Node]) {
        let Some(parent) = self.nodes.get(node) else { return (0, &[]) };
        let first = parent.first_child as usize;
        let children = self.nodes.get(first..first + usize::from(parent.child_count)).unwrap_or_default();
        (first, children)
    }

    /// The child of `node` labelled `label`.
    pub fn child(&self, node: usize, label: &[u8]) -> Option<usize> {
        let (first, children) = self.children(node);
        let i = children.binary_search_by(|c| (c.label.len(), c.label.as_bytes()).cmp(&(label.len(), label))).ok()?;
        Some(first + i)
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

    fn le(values: &[u16]) -> &'static [u8] {
        Box::leak(values.iter().flat_map(|v| v.to_le_bytes()).collect::<Vec<u8>>().into_boxed_slice())
    }

    /// `jp` > {`co`, `*` under `kawasaki`}, written the way build.rs writes it: breadth-first,
    /// children by (length, bytes).
    fn small() -> LabelTrie {
        LabelTrie::load(&CompiledTrie {
            labels: ".jp.co.kawasaki.*",
            payloads: le(&[0, 1, 2, 0, 3]),
            child_counts: le(&[1, 2, 0, 1, 0]),
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

    #[test]
    fn tables_that_dont_fit_together_never_panic() {
        let cases = [
            // More children announced than there are nodes.
            CompiledTrie { labels: ".jp", payloads: le(&[0, 1]), child_counts: le(&[5, 9]) },
            // Fewer payloads and counts than labels; an odd byte left over.
            CompiledTrie { labels: ".a.b.c", payloads: &[1, 0, 0], child_counts: le(&[3]) },
            // Nothing at all.
            CompiledTrie { labels: "", payloads: &[], child_counts: &[] },
            // Counts that overflow when summed.
            CompiledTrie { labels: ".a.b", payloads: le(&[0, 0, 0]), child_counts: le(&[u16::MAX; 3]) },
        ];
        for compiled in &cases {
            let trie = LabelTrie::load(compiled);
            for node in 0..trie.len() + 2 {
                for label in [&b"a"[..], b"b", b"jp", b"*", b""] {
                    let _ = trie.child(node, label);
                }
                let _ = (trie.wildcard_child(node), trie.payload(node));
            }
        }
    }
}
