//! The floor for reading: bare serde_yaml deserialisation of every file into the
//! model, on all cores, with nothing else (no checks, positions or analysis).
//!
//! cargo run --release --example yaml-floor -- DIR

use rayon::prelude::*;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: yaml-floor DIR");
        std::process::exit(2);
    };
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("read the folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    let started = std::time::Instant::now();
    let parsed: usize = paths
        .par_iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("read a file");
            usize::from(serde_yaml::from_str::<rootline::model::Incident>(&text).is_ok())
        })
        .sum();
    eprintln!(
        "{parsed}/{} files in {:.3} s",
        paths.len(),
        started.elapsed().as_secs_f64()
    );
}
