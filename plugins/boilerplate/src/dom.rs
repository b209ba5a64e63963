//! A lean arena DOM for html5ever.
//!
//! Nodes live in a `typed_arena::Arena` and link to each other with
//! `Cell`s (html5ever's own arena example, trimmed): no reference counting,
//! no per-node `RefCell` except text being appended to, and attributes kept
//! only when the extractor reads them. Comments, doctypes and processing
//! instructions are not stored at all, and neither is text the caller
//! says it never reads (a script's code). [`parse_without_code`] goes
//! further and keeps that code from html5ever's tokenizer altogether,
//! checking afterwards that the tree is the one [`parse`] would build.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::ops::Range;
use std::ptr;

use html5ever::interface::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{local_name, ns, parse_document, Attribute, LocalName, QualName};

/// The arena every node of one page is allocated in.
pub type Arena<'a> = typed_arena::Arena<Node<'a>>;
/// A node reference.
pub type NodeRef<'a> = &'a Node<'a>;
type Link<'a> = Cell<Option<NodeRef<'a>>>;

/// A node of the tree.
pub struct Node<'a> {
    parent: Link<'a>,
    next_sibling: Link<'a>,
    previous_sibling: Link<'a>,
    first_child: Link<'a>,
    last_child: Link<'a>,
    /// What the node is.
    pub data: NodeData,
}

/// The kinds of node the extractor keeps.
pub enum NodeData {
    /// The document root (also the content of a `<template>`).
    Document,
    /// Text (html5ever merges adjacent runs into one node).
    Text(RefCell<StrTendril>),
    /// An element with the attributes the extractor reads.
    Element {
        /// Qualified name (html5ever needs it for tree building).
        name: QualName,
        /// Attributes: `(local name, value)`.
        attrs: RefCell<Vec<(LocalName, StrTendril)>>,
    },
    /// Anything the extractor ignores (comments, processing instructions).
    Other,
}

/// Whether the extractor ever reads attribute `name` (others are dropped
/// at parse time to save memory and time).
fn kept_attribute(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("class")
            | local_name!("id")
            | local_name!("itemprop")
            | local_name!("role")
            | local_name!("rel")
            | local_name!("name")
            | local_name!("property")
            | local_name!("content")
            | local_name!("datetime")
            | local_name!("type")
            | local_name!("style")
            | local_name!("hidden")
            | local_name!("aria-hidden")
            | local_name!("itemtype")
            | local_name!("href")
    )
}

impl<'a> Node<'a> {
    fn new(data: NodeData) -> Self {
        Node {
            parent: Cell::new(None),
            next_sibling: Cell::new(None),
            previous_sibling: Cell::new(None),
            first_child: Cell::new(None),
            last_child: Cell::new(None),
            data,
        }
    }

    /// The parent node.
    pub fn parent(&self) -> Option<NodeRef<'a>> {
        self.parent.get()
    }
    /// The first child.
    pub fn first_child(&self) -> Option<NodeRef<'a>> {
        self.first_child.get()
    }
    /// The next sibling.
    pub fn next_sibling(&self) -> Option<NodeRef<'a>> {
        self.next_sibling.get()
    }

    /// The element's local name, if it is an element.
    pub fn tag(&self) -> Option<&LocalName> {
        match &self.data {
            NodeData::Element { name, .. } => Some(&name.local),
            _ => None,
        }
    }

    /// The value of attribute `name` (owned: attributes sit in a `RefCell`).
    pub fn attr(&self, name: &LocalName) -> Option<StrTendril> {
        match &self.data {
            NodeData::Element { attrs, .. } => attrs.borrow().iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()),
            _ => None,
        }
    }

    /// Calls `f` with each kept attribute.
    pub fn for_each_attr(&self, mut f: impl FnMut(&LocalName, &str)) {
        if let NodeData::Element { attrs, .. } = &self.data {
            for (name, value) in attrs.borrow().iter() {
                f(name, value);
            }
        }
    }

    fn detach(&self) {
        let parent = self.parent.take();
        let previous_sibling = self.previous_sibling.take();
        let next_sibling = self.next_sibling.take();
        match next_sibling {
            Some(next) => next.previous_sibling.set(previous_sibling),
            None => {
                if let Some(parent) = parent {
                    parent.last_child.set(previous_sibling);
                }
            }
        }
        match previous_sibling {
            Some(previous) => previous.next_sibling.set(next_sibling),
            None => {
                if let Some(parent) = parent {
                    parent.first_child.set(next_sibling);
                }
            }
        }
    }

    fn append(&'a self, child: NodeRef<'a>) {
        child.detach();
        child.parent.set(Some(self));
        match self.last_child.take() {
            Some(last) => {
                child.previous_sibling.set(Some(last));
                last.next_sibling.set(Some(child));
            }
            None => self.first_child.set(Some(child)),
        }
        self.last_child.set(Some(child));
    }

    fn insert_before(&'a self, sibling: NodeRef<'a>) {
        sibling.detach();
        sibling.parent.set(self.parent.get());
        sibling.next_sibling.set(Some(self));
        match self.previous_sibling.take() {
            Some(previous) => {
                sibling.previous_sibling.set(Some(previous));
                previous.next_sibling.set(Some(sibling));
            }
            None => {
                if let Some(parent) = self.parent.get() {
                    parent.first_child.set(Some(sibling));
                }
            }
        }
        self.previous_sibling.set(Some(sibling));
    }
}

/// Whether the text directly inside an element is ever read (see [`parse`]).
pub type KeepsText = fn(&Node<'_>) -> bool;

/// html5ever's tree sink writing into the arena.
struct Sink<'a> {
    arena: &'a Arena<'a>,
    document: NodeRef<'a>,
    /// Returned by `elem_name` for a non-element (html5ever never asks).
    no_name: QualName,
    keeps_text: KeepsText,
    /// The element text was last appended to, and whether its text is
    /// kept (html5ever appends a script line by line).
    last_text_parent: Cell<Option<(NodeRef<'a>, bool)>>,
}

impl<'a> Sink<'a> {
    fn new_node(&self, data: NodeData) -> NodeRef<'a> {
        self.arena.alloc(Node::new(data))
    }

    fn keeps_text_in(&self, parent: NodeRef<'a>) -> bool {
        match self.last_text_parent.get() {
            Some((last, keeps)) if ptr::eq::<Node>(last, parent) => keeps,
            _ => {
                let keeps = (self.keeps_text)(parent);
                self.last_text_parent.set(Some((parent, keeps)));
                keeps
            }
        }
    }

    fn append_common(
        &self,
        child: NodeOrText<NodeRef<'a>>,
        parent: Option<NodeRef<'a>>,
        previous: impl FnOnce() -> Option<NodeRef<'a>>,
        append: impl FnOnce(NodeRef<'a>),
    ) {
        let node = match child {
            NodeOrText::AppendText(text) => {
                // The placeholder of removed code is kept for `parse_without_code` to count.
                if parent.is_some_and(|parent| !self.keeps_text_in(parent)) && &*text != CODE_PLACEHOLDER {
                    return;
                }
                if let Some(Node { data: NodeData::Text(contents), .. }) = previous() {
                    contents.borrow_mut().push_tendril(&text);
                    return;
                }
                self.new_node(NodeData::Text(RefCell::new(text)))
            }
            NodeOrText::AppendNode(node) => node,
        };
        append(node)
    }
}

impl<'a> TreeSink for Sink<'a> {
    type Handle = NodeRef<'a>;
    type Output = NodeRef<'a>;
    type ElemName<'b>
        = &'b QualName
    where
        Self: 'b;

    fn finish(self) -> NodeRef<'a> {
        self.document
    }
    fn parse_error(&self, _: Cow<'static, str>) {}
    fn get_document(&self) -> NodeRef<'a> {
        self.document
    }
    fn set_quirks_mode(&self, _: QuirksMode) {}
    fn same_node(&self, x: &NodeRef<'a>, y: &NodeRef<'a>) -> bool {
        ptr::eq::<Node>(*x, *y)
    }
    fn elem_name<'b>(&'b self, target: &'b NodeRef<'a>) -> &'b QualName {
        match &target.data {
            NodeData::Element { name, .. } => name,
            _ => &self.no_name,
        }
    }
    fn get_template_contents(&self, target: &NodeRef<'a>) -> NodeRef<'a> {
        // Template content is inert: keep it as the element's own children,
        // which the extractor skips with the element.
        target
    }
    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> NodeRef<'a> {
        let attrs = attrs.into_iter().filter(|a| kept_attribute(&a.name.local)).map(|a| (a.name.local, a.value)).collect();
        self.new_node(NodeData::Element { name, attrs: RefCell::new(attrs) })
    }
    fn create_comment(&self, _: StrTendril) -> NodeRef<'a> {
        self.new_node(NodeData::Other)
    }
    fn create_pi(&self, _: StrTendril, _: StrTendril) -> NodeRef<'a> {
        self.new_node(NodeData::Other)
    }
    fn append(&self, parent: &NodeRef<'a>, child: NodeOrText<NodeRef<'a>>) {
        self.append_common(child, Some(parent), || parent.last_child.get(), |node| parent.append(node))
    }
    fn append_before_sibling(&self, sibling: &NodeRef<'a>, child: NodeOrText<NodeRef<'a>>) {
        self.append_common(child, sibling.parent.get(), || sibling.previous_sibling.get(), |node| sibling.insert_before(node))
    }
    fn append_based_on_parent_node(&self, element: &NodeRef<'a>, prev_element: &NodeRef<'a>, child: NodeOrText<NodeRef<'a>>) {
        if element.parent.get().is_some() {
            self.append_before_sibling(element, child)
        } else {
            self.append(prev_element, child)
        }
    }
    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}
    fn add_attrs_if_missing(&self, target: &NodeRef<'a>, attrs: Vec<Attribute>) {
        if let NodeData::Element { attrs: existing, .. } = &target.data {
            let mut existing = existing.borrow_mut();
            for attr in attrs {
                if kept_attribute(&attr.name.local) && !existing.iter().any(|(n, _)| *n == attr.name.local) {
                    existing.push((attr.name.local, attr.value));
                }
            }
        }
    }
    fn remove_from_parent(&self, target: &NodeRef<'a>) {
        target.detach()
    }
    fn reparent_children(&self, node: &NodeRef<'a>, new_parent: &NodeRef<'a>) {
        let mut next = node.first_child.get();
        while let Some(child) = next {
            next = child.next_sibling.get();
            new_parent.append(child)
        }
    }
}

/// Parses `html` into `arena` and returns the document node. Text whose
/// parent element fails `keeps_text` (a script's code, a style sheet) is
/// not stored: the caller never reads it.
pub fn parse<'a>(html: &str, arena: &'a Arena<'a>, keeps_text: KeepsText) -> NodeRef<'a> {
    let sink = Sink {
        arena,
        document: arena.alloc(Node::new(NodeData::Document)),
        no_name: QualName::new(None, ns!(), local_name!("")),
        keeps_text,
        last_text_parent: Cell::new(None),
    };
    parse_document(sink, Default::default()).one(html)
}

/// Stands in for the code of a script or a style sheet removed before
/// parsing (private-use characters: no page writes this as its code).
const CODE_PLACEHOLDER: &str = "\u{E000}code\u{E000}";

/// Parses `html` like [`parse`], without making html5ever tokenize the
/// code of scripts and style sheets, a third of a typical page.
///
/// `strip_code` replaces the code of each `<script>` and `<style>` whose
/// text the caller does not read with a placeholder. The tree is
/// the one `parse` would build, less that code, exactly when every
/// placeholder ends up as the only text of an HTML `script` or `style`
/// element: otherwise a removed "script" was not one (it was in a comment,
/// an attribute, a `<textarea>`, SVG, ...) and the page is parsed again
/// in full.
pub fn parse_without_code<'a>(html: &str, arena: &'a Arena<'a>, keeps_text: KeepsText) -> NodeRef<'a> {
    if let Some((stripped, removed)) = strip_code(html) {
        let root = parse(&stripped, arena, keeps_text);
        if code_placeholders(root) == removed {
            return root;
        }
    }
    parse(html, arena, keeps_text)
}

/// How many text nodes are a [`CODE_PLACEHOLDER`] alone in an HTML
/// `script` or `style` element.
fn code_placeholders(root: NodeRef<'_>) -> usize {
    Walk::new(root)
        .filter(|step| match step {
            Step::Enter(node @ Node { data: NodeData::Text(text), .. }) => {
                let alone = node.previous_sibling.get().is_none() && node.next_sibling.get().is_none();
                let in_code = node.parent().is_some_and(|parent| match &parent.data {
                    NodeData::Element { name, .. } => {
                        name.ns == ns!(html) && matches!(name.local, local_name!("script") | local_name!("style"))
                    }
                    _ => false,
                });
                alone && in_code && &**text.borrow() == CODE_PLACEHOLDER
            }
            _ => false,
        })
        .count()
}

/// Replaces the code of scripts and style sheets in `html` with
/// [`CODE_PLACEHOLDER`]; returns the new page and how many were replaced
/// (`None` if none). The scan is conservative, and [`parse_without_code`]
/// checks its result: comments and other elements of raw text
/// (`<noscript>`, `<textarea>`, ...) are skipped whole, and code is kept
/// when the element is inside `<svg>` or `<math>`, when its start tag
/// holds a character reference or names
/// JSON (JSON-LD is read), a style sheet's a class, `itemprop` or `rel`
/// (it may be read as a byline), and when a script holds `<!--` (after
/// which `</script>` may not end it).
fn strip_code(html: &str) -> Option<(String, usize)> {
    let bytes = html.as_bytes();
    let comment_end = memchr::memmem::Finder::new(b"-->");
    let mut out = String::with_capacity(html.len());
    let mut copied_to = 0;
    let mut removed = 0;
    let mut foreign_depth = 0usize;
    let mut pos = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[pos..]) {
        let start = pos + offset;
        pos = start + 1;
        if bytes[pos..].starts_with(b"!--") {
            pos = comment_end.find(&bytes[pos..]).map_or(bytes.len(), |e| pos + e + 3);
            continue;
        }
        let is_end = bytes.get(pos) == Some(&b'/');
        let name_start = pos + usize::from(is_end);
        let name_len = bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        // The longest name looked for is "plaintext".
        let mut lower = [0u8; 9];
        let Some(name) = lower.get_mut(..name_len) else { continue };
        for (l, b) in name.iter_mut().zip(&bytes[name_start..]) {
            *l = b.to_ascii_lowercase();
        }
        let name = &*name;
        let script = match name {
            b"svg" | b"math" => {
                foreign_depth = if is_end { foreign_depth.saturating_sub(1) } else { foreign_depth + 1 };
                continue;
            }
            _ if is_end || !ends_tag_name(bytes.get(name_start + name_len)) => continue,
            b"plaintext" => break,
            b"script" => true,
            // Elements of raw text other than code (`<noscript>` too,
            // html5ever running with scripting on) are skipped whole.
            b"style" | b"noscript" | b"title" | b"textarea" | b"xmp" | b"iframe" | b"noembed" | b"noframes" => false,
            _ => continue,
        };
        let Some(close) = memchr::memchr(b'>', &bytes[start..]) else { break };
        let code_start = start + close + 1;
        let Some(code_end) = end_tag(bytes, code_start, name) else { break };
        if !script && name != b"style" {
            pos = code_end;
            continue;
        }
        let tag = &bytes[start..code_start];
        let code = &bytes[code_start..code_end];
        let holds = |haystack: &[u8], needle: &[u8]| haystack.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle));
        let read = if script {
            holds(tag, b"json") || memchr::memmem::find(code, b"<!--").is_some()
        } else {
            holds(tag, b"class") || holds(tag, b"itemprop") || holds(tag, b"rel")
        };
        if foreign_depth == 0 && !code.is_empty() && !tag.contains(&b'&') && !read {
            // `code_start` follows a '>' and `code_end` is at a '<': both
            // are character boundaries.
            out.push_str(&html[copied_to..code_start]);
            out.push_str(CODE_PLACEHOLDER);
            copied_to = code_end;
            removed += 1;
        }
        pos = code_end;
    }
    if removed == 0 {
        return None;
    }
    out.push_str(&html[copied_to..]);
    Some((out, removed))
}

/// Whether the byte after a tag name ends the name (whitespace, `/`, `>`;
/// a carriage return becomes a line feed before tokenizing).
fn ends_tag_name(byte: Option<&u8>) -> bool {
    matches!(byte, Some(b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>'))
}

/// Where the first end tag `</name` (any case) at or after `from` starts:
/// where raw text ends for the tokenizer.
fn end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut pos = from;
    while let Some(offset) = memchr::memchr(b'<', &bytes[pos..]) {
        let at = pos + offset;
        let name_start = at + 2;
        let closes = bytes.get(at + 1) == Some(&b'/')
            && bytes.get(name_start..name_start + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name))
            && ends_tag_name(bytes.get(name_start + name.len()));
        if closes {
            return Some(at);
        }
        pos = at + 1;
    }
    None
}

/// A depth-first walk over a subtree without recursion: yields
/// `Enter(node)` before a node's children and `Leave(node)` after them.
pub struct Walk<'a> {
    root: NodeRef<'a>,
    next: Option<Step<'a>>,
    last: Option<Step<'a>>,
}

/// One step of a [`Walk`].
#[derive(Clone, Copy)]
pub enum Step<'a> {
    /// Entering a node (its children come next).
    Enter(NodeRef<'a>),
    /// Leaving a node (all its children were seen).
    Leave(NodeRef<'a>),
}

impl<'a> Walk<'a> {
    /// A walk over `root` and all its descendants.
    pub fn new(root: NodeRef<'a>) -> Self {
        Walk { root, next: Some(Step::Enter(root)), last: None }
    }

    /// Does not descend into the node just entered: its `Leave` comes next.
    pub fn skip_children(&mut self) {
        if let Some(Step::Enter(node)) = self.last {
            self.next = Some(Step::Leave(node));
        }
    }

    /// Sets the step after `step` (call after taking `step` from `next`).
    fn advance(&mut self, step: Step<'a>) {
        self.next = match step {
            Step::Enter(node) => Some(match node.first_child.get() {
                Some(child) => Step::Enter(child),
                None => Step::Leave(node),
            }),
            Step::Leave(node) if ptr::eq::<Node>(node, self.root) => None,
            Step::Leave(node) => match node.next_sibling.get() {
                Some(sibling) => Some(Step::Enter(sibling)),
                None => node.parent.get().map(Step::Leave),
            },
        };
    }
}

impl<'a> Iterator for Walk<'a> {
    type Item = Step<'a>;
    fn next(&mut self) -> Option<Step<'a>> {
        let step = self.next?;
        self.advance(step);
        self.last = Some(step);
        Some(step)
    }
}

/// Nesting depth beyond which start tags are dropped before parsing.
const MAX_DEPTH: usize = 400;

/// Whether a tag name never nests (void elements) or is closed implicitly
/// by its siblings (`p`, `li`, table cells): such tags do not add depth.
fn flat_tag(name: &[u8]) -> bool {
    // The longest flat name is "!doctype".
    let mut lower = [0u8; 8];
    let Some(lower) = lower.get_mut(..name.len()) else { return false };
    for (l, b) in lower.iter_mut().zip(name) {
        *l = b.to_ascii_lowercase();
    }
    matches!(
        &*lower,
        b"area" | b"base" | b"br" | b"col" | b"embed" | b"hr" | b"img" | b"input" | b"link" | b"meta" | b"param"
            | b"source" | b"track" | b"wbr" | b"p" | b"li" | b"dt" | b"dd" | b"option" | b"tr" | b"td" | b"th"
            | b"!doctype"
    )
}

/// Guards the parser against pathological nesting.
///
/// html5ever checks its stack of open elements on every start tag ("is a
/// `<p>` in button scope?"), so 100,000 nested `<div>`s cost quadratic
/// time. Real pages nest a few dozen levels; this pass estimates the depth
/// from the tags and, only when it passes 400 levels, drops the start
/// tags (and as many matching end tags) beyond it. Text is never dropped.
pub fn limit_nesting(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut kept: Vec<Range<usize>> = Vec::new();
    let mut copied_to = 0;
    let mut depth = 0usize;
    let mut dropped_open = 0usize;
    let mut pos = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[pos..]) {
        let start = pos + offset;
        if bytes[start..].starts_with(b"<!--") {
            pos = memchr::memmem::find(&bytes[start..], b"-->").map_or(bytes.len(), |e| start + e + 3);
            continue;
        }
        let Some(close) = memchr::memchr(b'>', &bytes[start..]) else { break };
        let end = start + close + 1;
        pos = end;
        let is_end = bytes.get(start + 1) == Some(&b'/');
        let name_start = start + 1 + usize::from(is_end);
        let name_len = bytes[name_start..end].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'!').count();
        if name_len == 0 || flat_tag(&bytes[name_start..name_start + name_len]) || bytes[..end].ends_with(b"/>") {
            continue;
        }
        let drop = if is_end {
            if dropped_open > 0 {
                dropped_open -= 1;
                true
            } else {
                depth = depth.saturating_sub(1);
                false
            }
        } else if depth >= MAX_DEPTH {
            dropped_open += 1;
            true
        } else {
            depth += 1;
            false
        };
        if drop {
            kept.push(copied_to..start);
            copied_to = end;
        }
    }
    if kept.is_empty() {
        return Cow::Borrowed(html);
    }
    kept.push(copied_to..bytes.len());
    // Ranges start and end at ASCII '<' / '>' boundaries: valid UTF-8.
    Cow::Owned(kept.into_iter().map(|r| &html[r]).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_visits_every_node_once() {
        let arena = Arena::new();
        let doc = parse("<div><p>a<b>b</b></p><p>c</p></div>", &arena, |_| true);
        let entered = Walk::new(doc).filter(|s| matches!(s, Step::Enter(_))).count();
        let left = Walk::new(doc).filter(|s| matches!(s, Step::Leave(_))).count();
        assert_eq!(entered, left);
        // document, html, head, body, div, p, "a", b, "b", p, "c"
        assert_eq!(entered, 11);
    }

    #[test]
    fn text_the_caller_does_not_read_is_dropped() {
        let arena = Arena::new();
        let no_code = |node: &Node<'_>| node.tag() != Some(&local_name!("code"));
        let doc = parse("<p>a<code>b\nc</code>d</p>", &arena, no_code);
        let texts: Vec<String> = Walk::new(doc)
            .filter_map(|step| match step {
                Step::Enter(Node { data: NodeData::Text(text), .. }) => Some(text.borrow().to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["a", "d"]);
    }

    #[test]
    fn flat_tags_in_any_case() {
        for name in ["p", "LI", "!DOCTYPE", "img", "Source"] {
            assert!(flat_tag(name.as_bytes()), "{name}");
        }
        for name in ["div", "pre", "sources", "!doctypes", ""] {
            assert!(!flat_tag(name.as_bytes()), "{name}");
        }
    }

    /// Elements (with their attributes) and texts in document order,
    /// leaving out the text of scripts and style sheets.
    fn shape(root: NodeRef<'_>) -> Vec<String> {
        let in_code = |node: NodeRef<'_>| node.parent().and_then(|p| p.tag()).is_some_and(|t| *t == local_name!("script") || *t == local_name!("style"));
        let mut shape = Vec::new();
        for step in Walk::new(root) {
            let Step::Enter(node) = step else { continue };
            match &node.data {
                NodeData::Element { name, .. } => {
                    let mut attrs = String::new();
                    node.for_each_attr(|n, v| attrs.push_str(&format!(" {n}={v:?}")));
                    shape.push(format!("<{:?} {}{attrs}>", name.ns, name.local));
                }
                NodeData::Text(text) if !in_code(node) => shape.push(text.borrow().to_string()),
                _ => {}
            }
        }
        shape
    }

    fn no_code(node: &Node<'_>) -> bool {
        !matches!(node.tag(), Some(&local_name!("script") | &local_name!("style")))
    }

    #[test]
    fn pages_parse_alike_without_their_code() {
        let pages = [
            // Code removed.
            "<html><head><style>p { color: red }</style><script>if (a < b) { x('</p>'); }</script></head><body><p>a</p><SCRIPT type=x>y()</SCRIPT ><p>b</p></body></html>",
            // Not code, or code that is kept: comments, raw text, attribute
            // values, SVG, escaped scripts, JSON-LD, named style sheets.
            "<body><!-- <script>x</script> --><textarea><script>y</script></textarea><noscript><style>z</style></noscript><p>a</p></body>",
            "<body><div title=\"<script>x</script>\" class='<style>y</style>'>a</div><script>z</script></body>",
            "<body><svg><script>if (a<b) {}</script><style>c<d</style></svg><p>a</p><script>e</script></body>",
            "<body><script><!--<script>a</script>b</script><p>c</p></body>",
            "<body><script type=\"application/ld+json\">{}</script><style class=\"byline\">By A</style><script>d</script></body>",
            "<body><script>never closed <p>a</p>",
            "<body><p>a<plaintext><script>b</script>",
        ];
        for page in pages {
            let arena = Arena::new();
            let full = shape(parse(page, &arena, no_code));
            let without = shape(parse_without_code(page, &arena, no_code));
            assert_eq!(full, without, "{page}");
        }
        assert_eq!(strip_code(pages[0]).map(|(_, removed)| removed), Some(3));
        assert!(strip_code(pages[1]).is_none());
    }

    #[test]
    fn shallow_pages_are_untouched() {
        let html = "<div><div><p>text</p></div></div>";
        assert!(matches!(limit_nesting(html), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_capped_and_text_kept() {
        let html = format!("{}deep text{}", "<div class=x>".repeat(100_000), "</div>".repeat(100_000));
        let limited = limit_nesting(&html);
        assert!(limited.len() < 20_000);
        assert!(limited.contains("deep text"));
        let arena = Arena::new();
        let doc = parse(&limited, &arena, |_| true);
        let mut depth = 0usize;
        let mut max = 0;
        for step in Walk::new(doc) {
            match step {
                Step::Enter(_) => depth += 1,
                Step::Leave(_) => depth -= 1,
            }
            max = max.max(depth);
        }
        assert!(max <= MAX_DEPTH + 10, "{max}");
    }
}
