//! The fuzz targets' guarantee, kept by `cargo test`: no input makes rootline panic.
//! Every input ends as diagnostics or as rendered documents.

use proptest::prelude::*;

fn pipeline(bytes: Vec<u8>) {
    rootline::fuzzing::run(&bytes);
}

const SEED: &str = include_str!("fixtures/valid/2024-03-01-checkout-errors.yaml");

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    InsertText(usize, String),
    ReplaceByte(usize, u8),
}

fn mutate(seed: &str, mutations: &[Mutation]) -> Vec<u8> {
    let mut lines: Vec<String> = seed.lines().map(String::from).collect();
    for m in mutations {
        let n = lines.len().max(1);
        match m {
            Mutation::DeleteLine(i) if !lines.is_empty() => {
                lines.remove(i % n);
            }
            Mutation::DuplicateLine(i) if !lines.is_empty() => {
                let line = lines[i % n].clone();
                lines.insert(i % n, line);
            }
            Mutation::SwapLines(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
            Mutation::InsertText(i, text) if !lines.is_empty() => {
                let line = &mut lines[i % n];
                let at = line
                    .char_indices()
                    .map(|(k, _)| k)
                    .nth(i % (line.chars().count() + 1))
                    .unwrap_or(line.len());
                line.insert_str(at, text);
            }
            _ => {}
        }
    }
    let mut bytes = lines.join("\n").into_bytes();
    for m in mutations {
        if let Mutation::ReplaceByte(i, b) = m {
            if !bytes.is_empty() {
                let n = bytes.len();
                bytes[i % n] = *b;
            }
        }
    }
    bytes
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let fragments = prop::sample::select(vec![
        "[",
        "]",
        "{",
        "}",
        ": ",
        "- ",
        "&a ",
        "*a",
        "!!binary ",
        "\t",
        "\"",
        "'",
        "#",
        "|",
        ">",
        "---\n",
        "...",
        "impact_start",
        "SEV1",
        "x-",
        "caused_by: [deploy]",
        "<script>",
        "{{ x }}",
        "2024-03-31 01:30",
        "\u{feff}",
        "\r\n",
    ]);
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (any::<usize>(), fragments).prop_map(|(i, t)| Mutation::InsertText(i, t.to_string())),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::ReplaceByte(i, b)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        pipeline(bytes);
    }

    #[test]
    fn mutated_incidents_never_panic(mutations in prop::collection::vec(mutation(), 1..8)) {
        pipeline(mutate(SEED, &mutations));
    }
}

#[test]
fn the_seed_itself_renders() {
    assert!(rootline::fuzzing::run(SEED.as_bytes()));
}
