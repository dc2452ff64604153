//! Int8 × int8 products for passages (hundreds of tokens) on CPUs with AVX512-VNNI.
//!
//! At passage shapes the f32 products already run near the SGEMM peak, so the only way to a
//! faster encoder is fewer instructions per multiply-add: `vpdpbusd` does 64 u8 × i8
//! multiply-adds into 16 i32 lanes, four times the 16 of an f32 FMA. Here
//!
//! * the weights are int8 with one f32 scale per output column (max |w| / 127), packed in
//!   panels of 16 columns × 4 inputs (one 64-byte register per step);
//! * smoothing (SmoothQuant, Xiao et al. 2023): a few input channels carry much larger values
//!   than the rest (LayerNorm outputs of BERT-family models), and one scale per token sized
//!   for them leaves few steps for the others. Given each input channel's largest |x| on
//!   calibration text, channel c is divided by `s_c = √(max|x_c| / max|w_c|)` before
//!   quantisation and weight row c multiplied by it: the product is unchanged, and the
//!   magnitudes are shared evenly between activations and weights;
//! * the activations are quantised per row (token) on the fly: one scale max |x| / 127, codes
//!   `round(x / scale) + 128` as u8, because `vpdpbusd` wants one unsigned operand. The +128
//!   is taken off again with each column's weight sum (`128 · Σ_k w[k][j]`), exactly, in i32;
//! * a register tile of 8 rows × 48 columns (24 accumulators) runs the whole input depth;
//!   rows go in blocks of 64 so a block's codes stay in L2 while the panels pass by.
//!
//! Safe SIMD through pulp's `V4Vnni` token (vendor/pulp adds it and the VNNI wrappers),
//! chosen at run time; without VNNI the encoder keeps f32.

use pulp::bytemuck::cast;
use pulp::x86::V4Vnni;
use pulp::{NullaryFnOnce, f32x16};
use std::arch::x86_64::{__m128i, __m512, __m512i};

/// Columns per panel: one 512-bit register of i32.
const PANEL: usize = 16;
/// Inputs per `vpdpbusd` lane.
const DEPTH: usize = 4;
/// Rows per register tile.
const TILE_ROWS: usize = 8;
/// Panels per register tile (48 columns).
const TILE_PANELS: usize = 3;
/// Rows whose codes stay in cache while all panels pass.
const ROW_BLOCK: usize = 64;

/// The CPU's AVX512-VNNI token, if it has one.
pub fn avx512_vnni() -> Option<V4Vnni> {
    V4Vnni::try_new()
}

/// A `[K, N]` weight matrix in int8, see the module docs.
#[derive(Debug)]
pub struct VnniMatrix {
    k: usize,
    n: usize,
    /// `panels[p · K/4 + g]`: bytes `j · 4 + t` hold `w[4g + t][16p + j]`.
    panels: Vec<__m512i>,
    /// Per column: `128 · Σ_k q[k][j]`, the share of the +128 offset of the codes.
    offsets: Vec<i32>,
    /// Per column: max |w| / 127.
    scales: Vec<f32>,
    /// Per input channel: `1 / s_c`, the smoothing factor applied to activations.
    smoothing: Vec<f32>,
}

/// Activations quantised per row.
#[derive(Debug)]
struct Codes {
    /// Four u8 codes per `u32`, `K/4` per row.
    words: Vec<u32>,
    /// Per row: max |x| / 127.
    scales: Vec<f32>,
}

impl VnniMatrix {
    /// From `w`, `[K, N]` row-major, smoothed for inputs whose channels reach `input_max`
    /// (max |x_c| per channel, measured; `None`: no smoothing); `None` unless K and N are
    /// multiples of 16.
    pub fn new(w: &[f32], k: usize, n: usize, input_max: Option<&[f32]>) -> Option<Self> {
        if !n.is_multiple_of(PANEL)
            || !k.is_multiple_of(PANEL)
            || w.len() != k * n
            || k == 0
            || input_max.is_some_and(|m| m.len() != k)
        {
            return None;
        }
        let smooth: Vec<f32> = match input_max {
            Some(input_max) => (0..k)
                .map(|i| {
                    let w_max = w[i * n..(i + 1) * n]
                        .iter()
                        .fold(0.0f32, |a, v| a.max(v.abs()));
                    // floors: a channel silent in calibration or a zero weight row
                    (input_max[i].max(1e-6) / w_max.max(1e-6)).sqrt()
                })
                .collect(),
            None => vec![1.0; k],
        };
        let w: Vec<f32> = w
            .chunks_exact(n)
            .zip(&smooth)
            .flat_map(|(row, s)| row.iter().map(move |v| v * s))
            .collect();
        let scales: Vec<f32> = (0..n)
            .map(|j| {
                let max = (0..k).map(|i| w[i * n + j].abs()).fold(0.0, f32::max);
                if max > 0.0 { max / 127.0 } else { 1.0 }
            })
            .collect();
        let q = |i: usize, j: usize| (w[i * n + j] / scales[j]).round().clamp(-127.0, 127.0) as i8;
        let offsets = (0..n)
            .map(|j| 128 * (0..k).map(|i| i32::from(q(i, j))).sum::<i32>())
            .collect();
        let groups = k / DEPTH;
        let mut panels = Vec::with_capacity(n / PANEL * groups);
        for p in 0..n / PANEL {
            for g in 0..groups {
                let bytes: [i8; 64] =
                    std::array::from_fn(|b| q(g * DEPTH + b % DEPTH, p * PANEL + b / DEPTH));
                panels.push(cast(bytes));
            }
        }
        Some(VnniMatrix {
            k,
            n,
            panels,
            offsets,
            scales,
            smoothing: smooth.iter().map(|s| 1.0 / s).collect(),
        })
    }

    pub fn rows_in(&self) -> usize {
        self.k
    }

    pub fn columns(&self) -> usize {
        self.n
    }

    /// `out = x · W` for `x` of `m` rows (`[m, K]` row-major) into `out` (`[m, N]`); where the
    /// current rayon pool has two or more threads the rows are split between two of them.
    pub fn product(&self, simd: V4Vnni, x: &[f32], m: usize, out: &mut [f32]) {
        assert!(
            x.len() == m * self.k && out.len() == m * self.n,
            "vnni product: shapes"
        );
        let run = |x: &[f32], rows: usize, out: &mut [f32]| {
            simd.vectorize(Run {
                matrix: self,
                simd,
                x,
                m: rows,
                out,
            })
        };
        if rayon::current_num_threads() >= 2 && m >= 2 * TILE_ROWS {
            // an even split in whole tiles
            let first = m.div_ceil(2 * TILE_ROWS) * TILE_ROWS;
            let (x1, x2) = x.split_at(first * self.k);
            let (o1, o2) = out.split_at_mut(first * self.n);
            rayon::join(|| run(x1, first, o1), || run(x2, m - first, o2));
        } else {
            run(x, m, out)
        }
    }

    #[inline(always)]
    fn rows(&self, simd: V4Vnni, x: &[f32], m: usize, out: &mut [f32]) {
        let codes = quantise(simd, x, m, &self.smoothing);
        let panels = self.n / PANEL;
        for block in (0..m).step_by(ROW_BLOCK) {
            let block_end = (block + ROW_BLOCK).min(m);
            let mut p = 0;
            while p < panels {
                let width = (panels - p).min(TILE_PANELS);
                let mut row = block;
                while row < block_end {
                    let rows = (block_end - row).min(TILE_ROWS);
                    match width {
                        3 => self.tile_rows::<3>(simd, &codes, row, rows, p, out),
                        2 => self.tile_rows::<2>(simd, &codes, row, rows, p, out),
                        _ => self.tile_rows::<1>(simd, &codes, row, rows, p, out),
                    }
                    row += rows;
                }
                p += width;
            }
        }
    }

    #[inline(always)]
    fn tile_rows<const C: usize>(
        &self,
        simd: V4Vnni,
        codes: &Codes,
        row: usize,
        rows: usize,
        p: usize,
        out: &mut [f32],
    ) {
        match rows {
            8 => self.tile::<8, C>(simd, codes, row, p, out),
            7 => self.tile::<7, C>(simd, codes, row, p, out),
            6 => self.tile::<6, C>(simd, codes, row, p, out),
            5 => self.tile::<5, C>(simd, codes, row, p, out),
            4 => self.tile::<4, C>(simd, codes, row, p, out),
            3 => self.tile::<3, C>(simd, codes, row, p, out),
            2 => self.tile::<2, C>(simd, codes, row, p, out),
            _ => self.tile::<1, C>(simd, codes, row, p, out),
        }
    }

    /// Rows `row..row + R` of panels `p..p + C`.
    #[inline(always)]
    fn tile<const R: usize, const C: usize>(
        &self,
        simd: V4Vnni,
        codes: &Codes,
        row: usize,
        p: usize,
        out: &mut [f32],
    ) {
        let groups = self.k / DEPTH;
        let zero = simd.avx512f._mm512_setzero_si512();
        let mut acc = [[zero; C]; R];
        let w: [&[__m512i]; C] =
            std::array::from_fn(|c| &self.panels[(p + c) * groups..][..groups]);
        let xs: [&[u32]; R] = std::array::from_fn(|r| &codes.words[(row + r) * groups..][..groups]);
        for g in 0..groups {
            let wv: [__m512i; C] = std::array::from_fn(|c| w[c][g]);
            for r in 0..R {
                let a = simd.avx512f._mm512_set1_epi32(xs[r][g] as i32);
                for c in 0..C {
                    acc[r][c] = simd.avx512vnni._mm512_dpbusd_epi32(acc[r][c], a, wv[c]);
                }
            }
        }
        let offsets: [__m512i; C] = std::array::from_fn(|c| cast(lanes(&self.offsets, p + c)));
        let scales: [__m512; C] = std::array::from_fn(|c| cast(lanes(&self.scales, p + c)));
        for (r, row_acc) in acc.iter().enumerate() {
            let row_scale = simd.avx512f._mm512_set1_ps(codes.scales[row + r]);
            for (c, ((&a, &offset), &scale)) in
                row_acc.iter().zip(&offsets).zip(&scales).enumerate()
            {
                let exact = simd.avx512f._mm512_sub_epi32(a, offset);
                let v = simd.avx512f._mm512_mul_ps(
                    simd.avx512f._mm512_cvtepi32_ps(exact),
                    simd.avx512f._mm512_mul_ps(scale, row_scale),
                );
                let v: [f32; PANEL] = cast(v);
                let at = (row + r) * self.n + (p + c) * PANEL;
                out[at..at + PANEL].copy_from_slice(&v);
            }
        }
    }
}

/// The 16 per-column values of panel `p`.
#[inline(always)]
fn lanes<T: Copy + Default>(values: &[T], p: usize) -> [T; PANEL] {
    values[p * PANEL..(p + 1) * PANEL]
        .try_into()
        .unwrap_or([T::default(); PANEL])
}

/// `x · diag(smoothing)` (`[m, k]`, k a multiple of 16) as u8 codes with one scale per row.
#[inline(always)]
fn quantise(simd: V4Vnni, x: &[f32], m: usize, smoothing: &[f32]) -> Codes {
    let k = smoothing.len();
    let mut words = vec![0u32; m * k / DEPTH];
    let mut scales = vec![0f32; m];
    let v4 = *simd;
    for ((row, words), scale) in x
        .chunks_exact(k)
        .zip(words.chunks_exact_mut(k / DEPTH))
        .zip(&mut scales)
    {
        let smoothed = |v: &[f32], s: &[f32]| -> f32x16 {
            let v: [f32; PANEL] = v.try_into().unwrap_or([0.0; PANEL]);
            let s: [f32; PANEL] = s.try_into().unwrap_or([0.0; PANEL]);
            v4.mul_f32x16(cast(v), cast(s))
        };
        let mut max = simd.avx512f._mm512_setzero_ps();
        for (v, s) in row.chunks_exact(PANEL).zip(smoothing.chunks_exact(PANEL)) {
            max = simd
                .avx512f
                ._mm512_max_ps(max, simd.avx512f._mm512_abs_ps(cast(smoothed(v, s))));
        }
        let max = simd.avx512f._mm512_reduce_max_ps(max);
        *scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        let inv = v4.splat_f32x16(1.0 / *scale);
        let offset = simd.avx512f._mm512_set1_epi32(128);
        for ((v, s), w) in row
            .chunks_exact(PANEL)
            .zip(smoothing.chunks_exact(PANEL))
            .zip(words.chunks_exact_mut(PANEL / DEPTH))
        {
            let scaled: f32x16 = v4.mul_f32x16(smoothed(v, s), inv);
            // round to nearest (the default rounding mode), shift to 1..=255, narrow
            let q = simd
                .avx512f
                ._mm512_add_epi32(simd.avx512f._mm512_cvtps_epi32(cast(scaled)), offset);
            let bytes: __m128i = simd.avx512f._mm512_cvtusepi32_epi8(q);
            let bytes: [u32; 4] = cast(bytes);
            w.copy_from_slice(&bytes);
        }
    }
    Codes { words, scales }
}

struct Run<'a> {
    matrix: &'a VnniMatrix,
    simd: V4Vnni,
    x: &'a [f32],
    m: usize,
    out: &'a mut [f32],
}

impl NullaryFnOnce for Run<'_> {
    type Output = ();

    #[inline(always)]
    fn call(self) {
        self.matrix.rows(self.simd, self.x, self.m, self.out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_support::{or_skip, random, reference_product as reference};

    fn vnni_or_skip() -> Option<V4Vnni> {
        or_skip(avx512_vnni(), "AVX512-VNNI")
    }

    #[test]
    fn vnni_products_match_f32_for_every_tile_shape_and_thread_split() {
        let Some(simd) = vnni_or_skip() else {
            return;
        };
        let mut seed = 11u64;
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let two = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        // N = 16, 32, 48, 80: one, two, three and three + two panels per tile
        for (k, n) in [(32, 16), (48, 32), (64, 48), (96, 80)] {
            let w: Vec<f32> = (0..k * n).map(|_| random(&mut seed)).collect();
            let q = VnniMatrix::new(&w, k, n, None).unwrap();
            // rows: partial tiles, whole tiles, more than one row block, odd splits
            for m in [1, 2, 7, 8, 9, 16, 17, 63, 64, 65, 130] {
                let x: Vec<f32> = (0..m * k).map(|_| random(&mut seed) * 4.0).collect();
                let want = reference(&x, &w, m, k, n);
                for pool in [&one, &two] {
                    let mut got = vec![f32::NAN; m * n];
                    pool.install(|| q.product(simd, &x, m, &mut got));
                    for r in 0..m {
                        // per row: the error is bounded by the row's and the columns' steps
                        let row = &want[r * n..(r + 1) * n];
                        let scale = row.iter().map(|a| a.abs()).fold(0.0, f32::max);
                        let err = row
                            .iter()
                            .zip(&got[r * n..(r + 1) * n])
                            .map(|(a, b)| (a - b).abs())
                            .fold(0.0, f32::max);
                        assert!(
                            err <= 0.03 * scale,
                            "k {k} n {n} m {m} row {r}: {err} of {scale}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn integer_valued_inputs_and_weights_give_exact_products() {
        let Some(simd) = vnni_or_skip() else {
            return;
        };
        // weights with max |w| = 127 in every column and inputs with max |x| = 127 in every
        // row quantise without rounding: the product must be exact, offsets included
        let (m, k, n) = (10, 64, 48);
        let w: Vec<f32> = (0..k * n)
            .map(|i| {
                if i / n == 0 {
                    127.0
                } else {
                    ((i * 31 % 255) as f32) - 127.0
                }
            })
            .collect();
        let x: Vec<f32> = (0..m * k)
            .map(|i| {
                if i % k == 5 {
                    -127.0
                } else {
                    ((i * 17 % 255) as f32) - 127.0
                }
            })
            .collect();
        let q = VnniMatrix::new(&w, k, n, None).unwrap();
        let mut got = vec![0f32; m * n];
        q.product(simd, &x, m, &mut got);
        assert_eq!(got, reference(&x, &w, m, k, n));
    }

    #[test]
    fn smoothing_keeps_an_outlier_channel_from_coarsening_the_others() {
        let Some(simd) = vnni_or_skip() else {
            return;
        };
        let (m, k, n) = (16, 64, 32);
        let mut seed = 5u64;
        let w: Vec<f32> = (0..k * n).map(|_| random(&mut seed)).collect();
        // channel 3 is 100× larger than the rest in every row, as in LayerNorm outputs
        let x: Vec<f32> = (0..m * k)
            .map(|i| random(&mut seed) * if i % k == 3 { 100.0 } else { 1.0 })
            .collect();
        let mut input_max = vec![0f32; k];
        for row in x.chunks_exact(k) {
            for (a, v) in input_max.iter_mut().zip(row) {
                *a = a.max(v.abs());
            }
        }
        // the product without channel 3: what the outlier's scale would otherwise drown
        let want = reference(&x, &w, m, k, n);
        let error = |q: &VnniMatrix| {
            let mut got = vec![0f32; m * n];
            q.product(simd, &x, m, &mut got);
            want.iter()
                .zip(&got)
                .map(|(a, b)| (a - b).powi(2))
                .sum::<f32>()
                .sqrt()
        };
        let plain = error(&VnniMatrix::new(&w, k, n, None).unwrap());
        let smoothed = error(&VnniMatrix::new(&w, k, n, Some(&input_max)).unwrap());
        assert!(
            smoothed < 0.5 * plain,
            "error with smoothing {smoothed}, without {plain}"
        );
    }

    #[test]
    fn shapes_the_kernel_cannot_tile_are_refused() {
        let w = vec![0.5f32; 24 * 16];
        assert!(
            VnniMatrix::new(&w, 24, 16, None).is_none(),
            "K must be a multiple of 16"
        );
        assert!(
            VnniMatrix::new(&w[..16 * 8], 16, 8, None).is_none(),
            "N must be a multiple of 16"
        );
        assert!(VnniMatrix::new(&w[..16 * 16], 16, 16, None).is_some());
        assert!(
            VnniMatrix::new(&w[..16 * 16], 16, 16, Some(&[1.0; 8])).is_none(),
            "one input maximum per row of W"
        );
    }
}
