//! candle's f32 matmul against its Q8_0 `QMatMul` at the e5-small encoder's shapes (one query
//! of 17 tokens, one batch of 1,024): time and cosine of the products. The figures behind the
//! int8 note of issue 18: `cargo run --release --example quantized_shapes -p lotse-embed`.
use candle_core::quantized::{GgmlDType, QMatMul, QTensor};
use candle_core::{Device, Module, Tensor};

mod common;

fn time(f: &dyn Fn()) -> f64 {
    common::best_ms(20, &mut || f())
}

fn cos(a: &Tensor, b: &Tensor) -> candle_core::Result<f64> {
    let a: Vec<f32> = a.flatten_all()?.to_vec1()?;
    let b: Vec<f32> = b.flatten_all()?.to_vec1()?;
    Ok(common::cosine(&a, &b))
}

fn main() -> candle_core::Result<()> {
    let dev = Device::Cpu;
    let shapes = [(384usize, 1152usize), (384, 384), (384, 1536), (1536, 384)];
    for m in [17usize, 1024] {
        for &(k, n) in &shapes {
            let w = Tensor::randn(0f32, 0.05, (n, k), &dev)?;
            let wt = w.t()?.contiguous()?;
            let q = QMatMul::from_qtensor(QTensor::quantize(&w, GgmlDType::Q8_0)?)?;
            let x = Tensor::randn(0f32, 1.0, (m, k), &dev)?;
            let reference = x.matmul(&wt)?;
            let quant = q.forward(&x)?;
            let f32_ms = time(&|| {
                std::hint::black_box(x.matmul(&wt).ok());
            });
            let q_ms = time(&|| {
                std::hint::black_box(q.forward(&x).ok());
            });
            let gflop = 2.0 * (m * k * n) as f64 / 1e9;
            println!(
                "m {m:5} k {k:5} n {n:5}: f32 {f32_ms:.3} ms ({:.0} GFLOP/s), q8_0 {q_ms:.3} ms ({:.0} GFLOP/s), {:.2}x, cosine {:.6}",
                gflop / f32_ms * 1e3,
                gflop / q_ms * 1e3,
                f32_ms / q_ms,
                cos(&reference, &quant)?
            );
        }
    }
    // All 48 products of one 17-token query, 12 layers of distinct weights (as in the model,
    // so they do not all stay in cache): f32 against Q8_0 with K padded to a multiple of 256
    // (candle's VNNI tile path needs it).
    let m = 17;
    let mut f32_layers = Vec::new();
    let mut q_layers = Vec::new();
    for _ in 0..12 {
        let mut f = Vec::new();
        let mut q = Vec::new();
        for &(k, n) in &shapes {
            let w = Tensor::randn(0f32, 0.05, (n, k), &dev)?;
            f.push(w.t()?.contiguous()?);
            let padded = k.div_ceil(256) * 256;
            let wp = w.pad_with_zeros(1, 0, padded - k)?;
            q.push((
                QMatMul::from_qtensor(QTensor::quantize(&wp, GgmlDType::Q8_0)?)?,
                padded - k,
            ));
        }
        f32_layers.push(f);
        q_layers.push(q);
    }
    let xs: Vec<Tensor> = shapes
        .iter()
        .map(|&(k, _)| Tensor::randn(0f32, 1.0, (m, k), &dev))
        .collect::<candle_core::Result<_>>()?;
    let f32_ms = time(&|| {
        for layer in &f32_layers {
            for (w, x) in layer.iter().zip(&xs) {
                std::hint::black_box(x.matmul(w).ok());
            }
        }
    });
    let q_ms = time(&|| {
        for layer in &q_layers {
            for ((w, pad), x) in layer.iter().zip(&xs) {
                let x = x.pad_with_zeros(1, 0, *pad).ok();
                std::hint::black_box(x.and_then(|x| w.forward(&x).ok()));
            }
        }
    });
    println!(
        "one query's 48 products (m {m}): f32 {f32_ms:.2} ms, q8_0 with K padded {q_ms:.2} ms"
    );
    Ok(())
}
