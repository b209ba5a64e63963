//! Scoring a plugin's records against a gold file (`gleaner eval`).
//!
//! The gold file is JSON Lines, one document per line:
//!
//! ```json
//! {"id": "d1", "text": "Prices rose 4% in 2023.", "date": "2024-01-05",
//!  "records": [{"start": 18, "end": 22, "kind": "year", "value": 2023}]}
//! ```
//!
//! `start`/`end` are byte offsets into `text` (end exclusive, on UTF-8
//! character boundaries); `date` and each record's `value` are optional;
//! `records` may be empty (a document where nothing should be found).
//!
//! The flow: [`read_gold`] checks the file, [`predict`] runs the plugin on
//! the gold texts in-process through the [`Runner`] (so the records are
//! exactly those `gleaner run` would write), and [`score`] compares them:
//! per kind, precision/recall/F1 on exact spans and on overlapping spans
//! (a one-to-one matching, largest overlap first), value accuracy on the
//! overlap-matched pairs whose gold has a value, and the misses grouped by
//! what was missed, most frequent first.

use std::collections::BTreeMap;
use std::path::Path;

use gleaner_corpus::{Entry, SourceDoc};
use serde::Serialize;
use serde_json::Value;

use crate::discovery::PluginSet;
use crate::runner::{RunOptions, Runner, Silent};
use crate::settings::ResolvedSettings;

/// A span with a kind and an optional value: a gold record or a predicted one.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Span {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end (exclusive).
    pub end: usize,
    /// The record's kind.
    pub kind: String,
    /// The value (gold: the `value` key; predicted: the value field), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

/// One document of the gold file.
#[derive(Clone, Debug)]
pub struct GoldDoc {
    /// Its id.
    pub id: String,
    /// The text the spans index.
    pub text: String,
    /// Publication date, passed to the plugin.
    pub date: Option<String>,
    /// The records the plugin should emit.
    pub records: Vec<Span>,
}

/// Reads and checks a gold file (see the module docs for the format).
pub fn read_gold(path: &Path) -> Result<Vec<GoldDoc>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read gold file {}: {e}", path.display()))?;
    parse_gold(&text, &path.display().to_string())
}

/// Parses gold JSON Lines; `origin` names the file in messages. Blank lines are skipped.
pub fn parse_gold(text: &str, origin: &str) -> Result<Vec<GoldDoc>, String> {
    let mut docs: Vec<GoldDoc> = Vec::new();
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let doc = parse_gold_line(line).map_err(|e| format!("{origin} line {number}: {e}"))?;
        if let Some(first) = ids.insert(doc.id.clone(), number) {
            return Err(format!("{origin} line {number}: id {:?} is already used on line {first}; ids must be unique", doc.id));
        }
        docs.push(doc);
    }
    if docs.is_empty() {
        return Err(format!("{origin}: no documents (expected one JSON object per line)"));
    }
    Ok(docs)
}

fn parse_gold_line(line: &str) -> Result<GoldDoc, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("not valid JSON: {e}"))?;
    let Value::Object(object) = value else { return Err("expected a JSON object {\"id\",\"text\",\"records\"}".into()) };
    let string = |key: &str| match object.get(key) {
        Some(Value::String(s)) => Ok(Some(s.clone())),
        None | Some(Value::Null) => Ok(None),
        Some(_) => Err(format!("\"{key}\" must be a string")),
    };
    let id = string("id")?.ok_or("missing \"id\" (a string)")?;
    let text = string("text")?.ok_or("missing \"text\" (a string)")?;
    let date = string("date")?;
    let Some(Value::Array(raw)) = object.get("records") else {
        return Err("missing \"records\" (an array, possibly empty)".into());
    };
    let records = raw
        .iter()
        .enumerate()
        .map(|(i, r)| gold_record(r, &text).map_err(|e| format!("record {} of {id:?}: {e}", i + 1)))
        .collect::<Result<Vec<Span>, String>>()?;
    Ok(GoldDoc { id, text, date, records })
}

fn gold_record(raw: &Value, text: &str) -> Result<Span, String> {
    let offset = |key: &str| {
        raw.get(key).and_then(Value::as_u64).and_then(|v| usize::try_from(v).ok()).ok_or(format!("\"{key}\" must be a byte offset (an integer >= 0)"))
    };
    let (start, end) = (offset("start")?, offset("end")?);
    let kind = raw.get("kind").and_then(Value::as_str).filter(|k| !k.is_empty()).ok_or("\"kind\" must be a non-empty string")?;
    if start > end {
        return Err(format!("start {start} is after end {end}"));
    }
    if end > text.len() {
        return Err(format!("end {end} is past the end of the text ({} bytes)", text.len()));
    }
    for offset in [start, end] {
        if !text.is_char_boundary(offset) {
            return Err(format!("offset {offset} is inside a UTF-8 character; offsets are bytes, not characters"));
        }
    }
    Ok(Span { start, end, kind: kind.to_owned(), value: raw.get("value").cloned() })
}

/// What the plugin produced on the gold documents.
#[derive(Clone, Debug, Default)]
pub struct Predictions {
    /// The records of each gold document, in gold order.
    pub records: Vec<Vec<Span>>,
    /// Errors reported on documents: `(document id, message)`.
    pub errors: Vec<(String, String)>,
}

/// Runs `plugins` on the gold texts through a [`Runner`] with `jobs` workers
/// (0: one per core) and returns the records of plugin `scored` (its field
/// `value_field` as each record's value). A document whose text a transform
/// rewrote gets an error instead of records: its spans no longer index the
/// gold text.
pub fn predict(
    plugins: &PluginSet,
    settings: Vec<ResolvedSettings>,
    jobs: usize,
    scored: &str,
    value_field: &str,
    gold: &[GoldDoc],
) -> Result<Predictions, String> {
    if plugins.get(scored).is_none() {
        return Err(format!("no plugin '{scored}' to score (plugins: {})", plugins.ids().join(", ")));
    }
    let options = RunOptions { jobs, include_text: true, ..RunOptions::default() };
    let runner = Runner::new(plugins, settings, options)?;
    let entries: Vec<Entry> = gold
        .iter()
        .map(|doc| {
            Entry::Doc(SourceDoc {
                id: doc.id.clone(),
                source: format!("gold:{}", doc.id),
                text: doc.text.clone(),
                content_type: "text/plain".to_owned(),
                date: doc.date.clone(),
                url: None,
                meta: Vec::new(),
                warnings: Vec::new(),
            })
        })
        .collect();
    let mut out = Vec::new();
    runner.run(entries, &mut out, &Silent).map_err(|e| format!("running the plugin failed: {e}"))?;
    let text = String::from_utf8(out).map_err(|_| "the run's output is not UTF-8".to_owned())?;
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() != gold.len() {
        return Err(format!("the run wrote {} lines for {} gold documents", lines.len(), gold.len()));
    }
    let mut predictions = Predictions::default();
    for (line, doc) in lines.iter().zip(gold) {
        let line: Value = serde_json::from_str(line).map_err(|e| format!("the run wrote a line that is not JSON: {e}"))?;
        for error in line["errors"].as_array().into_iter().flatten() {
            let plugin = error["plugin"].as_str().unwrap_or("?");
            let message = error["message"].as_str().unwrap_or("?");
            predictions.errors.push((doc.id.clone(), format!("{plugin}: {message}")));
        }
        if line["text"].as_str() != Some(doc.text.as_str()) {
            predictions.errors.push((doc.id.clone(), "a transform rewrote the text, so the records' spans do not index the gold text; not scored".into()));
            predictions.records.push(Vec::new());
            continue;
        }
        let records = line["extractions"][scored].as_array().map(Vec::as_slice).unwrap_or_default();
        let spans = records
            .iter()
            .filter_map(|r| {
                let start = usize::try_from(r["start"].as_u64()?).ok()?;
                let end = usize::try_from(r["end"].as_u64()?).ok()?;
                let kind = r["kind"].as_str()?.to_owned();
                Some(Span { start, end, kind, value: r.get(value_field).cloned() })
            })
            .collect();
        predictions.records.push(spans);
    }
    Ok(predictions)
}

/// Precision, recall and F1; `None` where undefined (nothing predicted,
/// nothing in the gold, or both).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Matched predictions / predictions.
    pub precision: Option<f64>,
    /// Matched gold records / gold records.
    pub recall: Option<f64>,
    /// Harmonic mean of the two; 0 when one side is empty and the other is not.
    pub f1: Option<f64>,
}

impl Prf {
    /// From the number of matches (one-to-one) and the two totals.
    pub fn new(matched: usize, predicted: usize, gold: usize) -> Prf {
        let ratio = |n: usize, d: usize| (d > 0).then(|| n as f64 / d as f64);
        let (precision, recall) = (ratio(matched, predicted), ratio(matched, gold));
        let f1 = match (precision, recall) {
            (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
            (None, None) => None,
            _ => Some(0.0),
        };
        Prf { precision, recall, f1 }
    }
}

/// The counts of one kind (or of all kinds together).
#[derive(Clone, Debug, Default, Serialize)]
pub struct KindScore {
    /// The kind, or `"all"` for the total.
    pub kind: String,
    /// Gold records.
    pub gold: usize,
    /// Predicted records.
    pub predicted: usize,
    /// Pairs with the very same span.
    pub exact_matches: usize,
    /// Pairs whose spans overlap (one-to-one, largest overlap first).
    pub overlap_matches: usize,
    /// Overlap-matched pairs whose gold record has a value.
    pub values_compared: usize,
    /// ... of which the predicted value equals the gold value.
    pub values_correct: usize,
}

impl KindScore {
    /// Scores on exact spans.
    pub fn exact(&self) -> Prf {
        Prf::new(self.exact_matches, self.predicted, self.gold)
    }
    /// Scores on overlapping spans.
    pub fn overlap(&self) -> Prf {
        Prf::new(self.overlap_matches, self.predicted, self.gold)
    }
    /// Share of compared values that are right, if any were compared.
    pub fn value_accuracy(&self) -> Option<f64> {
        (self.values_compared > 0).then(|| self.values_correct as f64 / self.values_compared as f64)
    }

    fn add(&mut self, other: &KindScore) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.exact_matches += other.exact_matches;
        self.overlap_matches += other.overlap_matches;
        self.values_compared += other.values_compared;
        self.values_correct += other.values_correct;
    }
}

/// What went wrong with one record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MissType {
    /// A gold record no prediction overlaps (a false negative).
    Missed,
    /// A prediction no gold record overlaps (a false positive).
    Spurious,
    /// A prediction overlapping a gold record with other bounds.
    Boundary,
    /// A prediction matching a gold record whose value differs.
    WrongValue,
}

impl MissType {
    /// A short label for listings.
    pub fn label(self) -> &'static str {
        match self {
            MissType::Missed => "missed (false negatives)",
            MissType::Spurious => "spurious (false positives)",
            MissType::Boundary => "wrong boundaries (overlap, not exact)",
            MissType::WrongValue => "wrong values",
        }
    }
}

/// One error, with enough context to see it.
#[derive(Clone, Debug, Serialize)]
pub struct Miss {
    /// What went wrong.
    pub what: MissType,
    /// The record's kind.
    pub kind: String,
    /// The document's id.
    pub doc: String,
    /// The gold record (missed, boundary, wrong value).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gold: Option<Span>,
    /// The predicted record (spurious, boundary, wrong value).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub predicted: Option<Span>,
    /// The text of the gold span (or of the predicted span when there is no gold).
    pub text: String,
    /// The predicted span's text when it differs from `text` (boundary errors).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub predicted_text: Option<String>,
    /// For a missed record: the kind of a prediction of another kind that
    /// overlaps it (found, but mislabelled).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found_as: Option<String>,
    /// Up to [`CONTEXT_BYTES`] of text before the span, on one line (`…` marks a cut).
    pub before: String,
    /// Up to [`CONTEXT_BYTES`] of text after the span, on one line (`…` marks a cut).
    pub after: String,
}

/// Bytes of context shown on each side of a miss.
pub const CONTEXT_BYTES: usize = 50;

/// Misses that look the same (same type, kind and text), with how often.
#[derive(Clone, Debug, Serialize)]
pub struct MissGroup {
    /// How many times this miss occurs.
    pub count: usize,
    /// The first occurrence.
    pub example: Miss,
}

/// The result of [`score`].
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    /// Gold documents.
    pub documents: usize,
    /// Scores per kind, sorted by kind.
    pub kinds: Vec<KindScore>,
    /// Scores over every kind.
    pub total: KindScore,
    /// Misses grouped by type, kind and text; most frequent first within each type.
    pub misses: Vec<MissGroup>,
}

impl Report {
    /// The `n` most frequent groups of one type.
    pub fn worst(&self, what: MissType, n: usize) -> impl Iterator<Item = &MissGroup> {
        self.misses.iter().filter(move |g| g.example.what == what).take(n)
    }
}

/// Whether two values are the same: numbers (or numeric strings) compare
/// numerically with a relative tolerance of 1e-9, strings after trimming,
/// everything else as JSON.
pub fn same_value(gold: &Value, predicted: &Value) -> bool {
    fn number(v: &Value) -> Option<f64> {
        match v {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse::<f64>().ok().filter(|f| f.is_finite()),
            _ => None,
        }
    }
    if let (Some(a), Some(b)) = (number(gold), number(predicted)) {
        let scale = a.abs().max(b.abs());
        return a == b || (a - b).abs() <= scale * 1e-9;
    }
    match (gold, predicted) {
        (Value::String(a), Value::String(b)) => a.trim() == b.trim(),
        _ => gold == predicted,
    }
}

/// Scores `predicted` (one list per gold document, as [`predict`] returns)
/// against the gold. With `kinds` non-empty, only those kinds are scored.
pub fn score(gold: &[GoldDoc], predicted: &[Vec<Span>], kinds: &[String]) -> Report {
    let keep = |span: &&Span| kinds.is_empty() || kinds.contains(&span.kind);
    let mut per_kind: BTreeMap<String, KindScore> = BTreeMap::new();
    let mut misses: Vec<Miss> = Vec::new();
    for (doc, predicted) in gold.iter().zip(predicted) {
        let mut by_kind: BTreeMap<&str, (Vec<&Span>, Vec<&Span>)> = BTreeMap::new();
        for span in doc.records.iter().filter(keep) {
            by_kind.entry(&span.kind).or_default().0.push(span);
        }
        for span in predicted.iter().filter(keep) {
            by_kind.entry(&span.kind).or_default().1.push(span);
        }
        let first_miss = misses.len();
        for (kind, (golds, preds)) in by_kind {
            let counts = per_kind.entry(kind.to_owned()).or_insert_with(|| KindScore { kind: kind.to_owned(), ..KindScore::default() });
            score_kind(doc, &golds, &preds, counts, &mut misses);
        }
        // A missed record that a prediction of another kind overlaps was
        // found but mislabelled: say so (scored kinds or not).
        for miss in misses[first_miss..].iter_mut().filter(|m| m.what == MissType::Missed) {
            let Some(gold) = &miss.gold else { continue };
            miss.found_as = predicted.iter().find(|p| p.kind != gold.kind && overlap(gold, p).is_some()).map(|p| p.kind.clone());
        }
    }
    let mut total = KindScore { kind: "all".to_owned(), ..KindScore::default() };
    for counts in per_kind.values() {
        total.add(counts);
    }
    Report { documents: gold.len(), kinds: per_kind.into_values().collect(), total, misses: group(misses) }
}

/// One kind in one document: exact matches, then the overlap matching, then the misses.
fn score_kind(doc: &GoldDoc, golds: &[&Span], preds: &[&Span], counts: &mut KindScore, misses: &mut Vec<Miss>) {
    counts.gold += golds.len();
    counts.predicted += preds.len();
    let mut exact_used = vec![false; preds.len()];
    for g in golds {
        if let Some(j) = (0..preds.len()).find(|&j| !exact_used[j] && preds[j].start == g.start && preds[j].end == g.end) {
            exact_used[j] = true;
            counts.exact_matches += 1;
        }
    }
    // Overlap matching: every overlapping pair, largest overlap (then exact
    // bounds, then input order) first, each record used once.
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (i, g) in golds.iter().enumerate() {
        for (j, p) in preds.iter().enumerate() {
            if let Some(shared) = overlap(g, p) {
                pairs.push((shared, i, j));
            }
        }
    }
    pairs.sort_by_key(|&(shared, i, j)| {
        let exact = golds[i].start == preds[j].start && golds[i].end == preds[j].end;
        (std::cmp::Reverse(shared), !exact, i, j)
    });
    let mut gold_match: Vec<Option<usize>> = vec![None; golds.len()];
    let mut pred_used = vec![false; preds.len()];
    for (_, i, j) in pairs {
        if gold_match[i].is_none() && !pred_used[j] {
            gold_match[i] = Some(j);
            pred_used[j] = true;
            counts.overlap_matches += 1;
        }
    }
    for (i, g) in golds.iter().enumerate() {
        let Some(j) = gold_match[i] else {
            misses.push(miss(doc, MissType::Missed, g, None));
            continue;
        };
        let p = preds[j];
        if (p.start, p.end) != (g.start, g.end) {
            misses.push(miss(doc, MissType::Boundary, g, Some(p)));
        }
        if let Some(expected) = &g.value {
            counts.values_compared += 1;
            if p.value.as_ref().is_some_and(|got| same_value(expected, got)) {
                counts.values_correct += 1;
            } else {
                misses.push(miss(doc, MissType::WrongValue, g, Some(p)));
            }
        }
    }
    for (j, p) in preds.iter().enumerate() {
        if !pred_used[j] {
            misses.push(miss(doc, MissType::Spurious, p, None));
        }
    }
}

/// The number of shared bytes if the spans overlap; empty spans overlap
/// only a span at the same place.
fn overlap(a: &Span, b: &Span) -> Option<usize> {
    let shared = a.end.min(b.end).saturating_sub(a.start.max(b.start));
    (shared > 0 || (a.start, a.end) == (b.start, b.end)).then_some(shared)
}

/// A miss on `span` (the gold record, or the prediction for `Spurious`).
fn miss(doc: &GoldDoc, what: MissType, span: &Span, predicted: Option<&Span>) -> Miss {
    let text = &doc.text;
    let slice = |s: &Span| text.get(s.start..s.end).unwrap_or_default().to_owned();
    let (gold, predicted) = match what {
        MissType::Spurious => (None, Some(span.clone())),
        _ => (Some(span.clone()), predicted.cloned()),
    };
    let predicted_text = match (what, &predicted) {
        (MissType::Boundary, Some(p)) => Some(slice(p)),
        _ => None,
    };
    let (lo, hi) = match (what, &predicted) {
        (MissType::Boundary, Some(p)) => (span.start.min(p.start), span.end.max(p.end)),
        _ => (span.start, span.end),
    };
    Miss {
        what,
        kind: span.kind.clone(),
        doc: doc.id.clone(),
        gold,
        predicted,
        text: slice(span),
        predicted_text,
        found_as: None,
        before: context_before(text, lo),
        after: context_after(text, hi),
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Up to [`CONTEXT_BYTES`] before byte `at`, on one line, `…` first if cut.
fn context_before(text: &str, at: usize) -> String {
    let from = floor_boundary(text, at.saturating_sub(CONTEXT_BYTES));
    let line = one_line(&text[from..at]);
    if line.is_empty() || text[..from].trim().is_empty() {
        line
    } else {
        format!("…{line}")
    }
}

/// Up to [`CONTEXT_BYTES`] after byte `at`, on one line, `…` last if cut.
fn context_after(text: &str, at: usize) -> String {
    let to = ceil_boundary(text, at + CONTEXT_BYTES);
    let line = one_line(&text[at..to]);
    if line.is_empty() || text[to..].trim().is_empty() {
        line
    } else {
        format!("{line}…")
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Groups misses by type, kind, text (case-insensitive) and values; the
/// most frequent groups first within each type, ties in order of appearance.
fn group(misses: Vec<Miss>) -> Vec<MissGroup> {
    let mut groups: Vec<MissGroup> = Vec::new();
    let mut index: BTreeMap<(MissType, String, String, String), usize> = BTreeMap::new();
    for miss in misses {
        let values = match miss.what {
            MissType::WrongValue => format!("{:?} {:?}", miss.gold.as_ref().and_then(|g| g.value.clone()), miss.predicted.as_ref().and_then(|p| p.value.clone())),
            MissType::Boundary => miss.predicted_text.clone().unwrap_or_default().to_lowercase(),
            MissType::Missed => miss.found_as.clone().unwrap_or_default(),
            MissType::Spurious => String::new(),
        };
        let key = (miss.what, miss.kind.clone(), one_line(&miss.text).to_lowercase(), values);
        match index.get(&key) {
            Some(&i) => groups[i].count += 1,
            None => {
                index.insert(key, groups.len());
                groups.push(MissGroup { count: 1, example: miss });
            }
        }
    }
    // A stable sort keeps the order of appearance among equal counts.
    groups.sort_by_key(|g| (g.example.what, std::cmp::Reverse(g.count)));
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, kind: &str) -> Span {
        Span { start, end, kind: kind.into(), value: None }
    }

    fn gold_doc(text: &str, records: Vec<Span>) -> GoldDoc {
        GoldDoc { id: "d".into(), text: text.into(), date: None, records }
    }

    #[test]
    fn exact_overlap_and_misses_are_counted_per_kind() {
        //          0123456789012345678901234567
        let text = "Ann Lee met Bob in Paris now";
        let gold = vec![gold_doc(text, vec![span(0, 7, "person"), span(12, 15, "person"), span(19, 24, "place")])];
        // Ann Lee found as "Lee" (boundary), Bob exact, Paris missed, "now" spurious.
        let predicted = vec![vec![span(4, 7, "person"), span(12, 15, "person"), span(25, 28, "place")]];
        let report = score(&gold, &predicted, &[]);
        let person = &report.kinds[0];
        assert_eq!((person.kind.as_str(), person.gold, person.predicted, person.exact_matches, person.overlap_matches), ("person", 2, 2, 1, 2));
        assert_eq!(person.exact(), Prf { precision: Some(0.5), recall: Some(0.5), f1: Some(0.5) });
        assert_eq!(person.overlap().f1, Some(1.0));
        let place = &report.kinds[1];
        assert_eq!((place.exact_matches, place.overlap_matches), (0, 0));
        assert_eq!(report.total.gold, 3);
        let boundary: Vec<_> = report.worst(MissType::Boundary, 10).collect();
        assert_eq!((boundary[0].example.text.as_str(), boundary[0].example.predicted_text.as_deref()), ("Ann Lee", Some("Lee")));
        let missed: Vec<_> = report.worst(MissType::Missed, 10).collect();
        assert_eq!(missed[0].example.text, "Paris");
        assert_eq!(missed[0].example.before, "Ann Lee met Bob in");
        let spurious: Vec<_> = report.worst(MissType::Spurious, 10).collect();
        assert_eq!(spurious[0].example.text, "now");
    }

    #[test]
    fn overlap_matching_is_one_to_one_and_prefers_the_largest_overlap() {
        let text = "aaaa bbbb cccc";
        let gold = vec![gold_doc(text, vec![span(0, 9, "x")])];
        let predicted = vec![vec![span(0, 2, "x"), span(0, 8, "x")]];
        let report = score(&gold, &predicted, &[]);
        assert_eq!(report.total.overlap_matches, 1);
        let spurious: Vec<_> = report.worst(MissType::Spurious, 10).collect();
        assert_eq!(spurious.len(), 1);
        assert_eq!(spurious[0].example.text, "aa", "the smaller overlap is the spurious one");
    }

    #[test]
    fn values_compare_numerically_and_as_trimmed_text() {
        assert!(same_value(&serde_json::json!(30), &serde_json::json!("30.0")));
        assert!(same_value(&serde_json::json!("USD "), &serde_json::json!("USD")));
        assert!(!same_value(&serde_json::json!("30"), &serde_json::json!("31")));
        assert!(!same_value(&serde_json::json!("a"), &serde_json::json!(null)));
        let text = "in 1999 and 2001";
        let mut g1 = span(3, 7, "year");
        g1.value = Some(serde_json::json!(1999));
        let mut g2 = span(12, 16, "year");
        g2.value = Some(serde_json::json!(2001));
        let mut p1 = g1.clone();
        p1.value = Some(serde_json::json!("1999"));
        let mut p2 = g2.clone();
        p2.value = Some(serde_json::json!(2002));
        let report = score(&[gold_doc(text, vec![g1, g2])], &[vec![p1, p2]], &[]);
        assert_eq!((report.total.values_compared, report.total.values_correct), (2, 1));
        assert_eq!(report.worst(MissType::WrongValue, 5).count(), 1);
    }

    #[test]
    fn a_record_found_under_another_kind_says_so() {
        let gold = vec![gold_doc("cost 5 dollars", vec![span(5, 14, "money")])];
        let predicted = vec![vec![span(5, 6, "cardinal")]];
        let report = score(&gold, &predicted, &["money".to_owned()]);
        let missed: Vec<_> = report.worst(MissType::Missed, 10).collect();
        assert_eq!(missed[0].example.found_as.as_deref(), Some("cardinal"));
        assert_eq!(report.total.predicted, 0, "cardinal is not scored");
    }

    #[test]
    fn the_kinds_filter_ignores_other_kinds() {
        let gold = vec![gold_doc("a b", vec![span(0, 1, "x")])];
        let predicted = vec![vec![span(0, 1, "x"), span(2, 3, "y")]];
        let report = score(&gold, &predicted, &["x".to_owned()]);
        assert_eq!(report.kinds.len(), 1);
        assert_eq!(report.total.exact().precision, Some(1.0));
    }

    #[test]
    fn repeated_misses_are_grouped_most_frequent_first() {
        let text = "Oil. Gold. Oil. oil.";
        let gold = vec![gold_doc(text, vec![span(0, 3, "t"), span(5, 9, "t"), span(11, 14, "t"), span(16, 19, "t")])];
        let report = score(&gold, &[vec![]], &[]);
        let missed: Vec<_> = report.worst(MissType::Missed, 10).collect();
        assert_eq!((missed[0].count, missed[0].example.text.as_str()), (3, "Oil"));
        assert_eq!((missed[1].count, missed[1].example.text.as_str()), (1, "Gold"));
    }

    #[test]
    fn gold_lines_are_checked_with_clear_messages() {
        let ok = r#"{"id":"a","text":"héllo","records":[{"start":0,"end":6,"kind":"w","value":"x"}]}"#;
        let docs = parse_gold(&format!("{ok}\n\n"), "g.jsonl").unwrap();
        assert_eq!(docs[0].records[0].value, Some(serde_json::json!("x")));
        let cases = [
            (r#"{"id":"a","text":"abc","records":[{"start":0,"end":9,"kind":"w"}]}"#, "line 1: record 1 of \"a\": end 9 is past the end of the text (3 bytes)"),
            (r#"{"id":"a","text":"é","records":[{"start":1,"end":2,"kind":"w"}]}"#, "inside a UTF-8 character"),
            (r#"{"id":"a","text":"abc"}"#, "missing \"records\""),
            (r#"{"id":"a","text":"abc","records":[{"start":2,"end":1,"kind":"w"}]}"#, "start 2 is after end 1"),
            (r#"{"id":"a","text":"abc","records":[{"start":0,"end":1}]}"#, "\"kind\" must be a non-empty string"),
            (r#"["a"]"#, "expected a JSON object"),
            ("{", "not valid JSON"),
        ];
        for (line, expected) in cases {
            let message = parse_gold(line, "g.jsonl").unwrap_err();
            assert!(message.contains(expected), "{line}: {message}");
        }
        let twice = parse_gold(&format!("{ok}\n{ok}"), "g.jsonl").unwrap_err();
        assert!(twice.contains("line 2: id \"a\" is already used on line 1"), "{twice}");
    }
}
