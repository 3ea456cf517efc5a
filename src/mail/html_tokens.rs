//! Links of an HTML part read from html5ever's tokenizer alone, for documents nested too deep for
//! its tree builder.
//!
//! The tree builder checks scopes by walking its stack of open elements on most start tags, so
//! its time grows with the square of the nesting depth, and nothing caps the depth
//! (servo/html5ever#788): 80,000 nested `<div>`s, 880 KB of mail, took 51 s to scan. Browsers
//! cap their trees at 512 levels (Blink's `kMaximumHTMLParserDOMTreeDepth`) and hang deeper
//! elements on the last allowed ancestor, so past that depth no tree we could build matches what
//! the reader sees anyway. [`needs_tokens`] estimates the depth in one linear pass; above
//! [`MAX_TREE_DEPTH`], `mail::html_links` takes the links from [`token_links`]: each `<a href>`
//! with the text up to its `</a>` (or the next `<a>`), `<area href>` with its `alt`, the first
//! `<base href>`. That is the tree's answer for ordinary markup; it differs only where the tree
//! builder would repair misnested tags.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;
use std::collections::HashMap;

/// Deeper than this, a document's links come from the tokens (Blink's own cap on tree depth).
pub const MAX_TREE_DEPTH: usize = 512;

/// Below this many `<`, even a fully nested document is cheap for the tree builder
/// (4,096² / 2 scope steps, a few ms): the depth isn't estimated at all.
const FEW_TAGS: usize = 4096;

/// One link as the tokens show it: the attributes it had and the text up to its end.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct TokenLink {
    pub href: String,
    pub text: String,
    pub title: Option<String>,
    pub saferedirecturl: Option<String>,
    pub originalsrc: Option<String>,
    /// The `alt` of each `<img>` inside it (its text when it has none).
    pub image_alts: Vec<String>,
}

/// Elements that never have children (no end tag; the tree builder doesn't keep them open).
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area" | "base" | "basefont" | "bgsound" | "br" | "col" | "embed" | "frame" | "hr"
            | "image" | "img" | "input" | "keygen" | "link" | "meta" | "param" | "source"
            | "track" | "wbr"
    )
}

/// Elements a start tag of the same name closes (`<p>…<p>`, `<li>…<li>`, `<td>…<td>`): a run of
/// them is a list of siblings, not a nest.
fn closes_its_like(name: &str) -> bool {
    matches!(
        name,
        "p" | "li" | "dd" | "dt" | "option" | "optgroup" | "tr" | "td" | "th" | "tbody"
            | "thead" | "tfoot" | "rb" | "rt" | "rp" | "rtc" | "a" | "nobr" | "button"
            | "form" | "select"
    )
}

/// The tokenizer state a start tag switches to, as the tree builder would switch it (scripting
/// on, as `scraper::Html::parse_document` parses).
fn raw_kind(name: &str) -> Option<TokenSinkResult<()>> {
    match name {
        "script" => Some(TokenSinkResult::RawData(RawKind::ScriptData)),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
            Some(TokenSinkResult::RawData(RawKind::Rawtext))
        }
        "title" | "textarea" => Some(TokenSinkResult::RawData(RawKind::Rcdata)),
        "plaintext" => Some(TokenSinkResult::Plaintext),
        _ => None,
    }
}

fn attr<'t>(tag: &'t Tag, name: &str) -> Option<&'t StrTendril> {
    tag.attrs.iter().find(|a| &*a.name.local == name).map(|a| &a.value)
}

/// How deep the tree builder's stack of open elements may get, over-estimated: every start tag
/// that could stay open counts until an end tag of its name. Over-estimating only sends a
/// document to [`token_links`], which finds the same links.
#[derive(Default)]
struct DepthEstimate {
    open: HashMap<String, usize>,
    depth: usize,
    max: usize,
}

impl DepthEstimate {
    fn tag(&mut self, tag: &Tag) {
        let name = &*tag.name;
        match tag.kind {
            // `<div/>` opens a div in HTML: the self-closing flag doesn't count.
            TagKind::StartTag if is_void(name) => {}
            TagKind::StartTag => {
                let open = self.open.entry(name.to_string()).or_default();
                if *open > 0 && closes_its_like(name) {
                    return;
                }
                *open += 1;
                self.depth += 1;
                self.max = self.max.max(self.depth);
            }
            TagKind::EndTag => {
                if let Some(open) = self.open.get_mut(name).filter(|n| **n > 0) {
                    *open -= 1;
                    self.depth -= 1;
                }
            }
        }
    }
}

/// What the token sink gathers in one pass: the depth estimate, the links, the first base.
#[derive(Default)]
struct Gathered {
    depth: DepthEstimate,
    links: Vec<TokenLink>,
    /// The `<a href>` whose text is being read.
    open_link: Option<TokenLink>,
    base: Option<String>,
    collect_links: bool,
}

impl Gathered {
    fn close_link(&mut self) {
        if let Some(link) = self.open_link.take() {
            self.links.push(link);
        }
    }
}

struct Sink(RefCell<Gathered>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut g = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                g.depth.tag(&tag);
                let name = &*tag.name;
                if g.collect_links {
                    match (tag.kind, name) {
                        (TagKind::StartTag, "a") => {
                            // A new <a> ends the one before it (the tree builder's adoption).
                            g.close_link();
                            if let Some(href) = attr(&tag, "href") {
                                g.open_link = Some(TokenLink {
                                    href: href.to_string(),
                                    title: attr(&tag, "title").map(|v| v.to_string()),
                                    saferedirecturl: attr(&tag, "data-saferedirecturl")
                                        .map(|v| v.to_string()),
                                    originalsrc: attr(&tag, "originalsrc").map(|v| v.to_string()),
                                    ..TokenLink::default()
                                });
                            }
                        }
                        (TagKind::EndTag, "a") => g.close_link(),
                        (TagKind::StartTag, "img") => {
                            if let (Some(link), Some(alt)) = (g.open_link.as_mut(), attr(&tag, "alt")) {
                                link.image_alts.push(alt.to_string());
                            }
                        }
                        (TagKind::StartTag, "area") => {
                            if let Some(href) = attr(&tag, "href") {
                                let link = TokenLink {
                                    href: href.to_string(),
                                    text: attr(&tag, "alt").map(|v| v.to_string()).unwrap_or_default(),
                                    title: attr(&tag, "title").map(|v| v.to_string()),
                                    saferedirecturl: attr(&tag, "data-saferedirecturl")
                                        .map(|v| v.to_string()),
                                    originalsrc: attr(&tag, "originalsrc").map(|v| v.to_string()),
                                    image_alts: Vec::new(),
                                };
                                g.links.push(link);
                            }
                        }
                        (TagKind::StartTag, "base") if g.base.is_none() => {
                            g.base = attr(&tag, "href").map(|v| v.to_string());
                        }
                        _ => {}
                    }
                }
                if tag.kind == TagKind::StartTag {
                    if let Some(raw) = raw_kind(name) {
                        return raw;
                    }
                }
            }
            Token::CharacterTokens(text) => {
                if let Some(link) = g.open_link.as_mut() {
                    link.text.push_str(&text);
                }
            }
            Token::EOFToken => g.close_link(),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn tokenize(html: &str, collect_links: bool) -> Gathered {
    let sink = Sink(RefCell::new(Gathered { collect_links, ..Gathered::default() }));
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    // Only `<script>` could pause the tokenizer, and only for a sink that returns Script.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.into_inner()
}

/// Whether `html` may nest deeper than [`MAX_TREE_DEPTH`] (then read it with [`token_links`]).
pub fn needs_tokens(html: &str) -> bool {
    if html.bytes().filter(|&b| b == b'<').count() < FEW_TAGS {
        return false;
    }
    tokenize(html, false).depth.max > MAX_TREE_DEPTH
}

/// The links of `html` and its first `<base href>`, from the tokens alone (linear time).
pub fn token_links(html: &str) -> (Vec<TokenLink>, Option<String>) {
    let gathered = tokenize(html, true);
    (gathered.links, gathered.base)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(href: &str, text: &str) -> TokenLink {
        TokenLink { href: href.into(), text: text.into(), ..TokenLink::default() }
    }

    #[test]
    fn links_with_their_text_attributes_and_base() {
        let html = r#"<html><head><base href="https://base.example/dir/"><base href="https://second.example/">
            <title><a href="https://not-a-link.example/">x</a></title>
            <script>var s = '<a href="https://in-script.example/">y</a>';</script></head>
            <body><p><a href="https://one.example/" title="T" data-saferedirecturl="https://www.google.com/url?q=x"
                 originalsrc="https://orig.example/">One &amp; <b>only</b></a>
            <a href="https://two.example/">Two<a href="https://three.example/">Three</a>
            <a name="anchor">no href</a>
            <map><area href="https://area.example/" alt="Area text"></map>
            <a href="relative/path">rel</a>"#;
        let (links, base) = token_links(html);
        assert_eq!(base.as_deref(), Some("https://base.example/dir/"));
        let got: Vec<_> = links.iter().map(|l| (l.href.as_str(), l.text.trim())).collect();
        assert_eq!(
            got,
            [
                ("https://one.example/", "One & only"),
                ("https://two.example/", "Two"),
                ("https://three.example/", "Three"),
                ("https://area.example/", "Area text"),
                ("relative/path", "rel"),
            ]
        );
        assert_eq!(links[0].title.as_deref(), Some("T"));
        assert_eq!(links[0].saferedirecturl.as_deref(), Some("https://www.google.com/url?q=x"));
        assert_eq!(links[0].originalsrc.as_deref(), Some("https://orig.example/"));
        assert_eq!(links[1].title, None);
    }

    #[test]
    fn an_unclosed_link_ends_at_the_end_of_the_document() {
        let (links, base) = token_links(r#"<a href="https://x.example/">still open"#);
        assert_eq!(links, vec![link("https://x.example/", "still open")]);
        assert_eq!(base, None);
    }

    #[test]
    fn depth_estimate_counts_what_stays_open() {
        let nested = |open: &str, close: &str, n: usize| format!("{}x{}", open.repeat(n), close.repeat(n));
        // (document, deeper than MAX_TREE_DEPTH?)
        let cases: Vec<(String, bool)> = vec![
            (nested("<div>", "</div>", 5000), true),
            (nested("<div/>", "", 5000), true), // self-closing doesn't close an HTML div
            (nested("<ul><li>", "", 3000), true),
            (nested("<b>", "", 5000), true),
            (nested("<font size=2>", "", 5000), true),
            // Long but flat: siblings, void elements, runs that close their like.
            ("<div>x</div>".repeat(5000), false),
            ("<p>para".repeat(5000), false),
            ("<li>item".repeat(5000), false),
            ("<tr><td>a<td>b".repeat(3000), false),
            ("<br><img src=x><hr>".repeat(3000), false),
            ("<a href=x>link".repeat(5000), false),
            // Depth below the cap.
            (nested("<div>", "</div>", 400) + &"<p>x</p>".repeat(5000), false),
        ];
        for (html, deep) in &cases {
            assert_eq!(needs_tokens(html), *deep, "{}…", &html[..40.min(html.len())]);
        }
    }

    #[test]
    fn small_documents_are_not_estimated() {
        // Fewer than FEW_TAGS tags: whatever the depth, the tree builder takes it.
        let html = format!("{}x", "<div>".repeat(FEW_TAGS - 1));
        assert!(!needs_tokens(&html));
    }
}
