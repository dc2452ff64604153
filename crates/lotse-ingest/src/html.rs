//! HTML loader.
//!
//! Web pages carry a lot besides their content: navigation, banners, footers, cookie forms,
//! scripts. The loader keeps the main content only (`<main>`, else a single `<article>`, else
//! `<body>`), drops the page furniture and turns the rest into headings, paragraphs, list items
//! and table rows in document order.

use crate::LoadError;
use lotse_core::{Block, BlockKind, Format, LoadedDocument};
use scraper::{ElementRef, Html, Node};

/// Nesting beyond which a page is refused before parsing: the HTML parser checks the stack
/// of open elements for every tag, so a page nested 200,000 levels deep takes minutes. Real
/// pages stay below a few dozen levels.
pub const MAX_NESTING: usize = 1_000;
/// Elements beyond which a page is refused (a long law as HTML has some tens of thousands).
pub const MAX_ELEMENTS: usize = 1_000_000;

/// Elements whose whole content is dropped.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "form", "button", "svg", "iframe",
    "select", "textarea", "canvas", "object", "embed", "video", "audio", "map", "head",
];

/// Elements that are page furniture unless they belong to an article or section, where they
/// hold the article's own heading or date ("header" of an `<article>` is not the page banner).
const FURNITURE: &[&str] = &["header", "footer"];

/// Nesting depth beyond which the text of an element is taken as it is, without structure,
/// so that hostile pages with thousands of nested elements cannot overflow the stack.
const MAX_DEPTH: usize = 128;

/// Elements that start and end a block of text; everything else is inline.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "listing",
    "main",
    "menu",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Loads an HTML page that is already decoded to text.
pub fn load_html(html: &str) -> Result<LoadedDocument, LoadError> {
    check_shape(html)?;
    let document = Html::parse_document(html);
    let root = document.root_element();

    let mut blocks = Vec::new();
    for content in content_roots(root) {
        let mut walker = Walker::default();
        let sectioning = matches!(content.value().name(), "main" | "article")
            || content.attr("role") == Some("main");
        walker.walk(content, BlockKind::Paragraph, sectioning);
        walker.flush(BlockKind::Paragraph);
        if !walker.blocks.is_empty() {
            blocks = walker.blocks;
            break;
        }
    }

    Ok(LoadedDocument {
        format: Format::Html,
        metadata_title: title(root),
        blocks,
        page_count: None,
        scanned_pages: Vec::new(),
    })
}

/// Elements without content, and elements whose end tag may be left out (the parser closes
/// them, so they don't nest): neither deepens the page.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody",
    "tfoot", "colgroup", "caption", "rb", "rt", "rp", "html", "head", "body", "param", "keygen",
];

/// Refuses pages nested deeper than [`MAX_NESTING`] or with more than [`MAX_ELEMENTS`]
/// elements, by a linear scan of the tags (an upper bound of the parser's nesting).
fn check_shape(html: &str) -> Result<(), LoadError> {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut elements) = (0usize, 0usize, 0usize);
    let mut at = 0;
    while let Some(offset) = memchr_lt(&bytes[at..]) {
        at += offset + 1;
        let rest = &bytes[at..];
        if rest.starts_with(b"!--") {
            at += find(&rest[3..], b"-->").map_or(rest.len(), |n| n + 6);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = rest[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
            .count();
        if name_len == 0 || !rest[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[at + name_start..at + name_start + name_len].to_ascii_lowercase();
        let tag_end = find(rest, b">").unwrap_or(rest.len());
        at += tag_end;
        if closing {
            if !NOT_NESTING.contains(&name.as_str()) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        elements += 1;
        let self_closing = tag_end > 0 && rest[tag_end - 1] == b'/';
        if !self_closing && !NOT_NESTING.contains(&name.as_str()) {
            depth += 1;
            deepest = deepest.max(depth);
        }
        if matches!(name.as_str(), "script" | "style") {
            // their content is text, not tags
            let end = format!("</{name}");
            at += find_ascii_case_insensitive(&bytes[at..], end.as_bytes())
                .unwrap_or(bytes.len() - at);
        }
        if deepest > MAX_NESTING {
            return Err(LoadError::TooComplex(format!(
                "die HTML-Datei verschachtelt Elemente tiefer als {MAX_NESTING} Ebenen"
            )));
        }
        if elements > MAX_ELEMENTS {
            return Err(LoadError::TooComplex(format!(
                "die HTML-Datei hat mehr als {MAX_ELEMENTS} Elemente"
            )));
        }
    }
    Ok(())
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'<')
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn find_ascii_case_insensitive(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// Where the content may be, best guess first: `<main>` (or `role="main"`), the only
/// `<article>`, `<body>`. Later candidates are used when an earlier one holds no text
/// (e.g. a `<main>` that a script fills).
fn content_roots(root: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    let visible = |el: &ElementRef<'_>| !el.ancestors().filter_map(ElementRef::wrap).any(hidden);
    let mut roots = Vec::new();
    if let Some(main) = root
        .descendent_elements()
        .filter(|el| el.value().name() == "main" || el.attr("role") == Some("main"))
        .find(|el| !hidden(*el) && visible(el))
    {
        roots.push(main);
    }
    let articles: Vec<ElementRef<'_>> = root
        .descendent_elements()
        .filter(|el| el.value().name() == "article" && !hidden(*el) && visible(el))
        .collect();
    if let [article] = articles.as_slice() {
        roots.push(*article);
    }
    let body = root
        .descendent_elements()
        .find(|el| el.value().name() == "body")
        .unwrap_or(root);
    roots.push(body);
    roots
}

/// The `<title>` of the page (not an SVG's `<title>`).
fn title(root: ElementRef<'_>) -> Option<String> {
    root.descendent_elements()
        .filter(|el| el.value().name() == "title")
        .find(|el| {
            !el.ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| a.value().name() == "svg")
        })
        .and_then(|el| collapse(&el.text().collect::<String>()))
}

/// Hidden by attribute or marked as page furniture by its ARIA role.
fn hidden(el: ElementRef<'_>) -> bool {
    let e = el.value();
    if e.attr("hidden").is_some_and(|v| v != "until-found") {
        return true;
    }
    if e.attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if let Some(role) = e.attr("role")
        && matches!(
            role.trim().to_ascii_lowercase().as_str(),
            "navigation" | "banner" | "contentinfo" | "search" | "complementary"
        )
    {
        return true;
    }
    e.attr("style").is_some_and(|style| {
        let compact: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        compact.contains("display:none")
            || compact.contains("visibility:hidden")
            || tiny_font(&compact)
            || zero_property(&compact, "opacity:")
    })
}

/// `font-size` of less than 2 px or pt (`0`, `1pt`, `0.5px`): text no reader can see.
fn tiny_font(compact_style: &str) -> bool {
    compact_style
        .match_indices("font-size:")
        .any(|(at, property)| {
            let value = &compact_style[at + property.len()..];
            let number: String = value
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let unit = &value[number.len()..];
            number.parse::<f32>().is_ok_and(|n| {
                n < 2.0 && (n == 0.0 || unit.starts_with("px") || unit.starts_with("pt"))
            })
        })
}

/// `font-size:0`, `font-size:0px`, `opacity:0` — text that is there but can't be read
/// (a way to plant instructions for machines); not `font-size:0.9em`.
fn zero_property(compact_style: &str, property: &str) -> bool {
    compact_style.match_indices(property).any(|(at, _)| {
        let before = compact_style[..at].chars().next_back();
        let value = &compact_style[at + property.len()..];
        !before.is_some_and(|c| c.is_alphanumeric() || c == '-')
            && value.starts_with('0')
            && !value[1..].starts_with(|c: char| c == '.' || c.is_ascii_digit())
    })
}

/// Whether the element and its content are left out.
fn dropped(el: ElementRef<'_>, sectioning: bool) -> bool {
    let name = el.value().name();
    DROPPED.contains(&name) || (!sectioning && FURNITURE.contains(&name)) || hidden(el)
}

fn is_block(name: &str) -> bool {
    BLOCK_ELEMENTS.contains(&name)
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// Whitespace runs to single spaces, trimmed; `None` if nothing is left.
fn collapse(text: &str) -> Option<String> {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}

/// All visible text of an element as one line; nested blocks (paragraphs in a table cell,
/// nested tables) are separated by spaces.
fn inline_text(el: ElementRef<'_>, sectioning: bool, depth: usize) -> String {
    fn collect(el: ElementRef<'_>, sectioning: bool, depth: usize, out: &mut String) {
        if depth > MAX_DEPTH {
            out.extend(el.text());
            return;
        }
        for child in el.children() {
            match child.value() {
                Node::Text(text) => out.push_str(text),
                Node::Element(_) => {
                    let Some(child) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if dropped(child, sectioning) {
                        continue;
                    }
                    let name = child.value().name();
                    if name == "br" || is_block(name) {
                        out.push(' ');
                        collect(child, sectioning, depth + 1, out);
                        out.push(' ');
                    } else {
                        collect(child, sectioning, depth + 1, out);
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = String::new();
    collect(el, sectioning, depth, &mut out);
    collapse(&out).unwrap_or_default()
}

#[derive(Debug, Default)]
struct Walker {
    blocks: Vec<Block>,
    /// Text of the block being collected.
    buf: String,
    /// Nesting depth of the element being walked.
    depth: usize,
}

impl Walker {
    /// Ends the block being collected.
    fn flush(&mut self, kind: BlockKind) {
        if let Some(text) = collapse(&self.buf) {
            self.blocks.push(Block::new(kind, text, None));
        }
        self.buf.clear();
    }

    /// Walks the children of `el`; loose text becomes blocks of `kind`.
    fn walk(&mut self, el: ElementRef<'_>, kind: BlockKind, sectioning: bool) {
        for child in el.children() {
            match child.value() {
                Node::Text(text) => self.buf.push_str(text),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.element(child, kind, sectioning);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, el: ElementRef<'_>, kind: BlockKind, sectioning: bool) {
        if dropped(el, sectioning) {
            return;
        }
        if self.depth > MAX_DEPTH {
            self.buf.push(' ');
            self.buf.extend(el.text());
            self.buf.push(' ');
            return;
        }
        self.depth += 1;
        self.structured(el, kind, sectioning);
        self.depth -= 1;
    }

    fn structured(&mut self, el: ElementRef<'_>, kind: BlockKind, sectioning: bool) {
        let name = el.value().name();
        if name == "br" {
            self.buf.push(' ');
            return;
        }
        if !is_block(name) {
            // Inline: the text continues the current block.
            self.walk(el, kind, sectioning);
            return;
        }
        self.flush(kind);
        if let Some(level) = heading_level(name) {
            let text = inline_text(el, sectioning, self.depth);
            if !text.is_empty() {
                self.blocks.push(Block::heading(level, text, None));
            }
            return;
        }
        match name {
            "table" => self.table(el, sectioning),
            "tr" => self.row(el, sectioning),
            "li" => {
                self.walk(el, BlockKind::ListItem, sectioning);
                self.flush(BlockKind::ListItem);
            }
            _ => {
                let sectioning = sectioning
                    || matches!(name, "article" | "section" | "main")
                    || el.attr("role") == Some("main");
                // Paragraphs inside a list item are still the list item's text.
                let inner = if kind == BlockKind::ListItem {
                    BlockKind::ListItem
                } else {
                    BlockKind::Paragraph
                };
                self.walk(el, inner, sectioning);
                self.flush(inner);
            }
        }
    }

    fn table(&mut self, table: ElementRef<'_>, sectioning: bool) {
        for child in table.child_elements() {
            if dropped(child, sectioning) {
                continue;
            }
            match child.value().name() {
                "tr" => self.row(child, sectioning),
                "thead" | "tbody" | "tfoot" => {
                    for row in child.child_elements() {
                        if row.value().name() == "tr" && !dropped(row, sectioning) {
                            self.row(row, sectioning);
                        }
                    }
                }
                "caption" => {
                    let text = inline_text(child, sectioning, self.depth);
                    if !text.is_empty() {
                        self.blocks.push(Block::paragraph(text, None));
                    }
                }
                _ => {}
            }
        }
    }

    fn row(&mut self, row: ElementRef<'_>, sectioning: bool) {
        let cells: Vec<String> = row
            .child_elements()
            .filter(|cell| matches!(cell.value().name(), "td" | "th"))
            .filter(|cell| !dropped(*cell, sectioning))
            .map(|cell| inline_text(cell, sectioning, self.depth))
            .filter(|text| !text.is_empty())
            .collect();
        if !cells.is_empty() {
            self.blocks
                .push(Block::new(BlockKind::TableRow, cells.join(" | "), None));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(doc: &LoadedDocument) -> Vec<(BlockKind, &str)> {
        doc.blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str()))
            .collect()
    }

    #[test]
    fn page_furniture_is_dropped() {
        let html = r#"<!DOCTYPE html><html><head><title>x</title><style>p { color: red }</style></head>
            <body>
              <header><a href="/">Stadt Musterstadt</a></header>
              <nav><ul><li>Startseite</li><li>Rathaus</li></ul></nav>
              <div role="navigation">Brotkrumen</div>
              <p>Öffnungszeiten des Bürgerbüros</p>
              <script>var secret = "tracking";</script>
              <div hidden>versteckt</div>
              <span aria-hidden="true">Icon</span>
              <form><label>Suche</label><button>Los</button></form>
              <footer>Impressum · Datenschutz</footer>
            </body></html>"#;
        let doc = load_html(html).unwrap();
        assert_eq!(
            texts(&doc),
            vec![(BlockKind::Paragraph, "Öffnungszeiten des Bürgerbüros")]
        );
        let all = doc.full_text();
        for gone in [
            "Startseite",
            "tracking",
            "Impressum",
            "Musterstadt",
            "Brotkrumen",
            "versteckt",
            "Icon",
            "Suche",
            "color",
        ] {
            assert!(!all.contains(gone), "{gone:?} should be dropped: {all}");
        }
    }

    #[test]
    fn headings_keep_their_levels_and_order() {
        let html = "<body><h1>Gebührensatzung</h1><p>Präambel</p><h2>§ 1 <em>Geltungsbereich</em></h2>\
                    <p>Diese   Satzung\n gilt.</p><h4>Hinweis</h4><ul><li>erstens</li><li><p>zweitens</p></li></ul></body>";
        let doc = load_html(html).unwrap();
        assert_eq!(
            texts(&doc),
            vec![
                (BlockKind::Heading { level: 1 }, "Gebührensatzung"),
                (BlockKind::Paragraph, "Präambel"),
                (BlockKind::Heading { level: 2 }, "§ 1 Geltungsbereich"),
                (BlockKind::Paragraph, "Diese Satzung gilt."),
                (BlockKind::Heading { level: 4 }, "Hinweis"),
                (BlockKind::ListItem, "erstens"),
                (BlockKind::ListItem, "zweitens"),
            ]
        );
        assert!(doc.blocks.iter().all(|b| b.page.is_none()));
        assert_eq!(doc.page_count, None);
        assert_eq!(doc.format, Format::Html);
    }

    #[test]
    fn main_is_preferred_over_the_rest_of_the_body() {
        let html = r#"<body><div class="teaser"><p>Aktuelles aus der Stadt</p></div>
            <main><article><header><h1>Parkausweis beantragen</h1></header><p>Anwohner erhalten einen Ausweis.</p></article></main>
            <div><p>Weitere Themen</p></div></body>"#;
        let doc = load_html(html).unwrap();
        assert_eq!(
            texts(&doc),
            vec![
                (BlockKind::Heading { level: 1 }, "Parkausweis beantragen"),
                (BlockKind::Paragraph, "Anwohner erhalten einen Ausweis."),
            ]
        );
    }

    #[test]
    fn role_main_and_single_article_are_used() {
        let role_main =
            load_html(r#"<body><p>Menü</p><div role="main"><p>Inhalt</p></div></body>"#).unwrap();
        assert_eq!(texts(&role_main), vec![(BlockKind::Paragraph, "Inhalt")]);
        let article =
            load_html("<body><p>Kopf</p><article><p>Artikeltext</p></article><p>Fuß</p></body>")
                .unwrap();
        assert_eq!(texts(&article), vec![(BlockKind::Paragraph, "Artikeltext")]);
        let two_articles =
            load_html("<body><article><p>A</p></article><article><p>B</p></article></body>")
                .unwrap();
        assert_eq!(two_articles.blocks.len(), 2);
    }

    #[test]
    fn empty_main_falls_back_to_body() {
        let doc = load_html("<body><main></main><p>Text außerhalb</p></body>").unwrap();
        assert_eq!(texts(&doc), vec![(BlockKind::Paragraph, "Text außerhalb")]);
    }

    #[test]
    fn table_rows_become_one_block_each() {
        let html = "<body><table><caption>Gebühren</caption><thead><tr><th>Leistung</th><th>Betrag</th></tr></thead>\
                    <tbody><tr><td>Personalausweis <br>(ab 24)</td><td><p>37,00</p><p>Euro</p></td></tr>\
                    <tr><td></td><td> </td></tr></tbody></table><p>Danach</p></body>";
        let doc = load_html(html).unwrap();
        assert_eq!(
            texts(&doc),
            vec![
                (BlockKind::Paragraph, "Gebühren"),
                (BlockKind::TableRow, "Leistung | Betrag"),
                (BlockKind::TableRow, "Personalausweis (ab 24) | 37,00 Euro"),
                (BlockKind::Paragraph, "Danach"),
            ]
        );
    }

    #[test]
    fn entities_are_decoded_and_title_is_read() {
        let html = "<html><head><title>  Stra&szlig;enreinigung &amp;\n Winterdienst </title></head>\
                    <body><p>Geb&auml;ude&nbsp;und Gr&uuml;nfl&auml;chen &lt;Stand 2025&gt;</p></body></html>";
        let doc = load_html(html).unwrap();
        assert_eq!(
            doc.metadata_title.as_deref(),
            Some("Straßenreinigung & Winterdienst")
        );
        assert_eq!(doc.blocks.len(), 1);
        assert_eq!(doc.blocks[0].text, "Gebäude und Grünflächen <Stand 2025>");
    }

    #[test]
    fn bare_text_in_containers_is_a_paragraph() {
        let html = "<body><div>Loser Text <a href='#'>mit Link</a><p>Absatz</p>danach</div>\
                    <section>Abschnittstext</section></body>";
        let doc = load_html(html).unwrap();
        assert_eq!(
            texts(&doc),
            vec![
                (BlockKind::Paragraph, "Loser Text mit Link"),
                (BlockKind::Paragraph, "Absatz"),
                (BlockKind::Paragraph, "danach"),
                (BlockKind::Paragraph, "Abschnittstext"),
            ]
        );
    }

    #[test]
    fn deeply_nested_pages_do_not_overflow_the_stack() {
        // deeper than the walker's own limit, within the page limit
        let html = format!(
            "<body>{}tief unten{}<p>danach</p></body>",
            "<div><span>".repeat(450),
            "</span></div>".repeat(450)
        );
        let doc = load_html(&html).unwrap();
        assert_eq!(
            texts(&doc),
            vec![
                (BlockKind::Paragraph, "tief unten"),
                (BlockKind::Paragraph, "danach")
            ]
        );
        let depth = 450;
        let table = format!(
            "<body><table><tr><td>{}innen{}</td></tr></table><p>{}inline{}</p></body>",
            "<b>".repeat(depth),
            "</b>".repeat(depth),
            "<i>".repeat(depth),
            "</i>".repeat(depth)
        );
        assert_eq!(
            texts(&load_html(&table).unwrap()),
            vec![
                (BlockKind::TableRow, "innen"),
                (BlockKind::Paragraph, "inline")
            ]
        );
    }

    #[test]
    fn pages_nested_too_deep_are_refused_before_parsing() {
        // 200,000 levels took the parser minutes; the scan refuses them at once
        let depth = 200_000;
        let html = format!(
            "<body>{}x{}</body>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let started = std::time::Instant::now();
        let err = load_html(&html).unwrap_err();
        assert_eq!(err.code(), "too_complex", "{err}");
        assert!(err.to_string().contains("1000 Ebenen"), "{err}");
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        // closed siblings, void and optional-end elements don't add up to depth
        let wide = format!(
            "<body>{}<ul>{}</ul><p>a<p>b<br><img src=x></body>",
            "<div>x</div>".repeat(5_000),
            "<li>y".repeat(5_000)
        );
        assert!(load_html(&wide).is_ok());
        // script content is text: "<div>" in it opens nothing
        let script = format!(
            "<body><script>{}</script><p>z</p></body>",
            "'<div>'+".repeat(5_000)
        );
        assert!(load_html(&script).is_ok());
    }

    #[test]
    fn no_title_and_no_text_give_empty_document() {
        let doc = load_html(
            "<html><head><title> </title></head><body><script>x()</script></body></html>",
        )
        .unwrap();
        assert_eq!(doc.metadata_title, None);
        assert!(doc.blocks.is_empty());
    }
}
