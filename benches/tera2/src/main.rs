//! Renders one incident page with Tera 1 (as rootline does) and Tera 2 from the
//! same view, and prints the time per render of each. base.html and
//! incident.html parse unchanged in Tera 2; most other templates would need
//! porting (Tera 2 has no macros or tuple indexing), which is why this
//! measures before any migration.

use rootline::corpus::{Corpus, Options};
use rootline::render::templates::{Templates, DEFAULTS};
use rootline::view::{incident_view, CorpusLinks, PageContext};
use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "incidents/2018-12-06-o2-data-outage.yaml".to_string());
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("a date");
    let corpus = Corpus::check(&[path.clone().into()], &Options::new(as_of)).expect("loads");
    let analysed = corpus.incidents.first().expect("the incident checks clean");
    let view = incident_view(analysed, &CorpusLinks::default(), as_of);
    let page = PageContext::standalone(&as_of.to_string());

    let templates = Templates::load(None).expect("built-in templates");
    let context1 = rootline::render::document_context(&view, &page);
    let mut tera2 = tera2::Tera::new();
    tera2
        .add_raw_templates(
            DEFAULTS
                .iter()
                .filter(|(name, _)| ["style.css", "base.html", "incident.html"].contains(name))
                .map(|(name, text)| (name.to_string(), text.to_string())),
        )
        .expect("Tera 2 parses base.html and incident.html");
    let mut context2 = tera2::Context::new();
    context2.insert("incident", &view);
    context2.insert("page", &page);

    let rounds = 2000;
    let one = time(rounds, || templates.render("incident.html", &context1).expect("renders").len());
    let two = time(rounds, || tera2.render("incident.html", &context2).expect("renders").len());
    let build1 = time(rounds, || { std::hint::black_box(rootline::render::document_context(&view, &page)); 1 });
    let build2 = time(rounds, || {
        let mut c = tera2::Context::new();
        c.insert("incident", &view);
        c.insert("page", &page);
        std::hint::black_box(c);
        1
    });
    let out1 = templates.render("incident.html", &context1).expect("renders");
    let out2 = tera2.render("incident.html", &context2).expect("renders");
    if let Ok(dir) = std::env::var("TERA2_DUMP") {
        let _ = std::fs::write(format!("{dir}/tera1.html"), &out1);
        let _ = std::fs::write(format!("{dir}/tera2.html"), &out2);
    }
    println!("{path}");
    println!(
        "same output: {} ({} and {} bytes)",
        out1 == out2,
        out1.len(),
        out2.len()
    );
    println!("Tera 1: context {build1:.0} µs + render {one:.0} µs");
    println!("Tera 2: context {build2:.0} µs + render {two:.0} µs");
    println!("Tera 2 / Tera 1 (context + render): {:.2}", (build2 + two) / (build1 + one));
}

/// Mean microseconds per call over `rounds` calls, after a warm-up.
fn time(rounds: u32, mut f: impl FnMut() -> usize) -> f64 {
    let mut sink = 0;
    for _ in 0..rounds / 10 {
        sink += f();
    }
    let started = Instant::now();
    for _ in 0..rounds {
        sink += f();
    }
    std::hint::black_box(sink);
    started.elapsed().as_secs_f64() * 1e6 / f64::from(rounds)
}
