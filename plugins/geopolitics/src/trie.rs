//! A byte trie for the gazetteer's aliases: anchored, longest-prefix search
//! with ASCII case folding, from the root or from any node.
//!
//! Aliases are only looked up at word starts, so the search is anchored and
//! needs no Aho-Corasick failure links (whose construction was most of the
//! gazetteer's build time). The trie is built in one pass over the sorted
//! keys; each node's children sit next to each other, sorted by byte, and
//! the root's children are indexed by byte. A search may resume from a
//! [`NodeId`] (the gazetteer keeps the nodes of the aliases' first words in
//! a hash map: one lookup instead of a walk with a cache miss per byte).

/// No key ends at a node.
const NO_KEY: u32 = u32::MAX;

/// A node: the run of its children in the edge arrays, and the key ending at it.
#[derive(Clone, Copy, Debug)]
struct Node {
    /// Index of the first child edge in `Trie::edges`.
    first_edge: u32,
    /// Number of children.
    children: u32,
    /// Index of the key ending at this node, or [`NO_KEY`].
    key: u32,
}

/// A node of a [`Trie`], where a search can resume.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodeId(u32);

/// An edge of the trie: a byte and the child it leads to.
#[derive(Clone, Copy, Debug)]
struct Edge {
    byte: u8,
    child: u32,
}

/// A trie over byte strings without lower-case ASCII letters.
pub struct Trie {
    nodes: Vec<Node>,
    /// The edges to children, each node's in one run sorted by byte (byte
    /// and child side by side: one cache line for both).
    edges: Vec<Edge>,
    /// The root's children by byte (0: none; the root is nobody's child).
    root: Box<[u32; 256]>,
}

impl Trie {
    /// The trie of `keys`, which must be sorted, unique, non-empty and free
    /// of lower-case ASCII letters (the search folds the text to upper case).
    pub fn new<K: AsRef<[u8]>>(keys: &[K]) -> Trie {
        debug_assert!(keys.windows(2).all(|w| w[0].as_ref() < w[1].as_ref()), "keys must be sorted and unique");
        debug_assert!(keys.iter().all(|k| !k.as_ref().is_empty() && !k.as_ref().iter().any(u8::is_ascii_lowercase)));
        let empty = Node { first_edge: 0, children: 0, key: NO_KEY };
        let mut trie = Trie { nodes: vec![empty], edges: Vec::new(), root: Box::new([0; 256]) };
        // Pending nodes: (node, keys lo..hi sharing its prefix, prefix length).
        let mut pending = vec![(0usize, 0usize, keys.len(), 0usize)];
        while let Some((node, mut lo, hi, depth)) = pending.pop() {
            // The key equal to the prefix, if any, sorts first; the others are longer.
            if lo < hi && keys[lo].as_ref().len() == depth {
                trie.nodes[node].key = lo as u32;
                lo += 1;
            }
            trie.nodes[node].first_edge = trie.edges.len() as u32;
            while lo < hi {
                let byte = keys[lo].as_ref()[depth];
                let end = lo + keys[lo..hi].iter().take_while(|k| k.as_ref()[depth] == byte).count();
                let child = trie.nodes.len();
                trie.nodes.push(empty);
                trie.edges.push(Edge { byte, child: child as u32 });
                trie.nodes[node].children += 1;
                pending.push((child, lo, end, depth + 1));
                lo = end;
            }
        }
        let root = trie.nodes[0];
        for e in root.first_edge as usize..(root.first_edge + root.children) as usize {
            let edge = trie.edges[e];
            trie.root[usize::from(edge.byte)] = edge.child;
        }
        trie
    }

    /// The child of `node` by `byte`, if any.
    fn child(&self, node: usize, byte: u8) -> Option<usize> {
        if node == 0 {
            return Some(self.root[usize::from(byte)] as usize).filter(|&c| c != 0);
        }
        let n = self.nodes[node];
        let edges = n.first_edge as usize..(n.first_edge + n.children) as usize;
        let run = &self.edges[edges];
        let k = run.binary_search_by_key(&byte, |e| e.byte).ok()?;
        Some(run[k].child as usize)
    }

    /// The node reached by `prefix` from the root, ASCII letters of
    /// `prefix` compared in upper case, if some key starts with `prefix`.
    pub fn node(&self, prefix: &[u8]) -> Option<NodeId> {
        let mut node = 0;
        for &b in prefix {
            node = self.child(node, b.to_ascii_uppercase())?;
        }
        Some(NodeId(node as u32))
    }

    /// The longest key made of the prefix of node `from` and a start of
    /// `text` (the prefix itself, if a key, with length 0), ASCII letters of
    /// `text` compared in upper case: the length taken from `text` and the
    /// key's index among the keys.
    pub fn longest_from(&self, from: NodeId, text: &[u8]) -> Option<(usize, usize)> {
        let mut node = from.0 as usize;
        let key = |node: usize| Some(self.nodes[node].key).filter(|&k| k != NO_KEY).map(|k| k as usize);
        let mut longest = key(node).map(|k| (0, k));
        for (i, &b) in text.iter().enumerate() {
            let Some(next) = self.child(node, b.to_ascii_uppercase()) else { break };
            node = next;
            if let Some(k) = key(node) {
                longest = Some((i + 1, k));
            }
        }
        longest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_longest_key_from_a_node_folding_ascii_case() {
        // Keys as the gazetteer makes them: ASCII letters upper-cased, others as written.
        let keys = ["AL", "AL-QAEDA", "CHAD", "CHINA", "CHINESE", "TüRKIYE"];
        let trie = Trie::new(&keys);
        let root = trie.node(b"").expect("the root");
        assert_eq!(trie.longest_from(root, b"China's"), Some((5, 3)));
        assert_eq!(trie.longest_from(root, b"al-Qaeda fighters"), Some((8, 1)));
        assert_eq!(trie.longest_from(root, b"al-Qae"), Some((2, 0)));
        assert_eq!(trie.longest_from(root, "Türkiye".as_bytes()), Some((8, 5)));
        assert_eq!(trie.longest_from(root, "TÜRKIYE".as_bytes()), None, "non-ASCII letters are not folded");
        assert_eq!(trie.longest_from(root, b"Chi"), None);
        assert_eq!(trie.longest_from(root, b""), None);
        let empty = Trie::new::<&str>(&[]);
        assert_eq!(empty.longest_from(root, b"x"), None);
        let al = trie.node(b"Al").expect("a prefix of keys");
        assert_eq!(trie.longest_from(al, b"-Qaeda"), Some((6, 1)));
        assert_eq!(trie.longest_from(al, b" fighters"), Some((0, 0)));
        assert_eq!(trie.node(b"Chip"), None);
    }
}
