//! Markdown: ATX (`#`) and Setext headings, paragraphs, list items, pipe tables.
//! Inline markup is reduced to its text; code fences are kept as paragraphs.

use lotse_core::{Block, BlockKind, Format, LoadedDocument};

pub fn load_markdown(text: &str) -> LoadedDocument {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut in_fence = false;
    let mut title = None;
    let lines: Vec<&str> = text.lines().collect();

    let flush = |paragraph: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if !paragraph.is_empty() {
            blocks.push(Block::paragraph(strip_inline(&paragraph.join("\n")), None));
            paragraph.clear();
        }
    };

    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim();
        i += 1;
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            flush(&mut paragraph, &mut blocks);
            continue;
        }
        if in_fence {
            paragraph.push(line);
            continue;
        }
        if trimmed.is_empty() {
            flush(&mut paragraph, &mut blocks);
            continue;
        }
        if let Some((level, heading)) = atx_heading(trimmed) {
            flush(&mut paragraph, &mut blocks);
            if level == 1 && title.is_none() {
                title = Some(strip_inline(heading));
            }
            blocks.push(Block::heading(level, strip_inline(heading), None));
            continue;
        }
        // Setext: a paragraph line underlined with === or ---.
        if paragraph.len() == 1 && is_setext_underline(trimmed) {
            let level = if trimmed.starts_with('=') { 1 } else { 2 };
            let heading = strip_inline(paragraph[0]);
            paragraph.clear();
            if level == 1 && title.is_none() {
                title = Some(heading.clone());
            }
            blocks.push(Block::heading(level, heading, None));
            continue;
        }
        if trimmed.starts_with('|') && trimmed.ends_with('|') {
            flush(&mut paragraph, &mut blocks);
            if trimmed.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
                continue; // the |---|---| separator row
            }
            let cells: Vec<String> = trimmed
                .trim_matches('|')
                .split('|')
                .map(|c| strip_inline(c.trim()))
                .collect();
            blocks.push(Block::new(BlockKind::TableRow, cells.join(" | "), None));
            continue;
        }
        if let Some(item) = list_item(trimmed) {
            flush(&mut paragraph, &mut blocks);
            blocks.push(Block::new(BlockKind::ListItem, strip_inline(item), None));
            continue;
        }
        // A continuation line of a list item is indented; attach it to the item.
        if paragraph.is_empty()
            && line.starts_with("  ")
            && let Some(last) = blocks.last_mut()
            && last.kind == BlockKind::ListItem
        {
            last.text.push(' ');
            last.text.push_str(&strip_inline(trimmed));
            continue;
        }
        paragraph.push(trimmed);
    }
    flush(&mut paragraph, &mut blocks);
    LoadedDocument {
        format: Format::Markdown,
        metadata_title: front_matter_title(text).or(title),
        blocks,
        page_count: None,
        scanned_pages: Vec::new(),
    }
}

fn atx_heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &line[hashes..];
    if !rest.is_empty() && !rest.starts_with(' ') {
        return None; // "#hashtag"
    }
    Some((hashes as u8, rest.trim().trim_end_matches('#').trim()))
}

fn is_setext_underline(line: &str) -> bool {
    line.len() >= 3 && (line.chars().all(|c| c == '=') || line.chars().all(|c| c == '-'))
}

fn list_item(line: &str) -> Option<&str> {
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = line.strip_prefix(marker) {
            return Some(rest);
        }
    }
    // "1. Text" / "1) Text" are kept with their number: administrative lists refer to them.
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits < 4 {
        let rest = &line[digits..];
        if rest.starts_with(". ") || rest.starts_with(") ") {
            return Some(line);
        }
    }
    None
}

fn front_matter_title(text: &str) -> Option<String> {
    let body = text.strip_prefix("---\n")?;
    let end = body.find("\n---")?;
    body[..end].lines().find_map(|l| {
        l.strip_prefix("title:")
            .map(|t| t.trim().trim_matches('"').to_string())
            .filter(|t| !t.is_empty())
    })
}

/// Removes emphasis markers, inline code ticks and link targets, keeping the visible text.
pub fn strip_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '*' | '`' => {}
            '_' if i + 1 < chars.len() && chars[i + 1] == '_' => i += 1,
            '!' if chars.get(i + 1) == Some(&'[') => {}
            '[' => {
                // [text](url) → text
                if let Some(close) = chars[i..].iter().position(|&c| c == ']') {
                    let close = i + close;
                    if chars.get(close + 1) == Some(&'(')
                        && let Some(end) = chars[close..].iter().position(|&c| c == ')')
                    {
                        out.extend(&chars[i + 1..close]);
                        i = close + end + 1;
                        continue;
                    }
                }
                out.push(c);
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_paragraphs_lists_tables() {
        let md = "# Dienstvereinbarung Mobiles Arbeiten\n\n## § 3 Umfang\n\n(1) Mobiles Arbeiten ist an **bis zu drei** Tagen\nje Woche möglich.\n\n- erstens\n- zweitens\n  fortgesetzt\n\n| Tag | Zeit |\n|---|---|\n| Mo | 9-12 |\n\nSiehe [Anlage](anlage.pdf).\n";
        let doc = load_markdown(md);
        assert_eq!(
            doc.metadata_title.as_deref(),
            Some("Dienstvereinbarung Mobiles Arbeiten")
        );
        let kinds: Vec<_> = doc.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Heading { level: 1 },
                BlockKind::Heading { level: 2 },
                BlockKind::Paragraph,
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::TableRow,
                BlockKind::TableRow,
                BlockKind::Paragraph,
            ]
        );
        assert_eq!(doc.blocks[1].text, "§ 3 Umfang");
        assert_eq!(
            doc.blocks[2].text,
            "(1) Mobiles Arbeiten ist an bis zu drei Tagen\nje Woche möglich."
        );
        assert_eq!(doc.blocks[4].text, "zweitens fortgesetzt");
        assert_eq!(doc.blocks[5].text, "Tag | Zeit");
        assert_eq!(doc.blocks[6].text, "Mo | 9-12");
        assert_eq!(doc.blocks[7].text, "Siehe Anlage.");
    }

    #[test]
    fn setext_and_hashtags() {
        let doc = load_markdown("Titel\n=====\n\n#kein Titel\n");
        assert_eq!(doc.blocks[0].kind, BlockKind::Heading { level: 1 });
        assert_eq!(doc.blocks[1].kind, BlockKind::Paragraph);
    }
}
