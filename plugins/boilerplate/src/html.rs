//! HTML mode: find the article in a page and write it out as clean text.
//!
//! One iterative walk over the parsed tree ([`collect`]) turns the page
//! into *blocks* (the text of one paragraph, heading, list item, ...) and
//! *containers* (the block-level elements, with their class/id hints),
//! and gathers the metadata the head and the markup declare. Scoring and
//! selection then work on these flat arrays; see the crate docs for the
//! model.


use html5ever::{local_name, LocalName};

use crate::blocks::{classify, smooth, BlockClass, Features};
use crate::dom::{self, NodeRef, Step, Walk};
use crate::meta::{self, DateItem, Item, Metadata};
use crate::signals::{self, NameHint};
use crate::Options;

/// The structural role of a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BlockKind {
    Paragraph,
    Heading(u8),
    ListItem,
    Quote,
    Preformatted,
    Caption,
    Other,
}

/// The text of one block-level element (minus nested blocks).
struct Block {
    text: String,
    /// Visible characters (whitespace excluded).
    chars: usize,
    /// Visible characters inside links.
    link_chars: usize,
    /// The innermost container.
    container: usize,
    kind: BlockKind,
}

/// A block-level element. Containers are numbered in document order, so a
/// parent always comes before its children, and a container's blocks
/// form the contiguous range `first_block..end_block`.
struct Container {
    parent: Option<usize>,
    /// Chrome by tag or role (`nav`, `aside`, `footer`, `role=navigation`).
    chrome_tag: bool,
    /// Article by tag or microdata (`article`, `main`, `itemprop=articleBody`).
    content_tag: bool,
    hint: NameHint,
    /// Hash of the tag name and class attribute: siblings with the same
    /// signature are items of one repeated structure.
    signature: u64,
    /// An item of a list of teasers (see [`mark_teaser_lists`]).
    teaser: bool,
    /// A figure or a caption/credit box: media furniture of the article.
    media: bool,
    /// An embedded post (`twitter-tweet`, `social-embed`): quoted in the
    /// article, so its `social` or `share` name does not make it chrome.
    embed: bool,
    /// An author's biography box (see [`is_bio_name`]).
    bio: bool,
    /// A `<footer>` element without a landmark role (see
    /// [`unmark_prose_footers`]).
    footer: bool,
    /// Its names mix chrome and content words (see [`head_hint`]).
    mixed_names: bool,
    first_block: usize,
    end_block: usize,
}

/// Metadata candidates gathered during the walk, best source first.
#[derive(Default)]
struct Found {
    page_title: String,
    og_title: Option<String>,
    h1: Option<String>,
    dates: Vec<(u8, String, &'static str)>,
    authors: Vec<(u8, String)>,
    json_ld: Vec<String>,
}

/// The walk's output.
struct Page {
    blocks: Vec<Block>,
    containers: Vec<Container>,
    found: Found,
}

/// How an element takes part in extraction.
enum Role {
    /// Its subtree is never text (scripts, forms' controls, media, ...).
    Skip,
    /// A block-level element: starts and ends blocks.
    Block(BlockKind),
    /// Inline: its text joins the current block.
    Inline,
}

fn role_of(tag: &LocalName) -> Role {
    match *tag {
        local_name!("script")
        | local_name!("style")
        | local_name!("noscript")
        | local_name!("template")
        | local_name!("svg")
        | local_name!("math")
        | local_name!("iframe")
        | local_name!("object")
        | local_name!("embed")
        | local_name!("canvas")
        | local_name!("select")
        | local_name!("option")
        | local_name!("button")
        | local_name!("input")
        | local_name!("textarea")
        | local_name!("audio")
        | local_name!("video")
        | local_name!("picture")
        | local_name!("map")
        | local_name!("dialog")
        | local_name!("title")
        | local_name!("label") => Role::Skip,
        local_name!("p") => Role::Block(BlockKind::Paragraph),
        local_name!("h1") => Role::Block(BlockKind::Heading(1)),
        local_name!("h2") => Role::Block(BlockKind::Heading(2)),
        local_name!("h3") => Role::Block(BlockKind::Heading(3)),
        local_name!("h4") => Role::Block(BlockKind::Heading(4)),
        local_name!("h5") => Role::Block(BlockKind::Heading(5)),
        local_name!("h6") => Role::Block(BlockKind::Heading(6)),
        local_name!("li") | local_name!("dt") | local_name!("dd") => Role::Block(BlockKind::ListItem),
        local_name!("blockquote") => Role::Block(BlockKind::Quote),
        local_name!("pre") => Role::Block(BlockKind::Preformatted),
        local_name!("figcaption") | local_name!("caption") => Role::Block(BlockKind::Caption),
        local_name!("div")
        | local_name!("section")
        | local_name!("article")
        | local_name!("main")
        | local_name!("aside")
        | local_name!("nav")
        | local_name!("header")
        | local_name!("footer")
        | local_name!("ul")
        | local_name!("ol")
        | local_name!("dl")
        | local_name!("table")
        | local_name!("thead")
        | local_name!("tbody")
        | local_name!("tfoot")
        | local_name!("tr")
        | local_name!("td")
        | local_name!("th")
        | local_name!("form")
        | local_name!("fieldset")
        | local_name!("figure")
        | local_name!("address")
        | local_name!("center")
        | local_name!("hgroup")
        | local_name!("details")
        | local_name!("summary")
        | local_name!("body")
        | local_name!("html")
        | local_name!("hr") => Role::Block(BlockKind::Other),
        _ => Role::Inline,
    }
}

/// Whether an element is hidden from readers.
fn is_hidden(node: NodeRef<'_>) -> bool {
    let mut hidden = false;
    node.for_each_attr(|name, value| match *name {
        local_name!("hidden") => hidden = true,
        local_name!("aria-hidden") => hidden |= value.trim().eq_ignore_ascii_case("true"),
        local_name!("style") => {
            hidden |= contains_compacted(value, "display:none") || contains_compacted(value, "visibility:hidden");
        }
        _ => {}
    });
    hidden
}

/// Whether `text` with its whitespace removed contains `pattern` (lower-case
/// ASCII), ignoring ASCII case: `display: None` holds `display:none`.
fn contains_compacted(text: &str, pattern: &str) -> bool {
    let mut rest = text.chars().filter(|c| !c.is_whitespace());
    loop {
        let mut probe = rest.clone();
        if pattern.chars().all(|p| probe.next().is_some_and(|c| c.to_ascii_lowercase() == p)) {
            return true;
        }
        if rest.next().is_none() {
            return false;
        }
    }
}

/// Whether `text` contains `pattern` (lower-case ASCII), ignoring ASCII case.
fn contains_ignore_ascii_case(text: &str, pattern: &str) -> bool {
    text.as_bytes().windows(pattern.len()).any(|w| w.eq_ignore_ascii_case(pattern.as_bytes()))
}

/// The text of a subtree (for titles and bylines), whitespace-normalised.
fn subtree_text(node: NodeRef<'_>, limit: usize) -> String {
    let mut text = String::new();
    let mut walk = Walk::new(node);
    while let Some(step) = walk.next() {
        let Step::Enter(n) = step else { continue };
        if let Some(tag) = n.tag() {
            if !std::ptr::eq(n, node) && matches!(role_of(tag), Role::Skip) {
                walk.skip_children();
            }
        } else if let dom::NodeData::Text(t) = &n.data {
            text.push_str(&t.borrow());
            text.push(' ');
            if text.len() > limit {
                break;
            }
        }
    }
    signals::normalize_whitespace(&text)
}

/// Date and author sources of `<meta>`, with a priority (lower is better).
fn meta_kind(key: &str) -> Option<(bool, u8)> {
    let key = key.to_ascii_lowercase();
    let date = match key.as_str() {
        "article:published_time" | "datepublished" | "og:published_time" | "article.published" => Some(0),
        "pubdate" | "publishdate" | "publish-date" | "publish_date" | "date" | "dc.date" | "dc.date.issued"
        | "dcterms.date" | "dc.date.created" | "sailthru.date" | "parsely-pub-date" | "citation_publication_date"
        | "article_date_original" | "original-publish-date" | "displaydate" | "dcterms.created" => Some(1),
        "article:modified_time" | "datemodified" | "last-modified" | "og:updated_time" => Some(4),
        _ => None,
    };
    if let Some(p) = date {
        return Some((true, p));
    }
    let author = match key.as_str() {
        "author" | "article:author" | "dc.creator" | "parsely-author" | "sailthru.author" | "byl" | "dcterms.creator" => {
            Some(1)
        }
        _ => None,
    };
    author.map(|p| (false, p))
}

/// Walks the tree once: blocks, containers and metadata.
fn collect(root: NodeRef<'_>) -> Page {
    struct Frame {
        block: bool,
        link: bool,
        container: Option<usize>,
    }
    let mut page = Page { blocks: Vec::new(), containers: Vec::new(), found: Found::default() };
    let mut frames: Vec<Frame> = Vec::new();
    let mut buffer = String::new();
    let mut chars = 0usize;
    let mut link_chars = 0usize;
    let mut pending_space = false;
    let mut link_depth = 0usize;
    let mut current_container: Option<usize> = None;
    let mut block_kinds: Vec<BlockKind> = Vec::new();
    let mut names = ContainerNames::default();

    let flush = |page: &mut Page,
                 buffer: &mut String,
                 chars: &mut usize,
                 link_chars: &mut usize,
                 container: Option<usize>,
                 kind: BlockKind| {
        let text = buffer.trim();
        if *chars > 0 {
            if let Some(container) = container {
                page.blocks.push(Block {
                    text: text.to_owned(),
                    chars: *chars,
                    link_chars: *link_chars,
                    container,
                    kind,
                });
            }
        }
        buffer.clear();
        *chars = 0;
        *link_chars = 0;
    };

    let mut walk = Walk::new(root);
    while let Some(step) = walk.next() {
        match step {
            Step::Enter(node) => match &node.data {
                dom::NodeData::Text(text) => {
                    // Word by word: a run of whitespace becomes one space
                    // (none at the start of a block or line).
                    let text = text.borrow();
                    let mut rest: &str = &text;
                    loop {
                        let word_start = rest.trim_start();
                        pending_space |= word_start.len() < rest.len();
                        if word_start.is_empty() {
                            break;
                        }
                        let end = word_start.find(char::is_whitespace).unwrap_or(word_start.len());
                        let word = &word_start[..end];
                        if pending_space && !buffer.is_empty() && !buffer.ends_with('\n') {
                            buffer.push(' ');
                        }
                        pending_space = false;
                        buffer.push_str(word);
                        let visible = word.chars().count();
                        chars += visible;
                        if link_depth > 0 {
                            link_chars += visible;
                        }
                        rest = &word_start[end..];
                    }
                }
                dom::NodeData::Element { .. } => {
                    let Some(tag) = node.tag() else { continue };
                    gather_metadata(node, tag, &mut page.found);
                    if *tag == local_name!("br") {
                        if !buffer.is_empty() && !buffer.ends_with('\n') {
                            buffer.push('\n');
                        }
                        pending_space = false;
                        continue;
                    }
                    let role = role_of(tag);
                    if matches!(role, Role::Skip) || is_hidden(node) {
                        walk.skip_children();
                        frames.push(Frame { block: false, link: false, container: None });
                        continue;
                    }
                    let link = *tag == local_name!("a");
                    if link {
                        link_depth += 1;
                    }
                    match role {
                        Role::Block(kind) => {
                            let kind_now = block_kinds.last().copied().unwrap_or(BlockKind::Other);
                            flush(&mut page, &mut buffer, &mut chars, &mut link_chars, current_container, kind_now);
                            pending_space = false;
                            let id = page.containers.len();
                            page.containers.push(container_of(node, tag, current_container, page.blocks.len(), &mut names));
                            frames.push(Frame { block: true, link, container: current_container });
                            current_container = Some(id);
                            // Nested blocks inherit a list/quote role from
                            // their parent (a <p> in an <li> is a list item).
                            let inherited = match (kind, block_kinds.last()) {
                                (BlockKind::Other | BlockKind::Paragraph, Some(k @ (BlockKind::ListItem | BlockKind::Quote | BlockKind::Caption))) => *k,
                                _ => kind,
                            };
                            block_kinds.push(inherited);
                        }
                        _ => frames.push(Frame { block: false, link, container: None }),
                    }
                }
                _ => {}
            },
            Step::Leave(node) => {
                if node.tag().is_none() {
                    continue;
                }
                if node.tag() == Some(&local_name!("br")) {
                    continue;
                }
                let Some(frame) = frames.pop() else { continue };
                if frame.link {
                    link_depth = link_depth.saturating_sub(1);
                }
                if frame.block {
                    let kind = block_kinds.pop().unwrap_or(BlockKind::Other);
                    flush(&mut page, &mut buffer, &mut chars, &mut link_chars, current_container, kind);
                    pending_space = false;
                    if let Some(id) = current_container {
                        page.containers[id].end_block = page.blocks.len();
                    }
                    current_container = frame.container;
                }
            }
        }
    }
    let kind = block_kinds.last().copied().unwrap_or(BlockKind::Other);
    flush(&mut page, &mut buffer, &mut chars, &mut link_chars, current_container, kind);
    page
}

/// What an element's class and id names say about it (the fields of
/// [`Container`] of the same names).
#[derive(Clone, Copy)]
struct NameTraits {
    hint: NameHint,
    mixed_names: bool,
    /// A caption or credit box (the tag may also make a container media).
    media: bool,
    embed: bool,
    /// A biography box is chrome even when also named for the article
    /// (`article__author-bios`, `post-author-bio`).
    bio: bool,
}

impl NameTraits {
    fn of(names: &str) -> NameTraits {
        let mut hint = if names.is_empty() { NameHint::default() } else { signals::name_hint(names) };
        let mixed_names = hint.chrome && hint.content;
        if mixed_names {
            hint = head_hint(names);
        }
        let lower = names.to_ascii_lowercase();
        NameTraits { hint, mixed_names, media: is_media_name(&lower), embed: is_embed_name(&lower), bio: is_bio_name(&lower) }
    }
}

/// The class and id names of the container being built, and the traits
/// of every set of names seen on the page (list items and cards repeat
/// theirs).
#[derive(Default)]
struct ContainerNames {
    current: String,
    traits: std::collections::HashMap<String, NameTraits>,
}

impl ContainerNames {
    /// The traits of the names in `current`.
    fn traits(&mut self) -> NameTraits {
        if let Some(traits) = self.traits.get(self.current.as_str()) {
            return *traits;
        }
        let traits = NameTraits::of(&self.current);
        self.traits.insert(self.current.clone(), traits);
        traits
    }
}

fn container_of(node: NodeRef<'_>, tag: &LocalName, parent: Option<usize>, first_block: usize, names: &mut ContainerNames) -> Container {
    use std::hash::{Hash, Hasher};
    let mut signature = std::collections::hash_map::DefaultHasher::new();
    tag.hash(&mut signature);
    let chrome_tag = matches!(*tag, local_name!("nav") | local_name!("aside") | local_name!("footer"));
    let mut chrome_role = false;
    let mut content_tag = matches!(*tag, local_name!("article") | local_name!("main"));
    names.current.clear();
    node.for_each_attr(|name, value| match *name {
        local_name!("class") | local_name!("id") => {
            if *name == local_name!("class") {
                value.trim().hash(&mut signature);
            }
            names.current.push_str(value);
            names.current.push(' ');
        }
        local_name!("role") => {
            let role = value.trim();
            chrome_role |= [
                "navigation",
                "complementary",
                "contentinfo",
                "banner",
                "menu",
                "menubar",
                "search",
                "dialog",
                "alertdialog",
            ]
            .iter()
            .any(|r| role.eq_ignore_ascii_case(r));
            content_tag |= role.eq_ignore_ascii_case("main") || role.eq_ignore_ascii_case("article");
        }
        local_name!("itemprop") => {
            content_tag |= contains_ignore_ascii_case(value, "articlebody") || value.eq_ignore_ascii_case("text");
        }
        _ => {}
    });
    let footer = *tag == local_name!("footer") && !chrome_role;
    let chrome_tag = chrome_tag || chrome_role;
    let NameTraits { hint, mixed_names, media, embed, bio } = names.traits();
    let signature = signature.finish();
    let media = matches!(*tag, local_name!("figure") | local_name!("figcaption")) || media;
    Container { parent, chrome_tag, content_tag, hint, signature, teaser: false, media, embed, bio, footer, mixed_names, first_block, end_block: first_block }
}

/// Resolves class/id names that mix chrome and content words by each
/// name's *head*, its last classified word: `article__share-tools` and
/// `cnnArticleGalleryNav` are chrome named within the article's
/// namespace, `story-body` is content, and `post-content comments`
/// (one name of each) stays both.
fn head_hint(names: &str) -> NameHint {
    let mut hint = NameHint::default();
    for name in names.split_whitespace() {
        let mut words: Vec<&str> = Vec::new();
        let mut start = None;
        let bytes = name.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            let camel = i > 0 && b.is_ascii_uppercase() && bytes[i - 1].is_ascii_lowercase();
            if !b.is_ascii_alphabetic() || camel {
                if let Some(s) = start.take() {
                    words.push(&name[s..i]);
                }
            }
            if b.is_ascii_alphabetic() && start.is_none() {
                start = Some(i);
            }
        }
        if let Some(s) = start {
            words.push(&name[s..]);
        }
        let head = words.iter().rev().map(|w| signals::name_hint(w)).find(|h| h.chrome || h.content);
        if let Some(head) = head {
            hint.chrome |= head.chrome;
            hint.content |= head.content && !head.chrome;
        }
    }
    hint
}

/// Whether lower-cased class/id names mark a caption or a photo credit
/// (`wp-caption-text`, `imageCaption`, `photo-credit`, `imageCredit`);
/// a name must end with `credit` (not `credit-card-guide`).
fn is_media_name(lower: &str) -> bool {
    lower.contains("caption")
        || lower.split_whitespace().any(|name| {
            let name = name.trim_end_matches(|c: char| !c.is_ascii_alphabetic());
            name.ends_with("credit") || name.ends_with("credits")
        })
}

/// Whether lower-cased class/id names mark an author's biography box
/// (`bio_info`, `article__author-bios`, `contributor-bio`): the
/// writer's résumé under the article, not the article.
fn is_bio_name(lower: &str) -> bool {
    lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|token| matches!(token, "bio" | "bios" | "biography" | "authorbio" | "contributor" | "contributors"))
}

/// Whether lower-cased class/id names mark an embedded social post
/// (`twitter-tweet`, `instagram-media`, `social-media-embed`).
/// Share buttons (`retweet`, `share-twitter`) are not posts.
fn is_embed_name(lower: &str) -> bool {
    let mut words = lower.split(|c: char| !c.is_ascii_alphanumeric());
    let tweet = words.clone().any(|w| w == "tweet" || w == "tweets");
    let embed = words.any(|w| w.starts_with("embed"));
    let social = ["twitter", "facebook", "instagram", "tiktok", "social"].iter().any(|n| lower.contains(n));
    tweet || lower.contains("instagram-media") || (social && embed)
}

/// Collects titles, dates and authors that the markup declares.
fn gather_metadata(node: NodeRef<'_>, tag: &LocalName, found: &mut Found) {
    match *tag {
        local_name!("title") if found.page_title.is_empty() => {
            found.page_title = subtree_text(node, 1000);
        }
        local_name!("meta") => {
            let key = node
                .attr(&local_name!("property"))
                .or_else(|| node.attr(&local_name!("name")))
                .or_else(|| node.attr(&local_name!("itemprop")));
            let (Some(key), Some(content)) = (key, node.attr(&local_name!("content"))) else { return };
            if key.eq_ignore_ascii_case("og:title") || key.eq_ignore_ascii_case("twitter:title") {
                if found.og_title.is_none() && !content.trim().is_empty() {
                    found.og_title = Some(signals::normalize_whitespace(&content));
                }
            } else if let Some((is_date, priority)) = meta_kind(&key) {
                if is_date {
                    found.dates.push((priority, content.to_string(), "meta"));
                } else if !content.starts_with("http") && !content.trim().is_empty() {
                    found.authors.push((priority, signals::normalize_whitespace(&content)));
                }
            }
        }
        local_name!("script") => {
            if is_json_ld(node) {
                found.json_ld.push(subtree_text_raw(node));
            }
        }
        local_name!("time") => {
            if let Some(datetime) = node.attr(&local_name!("datetime")) {
                let published = node.attr(&local_name!("itemprop")).is_some_and(|p| p.contains("datePublished"))
                    || node.attr(&local_name!("class")).is_some_and(|c| c.contains("publish"));
                found.dates.push((if published { 0 } else { 3 }, datetime.to_string(), "time"));
            }
        }
        local_name!("h1") if found.h1.is_none() => {
            let text = subtree_text(node, 400);
            if !text.is_empty() {
                found.h1 = Some(text);
            }
        }
        _ => {
            if let Some(prop) = node.attr(&local_name!("itemprop")) {
                if prop.contains("datePublished") {
                    let value = node.attr(&local_name!("datetime")).or_else(|| node.attr(&local_name!("content")));
                    let value = value.map(|v| v.to_string()).unwrap_or_else(|| subtree_text(node, 100));
                    found.dates.push((0, value, "microdata"));
                } else if prop.contains("author") && found.authors.iter().all(|(p, _)| *p > 2) {
                    let text = subtree_text(node, 120);
                    if !text.is_empty() && text.len() < 100 {
                        found.authors.push((2, meta::byline_author(&text).unwrap_or(text)));
                    }
                }
            } else if found.authors.is_empty() {
                let mut is_byline = false;
                node.for_each_attr(|name, value| match *name {
                    local_name!("class") => {
                        is_byline |= value.split(|ch: char| !ch.is_ascii_alphanumeric()).any(|t| t.eq_ignore_ascii_case("byline"))
                    }
                    local_name!("rel") => is_byline |= value.trim() == "author",
                    _ => {}
                });
                if is_byline {
                    let text = subtree_text(node, 160);
                    if !text.is_empty() && text.len() < 120 {
                        found.authors.push((3, meta::byline_author(&text).unwrap_or(text)));
                    }
                }
            }
        }
    }
}

/// Whether the text directly inside `element` may be read: not a
/// script's code (JSON-LD aside) nor a style sheet, which [`collect`] and
/// [`subtree_text`] skip, unless [`gather_metadata`] may read the style
/// element itself as a byline or a date (it has an `itemprop`, `class` or
/// `rel` attribute).
fn text_is_read(element: &dom::Node<'_>) -> bool {
    match element.tag() {
        Some(&local_name!("script")) => is_json_ld(element),
        Some(&local_name!("style")) => {
            let mut named = false;
            element.for_each_attr(|name, _| {
                named |= matches!(*name, local_name!("itemprop") | local_name!("class") | local_name!("rel"))
            });
            named
        }
        _ => true,
    }
}

/// Whether a `<script>` holds JSON-LD.
fn is_json_ld(script: &dom::Node<'_>) -> bool {
    let mut json_ld = false;
    script.for_each_attr(|name, value| json_ld |= *name == local_name!("type") && value.contains("ld+json"));
    json_ld
}

/// The raw text of an element (the JSON of a JSON-LD script).
fn subtree_text_raw(node: NodeRef<'_>) -> String {
    let mut text = String::new();
    let mut child = node.first_child();
    while let Some(c) = child {
        if let dom::NodeData::Text(t) = &c.data {
            text.push_str(&t.borrow());
        }
        child = c.next_sibling();
    }
    text
}

/// What JSON-LD says about the article.
#[derive(Default)]
struct LinkedData {
    headline: Option<String>,
    date: Option<String>,
    author: Option<String>,
    body: Option<String>,
}

fn read_json_ld(scripts: &[String]) -> LinkedData {
    let mut data = LinkedData::default();
    for script in scripts {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(script.trim()) else { continue };
        // Breadth-first over objects (JSON-LD puts articles in arrays and @graph).
        let mut queue = vec![&value];
        while let Some(v) = queue.pop() {
            match v {
                serde_json::Value::Array(items) => queue.extend(items.iter()),
                serde_json::Value::Object(map) => {
                    if let Some(graph) = map.get("@graph") {
                        queue.push(graph);
                    }
                    let is_article = map.get("@type").is_some_and(|t| {
                        let types = match t {
                            serde_json::Value::String(s) => vec![s.as_str()],
                            serde_json::Value::Array(a) => a.iter().filter_map(|x| x.as_str()).collect(),
                            _ => vec![],
                        };
                        types.iter().any(|t| t.contains("Article") || *t == "BlogPosting" || *t == "Report" || *t == "WebPage" && map.contains_key("articleBody"))
                    });
                    if !is_article {
                        continue;
                    }
                    let text = |key: &str| map.get(key).and_then(|v| v.as_str()).map(str::to_owned);
                    data.headline = data.headline.take().or_else(|| text("headline"));
                    data.date = data.date.take().or_else(|| text("datePublished")).or_else(|| text("dateCreated"));
                    data.body = data.body.take().or_else(|| text("articleBody"));
                    if data.author.is_none() {
                        data.author = map.get("author").and_then(author_names);
                    }
                }
                _ => {}
            }
        }
    }
    data
}

fn author_names(value: &serde_json::Value) -> Option<String> {
    let name = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Object(m) => m.get("name").and_then(|n| n.as_str()).map(str::to_owned),
        _ => None,
    };
    let names: Vec<String> = match value {
        serde_json::Value::Array(items) => items.iter().filter_map(name).collect(),
        other => name(other).into_iter().collect(),
    };
    let names: Vec<String> = names.into_iter().filter(|n| !n.trim().is_empty() && !n.starts_with("http")).collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// Extracts the article of an HTML page.
pub fn extract(html: &str, options: &Options) -> (String, Metadata) {
    let html = dom::limit_nesting(html);
    let arena = dom::Arena::new();
    let root = dom::parse_without_code(&html, &arena, text_is_read);
    let mut page = collect(root);
    let linked = read_json_ld(&page.found.json_ld);

    // Quoted posts (embedded tweets are blockquotes full of links) are
    // judged on their words, not their links.
    let features: Vec<Features> = page
        .blocks
        .iter()
        .map(|b| {
            let link_chars = if b.kind == BlockKind::Quote { 0 } else { b.link_chars };
            Features::of(&b.text, b.chars, link_chars, b.kind_heading())
        })
        .collect();
    let mut classes: Vec<BlockClass> = features.iter().map(|f| classify(f, options.favor)).collect();
    for (i, block) in page.blocks.iter().enumerate() {
        if block.kind == BlockKind::Caption {
            classes[i] = BlockClass::Bad;
        }
    }
    unmark_prose_footers(&mut page, &classes);
    unmark_article_wrappers(&mut page);
    mark_teaser_lists(&mut page, &features);
    let (chosen, good) = choose_container(&page, &classes);

    let title = choose_title(&page.found, &linked);
    let mut kept: Vec<usize> = Vec::new();
    if let Some(container) = chosen {
        let range = page.containers[container].first_block..page.containers[container].end_block;
        let in_chrome: Vec<bool> = range.clone().map(|b| chrome_between(&page, &good, page.blocks[b].container, container)).collect();
        for (offset, b) in range.clone().enumerate() {
            if in_chrome[offset] {
                classes[b] = BlockClass::Bad;
            }
        }
        // Siblings: blocks whose containers share a parent.
        let groups: Vec<usize> = range.clone().map(|b| page.containers[page.blocks[b].container].parent.unwrap_or(usize::MAX)).collect();
        let texts: Vec<&str> = page.blocks[range.clone()].iter().map(|b| b.text.as_str()).collect();
        rescue_linked_prose(&mut classes[range.clone()], &features[range.clone()], &texts, &in_chrome, &groups);
        promote_paragraph_runs(&page, &mut classes, &features, range.clone());
        drop_closing_sections(&page, &features, &good, container, &mut classes);
        keep_announced_lists(&page, &features, container, &in_chrome, &mut classes);
        smooth(&mut classes[range.clone()], &features[range.clone()], &groups, options.favor);
        kept.extend(range.filter(|&b| classes[b].kept()));
    }
    if kept.is_empty() {
        // Fall back to all the text of the container holding the most text.
        if let Some(container) = largest_text_container(&page) {
            kept.extend(page.containers[container].first_block..page.containers[container].end_block);
        }
    }

    let mut body_parts: Vec<(&str, BlockKind)> = kept.iter().map(|&b| (page.blocks[b].text.as_str(), page.blocks[b].kind)).collect();
    // The headline is output once, first, whatever element repeats it
    // (a heading, or a styled paragraph above the article).
    if let Some(title) = &title {
        let title_key = alnum_key(title);
        body_parts.retain(|(text, _)| !has_key(text, &title_key));
    }
    drop_repeats(&mut body_parts);
    drop_leading_metadata(&mut body_parts);
    let body_chars: usize = body_parts.iter().map(|(t, _)| t.len()).sum();
    let body_from_ld;
    if let Some(body) = &linked.body {
        if body.len() > 400 && body_chars * 2 < body.len() {
            body_from_ld = body.clone();
            body_parts = body_from_ld.split('\n').map(str::trim).filter(|l| !l.is_empty()).map(|l| (l, BlockKind::Paragraph)).collect();
        }
    }

    let mut text = String::new();
    let mut metadata = Metadata::default();
    if let Some(title) = title {
        let span = options.keep_title.then(|| {
            text.push_str(&title);
            0..title.len()
        });
        metadata.title = Some(Item { value: title, span });
    }
    let mut previous: Option<BlockKind> = None;
    for (index, (part, kind)) in body_parts.iter().enumerate() {
        let mut part: &str = part;
        if index == 0 {
            if let Some(mut dateline) = meta::find_dateline(part) {
                let end = dateline.span.as_ref().map_or(0, |s| s.end);
                dateline.span = if options.keep_dateline {
                    let start = text.len() + if text.is_empty() { 0 } else { 2 };
                    Some(start..start + end)
                } else {
                    part = part[end..].trim_start();
                    None
                };
                metadata.dateline = Some(dateline);
            }
        }
        if !text.is_empty() {
            let tight = *kind == BlockKind::ListItem && previous == Some(BlockKind::ListItem);
            text.push_str(if tight { "\n" } else { "\n\n" });
        }
        text.push_str(part);
        previous = Some(*kind);
    }

    metadata.date = choose_date(&page.found, &linked);
    metadata.author = page
        .found
        .authors
        .iter()
        .min_by_key(|(p, _)| *p)
        .map(|(_, a)| a.clone())
        .or(linked.author)
        .map(|value| {
            // A span only for a byline near the top, not a later mention.
            let span = text.find(&value).filter(|s| *s < 400).map(|s| s..s + value.len());
            Item { value, span }
        });
    (text, metadata)
}

impl Block {
    fn kind_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Heading(_))
    }
}

/// HTML5 allows a `<footer>` inside an article for anything that closes
/// it, and some pages put a transcript or an appendix there: a footer
/// (not the page's `contentinfo` landmark) holding three or more `Good`
/// blocks and 600+ characters of them is not chrome by its tag.
fn unmark_prose_footers(page: &mut Page, classes: &[BlockClass]) {
    let n = page.blocks.len();
    for c in page.containers.iter_mut().filter(|c| c.footer) {
        let range = c.first_block.min(n)..c.end_block.min(n);
        let good: Vec<usize> = range.filter(|&b| classes[b] == BlockClass::Good).map(|b| page.blocks[b].chars).collect();
        if good.len() >= 3 && good.iter().sum::<usize>() >= 600 {
            c.chrome_tag = false;
        }
    }
}

/// A box around an `<article>` or `itemprop=articleBody` element is a
/// wrapper, whatever the head of its mixed names says (`post-slider`
/// holding the post).
fn unmark_article_wrappers(page: &mut Page) {
    for i in 0..page.containers.len() {
        if !page.containers[i].content_tag {
            continue;
        }
        let mut current = page.containers[i].parent;
        while let Some(c) = current {
            let container = &mut page.containers[c];
            if container.mixed_names && container.hint.chrome {
                container.hint.content = true;
            }
            current = container.parent;
        }
    }
}

/// Lists of teasers ("related stories", "more deals", a section front)
/// are the prose-like chrome that class names miss: each item is a linked
/// headline with a snippet of text, and the items repeat one markup
/// pattern. A teaser item is a container of at most 600 characters
/// holding two or more blocks, one of them almost all link (the
/// headline), and some unlinked text. Three or more teaser items among
/// siblings of the same tag and class (at least two thirds of those
/// siblings) make a teaser list, and its items count as chrome when
/// the rest of the page holds an article (1,000+ characters of unlinked
/// text).
fn mark_teaser_lists(page: &mut Page, features: &[Features]) {
    let n = page.blocks.len();
    let is_item = |c: &Container| {
        let (start, end) = (c.first_block.min(n), c.end_block.min(n));
        if end < start + 2 {
            return false;
        }
        let blocks = &features[start..end];
        let chars: usize = blocks.iter().map(|f| f.chars).sum();
        let linked_headline = blocks.iter().any(|f| f.chars >= 15 && f.link_density >= 0.8);
        let unlinked = blocks.iter().any(|f| f.chars >= 30 && f.link_density < 0.2);
        chars <= 600 && linked_headline && unlinked
    };
    // (parent, signature) -> (siblings, teaser items).
    let mut groups: std::collections::HashMap<(usize, u64), (usize, Vec<usize>)> = std::collections::HashMap::new();
    for (i, c) in page.containers.iter().enumerate() {
        let Some(parent) = c.parent else { continue };
        let entry = groups.entry((parent, c.signature)).or_default();
        entry.0 += 1;
        if is_item(c) {
            entry.1.push(i);
        }
    }
    let mut teasers: Vec<usize> = Vec::new();
    for (siblings, items) in groups.into_values() {
        if items.len() >= 3 && items.len() * 3 >= siblings * 2 {
            teasers.extend(items);
        }
    }
    // A lone card ("Trending": one story) says what it is by its shape:
    // two or three blocks opened by a linked heading, then its snippet.
    let blocks = &page.blocks;
    let lone_card = |c: &Container| {
        let start = c.first_block.min(n);
        let opens_with_link = blocks.get(start).is_some_and(|b| matches!(b.kind, BlockKind::Heading(_)))
            && features.get(start).is_some_and(|f| f.chars >= 15 && f.link_density >= 0.8);
        opens_with_link && c.end_block.min(n) <= start + 3 && is_item(c)
    };
    teasers.extend(page.containers.iter().enumerate().filter(|(_, c)| lone_card(c)).map(|(i, _)| i));
    // A page made of teasers (a section front, a hub page) has its
    // content in them: they are chrome only beside an article.
    let mut in_teaser = vec![false; n];
    for &i in &teasers {
        let c = &page.containers[i];
        in_teaser[c.first_block.min(n)..c.end_block.min(n)].iter_mut().for_each(|t| *t = true);
    }
    let prose_outside: usize =
        features.iter().zip(&in_teaser).filter(|(f, t)| !**t && f.chars >= 30 && f.link_density < 0.2).map(|(f, _)| f.chars).sum();
    if prose_outside >= 1000 {
        for i in teasers {
            page.containers[i].teaser = true;
        }
    }
}

/// Whether a container strictly between `inner` (inclusive) and `outer`
/// (exclusive) is page chrome. As in the container choice, a chrome name
/// on a container holding half of `outer`'s good text or more is a
/// wrapper's name (page builders call every box a "widget").
fn chrome_between(page: &Page, good: &[f64], inner: usize, outer: usize) -> bool {
    let mut current = Some(inner);
    while let Some(c) = current {
        if c == outer {
            return false;
        }
        if is_chrome(&page.containers[c]) && good[c] < 0.5 * good[outer] {
            return true;
        }
        current = page.containers[c].parent;
    }
    false
}

fn is_chrome(container: &Container) -> bool {
    container.chrome_tag
        || container.teaser
        || container.bio
        || (container.hint.chrome && !container.hint.content && !container.content_tag && !container.embed)
}

/// The model's core: each block gets a value (positive for article-like
/// text, negative for chrome), and the container whose blocks add up to
/// the highest value is the article. Values are summed with prefix sums,
/// so every container costs O(1).
/// Returns the chosen container and the good text (characters of `Good`
/// and `NearGood` blocks) of every container.
fn choose_container(page: &Page, classes: &[BlockClass]) -> (Option<usize>, Vec<f64>) {
    // A block inside chrome (by tag, role or class) counts against any
    // container that holds it, however good its text: comment threads
    // and "related" teasers are prose too. Chrome marks on a container
    // that holds most of the page's good text are wrappers' names, not
    // chrome (`<div class="page has-sidebar">`).
    let value_of = |class: BlockClass, chars: usize| -> f64 {
        let chars = chars as f64;
        match class {
            BlockClass::Good => chars,
            BlockClass::NearGood => 0.5 * chars,
            BlockClass::Short => -0.1 * chars,
            BlockClass::Bad => -0.6 * chars,
        }
    };
    let n = page.blocks.len();
    let mut good_prefix = vec![0.0f64; n + 1];
    for (i, block) in page.blocks.iter().enumerate() {
        let good = if matches!(classes[i], BlockClass::Good | BlockClass::NearGood) { block.chars as f64 } else { 0.0 };
        good_prefix[i + 1] = good_prefix[i] + good;
    }
    let total_good = good_prefix[n];
    let sum = |prefix: &[f64], c: &Container| prefix[c.end_block.min(n)] - prefix[c.first_block.min(n)];
    let good: Vec<f64> = page.containers.iter().map(|c| sum(&good_prefix, c)).collect();
    // Chrome containers that count (not wrappers of most good text).
    let counts_as_chrome: Vec<bool> =
        page.containers.iter().zip(&good).map(|(c, g)| is_chrome(c) && *g < 0.5 * total_good).collect();
    let mut in_chrome = vec![false; page.containers.len()];
    for (i, c) in page.containers.iter().enumerate() {
        in_chrome[i] = counts_as_chrome[i] || c.parent.is_some_and(|p| in_chrome[p]);
    }
    // Captions and credits are the article's media furniture: dropped
    // from the output, but no evidence against the container holding
    // them (a photo essay has more caption than prose).
    let mut value_prefix = vec![0.0f64; n + 1];
    for (i, block) in page.blocks.iter().enumerate() {
        let value = if is_media_block(page, block) {
            0.0
        } else if in_chrome[block.container] {
            value_of(BlockClass::Bad, block.chars)
        } else {
            value_of(classes[i], block.chars)
        };
        value_prefix[i + 1] = value_prefix[i] + value;
    }
    let mut best: Option<(usize, f64)> = None;
    for (i, c) in page.containers.iter().enumerate() {
        let mut score = sum(&value_prefix, c);
        if c.content_tag || (c.hint.content && !c.hint.chrome) {
            score += 0.1 * good[i];
        }
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((i, score));
        }
    }
    (best.filter(|(_, s)| *s > 0.0).map(|(i, _)| i), good)
}

/// Article paragraphs that cite their sources link a third or more of
/// their words, and news round-ups link each item's headline, which
/// makes them `Bad` on their own. Inside the article, with kept article
/// text on both sides (the nearest decided blocks, one of them its
/// sibling), a block is article text when it is a paragraph of 80+
/// characters with at most half of it linked and some function words
/// (or up to 70 % linked and as many function words as prose), or a
/// linked line of four or more words under 150 characters that is not
/// an inline promotion ([`is_inline_promotion`]).
fn rescue_linked_prose(classes: &mut [BlockClass], features: &[Features], texts: &[&str], in_chrome: &[bool], groups: &[usize]) {
    let decided: Vec<usize> = (0..classes.len()).filter(|&i| classes[i] != BlockClass::Short).collect();
    let original = classes.to_vec();
    for (k, &i) in decided.iter().enumerate() {
        let f = &features[i];
        let linked_prose = original[i] == BlockClass::Bad
            && !in_chrome[i]
            && !f.boilerplate
            && !f.heading
            && f.chars >= 80
            && ((f.link_density <= 0.5 && f.stats.stop_ratio() >= 0.12) || (f.link_density <= 0.7 && f.stats.stop_ratio() >= 0.2));
        let linked_title = original[i] == BlockClass::Bad
            && !in_chrome[i]
            && !f.boilerplate
            && (15..150).contains(&f.chars)
            && f.stats.words >= 4
            && !is_inline_promotion(texts[i]);
        let linked_prose = linked_prose || linked_title;
        if !linked_prose {
            continue;
        }
        let (Some(&before), Some(&after)) = (k.checked_sub(1).and_then(|k| decided.get(k)), decided.get(k + 1)) else { continue };
        if original[before].kept() && original[after].kept() && (groups[before] == groups[i] || groups[after] == groups[i]) {
            classes[i] = BlockClass::NearGood;
        }
    }
}

/// Whether a linked line is an inline promotion of another page: set in
/// capitals, or behind a label ("Related post: ...", "READ MORE: ...").
fn is_inline_promotion(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic());
    let (upper, all) = letters.fold((0, 0), |(u, a), c| (u + usize::from(c.is_uppercase()), a + 1));
    let labelled = text.split_once(": ").is_some_and(|(label, _)| label.split_whitespace().count() <= 3);
    labelled || (all > 0 && upper * 10 >= all * 8)
}

/// Sibling `<p>` elements are one text: two or more `NearGood`
/// paragraphs in a row under one parent (nothing else between them)
/// adding up to 120 characters are `Good`. Short news paragraphs at the
/// end of an article, after an inline promotion, would otherwise be
/// judged by the promotion.
fn promote_paragraph_runs(page: &Page, classes: &mut [BlockClass], features: &[Features], range: std::ops::Range<usize>) {
    const RUN_CHARS: usize = 120;
    let parent = |b: usize| page.containers[page.blocks[b].container].parent;
    let mut start = range.start;
    while start < range.end {
        let in_run = |b: usize| classes[b] == BlockClass::NearGood && page.blocks[b].kind == BlockKind::Paragraph;
        if !in_run(start) {
            start += 1;
            continue;
        }
        let mut end = start + 1;
        while end < range.end && in_run(end) && parent(end) == parent(start) {
            end += 1;
        }
        if end - start >= 2 && features[start..end].iter().map(|f| f.chars).sum::<usize>() >= RUN_CHARS {
            classes[start..end].iter_mut().for_each(|c| *c = BlockClass::Good);
        }
        start = end;
    }
}

/// A box that opens with "Comments", "Leave a reply", "Related
/// stories", "More from ...", "About the author" is a section after the
/// article even when its names are not chrome: inside the chosen
/// container, the blocks after such a heading that share its box (the
/// heading's parent element, holding less than half of the article's
/// good text) are dropped. When the heading sits in the article's own
/// box, only a list of links right after it goes (see
/// [`linked_list_after`]).
fn drop_closing_sections(page: &Page, features: &[Features], good: &[f64], chosen: usize, classes: &mut [BlockClass]) {
    let range = page.containers[chosen].first_block..page.containers[chosen].end_block;
    let mut b = range.start;
    while b < range.end {
        let block = &page.blocks[b];
        if block.chars > 80 || !signals::is_section_break(&block.text, &features[b].stats) {
            b += 1;
            continue;
        }
        // The heading element itself, then the box around it.
        let mut wrapper = block.container;
        let own = &page.containers[wrapper];
        if own.first_block == b && own.end_block <= b + 1 {
            match own.parent {
                Some(parent) => wrapper = parent,
                None => {
                    b += 1;
                    continue;
                }
            }
        }
        let section = &page.containers[wrapper];
        let inside = wrapper != chosen && section.first_block >= range.start && section.end_block <= range.end;
        if inside && good[wrapper] < 0.5 * good[chosen] {
            let end = section.end_block.clamp(b + 1, range.end);
            for class in &mut classes[b..end] {
                *class = BlockClass::Bad;
            }
            b = end;
        } else if let Some(end) = linked_list_after(page, b).filter(|&end| end <= range.end) {
            // In the article's own box: the list of links it introduces.
            for class in &mut classes[b..end] {
                *class = BlockClass::Bad;
            }
            b = end;
        } else {
            b += 1;
        }
    }
}

/// A list that a kept sentence announces ("Many patches were sent for
/// review:") is the article's, even when every item is a link: inside
/// the chosen container, the items of a list starting right after a
/// `Good`/`NearGood` paragraph of four or more words that ends with a
/// colon are kept.
fn keep_announced_lists(page: &Page, features: &[Features], chosen: usize, in_chrome: &[bool], classes: &mut [BlockClass]) {
    let range = page.containers[chosen].first_block..page.containers[chosen].end_block;
    for b in range.clone() {
        let block = &page.blocks[b];
        let announces = classes[b].kept()
            && block.kind == BlockKind::Paragraph
            && block.text.trim_end().ends_with(':')
            && features[b].stats.words >= 4;
        if !announces {
            continue;
        }
        let Some(first) = page.blocks.get(b + 1).filter(|f| f.kind == BlockKind::ListItem) else { continue };
        let Some(list) = page.containers[first.container].parent.map(|l| &page.containers[l]) else { continue };
        if list.first_block != b + 1 || list.end_block > range.end {
            continue;
        }
        for item in list.first_block..list.end_block {
            if !in_chrome[item - range.start] && !features[item].boilerplate {
                classes[item] = BlockClass::NearGood;
            }
        }
    }
}

/// The end of a list that starts right after block `b` when a third or
/// more of its text is links ("More stories" followed by headlines).
fn linked_list_after(page: &Page, b: usize) -> Option<usize> {
    let first = page.blocks.get(b + 1).filter(|f| f.kind == BlockKind::ListItem)?;
    let list = &page.containers[page.containers[first.container].parent?];
    if list.first_block != b + 1 {
        return None;
    }
    let items = page.blocks.get(list.first_block..list.end_block)?;
    let chars: usize = items.iter().map(|i| i.chars).sum();
    let linked: usize = items.iter().map(|i| i.link_chars).sum();
    (linked * 3 >= chars).then_some(list.end_block)
}

/// Whether a block is a caption or credit: a `figcaption`/`caption`, or
/// text within three levels of a figure or a caption-named box.
fn is_media_block(page: &Page, block: &Block) -> bool {
    if block.kind == BlockKind::Caption {
        return true;
    }
    let mut current = Some(block.container);
    for _ in 0..3 {
        let Some(c) = current else { break };
        if page.containers[c].media {
            return true;
        }
        current = page.containers[c].parent;
    }
    false
}

fn largest_text_container(page: &Page) -> Option<usize> {
    // The innermost container holding the block with the most text.
    page.blocks.iter().max_by_key(|b| b.chars).map(|b| b.container)
}

/// Pages that render the article twice (a mobile and a desktop copy, a
/// print version, a slideshow repeating the intro) would otherwise have
/// it twice in the output. A paragraph of 120+ letters whose text was
/// already output is such a copy and is dropped, and so is a shorter
/// repeated block next to one (the copy's headings). Short repeats alone
/// are kept: interviews repeat their questions, feature lists their labels.
fn drop_repeats(parts: &mut Vec<(&str, BlockKind)>) {
    const LONG: usize = 120;
    let mut seen = std::collections::HashSet::new();
    // (repeated, long) per block.
    let marks: Vec<(bool, bool)> = parts
        .iter()
        .map(|(text, _)| {
            let key = alnum_key(text);
            let long = key.chars().count() >= LONG;
            (!seen.insert(key), long)
        })
        .collect();
    let long_repeat = |i: usize| marks.get(i).is_some_and(|&(r, l)| r && l);
    let mut index = 0;
    parts.retain(|_| {
        let i = index;
        index += 1;
        let (repeated, _) = marks[i];
        !(repeated && (long_repeat(i) || long_repeat(i + 1) || i.checked_sub(1).is_some_and(long_repeat)))
    });
}

/// A byline or a date line above the article ("By Jane Doe", "Nov 18,
/// 2019", "Updated Monday, 2019-01-21 13:49") is metadata, reported as
/// records: short blocks (up to 12 words, not ending like a sentence)
/// before the first paragraph of 100+ characters that hold a full date
/// or open with "By" are dropped.
fn drop_leading_metadata(parts: &mut Vec<(&str, BlockKind)>) {
    let lead = parts.iter().position(|(text, _)| text.len() >= 100).unwrap_or(parts.len());
    let mut index = 0;
    parts.retain(|(text, _)| {
        let i = index;
        index += 1;
        if i >= lead {
            return true;
        }
        let trimmed = text.trim();
        let short = trimmed.split_whitespace().count() <= 12 && !trimmed.ends_with(['.', '!', '?', ':']);
        !(short && (meta::find_date(trimmed).is_some() || meta::byline_author(trimmed).is_some()))
    });
}

/// Lower-cased letters and digits only: the text as a comparison key.
fn alnum_key(s: &str) -> String {
    let mut key = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                key.push(c.to_ascii_lowercase());
            }
        } else if c.is_alphanumeric() {
            key.extend(c.to_lowercase());
        }
    }
    key
}

/// Whether `text`'s [`alnum_key`] is `key`, without building it.
fn has_key(text: &str, key: &str) -> bool {
    let mut wanted = key.chars();
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).all(|c| wanted.next() == Some(c))
        && wanted.next().is_none()
}

/// The headline: the `<h1>` when it agrees with the title tags, else
/// `og:title`/JSON-LD, else the `<title>` without its site name.
fn choose_title(found: &Found, linked: &LinkedData) -> Option<String> {
    let declared = found.og_title.clone().or_else(|| linked.headline.clone());
    let page_title = (!found.page_title.is_empty()).then(|| found.page_title.clone());
    if let Some(h1) = &found.h1 {
        let agrees = |t: &Option<String>| {
            t.as_ref().is_some_and(|t| {
                let t = t.to_lowercase();
                let h = h1.to_lowercase();
                h.len() >= 10 && (t.contains(&h) || h.contains(&meta::clean_title(&t)))
            })
        };
        if agrees(&declared) || agrees(&page_title) {
            return Some(h1.clone());
        }
    }
    declared.map(|t| meta::clean_title(&t)).or_else(|| page_title.map(|t| meta::clean_title(&t))).filter(|t| !t.is_empty())
}

fn choose_date(found: &Found, linked: &LinkedData) -> Option<DateItem> {
    let mut candidates: Vec<(u8, &str, &'static str)> =
        found.dates.iter().map(|(p, v, s)| (*p, v.as_str(), *s)).collect();
    if let Some(d) = &linked.date {
        candidates.push((0, d, "json-ld"));
    }
    candidates.sort_by_key(|(p, _, _)| *p);
    candidates.into_iter().find_map(|(_, raw, source)| {
        meta::parse_date(raw).map(|iso| DateItem { iso, raw: raw.trim().to_owned(), source, span: None })
    })
}

/// Byte range helper for tests.
#[cfg(test)]
pub(crate) fn span_of(text: &str, needle: &str) -> Option<std::ops::Range<usize>> {
    text.find(needle).map(|s| s..s + needle.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(html: &str) -> (String, Metadata) {
        extract(html, &Options::default())
    }

    #[test]
    fn keeps_article_drops_chrome() {
        let html = r##"<html><head><title>Harbour reopens after storm | Example Times</title>
        <meta property="article:published_time" content="2023-04-02T08:00:00Z"></head><body>
        <nav><ul><li><a href="/">Home</a></li><li><a href="/w">World</a></li><li><a href="/b">Business</a></li></ul></nav>
        <div id="cookie-banner">We use cookies to improve your experience. Accept all</div>
        <article><h1>Harbour reopens after storm</h1>
        <p class="byline">By Ana Lima</p>
        <p>The harbour reopened on Sunday after a week in which the storm had kept every ship at anchor outside the breakwater.</p>
        <p>Port officials said that the cranes were undamaged and that the first container ships would dock on Monday morning.</p>
        <h2>Losses</h2>
        <p>Fishermen, who could not go out for seven days, said that their losses were heavy but that they hoped to recover them.</p>
        <div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Tweet this</a></div>
        </article>
        <aside class="sidebar"><h3>Most read</h3><ul><li><a href="/1">Mayor resigns over budget row in the city council</a></li></ul></aside>
        <section id="comments"><h3>3 comments</h3><p>I think that the port should have been closed much earlier than it was, and that the council knew it.</p></section>
        <footer><p>© 2023 Example Times. All rights reserved.</p></footer></body></html>"##;
        let (text, meta) = run(html);
        assert!(text.starts_with("Harbour reopens after storm\n\n"), "{text}");
        assert!(text.contains("The harbour reopened on Sunday"));
        assert!(text.contains("Losses"));
        assert!(text.contains("hoped to recover them."));
        for dropped in ["Home", "cookies", "Share on", "Most read", "Mayor resigns", "port should have been", "All rights"] {
            assert!(!text.contains(dropped), "kept {dropped:?}: {text}");
        }
        assert_eq!(meta.date.as_ref().map(|d| d.iso.as_str()), Some("2023-04-02"));
        assert_eq!(meta.title.as_ref().and_then(|t| t.span.clone()), span_of(&text, "Harbour reopens after storm"));
        assert_eq!(meta.author.as_ref().map(|a| a.value.as_str()), Some("Ana Lima"));
    }

    #[test]
    fn article_rendered_twice_is_output_once_but_repeated_questions_stay() {
        let para = "The council voted on Tuesday to keep the ferry running through the winter, after a petition signed by most of the island's residents reached the mayor.";
        let other = "Operators said that the boats would run twice a day and that fares would not change before the spring, when the contract ends.";
        let html = format!(
            "<html><body><article><div class=\"mobile\"><h2>Winter service</h2><p>{para}</p><p>{other}</p></div>\
             <div class=\"desktop\"><h2>Winter service</h2><p>{para}</p><p>{other}</p></div></article></body></html>"
        );
        let (text, _) = run(&html);
        assert_eq!(text.matches("The council voted").count(), 1, "{text}");
        assert_eq!(text.matches("Operators said").count(), 1, "{text}");
        assert_eq!(text.matches("Winter service").count(), 1, "{text}");

        let question = "What made you start cooking for a living?";
        let html = format!(
            "<html><body><article><h3>{question}</h3><p>{para}</p><h3>{question}</h3><p>{other}</p></article></body></html>"
        );
        let (text, _) = run(&html);
        assert_eq!(text.matches(question).count(), 2, "{text}");
    }

    fn teaser_cards(count: usize) -> String {
        (0..count)
            .map(|i| {
                format!(
                    "<div class=\"card\"><a href=\"/story/{i}\"><h3>Story number {i} about the valley and the river</h3></a>\
                     <p>A short summary of story {i}, which tells of the people who live along the river, what they grow and sell, and how the floods changed them.</p></div>"
                )
            })
            .collect()
    }

    #[test]
    fn repeated_teaser_cards_beside_an_article_are_dropped() {
        let para = "The water company said on Friday that the reservoir had reached its lowest level in thirty years and that it would ask households to use less water until the autumn rains.";
        let body: String = (0..6).map(|i| format!("<p>{para} This was paragraph {i} of the report.</p>")).collect();
        let html = format!(
            "<html><body><div class=\"wrap\"><div class=\"text\"><h1>Reservoir at a thirty-year low</h1>{body}</div>\
             <div class=\"more\">{}</div></div></body></html>",
            teaser_cards(4)
        );
        let (text, _) = run(&html);
        assert!(text.contains("paragraph 5 of the report"), "{text}");
        assert!(!text.contains("A short summary"), "{text}");
    }

    #[test]
    fn a_page_made_of_teasers_keeps_them() {
        let html = format!("<html><body><main><h1>Our stories</h1>{}</main></body></html>", teaser_cards(4));
        let (text, _) = run(&html);
        assert!(text.contains("A short summary of story 2"), "{text}");
    }

    #[test]
    fn photo_captions_do_not_split_the_article_from_its_intro() {
        let intro = "Thousands marched through the old town on Saturday against the plan to close the river port, which employs more people than any other business in the district.";
        let body = "Organisers said that the march was the largest the town had seen in a decade, and that they would return every week until the council withdrew the plan.";
        let photos: String = (0..8)
            .map(|i| {
                format!(
                    "<figure><img src=\"/{i}.jpg\"><figcaption>Marchers carry banners past the town hall and the market square during the protest on Saturday, picture {i}.</figcaption>\
                     <p class=\"photo-credit\">Picture by A. Photographer</p></figure>"
                )
            })
            .collect();
        let html = format!(
            "<html><body><div class=\"story\"><div class=\"lede\"><p>{intro}</p></div><div class=\"gallery\"><div class=\"text\"><p>{body}</p></div>{photos}</div></div></body></html>"
        );
        let (text, _) = run(&html);
        assert!(text.contains("Thousands marched"), "{text}");
        assert!(text.contains("Organisers said"), "{text}");
        assert!(!text.contains("Marchers carry banners"), "{text}");
    }

    #[test]
    fn inline_styles_hide_whatever_their_spacing_and_case() {
        assert!(contains_compacted("color: red; Display : None", "display:none"));
        assert!(contains_compacted("visibility:\u{a0}hidden", "visibility:hidden"));
        assert!(!contains_compacted("display: block; none", "display:none"));
        assert!(!contains_compacted("", "display:none"));
        assert!(contains_ignore_ascii_case("mainEntity ArticleBody", "articlebody"));
        assert!(!contains_ignore_ascii_case("article", "articlebody"));
    }

    #[test]
    fn script_code_is_not_stored_but_json_ld_and_named_styles_are() {
        let html = r#"<html><head><script>var a = "<p>code</p>";</script><script type="application/ld+json">{"@type":"NewsArticle"}</script>
            <style>p { color: red }</style><style class="byline">By A. Writer</style></head><body><p>Text</p></body></html>"#;
        let arena = dom::Arena::new();
        let root = dom::parse(html, &arena, text_is_read);
        let mut texts = Vec::new();
        for step in Walk::new(root) {
            if let Step::Enter(node) = step {
                if let dom::NodeData::Text(text) = &node.data {
                    texts.push(text.borrow().trim().to_owned());
                }
            }
        }
        texts.retain(|t| !t.is_empty());
        assert_eq!(texts, ["{\"@type\":\"NewsArticle\"}", "By A. Writer", "Text"]);
    }

    #[test]
    fn caption_and_credit_names() {
        for name in ["wp-caption-text", "imagecaption", "photo-credit", "imagecredit", "media credits"] {
            assert!(is_media_name(name), "{name}");
        }
        for name in ["credit-card-guide", "article-body", "creditor-news"] {
            assert!(!is_media_name(name), "{name}");
        }
    }

    #[test]
    fn embedded_post_names() {
        for name in ["twitter-tweet", "instagram-media", "social-media-embed", "tiktok-embed", "embed-facebook"] {
            assert!(is_embed_name(name), "{name}");
        }
        for name in ["share retweet", "social-share twitter", "image-embed", "imageEmbedCaption"] {
            assert!(!is_embed_name(&name.to_ascii_lowercase()), "{name}");
        }
    }

    #[test]
    fn embedded_posts_are_quoted_even_in_social_named_boxes() {
        let para = "The mayor's new slogan for the tourist office was mocked by thousands of people online within hours of its launch on Monday morning.";
        let html = format!(
            "<html><body><article><p>{para}</p>\
             <div class=\"social-media-embed\"><blockquote class=\"twitter-tweet\"><p>Who approved this slogan, and how much did it cost us?</p>\
             &mdash; A Reader (@areader) <a href=\"https://example.org/status/1\">May 2, 2022</a></blockquote></div>\
             <p>{para}</p><div class=\"social-share\"><a href=\"#\">Share on Facebook</a></div></article></body></html>"
        );
        let (text, _) = run(&html);
        assert!(text.contains("Who approved this slogan"), "{text}");
        assert!(!text.contains("Share on Facebook"), "{text}");
    }

    #[test]
    fn a_paragraph_citing_its_sources_stays_between_article_paragraphs() {
        let before = "The ministry said on Thursday that the new bridge would open in March, two years later than planned, because the steel had to be ordered again after the first supplier went bankrupt.";
        let cited = "<p>According to <a href=\"/a\">the audit office</a>, the <a href=\"/b\">Harbour Line</a>, the <a href=\"/c\">North Tunnel</a> and two ferries cost the region more than planned.</p>";
        let after = "Engineers who inspected the site in January said that the foundations were sound and that the delay had not affected the quality of the work already done on the river banks.";
        let html = format!("<html><body><article><p>{before}</p>{cited}<p>{after}</p></article></body></html>");
        let (text, _) = run(&html);
        assert!(text.contains("According to the audit office"), "{text}");
        // Two thirds linked, but written as a sentence.
        let cited = "<p>He said that <a href=\"/a\">the report of the audit office on the bridge</a> was read by all of <a href=\"/b\">the members of the transport committee</a> in the first week of May.</p>";
        let html = format!("<html><body><article><p>{before}</p>{cited}<p>{after}</p></article></body></html>");
        let (text, _) = run(&html);
        assert!(text.contains("He said that the report"), "{text}");
        let menu = "<p><a href=\"/a\">Politics and the economy of the region</a> <a href=\"/b\">Sport</a> and <a href=\"/c\">Culture in the cities</a> of the north</p>";
        let html = format!("<html><body><article><p>{before}</p><p>{after}</p></article>{menu}</body></html>");
        let (text, _) = run(&html);
        assert!(!text.contains("Culture in the cities"), "{text}");
    }

    #[test]
    fn author_biographies_are_dropped() {
        let para = "The library will stay open until midnight during the exam weeks, the university said on Monday, after students collected two thousand signatures for longer hours.";
        let html = format!(
            "<html><body><div class=\"post-content\"><p>{para}</p><p>{para} It will also open on Sundays.</p>\
             <div class=\"author-bio post-author\"><p>Maria Example is a staff writer who covers universities, schools and research, and lives in the city with her two cats.</p></div></div></body></html>"
        );
        let (text, _) = run(&html);
        assert!(text.contains("also open on Sundays"), "{text}");
        assert!(!text.contains("staff writer"), "{text}");
    }

    #[test]
    fn a_box_opened_by_a_comments_heading_is_dropped() {
        let para = "The ferry company said on Wednesday that the crossing would resume next month, after the harbour authority approved the repairs to the ramp damaged in the storm.";
        let html = format!(
            "<html><body><div class=\"entry\"><p>{para}</p><p>{para} Tickets go on sale on Friday.</p>\
             <div class=\"box\"><h3>Comments</h3><p>Readers who insult each other or stray far from the topic of the story will find that their posts have been removed by the moderators.</p></div></div></body></html>"
        );
        let (text, _) = run(&html);
        assert!(text.contains("Tickets go on sale"), "{text}");
        assert!(!text.contains("stray far from the topic"), "{text}");
    }

    #[test]
    fn short_sibling_paragraphs_after_an_inline_promotion_stay() {
        let para = "The regional court ruled on Tuesday that the quarry may not expand towards the village, ending a dispute that began when the company bought the land nine years ago.";
        let html = format!(
            "<html><body><article><div class=\"body\"><p>{para}</p><p>{para} The company said it would appeal.</p>\
             <p><a href=\"/app\">Get our app for the latest local news</a></p>\
             <p>Dozens of residents cheered outside the court building after the ruling was read.</p><p>A lawyer for the company declined to comment on the decision when reached by phone.</p></div></article>\
             <div class=\"more\"><a href=\"/x\">Mayor opens the new library</a></div></body></html>"
        );
        let (text, _) = run(&html);
        assert!(text.contains("residents cheered"), "{text}");
        assert!(text.contains("declined to comment"), "{text}");
        assert!(!text.contains("Get our app"), "{text}");
    }

    #[test]
    fn a_lone_teaser_card_beside_the_article_is_dropped() {
        let para = "The water company said on Friday that the reservoir had reached its lowest level in thirty years and that it would ask households to use less water until the autumn rains.";
        let body: String = (0..6).map(|i| format!("<p>{para} This was paragraph {i} of the report.</p>")).collect();
        let html = format!(
            "<html><body><article>{body}\
             <div class=\"box\"><h3>Elsewhere</h3><div><h4><a href=\"/s\">Farmers count the cost of the dry summer</a></h4>\
             <p>Growers in the valley say that the harvest will be the smallest in a generation, and they ask the government for help after a summer without rain.</p></div></div></article></body></html>"
        );
        let (text, _) = run(&html);
        assert!(text.contains("paragraph 5 of the report"), "{text}");
        assert!(!text.contains("Growers in the valley"), "{text}");
    }

    #[test]
    fn the_headline_repeated_in_a_paragraph_is_output_once() {
        let para = "The council approved the new cycle lanes on Monday evening after a debate that lasted four hours and ended with a narrow vote of eleven to nine.";
        let html = format!(
            "<html><head><title>Council approves cycle lanes | Town Gazette</title></head><body><article>\
             <p class=\"headline\">Council approves cycle lanes</p><p>{para}</p><p>{para} Work starts in May.</p></article></body></html>"
        );
        let (text, meta) = run(&html);
        assert_eq!(text.matches("Council approves cycle lanes").count(), 1, "{text}");
        assert_eq!(meta.title.map(|t| t.value).as_deref(), Some("Council approves cycle lanes"));
    }

    #[test]
    fn a_footer_holding_prose_is_not_chrome_but_the_page_footer_is() {
        let lines: String = (0..6)
            .map(|i| format!("<p>Narrator, part {i}: the valley was flooded every spring until the dam was built, and the farmers who lived there moved their houses up the hill, one by one.</p>"))
            .collect();
        let intro: String = (0..9)
            .map(|i| format!("<p>Our film, part {i} of the series, follows the last family that farmed the valley floor before the water came, and asks what the region lost with it.</p>"))
            .collect();
        let about: String = (0..6)
            .map(|i| format!("<p>About us, note {i}: our newsroom has covered the region since the year it was founded, and it is funded by the readers who subscribe.</p>"))
            .collect();
        let html = format!(
            "<html><body><article><h1>The drowned valley</h1>{intro}\
             <footer class=\"transcript\"><h2>Transcript</h2>{lines}</footer></article>\
             <footer role=\"contentinfo\">{about}<p>Advertise with us: our rates and audience figures for the coming year are published on the page for advertisers.</p></footer></body></html>"
        );
        let (text, _) = run(&html);
        assert!(text.contains("Narrator, part 5"), "{text}");
        assert!(!text.contains("Advertise with us"), "{text}");
    }

    #[test]
    fn chrome_named_inside_the_article_namespace_is_chrome() {
        let hint = head_hint("articleGalleryNav article__share-tools");
        assert!(hint.chrome && !hint.content);
        let hint = head_hint("story-body");
        assert!(hint.content && !hint.chrome);
        let hint = head_hint("post-content comments");
        assert!(hint.content && hint.chrome);
        // Names in other scripts split safely.
        let hint = head_hint("日本Nav ñavBar-conteúdo основной");
        assert!(hint.chrome);

        let para = "The museum will reopen its west wing in June after three years of repairs to the roof, which was damaged by a fire that started in the workshop next door.";
        let html = format!(
            "<html><body><div class=\"post-slider\"><article><p>{para}</p><p>{para} Entry will be free.</p>\
             <div class=\"articleGalleryNav\"><span>Previous picture</span> <span>Next picture</span> <span>Show all pictures of the museum and its gardens</span></div>\
             <p>{para} The shop opens later.</p></article></div></body></html>"
        );
        let (text, _) = run(&html);
        assert!(text.contains("Entry will be free"), "{text}");
        assert!(text.contains("The shop opens later"), "{text}");
        assert!(!text.contains("Show all pictures"), "{text}");
    }

    #[test]
    fn a_list_of_links_introduced_by_more_stories_inside_the_body_is_dropped() {
        let para = "Neighbours said that the bakery on the corner had been open every morning for forty years, and that the owners knew the names of all their regular customers.";
        let items: String = (0..4)
            .map(|i| format!("<li><a href=\"/s{i}\">The town council votes on the harbour plan</a> and what it means for the people who live near it, part {i}</li>"))
            .collect();
        let html = format!(
            "<html><body><article><div class=\"body\"><p>{para}</p><p>{para} It closes on Friday.</p><p>{para} A party is planned.</p>\
             <h3>More Stories</h3><ul>{items}</ul></div></article></body></html>"
        );
        let (text, _) = run(&html);
        assert!(text.contains("A party is planned"), "{text}");
        assert!(!text.contains("harbour plan"), "{text}");
    }

    #[test]
    fn a_list_announced_by_a_colon_is_kept_even_when_linked() {
        let para = "The maintainers said on Monday that the new release fixes most of the crashes that users reported during the spring, and that it is faster on older machines.";
        let items: String = ["Fix the parser on empty files", "Allow tabs in the config", "Speed up the search index", "Remove the old plugin loader"]
            .iter()
            .enumerate()
            .map(|(i, t)| format!("<li><a href=\"/pr/{i}\">{t}</a></li>"))
            .collect();
        let html = format!(
            "<html><body><article><p>{para}</p><p>Several changes from outside contributors were merged for this release:</p><ul>{items}</ul><p>{para} Upgrading is advised.</p></article></body></html>"
        );
        let (text, _) = run(&html);
        assert!(text.contains("Speed up the search index"), "{text}");
        assert!(text.contains("Upgrading is advised"), "{text}");
    }

    #[test]
    fn bylines_and_date_lines_above_the_article_are_dropped() {
        let para = "The city council voted on Tuesday night to turn the old bus depot into a park, after a campaign by the residents of the surrounding streets that lasted six years.";
        let html = format!(
            "<html><body><article><h1>Depot becomes a park</h1><div>By Jan Example</div><div>March 4, 2021 10:15</div>\
             <p>{para}</p><p>{para} Work starts in June.</p><div>By the end of 2022</div></article></body></html>"
        );
        let (text, _) = run(&html);
        assert!(!text.contains("By Jan Example"), "{text}");
        assert!(!text.contains("March 4, 2021"), "{text}");
        assert!(text.contains("By the end of 2022"), "later lines stay: {text}");
    }

    #[test]
    fn linked_headlines_of_a_round_up_stay_but_inline_promotions_go() {
        let item = |i: usize| format!(
            "<p><a href=\"/x/{i}\">Harbour authority approves the new ferry terminal plan</a></p>\
             <p>The plan, number {i} on our list this morning, adds two berths and a waiting hall, and the work is due to begin in the spring after the tender.</p>"
        );
        let items: String = (0..4).map(item).collect();
        let intro = "<p>Here is the morning round-up of the news from the harbour, the shipyards and the ferry companies that our readers asked us to follow.</p>";
        let more = "<p>The shipyard said that the orders would keep its workers busy for three more years, and that it would hire forty apprentices this autumn.</p>";
        let html = format!(
            "<html><body><article>{intro}{items}<p><a href=\"/y\">MAYOR OPENS THE NEW LIBRARY IN THE OLD TOWN</a></p>{more}\
             <p><a href=\"/z\">Related: Mayor opens the new library in the old town</a></p>{more}</article></body></html>"
        );
        let (text, _) = run(&html);
        assert_eq!(text.matches("Harbour authority approves").count(), 4, "{text}");
        assert!(!text.contains("MAYOR OPENS"), "{text}");
        assert!(!text.contains("Related: Mayor"), "{text}");
    }
}
