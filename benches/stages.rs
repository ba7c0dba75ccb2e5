//! Criterion benchmarks of each stage on a generated corpus (200 incidents of ~13 KB).
//!
//! cargo bench --bench stages              # measure
//! cargo test --bench stages               # smoke run, each benchmark once (CI)

#[path = "tools/corpus.rs"]
mod corpus;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use rayon::prelude::*;
use rootline::analysis::{self, CausalGraph};
use rootline::check::{self, Findings};
use rootline::load::{self, Limits};
use rootline::render::formats::{html::HTML, markdown::MARKDOWN};
use rootline::render::templates::Templates;
use rootline::render::{document_context, document_in, DOCUMENT_FORMATS};
use rootline::view::report::{report, Judged, Period};
use rootline::view::{incident_view, CorpusLinks, PageContext};

use rootline::workspace::{Corpus, Options};
use std::hint::black_box;
use std::path::PathBuf;

const COUNT: usize = 200;

fn stages(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    corpus::write_corpus(dir.path(), COUNT, 42);
    let paths = vec![PathBuf::from(dir.path())];
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 28).expect("a date");
    let options = Options {
        warning_positions: false,
        ..Options::new(as_of)
    };
    let files = load::discover(&paths).expect("the corpus");
    let limits = Limits::default();

    c.bench_function("load 200 incidents", |b| {
        b.iter(|| {
            black_box(files.clone())
                .into_par_iter()
                .map(|file| load::load_file(file, &limits))
                .collect::<Vec<_>>()
        })
    });
    c.bench_function("check 200 incidents (with warning positions)", |b| {
        b.iter(|| Corpus::check(black_box(&paths), &Options::new(as_of)))
    });

    let loaded = load::load_file(files[0].clone(), &limits);
    let mut findings = Findings::default();
    let validated = check::validate(&loaded, &limits, &mut findings).expect("a valid incident");
    c.bench_function("analyse one incident", |b| {
        b.iter(|| analysis::analyse(black_box(&validated), CausalGraph::build(&validated), 100))
    });

    let corpus = Corpus::check(&paths, &options).expect("the corpus");
    let templates = Templates::load(None).expect("built-in templates");
    let one = &corpus.incidents[0];
    let links = CorpusLinks::new(corpus.incidents.iter());
    let page = PageContext::standalone("2026-11-28");
    c.bench_function("view of one incident", |b| {
        b.iter(|| incident_view(black_box(one), &links, as_of))
    });
    let view = incident_view(one, &links, as_of);
    c.bench_function("template context of one incident", |b| {
        b.iter(|| document_context(black_box(&view), &page, DOCUMENT_FORMATS))
    });
    let context = document_context(&view, &page, DOCUMENT_FORMATS);
    c.bench_function("render one incident as HTML", |b| {
        b.iter(|| document_in(&templates, black_box(&context), &HTML))
    });
    c.bench_function("render one incident as Markdown", |b| {
        b.iter(|| document_in(&templates, black_box(&context), &MARKDOWN))
    });

    let all: Vec<_> = corpus.incidents.iter().collect();
    c.bench_function("report over 200 incidents", |b| {
        b.iter(|| {
            let view = report(
                black_box(&all),
                &[Period::last_12_months(as_of), Period::all_time()],
                &Judged::new(as_of, &Default::default()),
            );
            let mut context = tera::Context::new();
            context.insert("report", &view);
            context.insert("page", &page);
            templates.render("report.html", &context)
        })
    });
    c.bench_function("build the site of 200 incidents", |b| {
        b.iter(|| {
            let out = tempfile::tempdir().expect("a temporary folder");
            let build = rootline::site::BuildOptions {
                incidents: PathBuf::from(dir.path()),
                out: out.path().join("site"),
                templates: None,
                base_url: None,
                drafts: false,
                check: options.clone(),
                progress: false,
                page_size: rootline::site::PageSize::DEFAULT,
                feed_size: rootline::site::DEFAULT_FEED_SIZE,
            };
            rootline::site::build(&corpus, &templates, &build)
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = stages
}
criterion_main!(benches);
