//! The JSON Schema for editors: committed, current, and true to the examples.

mod common;

use common::{rootline_in, stdout_ok};
use serde_json::Value;

fn validator() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string("schema/incident.schema.json").unwrap())
            .unwrap();
    jsonschema::draft7::new(&schema).expect("a valid draft-07 schema")
}

fn as_json(path: &std::path::Path) -> Value {
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_committed_schema_is_what_rootline_schema_prints() {
    // The committed schema is the format's, for any repository: printed where no
    // rootline.toml adds this repository's categories to it.
    let elsewhere = tempfile::tempdir().unwrap();
    let printed = stdout_ok(&rootline_in(elsewhere.path(), &["schema"]));
    let committed = std::fs::read_to_string("schema/incident.schema.json").unwrap();
    assert!(printed == committed, "schema/incident.schema.json is stale: run `cargo run -- schema --config /dev/null > schema/incident.schema.json`");
}

#[test]
fn every_example_incident_validates_and_names_the_schema() {
    let validator = validator();
    for entry in std::fs::read_dir("incidents").unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("# yaml-language-server: $schema=../schema/incident.schema.json\n"),
            "{}",
            path.display()
        );
        let errors: Vec<String> = validator
            .iter_errors(&as_json(&path))
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
    }
}

#[test]
fn the_schema_rejects_what_check_rejects_structurally() {
    let validator = validator();
    for broken in [
        "e0004-unknown-key",
        "e0005-missing-key",
        "e0006-invalid-enum",
        "e0007-invalid-id",
    ] {
        let path = std::path::Path::new("tests/fixtures/broken").join(format!("{broken}.yaml"));
        assert!(
            !validator.is_valid(&as_json(&path)),
            "{broken} passed the schema"
        );
    }
    let extended = std::fs::read_to_string("tests/fixtures/valid/2024-03-01-checkout-errors.yaml")
        .unwrap()
        + "x-team: payments\n";
    let value: Value = serde_yaml::from_str(&extended).unwrap();
    assert!(validator.is_valid(&value), "x- keys are allowed");
}

#[test]
fn scaffolded_files_point_at_the_schema_init_writes() {
    let dir = tempfile::tempdir().unwrap();
    assert!(rootline_in(dir.path(), &["init"]).status.success());
    let schema = dir.path().join("schema/incident.schema.json");
    assert!(schema.is_file());
    let incident = std::fs::read_dir(dir.path().join("incidents"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(&incident).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=../schema/incident.schema.json"));
    let value: Value = serde_yaml::from_str(&text).unwrap();
    assert!(
        validator().is_valid(&value),
        "a new incident is schema-valid"
    );
}
