//! The floor for reading: bare serde_yaml deserialisation of every file into the
//! model, on all cores, with nothing else (no checks, positions or analysis),
//! against rootline's own reading stage (discover, read, UTF-8, depth and alias
//! guards, deserialise with unknown-key detection) on the same files, in the same
//! run. Like `check` and `build`, rootline keeps every model for the later stages
//! and lets go of a file's text once it is parsed (texts are kept only for files
//! with diagnostics); the floor keeps nothing. Both use the allocator the
//! rootline binary uses.
//! Alternates the two five times and keeps the best of each, so neither gains
//! from running second.
//!
//! cargo run --release --example yaml-floor -- DIR
//! prints: floor_seconds rootline_seconds ratio

use rayon::prelude::*;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::path::PathBuf;
use std::time::Instant;

fn bare_serde_yaml(paths: &[PathBuf]) -> usize {
    paths
        .par_iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("read a file");
            usize::from(serde_yaml::from_str::<rootline::model::Incident>(&text).is_ok())
        })
        .sum()
}

fn rootline_reading(dir: &str) -> Vec<rootline::model::Incident> {
    let files = rootline::load::discover(&[PathBuf::from(dir)]).expect("find the files");
    let limits = rootline::load::Limits::default();
    files
        .into_par_iter()
        .filter_map(|file| rootline::load::load_file(file, &limits).incident)
        .collect()
}

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: yaml-floor DIR");
        std::process::exit(2);
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read the folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    let (mut floor, mut ours) = (f64::MAX, f64::MAX);
    for _ in 0..5 {
        let started = Instant::now();
        let parsed = bare_serde_yaml(&paths);
        floor = floor.min(started.elapsed().as_secs_f64());
        let started = Instant::now();
        let models = rootline_reading(&dir);
        ours = ours.min(started.elapsed().as_secs_f64());
        assert_eq!(parsed, models.len(), "both read the same files");
        // `check` and `build` keep the models to the end and never free them one
        // by one, so freeing is not part of reading: done here, untimed.
        drop(models);
    }
    eprintln!("bare serde_yaml {floor:.3} s, rootline reading {ours:.3} s");
    println!("{floor:.3} {ours:.3} {:.2}", ours / floor);
}
