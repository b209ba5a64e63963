//! gleaner's `boilerplate` transform: turns an HTML page or scraped plain
//! text into the clean text of its article, and reports the article's
//! title, byline, publication date and dateline as records.
//!
//! # Use
//!
//! As a plugin: `gleaner run PAGES --plugin boilerplate`, with settings
//! `favor` (`balanced`, `precision`, `recall`), `keep_title` and
//! `keep_dateline`. As a library: [`clean`] with [`Options`].
//!
//! # Organisation
//!
//! - [`dom`]: a lean arena tree for html5ever (no reference counting), an
//!   iterative walk, a guard against pathological nesting, and parsing
//!   that keeps scripts' and style sheets' code from the tokenizer.
//! - `html`: HTML mode: one walk turns the tree into blocks and
//!   containers, then the scoring model below picks the article.
//! - `text`: plain-text mode: the same model on lines.
//! - `blocks`: the block classifier and its context smoothing, shared by
//!   both modes.
//! - `signals`: stop words, template phrases, link-like tokens, the
//!   class/id vocabulary of page chrome.
//! - `meta`: dates, datelines, bylines, titles.
//!
//! # The scoring model
//!
//! 1. **Blocks.** Every block-level element (`p`, `h1`–`h6`, `li`,
//!    `blockquote`, `td`, `div`, ...) closes the text before it, so the
//!    page becomes a sequence of blocks in reading order, each knowing
//!    its innermost container. Scripts, styles, form controls, media,
//!    and elements hidden with `hidden`, `aria-hidden` or inline
//!    `display:none` are skipped; entities are decoded by the parser and
//!    whitespace is collapsed.
//! 2. **Block class** (jusText's idea, [`blocks::classify`]): from the
//!    block's visible length, link density (characters inside `<a>`;
//!    ignored in blockquotes, where embedded posts are all links),
//!    stop-word ratio (function words of seven European languages; in
//!    scripts without spaces, sentence punctuation or length instead) and template
//!    lines ("Share this", "All rights reserved", "12 comments", photo
//!    credits, crumb trails, button labels), a block is `Good` (prose of
//!    100+ characters), `NearGood`, `Short` or `Bad`. Figure and table
//!    captions are `Bad`.
//! 3. **Chrome.** Containers named like chrome (class/id tokens `nav`,
//!    `sidebar`, `comments`, `share`, `related`, `cookie`, `newsletter`,
//!    ... unless they also carry a content name such as `article-body`),
//!    and `nav`/`aside`/`footer` elements or landmark roles, make every
//!    block inside them `Bad` — except when such a container holds half
//!    the good text or more (of the page, or of the chosen container),
//!    which makes it a wrapper, not chrome. Refinements:
//!    - names mixing chrome and content words are read by their head
//!      word (`article__share-tools` is chrome, `story-body` content),
//!      and a box around an `<article>` is never chrome by such names;
//!    - an author's biography box (`bio`, `contributor`) is chrome even
//!      when also named for the article;
//!    - embedded social posts (`twitter-tweet`, `instagram-media`,
//!      `social-media-embed`) are quoted in the article, not chrome;
//!    - a `<footer>` (not the `contentinfo` landmark) with three or more
//!      `Good` blocks and 600+ characters of them (a transcript, an
//!      appendix) is not chrome by its tag;
//!    - only whole hidden class names (`hidden`, `d-none`, `sr-only`,
//!      ...) are chrome: responsive variants (`hidden-xs`) hide one of
//!      several copies of the content.
//!
//!    **Teaser lists** are chrome too, whatever their names: three or
//!    more sibling elements of one tag and class, each a linked headline
//!    plus a snippet (under 600 characters), and lone cards of two or
//!    three blocks opened by a linked heading, when the rest of the page
//!    holds an article (1,000+ characters of unlinked text).
//! 4. **Container choice.** Each block has a value: `Good` = its length,
//!    `NearGood` = half of it, `Short` = −0.1×, `Bad` = −0.6× its length;
//!    captions and credits (in figures or caption-named boxes) count 0:
//!    a photo essay's captions are no evidence against the article.
//!    The article is the container whose blocks add up to the highest
//!    value (+10 % of its good text for `article`, `main`,
//!    `itemprop=articleBody` or a content class name). This is the tree
//!    form of a maximum-sum segment: it grows to take in every part of a
//!    split article, and stops where navigation or comments would cost
//!    more than they add. Prefix sums make it one pass over containers.
//! 5. **Selection** ([`blocks::smooth`]). Inside the chosen container,
//!    blocks under chrome are dropped, then, in order:
//!    - between kept blocks, a paragraph of 80+ characters with up to
//!      half of it linked (70 % if it reads as prose: an article citing
//!      its sources) is kept, and so is a linked line of four or more
//!      words (a round-up's item headline) unless it is set in capitals
//!      or labelled ("Related: ...") like an inline promotion;
//!    - two or more `NearGood` sibling `<p>`s in a row adding up to 120
//!      characters count as `Good`;
//!    - the blocks of a box that opens with "Comments", "Related
//!      stories", "About the author" (the heading's parent, holding under
//!      half the article's good text) are dropped, and so is a list of
//!      links (a third or more linked) that such a heading introduces
//!      inside the article's own box;
//!    - the items of a list announced by a kept paragraph ending with a
//!      colon are kept, links or not;
//!    - two or more `NearGood` blocks in a row adding up to 250
//!      characters count as `Good` (news is written in short
//!      paragraphs); a short block is kept next to a kept block; a
//!      heading is kept before good text; a `NearGood` block is dropped
//!      between `Bad` blocks unless its nearest decided sibling is `Good`.
//! 6. **Output.** The title (the `<h1>` when it matches `og:title` or
//!    `<title>`, else those without the site name; any block repeating
//!    it is dropped), then the kept blocks separated by blank lines (list
//!    items by single line breaks). Bylines and date lines above the
//!    first long paragraph are dropped (they are records). A paragraph of 120+ letters already
//!    output (the article rendered twice, for two screen sizes) is
//!    dropped with the short blocks beside it. When JSON-LD
//!    `articleBody` is more than twice as long as the selection, it is
//!    used instead; when nothing is selected, the text of the container
//!    holding the longest block is returned.
//!
//! Plain text follows the same steps with lines as blocks and the input
//! as one sequence: a line not ending like a sentence waits for its
//! context, a short line seen twice is template (and a long one is kept
//! once), a line opening comments or related stories costs as much as a
//! few paragraphs, a comment thread (two or more "X wrote:" headers)
//! ends the run at the break before it, a "— Name (@handle) date" line
//! credits an embedded post and stays, the headline printed again under the page title marks
//! where the article starts, and the article is the maximum-sum run of
//! lines (Kadane) after it.
//!
//! `favor = "precision"` raises the prose thresholds and keeps a short
//! block only between kept blocks (or beside a kept sibling);
//! `"recall"` lowers the thresholds and keeps every `NearGood` block of
//! the chosen container.
//!
//! Deeply nested markup is flattened beyond 400 levels before parsing
//! ([`dom::limit_nesting`]): html5ever's scope checks would otherwise
//! cost quadratic time, and every walk here is iterative.

pub mod blocks;
pub mod dom;
mod html;
pub mod meta;
pub mod signals;
mod text;

use gleaner_sdk::{Config, Document, Error, Output, Plugin, Setting, Transform, Value};

pub use meta::Metadata;

/// Which way to lean when a block could be article or boilerplate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Favor {
    /// The default trade-off.
    #[default]
    Balanced,
    /// Drop borderline blocks (less boilerplate, some article text lost).
    Precision,
    /// Keep borderline blocks (all the article, some boilerplate kept).
    Recall,
}

/// How to clean a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Precision/recall trade-off.
    pub favor: Favor,
    /// Put the title first in the output.
    pub keep_title: bool,
    /// Keep the dateline ("PARIS (Agency) —") at the start of the article.
    pub keep_dateline: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { favor: Favor::Balanced, keep_title: true, keep_dateline: true }
    }
}

/// The clean text of a document and what was found about it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cleaned {
    /// The article text.
    pub text: String,
    /// Title, author, date, dateline; spans refer to `text`.
    pub metadata: Metadata,
}

/// Whether plain text is in fact an HTML page.
fn sniff_html(text: &str) -> bool {
    let head = text.trim_start_matches('\u{feff}').trim_start().as_bytes();
    let starts = |p: &str| head.len() >= p.len() && head[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    starts("<!doctype html") || starts("<html")
}

/// Cleans one document: HTML when `html` is true or the text starts like
/// an HTML page, plain text otherwise.
pub fn clean(text: &str, html: bool, options: &Options) -> Cleaned {
    let (text, metadata) =
        if html || sniff_html(text) { html::extract(text, options) } else { text::extract(text, options) };
    Cleaned { text, metadata }
}

/// The `boilerplate` transform.
pub struct Boilerplate {
    options: Options,
}

impl Plugin for Boilerplate {
    const ID: &'static str = "boilerplate";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");
    const DESCRIPTION: &'static str =
        "Extracts the article text of HTML pages and strips boilerplate lines from scraped text; emits title, author, date and dateline records.";
    const SETTINGS: &'static [Setting] = &[
        Setting::string("favor", "balanced", "balanced | precision | recall: which way to lean on borderline blocks"),
        Setting::bool("keep_title", true, "put the title first in the output text"),
        Setting::bool("keep_dateline", true, "keep the dateline (\"PARIS (Agency) —\") at the start of the article"),
    ];

    fn new(config: &Config) -> Result<Self, Error> {
        let favor = match config.string("favor")? {
            "balanced" => Favor::Balanced,
            "precision" => Favor::Precision,
            "recall" => Favor::Recall,
            other => return Err(format!("setting 'favor': expected balanced, precision or recall, got '{other}'").into()),
        };
        Ok(Boilerplate {
            options: Options { favor, keep_title: config.bool("keep_title")?, keep_dateline: config.bool("keep_dateline")? },
        })
    }
}

impl Transform for Boilerplate {
    fn transform(&mut self, doc: &Document<'_>, out: &mut Output<'_>) -> Result<Option<String>, Error> {
        let cleaned = clean(doc.text(), doc.is_html(), &self.options);
        emit_metadata(&cleaned, out);
        Ok(Some(cleaned.text))
    }
}

/// Emits the metadata records (zero-length at 0 for items not in the
/// text) and sets the `title` and `date` metadata of the document.
fn emit_metadata(cleaned: &Cleaned, out: &mut Output<'_>) {
    let meta = &cleaned.metadata;
    let span = |s: &Option<std::ops::Range<usize>>| s.clone().filter(|r| cleaned.text.get(r.clone()).is_some()).unwrap_or(0..0);
    if let Some(title) = &meta.title {
        let s = span(&title.span);
        out.emit(s.start, s.end, "title", &[("value", Value::Str(&title.value))]);
        out.set_meta("title", &title.value);
    }
    if let Some(author) = &meta.author {
        let s = span(&author.span);
        out.emit(s.start, s.end, "author", &[("value", Value::Str(&author.value))]);
    }
    if let Some(date) = &meta.date {
        let s = span(&date.span);
        out.emit(
            s.start,
            s.end,
            "date",
            &[("value", Value::Str(&date.iso)), ("raw", Value::Str(&date.raw)), ("source", Value::Str(date.source))],
        );
        out.set_meta("date", &date.iso);
    }
    if let Some(dateline) = &meta.dateline {
        let s = span(&dateline.span);
        out.emit(
            s.start,
            s.end,
            "dateline",
            &[
                ("place", Value::Str(&dateline.place)),
                ("date", Value::from(dateline.date.as_deref())),
                ("agency", Value::from(dateline.agency.as_deref())),
            ],
        );
    }
}

gleaner_sdk::export_plugin!(transform Boilerplate);
