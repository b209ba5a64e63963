//! The real news corpus (../shared/corpus/news.jsonl.zst, when present)
//! through the built binary: one line per article, in input order.

mod common;

use common::*;

#[test]
fn every_article_gets_one_line_in_input_order() {
    let Some(shared) = shared_dir() else {
        eprintln!("note: ../shared is absent; skipping the news corpus test");
        return;
    };
    let corpus = shared.join("corpus/news.jsonl.zst");
    if !corpus.exists() {
        eprintln!("note: {} is absent; skipping", corpus.display());
        return;
    }
    let output = gleaner()
        .args(["run", corpus.to_str().unwrap(), "--plugin", "terms", "--set", "terms.terms=oil,gold", "--no-text", "-q"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let lines = parse_lines(&output.stdout);
    assert_eq!(lines.len(), 21_736);
    let mut ids = std::collections::HashSet::new();
    for (i, line) in lines.iter().enumerate() {
        let source = line["source"].as_str().unwrap();
        assert!(source.ends_with(&format!(":{}", i + 1)), "line {} comes from {source}", i + 1);
        assert!(ids.insert(line["id"].as_str().unwrap().to_owned()), "duplicate id {}", line["id"]);
    }
    let total: usize = lines.iter().map(|l| records(l, "terms").len()).sum();
    assert!(total > 1000, "oil and gold are common in Reuters commodity news: {total}");
}
