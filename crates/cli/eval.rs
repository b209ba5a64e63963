//! `gleaner eval`: score a plugin against a gold file and show its worst
//! misses. The work is done by `gleaner_host::eval`; this prints it.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use gleaner_host::eval::{self, MissGroup, MissType, Prf, Report};
use gleaner_host::AtomicFile;

#[derive(Args)]
#[command(after_help = "\
Gold file: JSON Lines, one document per line (offsets are bytes into \"text\"):
  {\"id\":\"d1\",\"text\":\"Rates rose in 2023.\",\"date\":\"2024-01-05\",
   \"records\":[{\"start\":14,\"end\":18,\"kind\":\"year\",\"value\":2023}]}
\"date\" and \"value\" are optional; \"records\" may be empty. See docs/plugins.md.

Scores, per kind and over all kinds:
  exact    P/R/F1 of records with the very same span as a gold record
  overlap  P/R/F1 of a one-to-one matching of overlapping spans (largest overlap first)
  value    share of overlap-matched pairs whose value equals the gold value
           (numbers compare numerically, text after trimming)

Examples:
  gleaner eval --plugin ./target/release/libmine.so --gold gold.jsonl
  gleaner eval --plugin terms --set terms.terms=oil,gold --gold gold.jsonl --worst 20
  gleaner eval --plugin numbers --gold numbers-gold.jsonl --kind percent --json scores.json

Exit status: 0 scored; 1 the exact F1 is below --min-f1; 2 bad arguments, gold file, settings or plugin.")]
pub struct EvalArgs {
    /// The plugin to score: a file path or the id of a found plugin.
    #[arg(short, long = "plugin", value_name = "PATH|ID")]
    plugin: String,
    /// The gold file (JSON Lines; see below).
    #[arg(long, value_name = "GOLD.jsonl")]
    gold: PathBuf,
    #[command(flatten)]
    settings: crate::SettingsArgs,
    /// Score only this kind (repeatable; default: every kind).
    #[arg(long = "kind", value_name = "KIND")]
    kinds: Vec<String>,
    /// The record field compared with the gold "value".
    #[arg(long, value_name = "FIELD", default_value = "value")]
    value_field: String,
    /// List the N most frequent misses of each type (0: none).
    #[arg(long, value_name = "N", default_value_t = 10)]
    worst: usize,
    /// Also write the scores and every miss as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Exit with status 1 when the exact F1 over all scored kinds is below F1 (for CI).
    #[arg(long, value_name = "F1")]
    min_f1: Option<f64>,
    /// Worker threads (default: the number of cores).
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    /// Load the plugin file even if other users could have changed it (as for `gleaner run`).
    #[arg(long)]
    allow_insecure_plugins: bool,
}

/// Runs `gleaner eval`.
pub fn main(args: EvalArgs) -> ExitCode {
    let report = match evaluate(&args) {
        Ok(report) => report,
        Err(e) => return crate::usage_error(e),
    };
    let f1 = report.total.exact().f1.unwrap_or(0.0);
    match args.min_f1 {
        Some(min) if f1 < min => {
            eprintln!("gleaner: exact F1 {f1:.3} is below --min-f1 {min}");
            ExitCode::from(crate::EXIT_RUN_ERRORS)
        }
        _ => ExitCode::SUCCESS,
    }
}

/// Scores the plugin, prints the report and writes the JSON; returns the report.
fn evaluate(args: &EvalArgs) -> Result<Report, String> {
    gleaner_host::trust::set_allow_insecure(args.allow_insecure_plugins);
    let gold = eval::read_gold(&args.gold)?;
    let (plugins, settings) = crate::load_plugins(std::slice::from_ref(&args.plugin), &args.settings)?;
    let plugin = plugins.plugins().first().ok_or("no plugin given")?;
    let predictions = eval::predict(&plugins, settings, args.jobs.unwrap_or(0), plugin.id(), &args.value_field, &gold)?;
    let report = eval::score(&gold, &predictions.records, &args.kinds);

    println!(
        "gleaner eval: plugin {} {} on {} documents of {}: {} gold records, {} predicted",
        plugin.id(),
        plugin.version(),
        report.documents,
        args.gold.display(),
        report.total.gold,
        report.total.predicted
    );
    if !predictions.errors.is_empty() {
        println!("\n{} errors on documents (their records, if any, are scored):", predictions.errors.len());
        for (doc, message) in predictions.errors.iter().take(args.worst.max(3)) {
            println!("  {doc}: {message}");
        }
    }
    println!();
    print_scores(&report);
    if args.worst > 0 {
        for what in [MissType::Missed, MissType::Spurious, MissType::Boundary, MissType::WrongValue] {
            print_misses(&report, what, args.worst);
        }
    }
    if let Some(path) = &args.json {
        write_json(path, &report, &predictions.errors)?;
    }
    Ok(report)
}

/// `0.857`, or `-` when undefined.
fn ratio(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:.3}"))
}

fn prf(scores: Prf) -> String {
    format!("{:>6} {:>6} {:>6}", ratio(scores.precision), ratio(scores.recall), ratio(scores.f1))
}

fn print_scores(report: &Report) {
    let width = report.kinds.iter().map(|k| k.kind.len()).max().unwrap_or(0).max(4);
    println!("{:<width$} {:>6} {:>6} | {:^20} | {:^20} | value", "", "", "", "exact", "overlap");
    println!(
        "{:<width$} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6} | accuracy",
        "kind", "gold", "pred", "P", "R", "F1", "P", "R", "F1"
    );
    let row = |k: &eval::KindScore| {
        let value = match k.value_accuracy() {
            Some(accuracy) => format!("{} ({}/{})", ratio(Some(accuracy)), k.values_correct, k.values_compared),
            None => "-".to_owned(),
        };
        println!("{:<width$} {:>6} {:>6} | {} | {} | {value}", k.kind, k.gold, k.predicted, prf(k.exact()), prf(k.overlap()));
    };
    report.kinds.iter().for_each(row);
    // With one kind the total repeats it.
    if report.kinds.len() != 1 {
        println!("{}", "-".repeat(width + 72));
        row(&report.total);
    }
}

fn print_misses(report: &Report, what: MissType, n: usize) {
    let groups: Vec<&MissGroup> = report.worst(what, n).collect();
    if groups.is_empty() {
        return;
    }
    let total: usize = report.misses.iter().filter(|g| g.example.what == what).map(|g| g.count).sum();
    println!("\n{} ({total}; most frequent first):", what.label());
    for group in groups {
        let m = &group.example;
        let detail = match what {
            MissType::Boundary => format!(" gold {:?} got {:?}", m.text, m.predicted_text.as_deref().unwrap_or_default()),
            MissType::WrongValue => {
                let show = |v: Option<&serde_json::Value>| v.map_or_else(|| "none".to_owned(), |v| v.to_string());
                format!(
                    " {:?} expected {} got {}",
                    m.text,
                    show(m.gold.as_ref().and_then(|g| g.value.as_ref())),
                    show(m.predicted.as_ref().and_then(|p| p.value.as_ref()))
                )
            }
            MissType::Missed => match &m.found_as {
                Some(kind) => format!(" {:?} (found as {kind})", m.text),
                None => format!(" {:?}", m.text),
            },
            MissType::Spurious => format!(" {:?}", m.text),
        };
        let shown = m.predicted_text.as_deref().filter(|t| t.len() > m.text.len()).unwrap_or(&m.text);
        println!("  {:>4}x {}{detail}", group.count, m.kind);
        let before = if m.before.is_empty() { String::new() } else { format!("{} ", m.before) };
        let after = if m.after.is_empty() { String::new() } else { format!(" {}", m.after) };
        println!("        {}: {before}[{}]{after}", m.doc, shown.split_whitespace().collect::<Vec<_>>().join(" "));
    }
}

fn write_json(path: &std::path::Path, report: &Report, errors: &[(String, String)]) -> Result<(), String> {
    let kinds: Vec<serde_json::Value> = report
        .kinds
        .iter()
        .chain(std::iter::once(&report.total))
        .map(|k| {
            serde_json::json!({
                "kind": k.kind, "gold": k.gold, "predicted": k.predicted,
                "exact": k.exact(), "overlap": k.overlap(),
                "value_accuracy": k.value_accuracy(), "values_compared": k.values_compared, "values_correct": k.values_correct,
            })
        })
        .collect();
    let errors: Vec<serde_json::Value> = errors.iter().map(|(doc, message)| serde_json::json!({"doc": doc, "message": message})).collect();
    let value = serde_json::json!({ "documents": report.documents, "scores": kinds, "errors": errors, "misses": report.misses });
    let fail = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
    let mut file = AtomicFile::create(path).map_err(fail)?;
    serde_json::to_writer_pretty(&mut file, &value).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    std::io::Write::write_all(&mut file, b"\n").map_err(fail)?;
    file.commit().map_err(fail)
}
