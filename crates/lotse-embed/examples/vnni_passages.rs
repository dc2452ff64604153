//! lotse's int8 × int8 passage products (`lotse_embed::vnni`) against candle's f32 matmul at
//! passage shapes: a batch of 1,024 tokens through the four products of one e5-small layer,
//! on 1 and 2 threads, and the cosine of each product to f32.
//! `cargo run --release --example vnni_passages -p lotse-embed`.
use candle_core::{Device, Tensor};
use lotse_embed::vnni::{VnniMatrix, avx512_vnni};

mod common;

fn best_of(f: &mut dyn FnMut()) -> f64 {
    common::best_ms(10, f)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(simd) = avx512_vnni() else {
        println!("skipped: no AVX512-VNNI on this CPU");
        return Ok(());
    };
    let dev = Device::Cpu;
    let m = 1024;
    let shapes = [(384usize, 1152usize), (384, 384), (384, 1536), (1536, 384)];
    let mut f32_w = Vec::new();
    let mut int8_w = Vec::new();
    for &(k, n) in &shapes {
        let w = Tensor::randn(0f32, 0.05, (k, n), &dev)?;
        int8_w
            .push(VnniMatrix::new(&w.flatten_all()?.to_vec1::<f32>()?, k, n, None).ok_or("shape")?);
        f32_w.push(w);
    }
    let xs: Vec<Tensor> = shapes
        .iter()
        .map(|&(k, _)| Tensor::randn(0f32, 1.0, (m, k), &dev))
        .collect::<candle_core::Result<_>>()?;
    let x_vecs: Vec<Vec<f32>> = xs
        .iter()
        .map(|x| x.flatten_all().and_then(|x| x.to_vec1::<f32>()))
        .collect::<candle_core::Result<_>>()?;
    let mut outs: Vec<Vec<f32>> = shapes.iter().map(|&(_, n)| vec![0f32; m * n]).collect();
    let gflop: f64 = shapes
        .iter()
        .map(|&(k, n)| 2.0 * (m * k * n) as f64)
        .sum::<f64>()
        / 1e9;
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()?;
        let f32_ms = pool.install(|| {
            best_of(&mut || {
                for (w, x) in f32_w.iter().zip(&xs) {
                    std::hint::black_box(x.matmul(w).ok());
                }
            })
        });
        let int8_ms = pool.install(|| {
            best_of(&mut || {
                for ((w, x), out) in int8_w.iter().zip(&x_vecs).zip(outs.iter_mut()) {
                    w.product(simd, x, m, out);
                }
            })
        });
        println!(
            "one layer's 4 products (m {m}) on {threads} thread(s): candle f32 {f32_ms:.2} ms ({:.0} GFLOP/s), int8 × int8 {int8_ms:.2} ms ({:.0} GOP/s), {:.2}×",
            gflop / f32_ms * 1e3,
            gflop / int8_ms * 1e3,
            f32_ms / int8_ms
        );
    }
    for (((w, q), x), (xv, out)) in f32_w
        .iter()
        .zip(&int8_w)
        .zip(&xs)
        .zip(x_vecs.iter().zip(outs.iter_mut()))
    {
        q.product(simd, xv, m, out);
        let reference: Vec<f32> = x.matmul(w)?.flatten_all()?.to_vec1()?;
        println!(
            "  {} × {}: cosine {:.6}",
            q.rows_in(),
            q.columns(),
            common::cosine(&reference, out)
        );
    }
    Ok(())
}
