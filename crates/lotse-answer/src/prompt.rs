//! The prompt of generative answers: a German system prompt, the numbered passages with
//! title, section and page, the question; within the model's token budget.

use lotse_core::Hit;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// `system`, `user` or `assistant`.
    pub role: String,
    pub content: String,
}

impl Message {
    pub fn new(role: &str, content: impl Into<String>) -> Message {
        Message {
            role: role.into(),
            content: content.into(),
        }
    }
}

pub const SYSTEM_PROMPT: &str = "Du bist lotse, der Auskunftsassistent einer deutschen \
Stadtverwaltung. Beantworte die Frage ausschließlich mit den nummerierten Quellen unten. \
Antworte kurz und sachlich auf Deutsch, in höchstens drei Sätzen. Belege jede Aussage mit \
der Nummer ihrer Quelle in eckigen Klammern, z. B. [1] oder [2]. Wenn die Quellen die \
Frage nicht beantworten, antworte nur: \"Dazu steht nichts in den freigegebenen Quellen.\" \
Erfinde nichts und nutze kein Wissen außerhalb der Quellen.";

/// A passage dropped from the prompt, and why (shown in the trainers' demo view).
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    format!(
        "[{n}] {} – {}{page}\n{}",
        hit.title,
        hit.section,
        hit.text.trim()
    )
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
    let mut used = count(SYSTEM_PROMPT) + count(question) + 32;
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
                reason: format!("context budget: {cost} tokens more than the {budget} allowed"),
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
        format!("Quellen:\n\n{}\n\nFrage: {question}", blocks.join("\n\n")),
    ));
    Built {
        messages,
        passages: kept,
        dropped,
        prompt_tokens: used,
    }
}
