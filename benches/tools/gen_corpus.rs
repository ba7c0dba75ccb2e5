//! Writes N realistic format-v1 incidents (about 13 KB each), deterministic for a seed.
//!
//! cargo run --release --example gen-corpus -- OUT_DIR COUNT [SEED]
//!
//! Each incident: 40 events over a few hours in one of several zones, 10 causes
//! in a DAG, 3 vendor actions, 8 action items, lessons, Markdown details, and
//! `related` links to earlier incidents.

#[path = "corpus.rs"]
mod corpus;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(out), Some(count)) = (
        args.get(1),
        args.get(2).and_then(|c| c.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: gen-corpus OUT_DIR COUNT [SEED]");
        std::process::exit(2);
    };
    let seed = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(42);
    let bytes = corpus::write_corpus(std::path::Path::new(out), count, seed);
    eprintln!(
        "wrote {count} incidents, {} KB on average, to {out}",
        bytes / count.max(1) / 1024
    );
}
