//! Element-wise kernels of the CPU encoder, in plain safe Rust.
//!
//! They are written so that LLVM vectorises them for the workspace's target CPU (fixed-width
//! chunks with independent accumulators, no libm calls in inner loops): `exp` and `erf` are
//! polynomial/rational approximations accurate to a few ulp of `f32`, which keeps the encoder
//! within cosine 0.99999 of a float64 reference while the 12 layers spend their time in
//! matrix products instead of in scalar `erff`/`expf`.

const LANES: usize = 16;

/// `a · b + c`, fused where the target has FMA (x86-64-v3 and newer, every aarch64);
/// elsewhere `mul_add` would be a slow library call, so it stays a multiply and an add.
#[inline(always)]
fn fma(a: f32, b: f32, c: f32) -> f32 {
    #[cfg(any(target_feature = "fma", target_arch = "aarch64"))]
    {
        a.mul_add(b, c)
    }
    #[cfg(not(any(target_feature = "fma", target_arch = "aarch64")))]
    {
        a * b + c
    }
}

/// Sum of a slice, 16 independent accumulators (vectorises; rounding differs from a serial sum).
pub fn sum(x: &[f32]) -> f32 {
    let (chunks, rest) = x.as_chunks::<LANES>();
    let mut acc = [0f32; LANES];
    for c in chunks {
        for i in 0..LANES {
            acc[i] += c[i];
        }
    }
    acc.iter().sum::<f32>() + rest.iter().sum::<f32>()
}

/// Sum of squared deviations from `mean`.
fn sum_sq_dev(x: &[f32], mean: f32) -> f32 {
    let (chunks, rest) = x.as_chunks::<LANES>();
    let mut acc = [0f32; LANES];
    for c in chunks {
        for i in 0..LANES {
            let d = c[i] - mean;
            acc[i] += d * d;
        }
    }
    acc.iter().sum::<f32>() + rest.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>()
}

/// Largest value; NaNs are skipped (a plain compare-and-select, one instruction per lane).
fn max(x: &[f32]) -> f32 {
    let (chunks, rest) = x.as_chunks::<8>();
    let mut acc = [f32::NEG_INFINITY; 8];
    for c in chunks {
        for i in 0..8 {
            acc[i] = if c[i] > acc[i] { c[i] } else { acc[i] };
        }
    }
    acc.iter()
        .chain(rest)
        .fold(f32::NEG_INFINITY, |a, &b| if b > a { b } else { a })
}

/// Sum with 8 independent accumulators (for short rows: a single AVX2 register).
fn sum8(x: &[f32]) -> f32 {
    let (chunks, rest) = x.as_chunks::<8>();
    let mut acc = [0f32; 8];
    for c in chunks {
        for i in 0..8 {
            acc[i] += c[i];
        }
    }
    acc.iter().sum::<f32>() + rest.iter().sum::<f32>()
}

/// LayerNorm of one row in place: `(x - mean) / sqrt(var + eps) * gamma + beta`.
pub fn layer_norm_row(x: &mut [f32], gamma: &[f32], beta: &[f32], eps: f32) {
    let n = x.len() as f32;
    let mean = sum(x) / n;
    let var = sum_sq_dev(x, mean) / n;
    let inv = 1.0 / (var + eps).sqrt();
    for ((v, g), b) in x.iter_mut().zip(gamma).zip(beta) {
        *v = fma((*v - mean) * inv, *g, *b);
    }
}

/// LayerNorm of every row of a row-major matrix with rows of `gamma.len()` values.
#[cfg(test)]
pub fn layer_norm_rows(x: &mut [f32], gamma: &[f32], beta: &[f32], eps: f32) {
    for row in x.chunks_exact_mut(gamma.len()) {
        layer_norm_row(row, gamma, beta, eps);
    }
}

/// The residual step of a post-LN transformer: `x = LayerNorm(x + bias + residual)`, row by row.
pub fn bias_residual_layer_norm(
    x: &mut [f32],
    residual: &[f32],
    bias: &[f32],
    gamma: &[f32],
    beta: &[f32],
    eps: f32,
) {
    let h = bias.len();
    for (row, res) in x.chunks_exact_mut(h).zip(residual.chunks_exact(h)) {
        for ((v, r), b) in row.iter_mut().zip(res).zip(bias) {
            *v += r + b;
        }
        layer_norm_row(row, gamma, beta, eps);
    }
}

/// Adds `bias` to every row.
pub fn add_bias(x: &mut [f32], bias: &[f32]) {
    for row in x.chunks_exact_mut(bias.len()) {
        for (v, b) in row.iter_mut().zip(bias) {
            *v += b;
        }
    }
}

/// `e^x` for `f32`: range reduction to `2^n · e^f`, `|f| ≤ ln2/2`, degree-6 polynomial.
/// Relative error below 3e-7 for x in [-87, 88]; inputs outside are clamped.
#[inline(always)]
pub fn exp(x: f32) -> f32 {
    const LOG2E: f32 = std::f32::consts::LOG2_E;
    // 1.5 · 2^23: adding it rounds to an integer held in the low mantissa bits.
    const MAGIC: f32 = 12_582_912.0;
    // Cody-Waite split of ln 2: n · LN2_HI is exact for |n| <= 127
    const LN2_HI: f32 = 0.693_359_4;
    const LN2_LO: f32 = -2.121_944_4e-4;
    let x = x.clamp(-87.0, 88.0);
    let shifted = fma(x, LOG2E, MAGIC);
    let n = shifted - MAGIC;
    let f = fma(n, -LN2_LO, fma(n, -LN2_HI, x));
    // e^f, |f| <= 0.347: Taylor to degree 6 (truncation error < 1.5e-7 relative)
    let p = fma(1.0 / 720.0, f, 1.0 / 120.0);
    let p = fma(p, f, 1.0 / 24.0);
    let p = fma(p, f, 1.0 / 6.0);
    let p = fma(p, f, 0.5);
    let p = fma(p, f, 1.0);
    let p = fma(p, f, 1.0);
    // 2^n from the integer in the low bits of `shifted`
    let n_bits = shifted.to_bits().wrapping_sub(MAGIC.to_bits());
    let scale = f32::from_bits(n_bits.wrapping_add(127).wrapping_shl(23));
    p * scale
}

/// `erf(x)` for `f32`: the rational approximation used by Eigen and XLA (odd degree-13 over
/// even degree-8 polynomial on [-4, 4], saturating outside). Absolute error below 5e-7.
#[inline(always)]
pub fn erf(x: f32) -> f32 {
    let x = x.clamp(-4.0, 4.0);
    let x2 = x * x;
    let p = fma(x2, -2.726_142_3e-10, 2.770_681_4e-8);
    let p = fma(p, x2, -2.101_024e-6);
    let p = fma(p, x2, -5.692_506_4e-5);
    let p = fma(p, x2, -7.349_906_3e-4);
    let p = fma(p, x2, -2.954_600_1e-3);
    let p = fma(p, x2, -1.609_603_3e-2);
    let p = p * x;
    let q = fma(x2, -1.456_607_2e-5, -2.133_740_6e-4);
    let q = fma(q, x2, -1.682_827e-3);
    let q = fma(q, x2, -7.373_329e-3);
    let q = fma(q, x2, -1.426_474e-2);
    p / q
}

/// Adds `bias` to every row, then applies the exact (erf) GELU.
pub fn bias_gelu_erf(x: &mut [f32], bias: &[f32]) {
    for row in x.chunks_exact_mut(bias.len()) {
        for (v, b) in row.iter_mut().zip(bias) {
            let y = *v + b;
            let h = 0.5 * y;
            *v = fma(h, erf(y * std::f32::consts::FRAC_1_SQRT_2), h);
        }
    }
}

/// Adds `bias` to every row, then applies the tanh approximation of GELU.
pub fn bias_gelu_tanh(x: &mut [f32], bias: &[f32]) {
    const SQRT_2_OVER_PI: f32 = 0.797_884_6;
    for row in x.chunks_exact_mut(bias.len()) {
        for (v, b) in row.iter_mut().zip(bias) {
            let y = *v + b;
            let u = SQRT_2_OVER_PI * (y + 0.044_715 * y * y * y);
            // tanh(u) = 1 - 2 / (e^{2u} + 1)
            let tanh = 1.0 - 2.0 / (exp(2.0 * u) + 1.0);
            *v = 0.5 * y * (1.0 + tanh);
        }
    }
}

/// Adds `bias` to every row, then applies ReLU.
pub fn bias_relu(x: &mut [f32], bias: &[f32]) {
    for row in x.chunks_exact_mut(bias.len()) {
        for (v, b) in row.iter_mut().zip(bias) {
            *v = (*v + b).max(0.0);
        }
    }
}

/// Softmax of every row of length `n`, in place, except for the final division: rows hold
/// `exp(x - max)` and `inv_sums` receives `1 / Σ exp(x - max)` per row. The attention step
/// applies the division to the (much smaller) `probabilities · V` product instead.
pub fn softmax_rows_unnormalised(x: &mut [f32], n: usize, inv_sums: &mut Vec<f32>) {
    inv_sums.clear();
    for row in x.chunks_exact_mut(n) {
        let m = max(row);
        for v in row.iter_mut() {
            *v = exp(*v - m);
        }
        inv_sums.push(1.0 / sum8(row));
    }
}

/// Multiplies row `r` (of `x.len() / scales.len()` values) by `scales[r]`.
pub fn scale_rows(x: &mut [f32], scales: &[f32]) {
    if scales.is_empty() {
        return;
    }
    let width = x.len() / scales.len();
    for (row, s) in x.chunks_exact_mut(width).zip(scales) {
        row.iter_mut().for_each(|v| *v *= s);
    }
}

/// Softmax of every row of length `n`, in place (the reference for the deferred form).
#[cfg(test)]
pub fn softmax_rows(x: &mut [f32], n: usize) {
    let mut inv = Vec::with_capacity(x.len() / n.max(1));
    softmax_rows_unnormalised(x, n, &mut inv);
    scale_rows(x, &inv);
}

/// Scales `v` to unit length; a zero vector stays zero.
pub fn l2_normalize(v: &mut [f32]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        let inv = 1.0 / norm;
        v.iter_mut().for_each(|x| *x *= inv);
    }
}

/// Mean of the rows of a row-major `[rows, h]` matrix.
pub fn mean_rows(x: &[f32], h: usize) -> Vec<f32> {
    let mut out = vec![0f32; h];
    let mut rows = 0usize;
    for row in x.chunks_exact(h) {
        for (o, v) in out.iter_mut().zip(row) {
            *o += v;
        }
        rows += 1;
    }
    if rows > 0 {
        let inv = 1.0 / rows as f32;
        out.iter_mut().for_each(|o| *o *= inv);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// erf in f64 by its Taylor series (converges everywhere; exact enough for |x| <= 6).
    fn erf64(x: f64) -> f64 {
        let mut term = x;
        let mut total = x;
        let mut n = 0.0;
        while term.abs() > 1e-17 * total.abs().max(1e-300) {
            n += 1.0;
            term *= -x * x / n;
            total += term / (2.0 * n + 1.0);
            if n > 400.0 {
                break;
            }
        }
        total * 2.0 / std::f64::consts::PI.sqrt()
    }

    #[test]
    fn erf_matches_the_series_to_a_few_ulp() {
        let mut worst = 0f64;
        for i in -6000..=6000 {
            let x = i as f32 / 1000.0;
            let want = if x.abs() > 5.0 {
                x.signum() as f64
            } else {
                erf64(x as f64)
            };
            worst = worst.max((erf(x) as f64 - want).abs());
        }
        assert!(worst < 1e-6, "worst abs error {worst}");
    }

    #[test]
    fn exp_is_accurate_over_the_softmax_range() {
        let mut worst = 0f64;
        for i in -8700..=8800 {
            let x = i as f32 / 100.0;
            let want = (x as f64).exp();
            let got = exp(x) as f64;
            worst = worst.max(((got - want) / want).abs());
        }
        assert!(worst < 5e-7, "worst relative error {worst}");
        assert!(exp(-1000.0) < 1e-37);
        assert!(exp(1000.0).is_finite());
    }

    #[test]
    fn layer_norm_gives_zero_mean_unit_variance() {
        let mut x: Vec<f32> = (0..384)
            .map(|i| (i as f32 * 0.37).sin() * 3.0 + 1.5)
            .collect();
        let ones = vec![1f32; 384];
        let zeros = vec![0f32; 384];
        layer_norm_row(&mut x, &ones, &zeros, 1e-12);
        let mean = x.iter().sum::<f32>() / 384.0;
        let var = x.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / 384.0;
        assert!(mean.abs() < 1e-5, "{mean}");
        assert!((var - 1.0).abs() < 1e-4, "{var}");
    }

    #[test]
    fn residual_layer_norm_equals_add_then_norm() {
        let h = 20;
        let mut a: Vec<f32> = (0..2 * h).map(|i| i as f32 * 0.1).collect();
        let r: Vec<f32> = (0..2 * h).map(|i| (i as f32).cos()).collect();
        let bias: Vec<f32> = (0..h).map(|i| i as f32 * -0.05).collect();
        let g: Vec<f32> = (0..h).map(|i| 1.0 + i as f32 * 0.01).collect();
        let b = vec![0.25f32; h];
        let mut want: Vec<f32> = a
            .iter()
            .zip(&r)
            .enumerate()
            .map(|(i, (x, y))| x + y + bias[i % h])
            .collect();
        layer_norm_rows(&mut want, &g, &b, 1e-12);
        bias_residual_layer_norm(&mut a, &r, &bias, &g, &b, 1e-12);
        for (x, y) in a.iter().zip(&want) {
            assert!((x - y).abs() < 1e-5);
        }
    }

    #[test]
    fn gelu_matches_the_definition() {
        let mut x: Vec<f32> = (-50..50).map(|i| i as f32 / 8.0).collect();
        let orig = x.clone();
        bias_gelu_erf(&mut x, &[0.0; 4]);
        for (g, v) in x.iter().zip(&orig) {
            let want = 0.5 * *v as f64 * (1.0 + erf64(*v as f64 / 2f64.sqrt()));
            assert!(
                (*g as f64 - want).abs() < 2e-6,
                "gelu({v}) = {g}, want {want}"
            );
        }
        let mut t = orig.clone();
        bias_gelu_tanh(&mut t, &[0.0; 4]);
        for (g, v) in t.iter().zip(&orig) {
            let v = *v as f64;
            let want = 0.5
                * v
                * (1.0 + ((2.0 / std::f64::consts::PI).sqrt() * (v + 0.044715 * v.powi(3))).tanh());
            assert!((*g as f64 - want).abs() < 2e-6);
        }
    }

    #[test]
    fn softmax_rows_sum_to_one_and_keep_order() {
        let mut x = vec![1.0f32, 2.0, 3.0, -1e9, 0.0, 0.0, 0.0, 0.0];
        softmax_rows(&mut x, 4);
        let e = [1f64.exp(), 2f64.exp(), 3f64.exp()];
        let s: f64 = e.iter().sum();
        for i in 0..3 {
            assert!((x[i] as f64 - e[i] / s).abs() < 1e-6);
        }
        assert!(x[3] < 1e-30);
        for v in &x[4..] {
            assert!((v - 0.25).abs() < 1e-6);
        }
    }

    #[test]
    fn deferred_softmax_division_gives_the_same_product() {
        // probabilities · V computed both ways
        let (rows, n, d) = (3, 5, 2);
        let scores: Vec<f32> = (0..rows * n)
            .map(|i| (i as f32 * 0.7).sin() * 4.0)
            .collect();
        let v: Vec<f32> = (0..n * d).map(|i| i as f32 * 0.1 - 0.3).collect();
        let matmul = |p: &[f32]| -> Vec<f32> {
            (0..rows * d)
                .map(|o| (0..n).map(|j| p[(o / d) * n + j] * v[j * d + o % d]).sum())
                .collect()
        };
        let mut full = scores.clone();
        softmax_rows(&mut full, n);
        let want = matmul(&full);
        let mut lazy = scores.clone();
        let mut inv = Vec::new();
        softmax_rows_unnormalised(&mut lazy, n, &mut inv);
        assert_eq!(inv.len(), rows);
        let mut got = matmul(&lazy);
        scale_rows(&mut got, &inv);
        for (a, b) in got.iter().zip(&want) {
            assert!((a - b).abs() < 1e-6);
        }
    }

    #[test]
    fn mean_pooling_and_normalisation() {
        let x = [1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0];
        assert_eq!(mean_rows(&x, 2), vec![3.0, 4.0]);
        let mut v = vec![3.0f32, 4.0];
        l2_normalize(&mut v);
        assert_eq!(v, vec![0.6, 0.8]);
        let mut z = vec![0.0f32; 3];
        l2_normalize(&mut z);
        assert_eq!(z, vec![0.0; 3]);
        assert!((sum(&[0.5f32; 37]) - 18.5).abs() < 1e-6);
    }
}
