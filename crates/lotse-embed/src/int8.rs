//! Weight-only int8 products for short inputs (a search query's ~17 tokens).
//!
//! A query's forward pass is 48 products with m ≈ 17 rows. In f32 their weights are 85 MB,
//! more than the L3 of most servers, and gemm's kernels reach 166–208 GFLOP/s at that
//! shape; the products alone took 4.2–4.5 ms on 2 cores. Here the weights are int8 with one
//! f32 scale per output column and block of 32 inputs (21 + 2.6 MB, which fits the L3),
//! widened to f32 in registers and multiplied with f32 activations by FMA: no activation
//! quantisation. A scale per block rather than per whole column keeps one large weight from
//! coarsening the other 383 or 1,535 of its column (per-product cosine to f32 0.999986; one
//! scale per column gave 0.99997). 12 accumulators × 16 columns per register tile; rows in
//! even blocks of ≤ 12. Safe SIMD through pulp's AVX-512 token (`V4`), chosen at run time;
//! without AVX-512 the encoder keeps f32. Measured (`examples/int8_small_m.rs`): one query's
//! 48 products 3.7 ms on 1 thread, 2.2 ms on 2, against 4.2 ms for candle's f32 on 2 (Intel
//! VM, one scale per column); on an AMD EPYC VM with block scales 4.6–5.0 ms on 1 thread,
//! 2.7–3.6 ms on 2, against 4.5–4.9 ms.

use pulp::bytemuck::cast;
use pulp::x86::V4;
use pulp::{Simd, WithSimd, f32x16};
use std::arch::x86_64::{__m128i, __m512};

/// Columns per panel: one 512-bit register of f32.
const PANEL: usize = 16;
/// Most rows per register tile: 12 accumulators + 12 block sums + weights + a scale fit 32
/// registers.
const MAX_ROWS: usize = 12;
/// Inputs (rows of W) that share a scale.
const BLOCK: usize = 32;

/// The CPU's AVX-512 token, if it has AVX-512 (F, BW, CD, DQ, VL).
pub fn avx512() -> Option<V4> {
    V4::try_new()
}

/// A `[K, N]` weight matrix as int8 panels of 16 columns, `panels[(p·K + k)·16 + j]`, with
/// one scale (max |w| / 127) per column and block of [`BLOCK`] rows,
/// `scales[(p·⌈K/32⌉ + b)·16 + j]`.
#[derive(Debug)]
pub struct Int8Matrix {
    k: usize,
    n: usize,
    panels: Vec<i8>,
    scales: Vec<f32>,
}

impl Int8Matrix {
    /// From `w`, `[K, N]` row-major; `None` unless N is a multiple of 16.
    pub fn new(w: &[f32], k: usize, n: usize) -> Option<Self> {
        if !n.is_multiple_of(PANEL) || w.len() != k * n {
            return None;
        }
        let blocks = k.div_ceil(BLOCK);
        let mut scales = vec![0f32; blocks * n];
        let mut panels = vec![0i8; k * n];
        for p in 0..n / PANEL {
            for b in 0..blocks {
                let rows = b * BLOCK..((b + 1) * BLOCK).min(k);
                let scale = &mut scales[(p * blocks + b) * PANEL..][..PANEL];
                for (j, s) in scale.iter_mut().enumerate() {
                    let col = p * PANEL + j;
                    let max = rows
                        .clone()
                        .map(|i| w[i * n + col].abs())
                        .fold(0.0, f32::max);
                    *s = if max > 0.0 { max / 127.0 } else { 1.0 };
                }
                for i in rows {
                    for (j, s) in scale.iter().enumerate() {
                        panels[(p * k + i) * PANEL + j] =
                            (w[i * n + p * PANEL + j] / s).round().clamp(-127.0, 127.0) as i8;
                    }
                }
            }
        }
        Some(Int8Matrix {
            k,
            n,
            panels,
            scales,
        })
    }

    pub fn rows_in(&self) -> usize {
        self.k
    }

    pub fn columns(&self) -> usize {
        self.n
    }

    /// `out = x · W` for `x` of `m` rows (`[m, K]` row-major) into `out` (`[m, N]`); with a
    /// pool of two or more threads the rows are split between two of them.
    pub fn product(
        &self,
        simd: V4,
        x: &[f32],
        m: usize,
        out: &mut [f32],
        pool: Option<&rayon::ThreadPool>,
    ) {
        assert!(
            x.len() == m * self.k && out.len() == m * self.n,
            "int8 product: shapes"
        );
        let run = |x: &[f32], rows: usize, out: &mut [f32]| {
            // through `WithSimd`, whose `with_simd` is inlined into pulp's AVX-512 function
            // (a closure body is not, and then every intrinsic is a call)
            Simd::vectorize(
                simd,
                Rows {
                    matrix: self,
                    simd,
                    x,
                    m: rows,
                    out,
                },
            )
        };
        match pool {
            Some(pool) if pool.current_num_threads() >= 2 && m >= 8 => {
                let first = m.div_ceil(2);
                let (x1, x2) = x.split_at(first * self.k);
                let (o1, o2) = out.split_at_mut(first * self.n);
                pool.install(|| rayon::join(|| run(x1, first, o1), || run(x2, m - first, o2)));
            }
            _ => run(x, m, out),
        }
    }

    #[inline(always)]
    fn rows(&self, simd: V4, x: &[f32], m: usize, out: &mut [f32]) {
        let block = m.div_ceil(m.div_ceil(MAX_ROWS).max(1)).max(1);
        let mut row = 0;
        while row < m {
            let rows = (m - row).min(block);
            for p in 0..self.n / PANEL {
                match rows {
                    12 => self.tile::<12>(simd, x, row, p, out),
                    11 => self.tile::<11>(simd, x, row, p, out),
                    10 => self.tile::<10>(simd, x, row, p, out),
                    9 => self.tile::<9>(simd, x, row, p, out),
                    8 => self.tile::<8>(simd, x, row, p, out),
                    7 => self.tile::<7>(simd, x, row, p, out),
                    6 => self.tile::<6>(simd, x, row, p, out),
                    5 => self.tile::<5>(simd, x, row, p, out),
                    4 => self.tile::<4>(simd, x, row, p, out),
                    3 => self.tile::<3>(simd, x, row, p, out),
                    2 => self.tile::<2>(simd, x, row, p, out),
                    _ => self.tile::<1>(simd, x, row, p, out),
                }
            }
            row += rows;
        }
    }

    /// Rows `row..row + R` of panel `p`.
    #[inline(always)]
    fn tile<const R: usize>(&self, simd: V4, x: &[f32], row: usize, p: usize, out: &mut [f32]) {
        let k = self.k;
        let blocks = k.div_ceil(BLOCK);
        let mut acc = [simd.splat_f32x16(0.0); R];
        let weights = &self.panels[p * k * PANEL..(p + 1) * k * PANEL];
        let scales = &self.scales[p * blocks * PANEL..(p + 1) * blocks * PANEL];
        let xs: [&[f32]; R] = std::array::from_fn(|r| &x[(row + r) * k..(row + r + 1) * k]);
        for (b, (block, scale)) in weights
            .chunks(BLOCK * PANEL)
            .zip(scales.chunks_exact(PANEL))
            .enumerate()
        {
            // a block's products in integer-valued weights, then scaled once onto the sums:
            // R multiply-adds per 32 inputs instead of a multiply per input
            let mut sums = [simd.splat_f32x16(0.0); R];
            for (i, w) in block.chunks_exact(PANEL).enumerate() {
                let w: [i8; PANEL] = w.try_into().unwrap_or([0; PANEL]);
                let w: f32x16 =
                    cast::<__m512, f32x16>(simd.avx512f._mm512_cvtepi32_ps(
                        simd.avx512f._mm512_cvtepi8_epi32(cast::<_, __m128i>(w)),
                    ));
                let i = b * BLOCK + i;
                for r in 0..R {
                    sums[r] = simd.mul_add_f32x16(simd.splat_f32x16(xs[r][i]), w, sums[r]);
                }
            }
            let scale: [f32; PANEL] = scale.try_into().unwrap_or([0.0; PANEL]);
            let scale: f32x16 = cast(scale);
            for r in 0..R {
                acc[r] = simd.mul_add_f32x16(sums[r], scale, acc[r]);
            }
        }
        for (r, a) in acc.iter().enumerate() {
            let v: [f32; PANEL] = cast(*a);
            let at = (row + r) * self.n + p * PANEL;
            out[at..at + PANEL].copy_from_slice(&v);
        }
    }
}

struct Rows<'a> {
    matrix: &'a Int8Matrix,
    simd: V4,
    x: &'a [f32],
    m: usize,
    out: &'a mut [f32],
}

impl WithSimd for Rows<'_> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: Simd>(self, _: S) {
        self.matrix.rows(self.simd, self.x, self.m, self.out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_support::{or_skip, random, reference_product as reference};

    fn avx512_or_skip() -> Option<V4> {
        or_skip(avx512(), "AVX-512")
    }

    #[test]
    fn int8_products_match_f32_for_every_row_count_and_thread_split() {
        let Some(simd) = avx512_or_skip() else {
            return;
        };
        let (k, n) = (72, 32);
        let mut seed = 7u64;
        let mut next = || random(&mut seed);
        let w: Vec<f32> = (0..k * n).map(|_| next()).collect();
        let q = Int8Matrix::new(&w, k, n).unwrap();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        for m in 1..=30 {
            let x: Vec<f32> = (0..m * k).map(|_| next() * 4.0).collect();
            let want = reference(&x, &w, m, k, n);
            for pool in [None, Some(&pool)] {
                let mut got = vec![f32::NAN; m * n];
                q.product(simd, &x, m, &mut got, pool);
                let err: f32 = want
                    .iter()
                    .zip(&got)
                    .map(|(a, b)| (a - b).abs())
                    .fold(0.0, f32::max);
                let scale: f32 = want.iter().map(|a| a.abs()).fold(0.0, f32::max);
                assert!(err <= 0.02 * scale, "m {m}: max error {err} of {scale}");
            }
        }
        assert!(
            Int8Matrix::new(&w[..k * 8], k, 8).is_none(),
            "N must be a multiple of 16"
        );
    }

    #[test]
    fn one_large_weight_does_not_coarsen_the_rest_of_its_column() {
        let Some(simd) = avx512_or_skip() else {
            return;
        };
        let (k, n) = (96, 16);
        // small weights everywhere, one 100× larger in the first block of every column
        let mut w: Vec<f32> = (0..k * n)
            .map(|i| ((i * 37 % 101) as f32 / 101.0 - 0.5) * 0.01)
            .collect();
        for col in 0..n {
            w[3 * n + col] = 1.0;
        }
        let q = Int8Matrix::new(&w, k, n).unwrap();
        // inputs only past the first block: the product reads the small weights alone
        let x: Vec<f32> = (0..k).map(|i| if i < BLOCK { 0.0 } else { 1.0 }).collect();
        let want = reference(&x, &w, 1, k, n);
        let mut got = vec![0f32; n];
        q.product(simd, &x, 1, &mut got, None);
        for (a, b) in want.iter().zip(&got) {
            // at most half a step of the block's scale (≤ 0.005 / 127) per weight; one scale
            // per column (1 / 127) would round each small weight to 0 or ±1/127
            let bound = (k - BLOCK) as f32 * 0.5 * 0.005 / 127.0 * 1.01;
            assert!((a - b).abs() <= bound, "{a} vs {b}, bound {bound}");
        }
    }
}
