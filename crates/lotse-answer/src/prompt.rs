//! The prompt of generative answers: a German system prompt, the numbered passages with
//! title, section and page, the question; within the model's token budget.

use lotse_core::Hit;
use serde::{Deserialize, Serialize};

pub use lotse_core::generate::Message;

pub const SYSTEM_PROMPT: &str = "Du bist lotse, der Auskunftsassistent einer deutschen \
Stadtverwaltung. Du beantwortest Fragen von Beschäftigten ausschließlich mit den nummerierten \
Quellen, die du bekommst.\n\
Regeln:\n\
1. Antworte kurz und sachlich auf Deutsch, in höchstens drei Sätzen, und sprich die \
Fragenden mit „Sie“ an.\n\
2. Setze hinter jeden Satz die Nummer seiner Quelle in eckigen Klammern, z. B. [1] oder [2].\n\
3. Wenn die Quellen die Frage nicht beantworten, antworte nur: \"Dazu steht nichts in den \
freigegebenen Quellen.\"\n\
4. Erfinde nichts und nutze kein Wissen außerhalb der Quellen.";

/// Closes the user message: small models follow what they read last.
pub const ANSWER_CUE: &str =
    "Antwort (höchstens drei Sätze, hinter jedem Satz die Quellennummer wie [1]):";

/// A passage dropped from the prompt, and why (shown in the trainers' demo view).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dropped {
    pub chunk_id: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Built<'a> {
    pub messages: Vec<Message>,
    /// The passages in the prompt; marker n is `passages[n - 1]`.
    pub passages: Vec<&'a Hit>,
    pub dropped: Vec<Dropped>,
    pub prompt_tokens: usize,
}

/// How a passage appears in the prompt.
pub fn passage_block(n: usize, hit: &Hit) -> String {
    let page = hit.page.map(|p| format!(", S. {p}")).unwrap_or_default();
    let section = crate::section_within(&hit.title, &hit.section);
    let heading = if section == hit.title || section.is_empty() {
        hit.title.clone()
    } else {
        format!("{} – {section}", hit.title)
    };
    format!("[{n}] {heading}{page}\n{}", hit.text.trim())
}

/// Builds the messages: passages in rank order until `budget` tokens (counted with
/// `count`) are used; the last two turns of history are kept for context.
pub fn build<'a>(
    question: &str,
    history: &[crate::Turn],
    passages: &[&'a Hit],
    count: impl Fn(&str) -> usize,
    budget: usize,
) -> Built<'a> {
    let mut used = count(SYSTEM_PROMPT) + count(question) + count(ANSWER_CUE) + 32;
    let recent: Vec<Message> = history
        .iter()
        .rev()
        .take(2)
        .rev()
        .map(|t| {
            let role = match t.role {
                crate::Role::User => "user",
                crate::Role::Assistant => "assistant",
            };
            Message::new(role, t.content.clone())
        })
        .collect();
    used += recent.iter().map(|m| count(&m.content)).sum::<usize>();
    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    let mut blocks = Vec::new();
    for hit in passages {
        let block = passage_block(kept.len() + 1, hit);
        let cost = count(&block);
        if used + cost > budget {
            dropped.push(Dropped {
                chunk_id: hit.chunk_id.clone(),
                reason: format!(
                    "Kontextbudget: die Passage hat {cost} Tokens, frei waren noch {} von {budget}",
                    budget.saturating_sub(used)
                ),
            });
            continue;
        }
        used += cost;
        blocks.push(block);
        kept.push(*hit);
    }
    let mut messages = vec![Message::new("system", SYSTEM_PROMPT)];
    messages.extend(recent);
    messages.push(Message::new(
        "user",
        format!(
            "Quellen:\n\n{}\n\nFrage: {question}\n\n{ANSWER_CUE}",
            blocks.join("\n\n")
        ),
    ));
    Built {
        messages,
        passages: kept,
        dropped,
        prompt_tokens: used,
    }
}
