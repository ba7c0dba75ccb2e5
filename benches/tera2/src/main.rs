//! Renders one incident page with Tera 2 (as rootline does) and with Tera 1 (as
//! rootline did before) from the same view, and prints the time per render of
//! each. base.html and incident.html are the same text for both.

use rootline::workspace::{Corpus, Options};
use rootline::render::templates::{escape_html, Templates, DEFAULTS};
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
    let context2 = rootline::render::document_context(&view, &page, &[rootline::render::DocumentFormat::Html]);
    let mut tera1 = tera1::Tera::default();
    tera1
        .add_raw_templates(
            DEFAULTS
                .iter()
                .filter(|(name, _)| ["style.css", "base.html", "incident.html"].contains(name))
                .copied(),
        )
        .expect("Tera 1 parses base.html and incident.html");
    tera1.set_escape_fn(escape_html);
    let context1 = tera1_context(&view, &page);

    let out2 = templates.render("incident.html", &context2).expect("renders");
    let out1 = tera1.render("incident.html", &context1).expect("renders");
    let rounds = 2000;
    let two = time(rounds, || templates.render("incident.html", &context2).expect("renders").len());
    let one = time(rounds, || tera1.render("incident.html", &context1).expect("renders").len());
    let build2 = time(rounds, || {
        std::hint::black_box(rootline::render::document_context(&view, &page, &[rootline::render::DocumentFormat::Html]));
        1
    });
    let build1 = time(rounds, || {
        std::hint::black_box(tera1_context(&view, &page));
        1
    });
    println!("{path}");
    println!("same output: {} ({} and {} bytes)", out1 == out2, out1.len(), out2.len());
    println!("Tera 1: context {build1:.0} µs + render {one:.0} µs");
    println!("Tera 2: context {build2:.0} µs + render {two:.0} µs");
    println!("Tera 2 / Tera 1 (context + render): {:.2}", (build2 + two) / (build1 + one));
}

fn tera1_context(view: &rootline::view::IncidentView, page: &PageContext) -> tera1::Context {
    let mut context = tera1::Context::new();
    context.insert("incident", view);
    context.insert("page", page);
    context
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
