//! The floor for reading: bare serde_yaml deserialisation of every file into the
//! model, on all cores, with nothing else (no checks, positions or analysis),
//! against rootline's own reading stage (discover, read, UTF-8, depth and alias
//! guards, deserialise with unknown-key detection) on the same files, in the same
//! run.
//!
//! Reading produces one model per file for the later stages, so the floor keeps
//! its models too: the comparison isolates what rootline adds to the parser.
//! Also measured, for context: the parser alone keeping nothing, which reuses
//! the same memory for every file and never pays for keeping 10,000 models.
//!
//! Each measurement runs in a fresh process, as `check` and `build` do, with the
//! binary's allocator and memory settings (`rootline::memory`), so fresh memory
//! costs what it costs the binary (in one process, later rounds reused the
//! pages earlier rounds freed). Alternates the sides five times and keeps the
//! best of each, so none gains from running later.
//!
//! cargo run --release --example yaml-floor -- DIR
//! prints: floor_seconds rootline_seconds ratio parser_keeping_nothing_seconds

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ROUNDS: usize = 5;

/// What one measurement does.
#[derive(Clone, Copy)]
enum Side {
    /// serde_yaml into the model, every model kept: the floor.
    Floor,
    /// serde_yaml into the model, each model dropped at once.
    ParserOnly,
    /// rootline's reading stage, every model kept.
    Rootline,
}

impl Side {
    fn name(self) -> &'static str {
        match self {
            Side::Floor => "floor",
            Side::ParserOnly => "parser-only",
            Side::Rootline => "rootline",
        }
    }

    fn named(name: &str) -> Option<Side> {
        [Side::Floor, Side::ParserOnly, Side::Rootline]
            .into_iter()
            .find(|side| side.name() == name)
    }
}

fn deserialize(path: &Path) -> Option<rootline::model::Incident> {
    let text = std::fs::read_to_string(path).expect("read a file");
    serde_yaml::from_str(&text).ok()
}

fn rootline_reading(dir: &Path) -> Vec<rootline::model::Incident> {
    let files = rootline::load::discover(&[dir.to_path_buf()]).expect("find the files");
    let limits = rootline::load::Limits::default();
    files
        .into_par_iter()
        .filter_map(|file| rootline::load::load_file(file, &limits).incident)
        .collect()
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read the folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths
}

/// One side, in this fresh process: prints its seconds and how many files it read.
fn measure(side: Side, dir: &Path) {
    rootline::memory::tune_for_batch();
    // Listing the files is not part of either floor (rootline's side lists its own).
    let paths = yaml_files(dir);
    let started = Instant::now();
    let count = match side {
        Side::Floor => kept(paths.par_iter().filter_map(|p| deserialize(p)).collect()),
        Side::ParserOnly => paths.par_iter().filter_map(|p| deserialize(p)).count(),
        Side::Rootline => kept(rootline_reading(dir)),
    };
    println!("{} {count}", started.elapsed().as_secs_f64());
}

/// How many models there are. Never frees them, as `check` and `build` never do.
fn kept(models: Vec<rootline::model::Incident>) -> usize {
    let count = models.len();
    std::mem::forget(models);
    count
}

/// Runs one side in a child process: its seconds and file count.
fn run(side: Side, dir: &Path) -> (f64, usize) {
    let me = std::env::current_exe().expect("find this program");
    let output = Command::new(me)
        .args(["--side", side.name()])
        .arg(dir)
        .output()
        .expect("run a measurement");
    assert!(
        output.status.success(),
        "the {} measurement failed",
        side.name()
    );
    let text = String::from_utf8_lossy(&output.stdout);
    let mut fields = text.split_whitespace();
    let seconds = fields.next().and_then(|s| s.parse().ok());
    let count = fields.next().and_then(|s| s.parse().ok());
    seconds
        .zip(count)
        .expect("a measurement prints seconds and a count")
}

fn compare(dir: &Path) {
    let sides = [Side::Floor, Side::Rootline, Side::ParserOnly];
    let mut best = [f64::MAX; 3];
    for _ in 0..ROUNDS {
        let mut counts = [0usize; 3];
        for (n, side) in sides.into_iter().enumerate() {
            let (seconds, count) = run(side, dir);
            best[n] = best[n].min(seconds);
            counts[n] = count;
        }
        assert!(
            counts.iter().all(|&c| c == counts[0]),
            "all sides read the same files"
        );
    }
    let [floor, ours, parser_only] = best;
    eprintln!(
        "serde_yaml keeping the models {floor:.3} s, rootline reading {ours:.3} s, \
         serde_yaml keeping nothing {parser_only:.3} s"
    );
    println!("{floor:.3} {ours:.3} {:.2} {parser_only:.3}", ours / floor);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag, name, dir] if flag == "--side" => match Side::named(name) {
            Some(side) => measure(side, Path::new(dir)),
            None => std::process::exit(2),
        },
        [dir] => compare(Path::new(dir)),
        _ => {
            eprintln!("usage: yaml-floor DIR");
            std::process::exit(2);
        }
    }
}
