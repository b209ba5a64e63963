//! `gleaner eval`: the `terms` plugin scored against a small gold file
//! written here, through the binary, checking the exact counts, the
//! scores, the grouped misses and the JSON report; and the errors a user
//! meets (a bad gold line, an unknown setting).

mod common;

use std::path::Path;

use common::*;
use serde_json::{json, Value};

/// One gold line; `records` are (span text, occurrence, value) looked up in `text`.
fn gold_line(id: &str, text: &str, records: &[(&str, usize, Option<&str>)]) -> String {
    let records: Vec<Value> = records
        .iter()
        .map(|(span, nth, value)| {
            let start = text.match_indices(span).nth(*nth).unwrap_or_else(|| panic!("{span:?} #{nth} not in {text:?}")).0;
            let mut record = json!({"start": start, "end": start + span.len(), "kind": "term"});
            if let Some(value) = value {
                record["value"] = json!(value);
            }
            record
        })
        .collect();
    json!({"id": id, "text": text, "records": records}).to_string()
}

fn write_gold(dir: &Path) -> std::path::PathBuf {
    let lines = [
        // "Oil" twice missed (the plugin is case-sensitive), "gold" found.
        gold_line("a", "Oil rose; gold fell. Oil again.", &[("Oil", 0, None), ("gold", 0, Some("gold")), ("Oil", 1, None)]),
        // Found with the right value.
        gold_line("b", "Golden oil fields; an oilfield.", &[("oil", 0, Some("oil"))]),
        // Found with a wrong value; the second "gold" is not in the gold: spurious.
        gold_line("c", "gold and gold", &[("gold", 0, Some("GOLD"))]),
        // The gold span is longer than what the plugin finds: a boundary error.
        gold_line("d", "gold fields are rich", &[("gold fields", 0, None)]),
    ];
    let path = dir.join("gold.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

#[test]
fn eval_scores_the_terms_plugin_against_a_gold_file() {
    let dir = tempfile::tempdir().unwrap();
    let gold = write_gold(dir.path());
    let report = dir.path().join("scores.json");
    let output = gleaner()
        .args(["eval", "--plugin"])
        .arg(terms())
        .args(["--set", "terms.terms=oil,gold", "--value-field", "term", "--gold"])
        .arg(&gold)
        .arg("--json")
        .arg(&report)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));

    // 6 gold records, 5 predicted; exact matches: gold@a, oil@b, gold@c;
    // overlap adds "gold" inside "gold fields".
    let json: Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(json["documents"], 4);
    let scores = json["scores"].as_array().unwrap();
    let (term, all) = (&scores[0], &scores[1]);
    assert_eq!((term["kind"].as_str(), all["kind"].as_str()), (Some("term"), Some("all")));
    assert_eq!((term["gold"].as_u64(), term["predicted"].as_u64()), (Some(6), Some(5)));
    let close = |v: &Value, expected: f64| (v.as_f64().unwrap() - expected).abs() < 1e-9;
    assert!(close(&term["exact"]["precision"], 3.0 / 5.0) && close(&term["exact"]["recall"], 3.0 / 6.0), "{term}");
    assert!(close(&term["exact"]["f1"], 2.0 * 0.6 * 0.5 / 1.1), "{term}");
    assert!(close(&term["overlap"]["precision"], 4.0 / 5.0) && close(&term["overlap"]["recall"], 4.0 / 6.0), "{term}");
    assert_eq!((term["values_correct"].as_u64(), term["values_compared"].as_u64()), (Some(2), Some(3)));

    let misses = json["misses"].as_array().unwrap();
    let of = |what: &str| misses.iter().filter(|m| m["example"]["what"] == what).collect::<Vec<_>>();
    let missed = of("missed");
    assert_eq!(missed.len(), 1, "both 'Oil' misses are one group: {missed:?}");
    assert_eq!((missed[0]["count"].as_u64(), missed[0]["example"]["text"].as_str()), (Some(2), Some("Oil")));
    assert_eq!(missed[0]["example"]["after"], "rose; gold fell. Oil again.");
    let spurious = of("spurious");
    assert_eq!((spurious.len(), spurious[0]["example"]["doc"].as_str()), (1, Some("c")));
    assert_eq!(spurious[0]["example"]["predicted"]["start"], 9);
    let boundary = of("boundary");
    assert_eq!(boundary[0]["example"]["predicted_text"], "gold");
    let wrong = of("wrong_value");
    assert_eq!((wrong[0]["example"]["gold"]["value"].as_str(), wrong[0]["example"]["predicted"]["value"].as_str()), (Some("GOLD"), Some("gold")));

    // The printed table and misses say the same.
    assert!(stdout.contains("4 documents") && stdout.contains("6 gold records, 5 predicted"), "{stdout}");
    let row = stdout.lines().find(|l| l.starts_with("term ")).unwrap_or_else(|| panic!("no term row in {stdout}"));
    assert!(row.contains(" 0.600  0.500  0.545 ") && row.contains(" 0.800  0.667  0.727 ") && row.contains("0.667 (2/3)"), "{row}");
    assert!(stdout.contains("missed (false negatives) (2;") && stdout.contains("2x term \"Oil\""), "{stdout}");
    assert!(stdout.contains("a: [Oil] rose; gold fell."), "context is shown: {stdout}");
}

#[test]
fn settings_change_what_eval_measures() {
    let dir = tempfile::tempdir().unwrap();
    let gold = write_gold(dir.path());
    let config = dir.path().join("terms.toml");
    std::fs::write(&config, "[terms]\nterms = \"oil,gold\"\nignore_case = true\n").unwrap();
    let output = gleaner().args(["eval", "--plugin"]).arg(terms()).arg("--config").arg(&config).arg("--gold").arg(&gold).arg("--worst=0").output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    // Ignoring case, both "Oil" are found too: 7 predictions, 5 exact matches.
    assert!(stdout.contains("6 gold records, 7 predicted"), "{stdout}");
    let row = stdout.lines().find(|l| l.starts_with("term ")).unwrap();
    assert!(row.contains(" 0.714  0.833  0.769 "), "{row}");
    assert!(!stdout.contains("missed (false negatives)"), "--worst=0 lists no misses: {stdout}");

    // --min-f1 turns the score into an exit status, for a plugin's CI.
    for (min, status) in [("0.75", 0), ("0.8", 1)] {
        let output = gleaner().args(["eval", "--plugin"]).arg(terms()).arg("--config").arg(&config).arg("--gold").arg(&gold).args(["--min-f1", min]).output().unwrap();
        assert_eq!(output.status.code(), Some(status), "--min-f1 {min} with F1 0.769: {}", String::from_utf8_lossy(&output.stderr));
    }
}

#[test]
fn eval_refuses_a_bad_gold_file_or_setting_before_running() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("bad.jsonl");
    std::fs::write(&gold, format!("{}\n{{\"id\":\"b\",\"text\":\"abc\",\"records\":[{{\"start\":1,\"end\":7,\"kind\":\"t\"}}]}}\n", gold_line("a", "x", &[]))).unwrap();
    let output = gleaner().args(["eval", "--plugin"]).arg(terms()).arg("--gold").arg(&gold).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bad.jsonl line 2: record 1 of \"b\": end 7 is past the end of the text (3 bytes)"), "{stderr}");

    let good = write_gold(dir.path());
    let output = gleaner().args(["eval", "--plugin"]).arg(terms()).args(["--set", "terms.colour=red", "--gold"]).arg(&good).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("plugin 'terms' has no setting 'colour'; its settings: terms (string), ignore_case (bool)"), "{stderr}");
    assert!(output.stdout.is_empty(), "nothing was scored");
}
