//! Helpers shared by the unit tests of the int8 kernels.

/// `x · w` in plain f32 loops: `x` `[m, k]`, `w` `[k, n]`, both row-major.
pub(crate) fn reference_product(x: &[f32], w: &[f32], m: usize, k: usize, n: usize) -> Vec<f32> {
    let mut out = vec![0f32; m * n];
    for r in 0..m {
        for i in 0..k {
            for j in 0..n {
                out[r * n + j] += x[r * k + i] * w[i * n + j];
            }
        }
    }
    out
}

/// The SIMD token, or `None` with a note that the test is skipped on this CPU.
pub(crate) fn or_skip<T>(token: Option<T>, feature: &str) -> Option<T> {
    if token.is_none() {
        eprintln!("skipped: no {feature} here");
    }
    token
}

/// A deterministic value in [-0.5, 0.5) (64-bit LCG).
pub(crate) fn random(seed: &mut u64) -> f32 {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    ((*seed >> 33) as f32 / (1u64 << 31) as f32) - 0.5
}
