//! HTML loader.
//!
//! Web pages carry a lot besides their content: navigation, banners, footers, cookie forms,
//! scripts. The loader keeps the main content only (`<main>`, else a single `<article>`, else
//! `<body>`), drops the page furniture and turns the rest into headings, paragraphs, list items
//! and table rows in document order.

use lotse_core::{Block, BlockKind, Format, LoadedDocument};
use scraper::{ElementRef, Html, Node};

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
pub fn load_html(html: &str) -> LoadedDocument {
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

    LoadedDocument {
        format: Format::Html,
        metadata_title: title(root),
        blocks,
        page_count: None,
    }
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
        compact.contains("display:none") || compact.contains("visibility:hidden")
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
        let doc = load_html(html);
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
        let doc = load_html(html);
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
        let doc = load_html(html);
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
            load_html(r#"<body><p>Menü</p><div role="main"><p>Inhalt</p></div></body>"#);
        assert_eq!(texts(&role_main), vec![(BlockKind::Paragraph, "Inhalt")]);
        let article =
            load_html("<body><p>Kopf</p><article><p>Artikeltext</p></article><p>Fuß</p></body>");
        assert_eq!(texts(&article), vec![(BlockKind::Paragraph, "Artikeltext")]);
        let two_articles =
            load_html("<body><article><p>A</p></article><article><p>B</p></article></body>");
        assert_eq!(two_articles.blocks.len(), 2);
    }

    #[test]
    fn empty_main_falls_back_to_body() {
        let doc = load_html("<body><main></main><p>Text außerhalb</p></body>");
        assert_eq!(texts(&doc), vec![(BlockKind::Paragraph, "Text außerhalb")]);
    }

    #[test]
    fn table_rows_become_one_block_each() {
        let html = "<body><table><caption>Gebühren</caption><thead><tr><th>Leistung</th><th>Betrag</th></tr></thead>\
                    <tbody><tr><td>Personalausweis <br>(ab 24)</td><td><p>37,00</p><p>Euro</p></td></tr>\
                    <tr><td></td><td> </td></tr></tbody></table><p>Danach</p></body>";
        let doc = load_html(html);
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
        let doc = load_html(html);
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
        let doc = load_html(html);
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
        // html5ever itself is slow on deeply nested blocks, so those stay at a few thousand.
        let html = format!(
            "<body>{}tief unten{}<p>danach</p></body>",
            "<div><span>".repeat(3_000),
            "</span></div>".repeat(3_000)
        );
        let doc = load_html(&html);
        assert_eq!(
            texts(&doc),
            vec![
                (BlockKind::Paragraph, "tief unten"),
                (BlockKind::Paragraph, "danach")
            ]
        );
        let depth = 50_000;
        let table = format!(
            "<body><table><tr><td>{}innen{}</td></tr></table><p>{}inline{}</p></body>",
            "<b>".repeat(depth),
            "</b>".repeat(depth),
            "<i>".repeat(depth),
            "</i>".repeat(depth)
        );
        assert_eq!(
            texts(&load_html(&table)),
            vec![
                (BlockKind::TableRow, "innen"),
                (BlockKind::Paragraph, "inline")
            ]
        );
    }

    #[test]
    fn no_title_and_no_text_give_empty_document() {
        let doc = load_html(
            "<html><head><title> </title></head><body><script>x()</script></body></html>",
        );
        assert_eq!(doc.metadata_title, None);
        assert!(doc.blocks.is_empty());
    }
}
