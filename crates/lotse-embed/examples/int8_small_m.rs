//! lotse's int8 query products (`lotse_embed::int8`) against candle's f32 matmul: one
//! 17-token query's 48 products over 12 layers of distinct weights, on 1 and 2 threads, and
//! the cosine of each product to f32. `cargo run --release --example int8_small_m -p lotse-embed`.
use candle_core::{Device, Tensor};
use lotse_embed::int8::{Int8Matrix, avx512};

mod common;

fn best_of(f: &mut dyn FnMut()) -> f64 {
    common::best_ms(30, f)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(simd) = avx512() else {
        println!("skipped: no AVX-512 on this CPU");
        return Ok(());
    };
    let dev = Device::Cpu;
    let m = 17;
    let shapes = [(384usize, 1152usize), (384, 384), (384, 1536), (1536, 384)];
    let mut f32_layers = Vec::new();
    let mut int8_layers = Vec::new();
    for _ in 0..12 {
        let mut f = Vec::new();
        let mut q = Vec::new();
        for &(k, n) in &shapes {
            let w = Tensor::randn(0f32, 0.05, (k, n), &dev)?;
            q.push(Int8Matrix::new(&w.flatten_all()?.to_vec1::<f32>()?, k, n).ok_or("shape")?);
            f.push(w);
        }
        f32_layers.push(f);
        int8_layers.push(q);
    }
    let xs: Vec<Tensor> = shapes
        .iter()
        .map(|&(k, _)| Tensor::randn(0f32, 1.0, (m, k), &dev))
        .collect::<candle_core::Result<_>>()?;
    let x_vecs: Vec<Vec<f32>> = xs
        .iter()
        .map(|x| x.flatten_all().and_then(|x| x.to_vec1::<f32>()))
        .collect::<candle_core::Result<_>>()?;
    let f32_ms = best_of(&mut || {
        for layer in &f32_layers {
            for (w, x) in layer.iter().zip(&xs) {
                std::hint::black_box(x.matmul(w).ok());
            }
        }
    });
    let mut outs: Vec<Vec<f32>> = shapes.iter().map(|&(_, n)| vec![0f32; m * n]).collect();
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()?;
        let int8_ms = best_of(&mut || {
            for layer in &int8_layers {
                for ((w, x), out) in layer.iter().zip(&x_vecs).zip(outs.iter_mut()) {
                    w.product(simd, x, m, out, Some(&pool));
                }
            }
        });
        println!(
            "one query's 48 products (m {m}): candle f32 {f32_ms:.2} ms, int8 weights on {threads} thread(s) {int8_ms:.2} ms"
        );
    }
    for (((w, q), x), (xv, out)) in f32_layers[11]
        .iter()
        .zip(&int8_layers[11])
        .zip(&xs)
        .zip(x_vecs.iter().zip(outs.iter_mut()))
    {
        q.product(simd, xv, m, out, None);
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
