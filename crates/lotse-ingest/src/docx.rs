//! DOCX (Office Open XML) loader.
//!
//! A DOCX file is a zip archive; the text lives in `word/document.xml`, the paragraph styles
//! (which tell headings from body text) in `word/styles.xml` and the title in
//! `docProps/core.xml`. The loader walks the body in document order and turns paragraphs into
//! headings, list items and paragraphs, and table rows into [`BlockKind::TableRow`] blocks.
//!
//! DOCX has no fixed pages. Word records where it broke the pages when it last saved the file
//! (`<w:lastRenderedPageBreak/>`); where such markers exist they give the page numbers.
//! Otherwise hard page breaks (`<w:br w:type="page"/>`, "page break before", section breaks)
//! are counted. A document with neither has no page numbers.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use lotse_core::{Block, BlockKind, Format, LoadedDocument};
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::LoadError;

/// Largest uncompressed size of one archive entry we are willing to read (zip bomb guard).
const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;

/// How deep `w:basedOn` chains are followed.
const MAX_STYLE_DEPTH: usize = 16;

const NOT_A_ZIP: &str = "ein DOCX-Dokument (ZIP-Archiv)";

/// Loads a DOCX document from memory.
pub fn load_docx(bytes: &[u8]) -> Result<LoadedDocument, LoadError> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        // OLE compound file: a Word 97-2003 .doc, or a password-protected .docx.
        return Err(LoadError::corrupt(
            Format::Docx,
            "das ist eine alte Word-97-2003-Datei (.doc) oder ein kennwortgeschütztes Dokument; \
             speichern Sie es als .docx ohne Kennwort und versuchen Sie es erneut",
        ));
    }
    let mut archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(archive) => archive,
        Err(err) if bytes.starts_with(b"PK") => {
            return Err(LoadError::corrupt(
                Format::Docx,
                format!("das ZIP-Archiv ist beschädigt: {err}"),
            ));
        }
        Err(_) => {
            return Err(LoadError::Binary {
                expected: NOT_A_ZIP,
            });
        }
    };

    let document = read_entry(&mut archive, "word/document.xml")?
        .ok_or_else(|| LoadError::corrupt(Format::Docx, "im Archiv fehlt word/document.xml"))?;
    // Styles only refine the structure: with a broken styles.xml the style ids still tell
    // the usual headings, so the text is not thrown away for it.
    let styles = match read_entry(&mut archive, "word/styles.xml")? {
        Some(xml) => parse_styles(&xml).unwrap_or_default(),
        None => Styles::default(),
    };
    // The core properties are optional and only give the title: a broken core.xml is ignored.
    let core_title = match read_entry(&mut archive, "docProps/core.xml")? {
        Some(xml) => parse_core_title(&xml).ok().flatten(),
        None => None,
    };

    let body = parse_document(&document, &styles)?;
    let metadata_title = core_title.or(body.title);
    Ok(LoadedDocument {
        format: Format::Docx,
        metadata_title,
        blocks: body.blocks,
        page_count: body.page_count,
        scanned_pages: Vec::new(),
    })
}

/// Reads one archive entry as text; `None` if the archive has no such entry.
fn read_entry(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, LoadError> {
    read_entry_limited(archive, name, MAX_ENTRY_BYTES)
}

fn read_entry_limited(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limit: u64,
) -> Result<Option<String>, LoadError> {
    let mut entry = match archive.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(err) => {
            return Err(LoadError::corrupt(
                Format::Docx,
                format!("{name} ist nicht lesbar: {err}"),
            ));
        }
    };
    let too_big = || {
        LoadError::corrupt(
            Format::Docx,
            format!(
                "{name} wäre entpackt größer als {} MB; das liest lotse nicht",
                limit.div_ceil(1024 * 1024)
            ),
        )
    };
    let declared = entry.size();
    if declared > limit {
        return Err(too_big());
    }
    // The declared size may lie: never read more than the limit.
    let mut data = Vec::with_capacity(usize::try_from(declared.min(limit)).unwrap_or(0));
    (&mut entry)
        .take(limit.saturating_add(1))
        .read_to_end(&mut data)
        .map_err(|err| {
            LoadError::corrupt(
                Format::Docx,
                format!("{name} lässt sich nicht entpacken: {err}"),
            )
        })?;
    if data.len() as u64 > limit {
        return Err(too_big());
    }
    let data = data
        .strip_prefix(&[0xEF, 0xBB, 0xBF])
        .map(<[u8]>::to_vec)
        .unwrap_or(data);
    String::from_utf8(data)
        .map(Some)
        .map_err(|_| LoadError::corrupt(Format::Docx, format!("{name} ist kein UTF-8-Text")))
}

fn xml_error(part: &str, reader: &Reader<&[u8]>, err: impl std::fmt::Display) -> LoadError {
    LoadError::corrupt(
        Format::Docx,
        format!(
            "fehlerhaftes XML in {part} bei Byte {}: {err}",
            reader.error_position()
        ),
    )
}

fn unclosed(part: &str) -> LoadError {
    LoadError::corrupt(
        Format::Docx,
        format!(
            "fehlerhaftes XML in {part}: die Datei endet mitten in einem Element (abgeschnitten?)"
        ),
    )
}

/// Value of the attribute with the given local name (`w:val` → `val`).
fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// Whether an on/off property (`<w:pageBreakBefore/>`, `w:val="false"`) is on.
fn on_off(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off"))
}

/// Text of an entity or character reference (`&amp;`, `&#228;`).
fn resolve_ref(r: &BytesRef<'_>) -> Option<String> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => Some(c.to_string()),
        Ok(None) => quick_xml::escape::resolve_predefined_entity(r).map(str::to_string),
        Err(_) => None,
    }
}

// ---------------------------------------------------------------------------------------------
// styles.xml

#[derive(Debug, Default, Clone)]
struct StyleDef {
    name: Option<String>,
    based_on: Option<String>,
    /// Raw `w:outlineLvl` value (0-8 headings, 9 body text).
    outline: Option<u8>,
    /// `Some(true)` if the style carries list numbering, `Some(false)` if it removes it.
    numbered: Option<bool>,
}

#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, StyleDef>,
}

/// What a paragraph style means for the loader.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct StyleRole {
    heading: Option<u8>,
    title: bool,
    toc: bool,
    numbered: bool,
}

impl Styles {
    fn role(&self, id: &str) -> StyleRole {
        let Some(def) = self.by_id.get(id) else {
            return role_from_id(id);
        };
        let Some(name) = def.name.as_deref() else {
            // A style without a name: its id is all there is to go by.
            let by_id = role_from_id(id);
            return StyleRole {
                heading: self.heading(id, 0).or(by_id.heading),
                numbered: self.numbered(id, 0),
                ..by_id
            };
        };
        StyleRole {
            heading: self.heading(id, 0),
            title: is_title_name(name),
            toc: is_toc_name(name),
            numbered: self.numbered(id, 0),
        }
    }

    fn heading(&self, id: &str, depth: usize) -> Option<u8> {
        let def = self.by_id.get(id)?;
        if let Some(level) = def.name.as_deref().and_then(heading_level_from_name) {
            return Some(level);
        }
        if let Some(outline) = def.outline {
            return outline_level(outline);
        }
        if depth < MAX_STYLE_DEPTH {
            return self.heading(def.based_on.as_deref()?, depth + 1);
        }
        None
    }

    fn numbered(&self, id: &str, depth: usize) -> bool {
        let Some(def) = self.by_id.get(id) else {
            return false;
        };
        match (def.numbered, def.based_on.as_deref()) {
            (Some(numbered), _) => numbered,
            (None, Some(parent)) if depth < MAX_STYLE_DEPTH => self.numbered(parent, depth + 1),
            _ => false,
        }
    }
}

/// Heading level from an outline level value: 0-8 are levels 1-9, 9 is body text.
fn outline_level(outline: u8) -> Option<u8> {
    (outline < 9).then_some(outline + 1)
}

/// "heading 1", "Heading 2", "Überschrift 3" → level.
fn heading_level_from_name(name: &str) -> Option<u8> {
    let lower = name.trim().to_lowercase();
    let rest = lower
        .strip_prefix("heading")
        .or_else(|| lower.strip_prefix("überschrift"))?;
    parse_level(rest.trim())
}

fn parse_level(digits: &str) -> Option<u8> {
    if digits.is_empty() || digits.len() > 1 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<u8>().ok().filter(|l| (1..=9).contains(l))
}

fn is_title_name(name: &str) -> bool {
    matches!(name.trim().to_lowercase().as_str(), "title" | "titel")
}

/// Table of contents entries ("toc 1", "Verzeichnis 1").
fn is_toc_name(name: &str) -> bool {
    let lower = name.trim().to_lowercase();
    lower
        .strip_prefix("toc")
        .or_else(|| lower.strip_prefix("verzeichnis"))
        .is_some_and(|rest| parse_level(rest.trim()).is_some())
}

/// Guesses the role from a style id alone (no styles.xml, or the id is not defined there):
/// "Heading1", "berschrift2" (German Word drops the "Ü"), "Title", "TOC1".
fn role_from_id(id: &str) -> StyleRole {
    let lower = id.to_lowercase();
    let heading = lower
        .strip_prefix("heading")
        .or_else(|| lower.strip_prefix("berschrift"))
        .or_else(|| lower.strip_prefix("überschrift"))
        .and_then(parse_level);
    let toc = lower
        .strip_prefix("toc")
        .or_else(|| lower.strip_prefix("verzeichnis"))
        .is_some_and(|rest| parse_level(rest).is_some());
    StyleRole {
        heading,
        title: matches!(lower.as_str(), "title" | "titel"),
        toc,
        numbered: false,
    }
}

fn parse_styles(xml: &str) -> Result<Styles, LoadError> {
    const PART: &str = "word/styles.xml";
    let mut reader = Reader::from_str(xml);
    let mut styles = Styles::default();
    let mut current: Option<(String, StyleDef)> = None;
    let mut in_numpr = false;
    let mut depth = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|err| xml_error(PART, &reader, err))?;
        let (e, is_start) = match &event {
            Event::Start(e) => {
                depth += 1;
                (e, true)
            }
            Event::Empty(e) => (e, false),
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                match e.local_name().as_ref() {
                    "style" => {
                        if let Some((id, def)) = current.take() {
                            styles.by_id.insert(id, def);
                        }
                    }
                    "numPr" => in_numpr = false,
                    _ => {}
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        match e.local_name().as_ref() {
            "style" => {
                let id = attr(e, "styleId").unwrap_or_default();
                let def = StyleDef::default();
                if is_start {
                    current = Some((id, def));
                } else if !id.is_empty() {
                    styles.by_id.insert(id, def);
                }
            }
            local => {
                let Some((_, def)) = current.as_mut() else {
                    continue;
                };
                match local {
                    "name" => def.name = attr(e, "val"),
                    "basedOn" => def.based_on = attr(e, "val"),
                    "outlineLvl" => {
                        def.outline = attr(e, "val").and_then(|v| v.trim().parse::<u8>().ok());
                    }
                    "numPr" => {
                        in_numpr = is_start;
                        // An empty <w:numPr/> carries no numbering.
                        if is_start && def.numbered.is_none() {
                            def.numbered = Some(true);
                        }
                    }
                    "numId" if in_numpr => {
                        def.numbered = Some(attr(e, "val").is_some_and(|v| v.trim() != "0"));
                    }
                    _ => {}
                }
            }
        }
    }
    if depth != 0 {
        return Err(unclosed(PART));
    }
    Ok(styles)
}

// ---------------------------------------------------------------------------------------------
// core.xml

fn parse_core_title(xml: &str) -> Result<Option<String>, LoadError> {
    const PART: &str = "docProps/core.xml";
    let mut reader = Reader::from_str(xml);
    let mut in_title = false;
    let mut title = String::new();
    loop {
        match reader
            .read_event()
            .map_err(|err| xml_error(PART, &reader, err))?
        {
            Event::Start(e) if e.local_name().as_ref() == "title" => in_title = true,
            Event::End(e) if e.local_name().as_ref() == "title" => {
                if !title.trim().is_empty() {
                    break;
                }
                in_title = false;
            }
            Event::Text(t) if in_title => title.push_str(&t.xml10_content()),
            Event::CData(t) if in_title => title.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_title => {
                if let Some(s) = resolve_ref(&r) {
                    title.push_str(&s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(collapse(&title))
}

/// Whitespace runs to single spaces, trimmed; `None` if nothing is left.
fn collapse(text: &str) -> Option<String> {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}

// ---------------------------------------------------------------------------------------------
// document.xml

/// Page position of a block under both ways of counting pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PagePos {
    /// Counted from `<w:lastRenderedPageBreak/>` (Word's own pagination).
    rendered: u32,
    /// Counted from hard page breaks and section breaks.
    hard: u32,
}

#[derive(Debug, Default)]
struct Para {
    text: String,
    style: Option<String>,
    /// Paragraph's own `w:outlineLvl`.
    outline: Option<u8>,
    /// Paragraph's own numbering: `Some(false)` for `numId 0`.
    numbered: Option<bool>,
    in_ppr: bool,
    in_numpr: bool,
    /// A section ends with this paragraph and the next one starts on a new page.
    section_page_break: bool,
    /// Where the first visible text of the paragraph is.
    start: Option<PagePos>,
    /// Text of runs no reader sees (hidden, 1 pt or smaller, white on white).
    hidden: String,
}

#[derive(Debug, Default)]
struct Row {
    cells: Vec<String>,
    start: Option<PagePos>,
}

#[derive(Debug)]
enum Frame {
    Para(Para),
    Table,
    Row(Row),
    Cell(String),
}

#[derive(Debug)]
struct Body {
    blocks: Vec<Block>,
    page_count: Option<u32>,
    /// Text of the first paragraph in the "Title" style.
    title: Option<String>,
}

struct Walker<'s> {
    styles: &'s Styles,
    stack: Vec<Frame>,
    blocks: Vec<(BlockKind, String, PagePos)>,
    pos: PagePos,
    saw_rendered_break: bool,
    saw_hard_break: bool,
    title: Option<String>,
    /// Inside `<w:t>`.
    in_text: bool,
    /// Number of `Frame::Table`s on the stack.
    open_tables: usize,
    /// Inside the `<w:rPr>` of a run (not of a paragraph mark).
    in_run_props: bool,
    run: RunLook,
}

/// What a run's properties say about whether it can be seen.
#[derive(Debug, Default, Clone, Copy)]
struct RunLook {
    vanish: bool,
    tiny: bool,
    white: bool,
    /// Shaded or highlighted: white text on it is visible.
    shaded: bool,
}

impl RunLook {
    /// Hidden from readers. White text counts only outside tables, where no cell shading
    /// can make it visible.
    fn invisible(self, in_table: bool) -> bool {
        self.vanish || self.tiny || (self.white && !self.shaded && !in_table)
    }
}

impl Walker<'_> {
    fn para(&mut self) -> Option<&mut Para> {
        match self.stack.last_mut() {
            Some(Frame::Para(p)) => Some(p),
            _ => None,
        }
    }

    /// Appends run text to the innermost open paragraph.
    fn push_text(&mut self, text: &str) {
        let pos = self.pos;
        if let Some(p) = self.para() {
            if p.start.is_none() && !text.trim().is_empty() {
                p.start = Some(pos);
            }
            p.text.push_str(text);
        }
    }

    /// Appends the text of a `<w:t>`: visible text to the paragraph, text no reader sees to
    /// its hidden part.
    fn push_run_text(&mut self, text: &str) {
        if self.run.invisible(self.open_tables > 0) {
            if let Some(p) = self.para() {
                p.hidden.push_str(text);
            }
        } else {
            self.push_text(text);
        }
    }

    fn rendered_break(&mut self) {
        self.pos.rendered += 1;
        self.saw_rendered_break = true;
    }

    fn hard_break(&mut self) {
        self.pos.hard += 1;
        self.saw_hard_break = true;
    }

    fn start(&mut self, e: &BytesStart<'_>, is_start: bool) {
        match e.local_name().as_ref() {
            "p" if is_start => self.stack.push(Frame::Para(Para::default())),
            "tbl" if is_start => {
                self.stack.push(Frame::Table);
                self.open_tables += 1;
            }
            "tr" if is_start => self.stack.push(Frame::Row(Row::default())),
            "tc" if is_start => self.stack.push(Frame::Cell(String::new())),
            "t" => self.in_text = is_start,
            "r" if is_start => self.run = RunLook::default(),
            "rPr" => self.in_run_props = is_start && self.para().is_some_and(|p| !p.in_ppr),
            "vanish" | "specVanish" if self.in_run_props => self.run.vanish = on_off(e),
            // half-points: 2 is 1 pt
            "sz" if self.in_run_props => {
                self.run.tiny = attr(e, "val")
                    .and_then(|v| v.trim().parse::<u32>().ok())
                    .is_some_and(|half_points| half_points <= 2);
            }
            "color" if self.in_run_props => {
                self.run.white =
                    attr(e, "val").is_some_and(|v| v.trim().eq_ignore_ascii_case("FFFFFF"));
            }
            "shd" | "highlight" if self.in_run_props => self.run.shaded = true,
            "pPr" => {
                if let Some(p) = self.para() {
                    p.in_ppr = is_start;
                }
            }
            "tab" | "ptab" => {
                if self.para().is_some_and(|p| !p.in_ppr) {
                    self.push_text(" ");
                }
            }
            "br" => {
                if attr(e, "type").as_deref() == Some("page") {
                    self.hard_break();
                }
                self.push_text("\n");
            }
            "cr" => self.push_text("\n"),
            "noBreakHyphen" => self.push_text("-"),
            "lastRenderedPageBreak" => self.rendered_break(),
            local => self.paragraph_property(local, e, is_start),
        }
    }

    fn paragraph_property(&mut self, local: &str, e: &BytesStart<'_>, is_start: bool) {
        let has_blocks = !self.blocks.is_empty();
        let Some(p) = self.para() else {
            return;
        };
        if !p.in_ppr {
            return;
        }
        let mut page_break_before = false;
        match local {
            "pStyle" => p.style = attr(e, "val"),
            "outlineLvl" => p.outline = attr(e, "val").and_then(|v| v.trim().parse::<u8>().ok()),
            "numPr" => {
                p.in_numpr = is_start;
                if is_start && p.numbered.is_none() {
                    p.numbered = Some(true);
                }
            }
            "numId" if p.in_numpr => {
                p.numbered = Some(attr(e, "val").is_some_and(|v| v.trim() != "0"));
            }
            "pageBreakBefore" => page_break_before = on_off(e) && has_blocks,
            "sectPr" => p.section_page_break = true,
            // <w:type w:val="continuous"/> inside the paragraph's sectPr.
            "type" => {
                if matches!(attr(e, "val").as_deref(), Some("continuous" | "nextColumn")) {
                    p.section_page_break = false;
                }
            }
            _ => {}
        }
        if page_break_before {
            self.hard_break();
        }
    }

    fn end(&mut self, local: &str) {
        match local {
            "p" => self.end_para(),
            "t" => self.in_text = false,
            "rPr" => self.in_run_props = false,
            "pPr" => {
                if let Some(p) = self.para() {
                    p.in_ppr = false;
                }
            }
            "numPr" => {
                if let Some(p) = self.para() {
                    p.in_numpr = false;
                }
            }
            "tc" => {
                if let Some(Frame::Cell(_)) = self.stack.last()
                    && let Some(Frame::Cell(text)) = self.stack.pop()
                    && let Some(Frame::Row(row)) = self.stack.last_mut()
                {
                    let text = text.trim();
                    if !text.is_empty() {
                        row.cells.push(text.to_string());
                    }
                }
            }
            "tr" => {
                if let Some(Frame::Row(_)) = self.stack.last()
                    && let Some(Frame::Row(row)) = self.stack.pop()
                {
                    self.end_row(row);
                }
            }
            "tbl" => {
                if let Some(Frame::Table) = self.stack.last() {
                    self.stack.pop();
                    self.open_tables -= 1;
                }
            }
            _ => {}
        }
    }

    fn end_row(&mut self, row: Row) {
        if row.cells.is_empty() {
            return;
        }
        // A nested table is flattened into the text of the cell that holds it.
        if self.open_tables > 1
            && let Some(cell) = self.stack.iter_mut().rev().find_map(|f| match f {
                Frame::Cell(text) => Some(text),
                _ => None,
            })
        {
            if !cell.is_empty() {
                cell.push(' ');
            }
            cell.push_str(&row.cells.join(" "));
            return;
        }
        let start = row.start.unwrap_or(self.pos);
        self.blocks
            .push((BlockKind::TableRow, row.cells.join(" | "), start));
    }

    fn end_para(&mut self) {
        if !matches!(self.stack.last(), Some(Frame::Para(_))) {
            return;
        }
        let Some(Frame::Para(p)) = self.stack.pop() else {
            return;
        };
        if p.section_page_break {
            // The section ends with this paragraph; the next one starts on a new page.
            self.hard_break();
        }
        let hidden = p.hidden.trim();
        if !hidden.is_empty() {
            // kept searchable, marked so that answers leave it out (crate::instructions)
            self.blocks.push((
                BlockKind::Paragraph,
                format!("{} {hidden}", crate::instructions::HIDDEN_TEXT_MARK),
                p.start.unwrap_or(self.pos),
            ));
        }
        let text = p.text.trim();
        if text.is_empty() {
            return;
        }
        let start = p.start.unwrap_or(self.pos);
        // Inside a table cell: the cell collects its paragraphs.
        match self.stack.last_mut() {
            Some(Frame::Cell(cell)) => {
                if !cell.is_empty() {
                    cell.push(' ');
                }
                cell.push_str(text);
                if let Some(Frame::Row(row)) = self.stack.iter_mut().rev().nth(1)
                    && row.start.is_none()
                {
                    row.start = Some(start);
                }
                return;
            }
            Some(Frame::Row(_) | Frame::Table) => return,
            _ => {}
        }
        let role = p
            .style
            .as_deref()
            .map(|id| self.styles.role(id))
            .unwrap_or_default();
        if role.toc {
            return;
        }
        let heading = match p.outline {
            Some(outline) => outline_level(outline),
            None => role.heading,
        };
        let kind = if role.title && self.title.is_none() {
            self.title = Some(text.to_string());
            BlockKind::Heading { level: 1 }
        } else if let Some(level) = heading {
            BlockKind::Heading { level }
        } else if p.numbered.unwrap_or(role.numbered) {
            BlockKind::ListItem
        } else {
            BlockKind::Paragraph
        };
        self.blocks.push((kind, text.to_string(), start));
    }
}

/// Elements whose content is never text of the document: deleted and moved-away text, the
/// fallback copy of text boxes, field instructions, and the old properties recorded by tracked
/// formatting changes (which would otherwise override the current style).
fn skipped(local: &str) -> bool {
    matches!(
        local,
        "del"
            | "moveFrom"
            | "Fallback"
            | "instrText"
            | "delText"
            | "delInstrText"
            | "pPrChange"
            | "rPrChange"
            | "sectPrChange"
            | "tblPrChange"
            | "trPrChange"
            | "tcPrChange"
            | "numberingChange"
    )
}

fn parse_document(xml: &str, styles: &Styles) -> Result<Body, LoadError> {
    const PART: &str = "word/document.xml";
    let mut reader = Reader::from_str(xml);
    let mut walker = Walker {
        styles,
        stack: Vec::new(),
        blocks: Vec::new(),
        pos: PagePos {
            rendered: 1,
            hard: 1,
        },
        saw_rendered_break: false,
        saw_hard_break: false,
        title: None,
        in_text: false,
        open_tables: 0,
        in_run_props: false,
        run: RunLook::default(),
    };
    let mut depth = 0usize;
    let mut skip_depth = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|err| xml_error(PART, &reader, err))?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if skip_depth > 0 {
                    skip_depth += 1;
                } else if skipped(e.local_name().as_ref()) {
                    skip_depth = 1;
                } else {
                    walker.start(&e, true);
                }
            }
            Event::Empty(e) if skip_depth == 0 && !skipped(e.local_name().as_ref()) => {
                walker.start(&e, false);
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                if skip_depth > 0 {
                    skip_depth -= 1;
                } else {
                    walker.end(e.local_name().as_ref());
                }
            }
            Event::Text(t) if walker.in_text && skip_depth == 0 => {
                walker.push_run_text(&t.xml10_content());
            }
            Event::CData(t) if walker.in_text && skip_depth == 0 => {
                walker.push_run_text(&t.xml10_content());
            }
            Event::GeneralRef(r) if walker.in_text && skip_depth == 0 => {
                if let Some(s) = resolve_ref(&r) {
                    walker.push_run_text(&s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth != 0 {
        return Err(unclosed(PART));
    }

    // Word's own pagination is the better source; hard breaks are the fallback.
    let page_of: Option<fn(PagePos) -> u32> = if walker.saw_rendered_break {
        Some(|p| p.rendered)
    } else if walker.saw_hard_break {
        Some(|p| p.hard)
    } else {
        None
    };
    let blocks = walker
        .blocks
        .into_iter()
        .map(|(kind, text, pos)| Block::new(kind, text, page_of.map(|f| f(pos))))
        .collect();
    Ok(Body {
        blocks,
        page_count: page_of.map(|f| f(walker.pos)),
        title: walker.title.as_deref().and_then(collapse),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::io::Write;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn doc_xml(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>"#
        )
    }

    fn zip_of(entries: &[(&str, &str)]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, content) in entries {
            writer
                .start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            writer.write_all(content.as_bytes()).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    fn docx(body: &str) -> Vec<u8> {
        zip_of(&[("word/document.xml", &doc_xml(body))])
    }

    fn p(text: &str) -> String {
        format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
    }

    fn styled(style: &str, text: &str) -> String {
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    }

    /// Styles as German Word writes them: ids without the "Ü", English latent names.
    fn german_styles() -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:styles {W}>
            <w:style w:type="paragraph" w:default="1" w:styleId="Standard"><w:name w:val="Normal"/></w:style>
            <w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/><w:basedOn w:val="Standard"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/><w:basedOn w:val="Standard"/></w:style>
            <w:style w:type="paragraph" w:styleId="Paragraf"><w:name w:val="Paragraf"/><w:basedOn w:val="Standard"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="MeineH1"><w:name w:val="Meine Überschrift"/><w:basedOn w:val="berschrift1"/></w:style>
            <w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/></w:style>
            <w:style w:type="paragraph" w:styleId="Aufzhlungszeichen"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Verzeichnis1"><w:name w:val="toc 1"/></w:style>
            </w:styles>"#
        )
    }

    fn kinds_and_texts(doc: &LoadedDocument) -> Vec<(BlockKind, &str)> {
        doc.blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str()))
            .collect()
    }

    #[test]
    fn text_no_reader_sees_is_kept_apart_and_marked() {
        let run = |props: &str, text: &str| {
            format!(r#"<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#)
        };
        let body = [
            format!(
                "<w:p>{}{}</w:p>",
                run("", "Sichtbar. "),
                run("<w:vanish/>", "Versteckt.")
            ),
            format!("<w:p>{}</w:p>", run(r#"<w:sz w:val="2"/>"#, "Winzig.")),
            format!(
                "<w:p>{}</w:p>",
                run(r#"<w:color w:val="FFFFFF"/>"#, "Weiß.")
            ),
            // white on a shaded run, and a 10 pt run, are seen
            format!(
                "<w:p>{}{}</w:p>",
                run(
                    r#"<w:color w:val="FFFFFF"/><w:shd w:val="clear" w:fill="1F3864"/>"#,
                    "Weiß auf Blau. "
                ),
                run(r#"<w:sz w:val="20"/>"#, "Normal.")
            ),
        ]
        .concat();
        let doc = load_docx(&docx(&body)).unwrap();
        let mark = crate::instructions::HIDDEN_TEXT_MARK;
        assert_eq!(
            kinds_and_texts(&doc),
            vec![
                (BlockKind::Paragraph, format!("{mark} Versteckt.").as_str()),
                (BlockKind::Paragraph, "Sichtbar."),
                (BlockKind::Paragraph, format!("{mark} Winzig.").as_str()),
                (BlockKind::Paragraph, format!("{mark} Weiß.").as_str()),
                (BlockKind::Paragraph, "Weiß auf Blau. Normal."),
            ]
        );
    }

    #[test]
    fn german_style_ids_become_heading_levels() {
        let body = [
            styled("berschrift1", "Dienstanweisung KI"),
            styled("berschrift2", "§ 5 Qualifizierung"),
            styled("Paragraf", "Absatz 1"),
            styled("MeineH1", "Anlage 1"),
            styled("Standard", "Beschäftigte werden geschult."),
        ]
        .concat();
        let bytes = zip_of(&[
            ("word/document.xml", &doc_xml(&body)),
            ("word/styles.xml", &german_styles()),
        ]);
        let doc = load_docx(&bytes).unwrap();
        assert_eq!(doc.format, Format::Docx);
        assert_eq!(
            kinds_and_texts(&doc),
            vec![
                (BlockKind::Heading { level: 1 }, "Dienstanweisung KI"),
                (BlockKind::Heading { level: 2 }, "§ 5 Qualifizierung"),
                (BlockKind::Heading { level: 3 }, "Absatz 1"),
                (BlockKind::Heading { level: 1 }, "Anlage 1"),
                (BlockKind::Paragraph, "Beschäftigte werden geschult."),
            ]
        );
    }

    #[test]
    fn heading_style_ids_are_recognised_without_styles_xml() {
        let body = [
            styled("Heading1", "Einleitung"),
            styled("berschrift3", "Details"),
            styled("Textkrper", "Fließtext"),
        ]
        .concat();
        let doc = load_docx(&docx(&body)).unwrap();
        assert_eq!(
            kinds_and_texts(&doc),
            vec![
                (BlockKind::Heading { level: 1 }, "Einleitung"),
                (BlockKind::Heading { level: 3 }, "Details"),
                (BlockKind::Paragraph, "Fließtext"),
            ]
        );
    }

    #[test]
    fn broken_styles_xml_falls_back_to_style_ids() {
        let bytes = zip_of(&[
            (
                "word/document.xml",
                &doc_xml(&[styled("berschrift2", "Frist"), p("Text")].concat()),
            ),
            ("word/styles.xml", "<w:styles><w:style w:styleId=\"x\">"),
        ]);
        let doc = load_docx(&bytes).unwrap();
        assert_eq!(
            kinds_and_texts(&doc),
            vec![
                (BlockKind::Heading { level: 2 }, "Frist"),
                (BlockKind::Paragraph, "Text"),
            ]
        );
    }

    #[test]
    fn paragraph_outline_level_makes_a_heading() {
        let body = format!(
            r#"<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>Abschnitt 2</w:t></w:r></w:p>
               <w:p><w:pPr><w:pStyle w:val="berschrift1"/><w:outlineLvl w:val="9"/></w:pPr><w:r><w:t>Kein Titel</w:t></w:r></w:p>{}"#,
            p("Text")
        );
        let doc = load_docx(&docx(&body)).unwrap();
        assert_eq!(
            kinds_and_texts(&doc),
            vec![
                (BlockKind::Heading { level: 2 }, "Abschnitt 2"),
                (BlockKind::Paragraph, "Kein Titel"),
                (BlockKind::Paragraph, "Text"),
            ]
        );
    }

    #[test]
    fn table_rows_are_joined_with_bars() {
        let body = format!(
            r#"{}<w:tbl><w:tblPr/>
                <w:tr><w:tc><w:p><w:r><w:t>Leistung</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Gebühr</w:t></w:r></w:p></w:tc></w:tr>
                <w:tr><w:tc><w:p><w:r><w:t>Meldebescheinigung</w:t></w:r></w:p><w:p><w:r><w:t>(einfach)</w:t></w:r></w:p></w:tc>
                      <w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>5 €</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>bar</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr>
            </w:tbl>{}"#,
            p("Vorher"),
            p("Nachher")
        );
        let doc = load_docx(&docx(&body)).unwrap();
        assert_eq!(
            kinds_and_texts(&doc),
            vec![
                (BlockKind::Paragraph, "Vorher"),
                (BlockKind::TableRow, "Leistung | Gebühr"),
                (
                    BlockKind::TableRow,
                    "Meldebescheinigung (einfach) | 5 € bar"
                ),
                (BlockKind::Paragraph, "Nachher"),
            ]
        );
    }

    #[test]
    fn numbered_paragraphs_are_list_items() {
        let body = format!(
            r#"<w:p><w:pPr><w:pStyle w:val="Listenabsatz"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>erstens</w:t></w:r></w:p>
               <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>ohne Nummer</w:t></w:r></w:p>
               {}"#,
            styled("Aufzhlungszeichen", "per Formatvorlage")
        );
        let bytes = zip_of(&[
            ("word/document.xml", &doc_xml(&body)),
            ("word/styles.xml", &german_styles()),
        ]);
        let doc = load_docx(&bytes).unwrap();
        assert_eq!(
            kinds_and_texts(&doc),
            vec![
                (BlockKind::ListItem, "erstens"),
                (BlockKind::Paragraph, "ohne Nummer"),
                (BlockKind::ListItem, "per Formatvorlage"),
            ]
        );
    }

    #[test]
    fn title_comes_from_core_properties() {
        let core = r#"<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>  Dienstanweisung &amp; KI-Nutzung </dc:title><dc:creator>Hauptamt</dc:creator></cp:coreProperties>"#;
        let bytes = zip_of(&[
            ("word/document.xml", &doc_xml(&styled("Titel", "Im Text"))),
            ("word/styles.xml", &german_styles()),
            ("docProps/core.xml", core),
        ]);
        let doc = load_docx(&bytes).unwrap();
        assert_eq!(
            doc.metadata_title.as_deref(),
            Some("Dienstanweisung & KI-Nutzung")
        );
        assert_eq!(
            doc.blocks,
            vec![Block::heading(1, "Im Text", None)],
            "the Title paragraph is still a level-1 heading"
        );
    }

    #[test]
    fn title_style_gives_the_title_without_core_properties() {
        let body = [
            styled("Titel", "Satzung über Gebühren"),
            styled("Titel", "zweiter Titelabsatz"),
            p("Inhalt"),
        ]
        .concat();
        let bytes = zip_of(&[
            ("word/document.xml", &doc_xml(&body)),
            ("word/styles.xml", &german_styles()),
        ]);
        let doc = load_docx(&bytes).unwrap();
        assert_eq!(doc.metadata_title.as_deref(), Some("Satzung über Gebühren"));
        assert_eq!(
            doc.blocks[0],
            Block::heading(1, "Satzung über Gebühren", None)
        );
        assert_eq!(doc.blocks[1].kind, BlockKind::Paragraph);
    }

    #[test]
    fn page_numbers_come_from_page_breaks() {
        let body = format!(
            r#"{}<w:p><w:r><w:t>Ende Seite 1</w:t></w:r><w:r><w:br w:type="page"/></w:r></w:p>{}{}<w:p><w:r><w:br w:type="page"/><w:t>Seite 3</w:t></w:r></w:p>"#,
            p("Anfang"),
            p("Seite 2 oben"),
            p("Seite 2 unten"),
        );
        let doc = load_docx(&docx(&body)).unwrap();
        let pages: Vec<(&str, Option<u32>)> = doc
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.page))
            .collect();
        assert_eq!(
            pages,
            vec![
                ("Anfang", Some(1)),
                ("Ende Seite 1", Some(1)),
                ("Seite 2 oben", Some(2)),
                ("Seite 2 unten", Some(2)),
                ("Seite 3", Some(3)),
            ]
        );
        assert_eq!(doc.page_count, Some(3));
    }

    #[test]
    fn rendered_page_breaks_win_over_hard_breaks() {
        // Word writes a lastRenderedPageBreak after every page break it laid out, hard ones
        // included; counting both would double the hard breaks.
        let body = format!(
            r#"{}<w:p><w:r><w:t>lang</w:t><w:lastRenderedPageBreak/><w:t> weiter</w:t></w:r></w:p><w:p><w:r><w:br w:type="page"/></w:r></w:p><w:p><w:r><w:lastRenderedPageBreak/><w:t>Anlage</w:t></w:r></w:p>"#,
            p("eins"),
        );
        let doc = load_docx(&docx(&body)).unwrap();
        let pages: Vec<Option<u32>> = doc.blocks.iter().map(|b| b.page).collect();
        assert_eq!(pages, vec![Some(1), Some(1), Some(3)]);
        assert_eq!(doc.page_count, Some(3));
    }

    #[test]
    fn no_page_breaks_means_no_pages() {
        let doc = load_docx(&docx(&[p("a"), p("b")].concat())).unwrap();
        assert!(doc.blocks.iter().all(|b| b.page.is_none()));
        assert_eq!(doc.page_count, None);
    }

    #[test]
    fn deleted_text_and_field_codes_are_ignored() {
        let body = r#"<w:p><w:r><w:t xml:space="preserve">Die Frist beträgt </w:t></w:r><w:del w:id="1" w:author="A"><w:r><w:delText>zwei</w:delText></w:r></w:del><w:ins w:id="2" w:author="A"><w:r><w:t>vier</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> Wochen</w:t><w:tab/><w:t>(§</w:t><w:noBreakHyphen/><w:t>3)</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#;
        let doc = load_docx(&docx(body)).unwrap();
        assert_eq!(doc.blocks.len(), 1);
        assert_eq!(doc.blocks[0].text, "Die Frist beträgt vier Wochen (§-3)");
    }

    #[test]
    fn empty_paragraphs_and_toc_entries_are_skipped() {
        let body = [
            "<w:p/>".to_string(),
            "<w:p><w:r><w:t>   </w:t></w:r></w:p>".to_string(),
            styled("Verzeichnis1", "§ 1 Geltungsbereich 3"),
            p("Text"),
        ]
        .concat();
        let bytes = zip_of(&[
            ("word/document.xml", &doc_xml(&body)),
            ("word/styles.xml", &german_styles()),
        ]);
        let doc = load_docx(&bytes).unwrap();
        assert_eq!(doc.blocks, vec![Block::paragraph("Text", None)]);
    }

    #[test]
    fn not_a_zip_is_binary() {
        assert_eq!(
            load_docx(b"this is not a zip archive at all"),
            Err(LoadError::Binary {
                expected: "ein DOCX-Dokument (ZIP-Archiv)"
            })
        );
    }

    #[test]
    fn old_doc_files_get_a_hint() {
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.extend_from_slice(&[0u8; 512]);
        let err = load_docx(&ole).unwrap_err();
        assert!(err.to_string().contains(".doc"), "{err}");
    }

    #[test]
    fn zip_without_document_xml_is_corrupt() {
        let bytes = zip_of(&[("word/other.xml", "<x/>")]);
        assert_eq!(
            load_docx(&bytes),
            Err(LoadError::corrupt(
                Format::Docx,
                "im Archiv fehlt word/document.xml"
            ))
        );
    }

    #[test]
    fn broken_xml_is_corrupt() {
        let bytes = zip_of(&[(
            "word/document.xml",
            "<w:document><w:body><w:p><w:r><w:t>abc</w:r></w:p>",
        )]);
        match load_docx(&bytes) {
            Err(LoadError::Corrupt { format, detail }) => {
                assert_eq!(format, Format::Docx);
                assert!(detail.contains("word/document.xml"), "{detail}");
            }
            other => panic!("expected Corrupt, got {other:?}"),
        }
        let truncated = zip_of(&[("word/document.xml", "<w:document><w:body><w:p>")]);
        assert!(matches!(
            load_docx(&truncated),
            Err(LoadError::Corrupt { .. })
        ));
    }

    #[test]
    fn oversized_entries_are_refused() {
        let big = "x".repeat(4096);
        let bytes = zip_of(&[("word/document.xml", big.as_str())]);
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes.as_slice())).unwrap();
        match read_entry_limited(&mut archive, "word/document.xml", 1000) {
            Err(LoadError::Corrupt { detail, .. }) => {
                assert!(detail.contains("liest lotse nicht"), "{detail}");
            }
            other => panic!("expected Corrupt, got {other:?}"),
        }
        let read = read_entry_limited(&mut archive, "word/document.xml", 4096).unwrap();
        assert_eq!(read.map(|s| s.len()), Some(4096));
        assert_eq!(
            read_entry_limited(&mut archive, "word/styles.xml", 4096).unwrap(),
            None
        );
    }

    #[test]
    fn entity_references_are_resolved() {
        let doc = load_docx(&docx(&p("A &amp; B &lt;C&gt; &#228;"))).unwrap();
        assert_eq!(doc.blocks[0].text, "A & B <C> ä");
    }

    #[test]
    fn text_box_fallback_is_not_duplicated() {
        let body = r#"<w:p><w:r><w:t>Anker</w:t><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Hinweis</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Hinweis</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#;
        let doc = load_docx(&docx(body)).unwrap();
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec!["Hinweis", "Anker"]);
    }

    fn fixture(path: &str) -> Vec<u8> {
        let full = format!("{}/../../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&full).unwrap_or_else(|err| panic!("{full}: {err}"))
    }

    #[test]
    fn fixture_from_word_with_german_styles() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/good/word-german-styles.docx"
        ))
        .unwrap();
        let doc = load_docx(&bytes).unwrap();
        assert_eq!(
            doc.metadata_title.as_deref(),
            Some("Testdokument Überschriften")
        );
        assert_eq!(doc.page_count, None);
        assert_eq!(
            kinds_and_texts(&doc),
            vec![
                (
                    BlockKind::Heading { level: 1 },
                    "Testdokument Überschriften"
                ),
                (BlockKind::Heading { level: 1 }, "§ 1 Zweck"),
                (
                    BlockKind::Paragraph,
                    "Dieses Dokument verwendet die Formatvorlagen eines deutschsprachigen Word."
                ),
                (
                    BlockKind::Paragraph,
                    "Ein Absatz über einen Verwaltungsvorgang mit geteilten Textläufen."
                ),
                (BlockKind::Heading { level: 2 }, "1.1 Unterabschnitt"),
                (
                    BlockKind::Paragraph,
                    "Text unter der Überschrift zweiter Ebene."
                ),
                (BlockKind::Heading { level: 1 }, "§ 2 Zuständigkeiten"),
                (
                    BlockKind::Paragraph,
                    "Die folgende Tabelle nennt die Zuständigkeiten."
                ),
                (BlockKind::TableRow, "Aufgabe | Zuständig | Frist"),
                (BlockKind::TableRow, "Antragsprüfung | Bürgerbüro | 14 Tage"),
                (BlockKind::Paragraph, "Ende des Testdokuments."),
            ]
        );
    }

    #[test]
    fn bad_fixtures_are_refused() {
        assert_eq!(
            load_docx(&fixture("bad/binary.docx")),
            Err(LoadError::Binary {
                expected: "ein DOCX-Dokument (ZIP-Archiv)"
            })
        );
        assert_eq!(
            load_docx(&fixture("bad/not-a-docx.docx")),
            Err(LoadError::corrupt(
                Format::Docx,
                "im Archiv fehlt word/document.xml"
            ))
        );
    }
}
