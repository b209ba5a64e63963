//! A whole bench over documents written here, with the `terms` example
//! plugin linked in: the figures must match what the documents contain.

use std::sync::Arc;

use gleaner_bench::{baseline, measure, BenchOptions, Input};
use gleaner_corpus::{Entry, SourceDoc};
use gleaner_host::{Plugin, PluginSet, UserSettings};

fn doc(id: usize, text: &str) -> Entry {
    Entry::Doc(SourceDoc {
        id: format!("d{id}"),
        source: format!("test:{id}"),
        text: text.into(),
        content_type: "text/plain".into(),
        date: None,
        url: None,
        meta: Vec::new(),
        warnings: Vec::new(),
    })
}

fn terms() -> (PluginSet, Vec<Vec<(String, String)>>) {
    let plugin = Plugin::from_entry(gleaner_plugin_terms::gleaner_plugin_entry_v1, "terms").expect("terms loads");
    let mut plugins = PluginSet::default();
    plugins.push(Arc::new(plugin)).expect("one plugin");
    let mut user = UserSettings::new();
    user.add_set("terms.terms=oil,gold").expect("valid setting");
    let settings = user.resolve(&plugins).expect("settings resolve");
    (plugins, settings)
}

fn input() -> Input {
    // 40 documents: half with "oil" twice, half with "gold" once.
    let entries: Vec<Entry> = (0..40)
        .map(|i| if i % 2 == 0 { doc(i, "Oil prices rose; oil output fell. oil") } else { doc(i, "The price of gold held steady.") })
        .collect();
    let text_bytes = entries.iter().map(|e| if let Entry::Doc(d) = e { d.text.len() as u64 } else { 0 }).sum();
    let info = gleaner_bench::report::InputInfo { paths: vec!["test".into()], docs: 40, text_bytes, mode: "memory".into(), sampled: None };
    Input::Memory { entries, info }
}

#[test]
fn bench_counts_records_and_times_each_stage() {
    let (plugins, settings) = terms();
    let options = BenchOptions { max_threads: 2, repeat: 2, warmup: 1, max_records: 1000, include_text: false };
    let mut lines = Vec::new();
    let report = measure::run(&plugins, &settings, &input(), &options, &mut |line| lines.push(line.to_owned())).expect("bench runs");

    // One warm-up, then per repeat: 1 thread, 2 threads, the profile.
    assert_eq!(lines.len(), 1 + 2 * 3, "{lines:?}");
    assert_eq!(report.scaling.len(), 2);
    assert_eq!(report.scaling[0].threads, 1);
    assert!((report.scaling[0].speedup - 1.0).abs() < 1e-9);
    for row in &report.scaling {
        assert_eq!(row.seconds.n, 2);
        assert!(row.mb_per_s.median > 0.0);
        // 20 documents with 2 records ("oil" twice, case-sensitive), 20 with 1.
        assert!((row.records_per_doc.median - 1.5).abs() < 1e-9, "{row:?}");
    }
    let names: Vec<&str> = report.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["terms", "host", "pipeline"]);
    let (terms, host, pipeline) = (&report.stages[0], &report.stages[1], &report.stages[2]);
    assert!((terms.records_per_doc.median - 1.5).abs() < 1e-9);
    assert!(terms.p50_us.median > 0.0 && terms.p50_us.median <= terms.max_us.median);
    assert!(pipeline.p99_us.median >= pipeline.p50_us.median);
    assert!((pipeline.share.median - 1.0).abs() < 1e-9);
    let shares = terms.share.median + host.share.median;
    assert!((shares - 1.0).abs() < 0.05, "plugin and host shares add up to the pipeline: {shares}");

    // The JSON round-trips, and a report compared with itself shows no change.
    let again = gleaner_bench::Report::from_json(&report.to_json()).expect("own JSON reads back");
    let compared = baseline::compare(&again, &report);
    assert!(!compared.is_empty());
    assert!(compared.iter().all(|c| c.verdict == baseline::Verdict::Same && (c.ratio - 1.0).abs() < 1e-9));
    assert!(baseline::mismatches(&again, &report).is_empty());
}

#[test]
fn a_report_of_another_format_is_refused() {
    let (plugins, settings) = terms();
    let options = BenchOptions { max_threads: 1, repeat: 1, warmup: 0, max_records: 1000, include_text: true };
    let report = measure::run(&plugins, &settings, &input(), &options, &mut |_| {}).expect("bench runs");
    let json = report.to_json().replacen("\"format\": 1", "\"format\": 99", 1);
    let error = gleaner_bench::Report::from_json(&json).expect_err("format 99 is refused");
    assert!(error.contains("format 99"), "{error}");
    assert!(gleaner_bench::Report::from_json("{}").is_err());
}
