//! A trie of DNS labels that `build.rs` compiles in (`build_label_trie` there). The Public
//! Suffix List (`domain.rs`) and the host catalog (`catalog.rs`, which also takes its suffixes
//! from it: [`LabelTrie::payload_names`]) use it.
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

    /// Replaces every non-zero payload by its ordinal among them, from 1, in node order: for
    /// users that compile a flag in and keep their values in a table of their own, in the
    /// trie's order (the host catalog).
    pub fn number_payloads(&mut self) {
        let mut ordinal = 0u16;
        for node in self.nodes.iter_mut().filter(|n| n.payload != 0) {
            ordinal = ordinal.saturating_add(1);
            node.payload = ordinal;
        }
    }

    /// The dotted names (`ddnsking.com`) of the nodes with a non-zero payload, in node order,
    /// back to back in one string, and where each one ends in it.
    pub fn payload_names(&self) -> (String, Vec<usize>) {
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
        for i in (0..self.nodes.len()).filter(|&i| self.nodes[i].payload != 0) {
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
    fn numbers_payloads_and_names_their_nodes() {
        // `small()`'s nodes, with payloads that are flags.
        let mut trie = LabelTrie::load(&CompiledTrie {
            labels: ".jp.co.kawasaki.*",
            payloads: le(&[0, 9, 4, 0, 4]),
            child_counts: le(&[1, 2, 0, 1, 0]),
        });
        let (names, ends) = trie.payload_names();
        assert_eq!((names.as_str(), ends.as_slice()), ("jpco.jp*.kawasaki.jp", &[2, 7, 20][..]));
        trie.number_payloads();
        let payloads: Vec<u16> = (0..trie.len()).map(|n| trie.payload(n)).collect();
        assert_eq!(payloads, [0, 1, 2, 0, 3], "ordinals in node order, 0 stays 0");
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
            let mut trie = LabelTrie::load(compiled);
            let _ = trie.payload_names();
            trie.number_payloads();
            for node in 0..trie.len() + 2 {
                for label in [&b"a"[..], b"b", b"jp", b"*", b""] {
                    let _ = trie.child(node, label);
                }
                let _ = (trie.wildcard_child(node), trie.payload(node));
            }
        }
    }
}
