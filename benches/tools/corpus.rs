//! Realistic format-v1 incidents for benchmarks, deterministic for a seed.
//! Included by the `gen-corpus` example and the criterion benches.
#![allow(dead_code)]

use std::fmt::Write;

/// splitmix64: small, fast, and the same on every machine.
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const ZONES: [&str; 5] = [
    "UTC",
    "Europe/London",
    "America/New_York",
    "Asia/Tokyo",
    "Europe/Berlin",
];
const CATEGORIES: [&str; 12] = [
    "certificate-expiry",
    "configuration-change",
    "capacity",
    "dependency-failure",
    "deployment-process",
    "monitoring-gap",
    "database-replication",
    "network-partition",
    "testing-gap",
    "runbook-gap",
    "dns",
    "single-point-of-failure",
];
const WORDS: [&str; 24] = [
    "the",
    "primary",
    "database",
    "cache",
    "edge",
    "proxy",
    "queue",
    "scheduler",
    "certificate",
    "config",
    "rollout",
    "replica",
    "latency",
    "errors",
    "timeouts",
    "capacity",
    "region",
    "cluster",
    "alert",
    "dashboard",
    "load",
    "balancer",
    "retry",
    "storm",
];
const KINDS: [&str; 5] = ["note", "communication", "response", "note", "communication"];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut text = String::new();
    for i in 0..words {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(rng.pick(&WORDS));
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => text,
    }
}

fn details(rng: &mut Rng) -> String {
    format!(
        "{}. The **{}** saw `{}` for {} minutes; see [the dashboard](https://example.com/d/{}).",
        sentence(rng, 12),
        rng.pick(&WORDS),
        rng.pick(&WORDS),
        rng.below(90) + 1,
        rng.below(10_000)
    )
}

/// The id and YAML text of incident number `index`.
pub fn incident(index: usize, rng: &mut Rng) -> (String, String) {
    let day = 1 + index % 28;
    let month = 1 + (index / 28) % 12;
    let year = 2015 + index / (28 * 12);
    let id = format!("{year}-{month:02}-{day:02}-incident-{index:05}");
    let zone = ZONES[index % ZONES.len()];
    let mut y = String::new();
    let _ = writeln!(y, "title: {}", sentence(rng, 8));
    let _ = writeln!(
        y,
        "status: {}",
        if index.is_multiple_of(17) {
            "review"
        } else {
            "published"
        }
    );
    let _ = writeln!(y, "severity: SEV{}", 1 + rng.below(5));
    let _ = writeln!(y, "timezone: {zone}");
    let _ = writeln!(
        y,
        "summary: >-\n  {}. {}.",
        sentence(rng, 18),
        sentence(rng, 14)
    );
    let _ = writeln!(
        y,
        "tags: [{}, {}]",
        rng.pick(&WORDS),
        rng.pick(&["web", "mobile", "api", "batch"])
    );
    let _ = writeln!(y, "authors: [sre-team]");
    if index > 10 && index.is_multiple_of(5) {
        let earlier = index - 1 - rng.below(10) as usize;
        let (d, m, yy) = (
            1 + earlier % 28,
            1 + (earlier / 28) % 12,
            2015 + earlier / (28 * 12),
        );
        let _ = writeln!(y, "related: [{yy}-{m:02}-{d:02}-incident-{earlier:05}]");
    }
    let _ = writeln!(y, "impact:\n  description: >-\n    {}\n  customers: {}\n  services: [checkout, search]\n  regions: [eu-west, us-east]", details(rng), 1000 + rng.below(5_000_000));
    let _ = writeln!(y, "parties:\n  - {{id: us, name: Example Corp, role: operator}}\n  - {{id: cloudco, name: CloudCo, role: vendor}}\n  - {{id: cdnco, name: CDN Co, role: vendor}}\n  - {{id: users, name: Customers, role: customer}}");
    let _ = writeln!(y, "events:");
    let mut minute = 0u64;
    let fixed = [
        (0, "trigger"),
        (2, "impact_start"),
        (9, "detection"),
        (12, "response"),
        (30, "mitigation"),
        (36, "impact_end"),
        (39, "resolution"),
    ];
    for e in 0..40 {
        minute += 1 + rng.below(9);
        let kind = fixed
            .iter()
            .find(|(n, _)| *n == e)
            .map(|(_, k)| *k)
            .unwrap_or_else(|| KINDS[e % KINDS.len()]);
        let (h, m) = (8 + minute / 60, minute % 60);
        let _ = writeln!(y, "  - id: e{e}\n    at: {year}-{month:02}-{day:02} {h:02}:{m:02}\n    kind: {kind}\n    actor: {}\n    title: {}", rng.pick(&["us", "us", "cloudco", "users"]), sentence(rng, 7));
        if e % 3 == 0 {
            let _ = writeln!(y, "    approx: true");
        }
        if e % 4 == 0 {
            let _ = writeln!(y, "    details: >-\n      {}", details(rng));
        }
        if e == 2 {
            let _ = writeln!(y, "    caused_by: [c9, e0]");
        }
    }
    let _ = writeln!(y, "causes:");
    for c in 0..10 {
        let _ = writeln!(
            y,
            "  - id: c{c}\n    title: {}\n    category: {}",
            sentence(rng, 9),
            rng.pick(&CATEGORIES)
        );
        if c % 2 == 0 {
            let _ = writeln!(y, "    details: >-\n      {}", details(rng));
        }
        if c >= 3 {
            let _ = writeln!(
                y,
                "    caused_by: [c{}, c{}]",
                rng.below(c as u64 / 2 + 1),
                c - 1 - rng.below(2) as usize
            );
        }
    }
    let _ = writeln!(y, "vendor_actions:");
    for v in 0..3 {
        let _ = writeln!(y, "  - id: v{v}\n    vendor: {}\n    title: {}\n    status: {}\n    due: {}-12-31\n    addresses: [c{}]", rng.pick(&["cloudco", "cdnco"]), sentence(rng, 6), rng.pick(&["committed", "done", "in_progress"]), year + 1, rng.below(3));
    }
    let _ = writeln!(y, "action_items:");
    for a in 0..8 {
        let _ = writeln!(y, "  - id: a{a}\n    title: {}\n    owner: team-{}\n    due: {}-06-30\n    status: {}\n    priority: P{}\n    type: {}\n    addresses: [c{}]", sentence(rng, 7), rng.below(6), year + 1, rng.pick(&["open", "done", "done", "in_progress"]), rng.below(4), rng.pick(&["prevent", "detect", "mitigate", "process"]), rng.below(10));
    }
    let _ = writeln!(
        y,
        "lessons:\n  went_well:\n    - {}\n  went_wrong:\n    - {}\n    - {}\n  lucky:\n    - {}",
        sentence(rng, 10),
        sentence(rng, 12),
        sentence(rng, 9),
        sentence(rng, 8)
    );
    let _ = writeln!(
        y,
        "links:\n  - {{title: Dashboard, url: \"https://example.com/{id}\"}}"
    );
    (id, y)
}

/// Writes `count` incidents into `out`; returns the bytes written.
pub fn write_corpus(out: &std::path::Path, count: usize, seed: u64) -> usize {
    std::fs::create_dir_all(out).expect("create the output folder");
    let mut rng = Rng(seed);
    let mut bytes = 0;
    for index in 0..count {
        let (id, text) = incident(index, &mut rng);
        bytes += text.len();
        std::fs::write(out.join(format!("{id}.yaml")), text).expect("write an incident");
    }
    bytes
}
