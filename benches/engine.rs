//! Native engine benchmark: list loading (`Engine::new()`) and analysis speed over the
//! deterministic mail-like corpus (`support/corpus.rs`). Prints numbers; never fails on a timing.
//!
//! `cargo bench --bench engine` runs it (and writes the corpus to `target/bench-corpus.jsonl`
//! for `benches/run.mjs`). Flags after `--`:
//!   `--json`          also print one `BENCH_JSON {...}` line for `benches/run.mjs`
//!   `--quick`         fewer repetitions
//!   `--corpus-only`   write the corpus and exit
//!   `--mix NAME=PATH` also measure the links of PATH (JSON lines `{"href","text","title"?}`)
//!                     against `Url::parse` on the same links, in paired rounds (repeatable);
//!                     PATH `synthetic` is the generated corpus, `synthetic-urls` its http(s)
//!                     hrefs without text (a URL list's shape)
//!   `--profile N`     no timing: N passes over the corpus (for callgrind/perf);
//!                     `--links M` profiles the first M pairs only, `--file PATH` (a mix, as
//!                     above) profiles M of its links evenly spaced, `--floor` runs
//!                     `Url::parse` instead of analyze, `--repeat K` takes each link K times
//!                     in a row (its code, branches and tables warm from the time before: what
//!                     a link costs beyond its instructions is what the repeats don't pay)
//!   `--verdicts PATH` no timing: every link of PATH (a mix, as above) analyzed once, its verdict
//!                     printed as one JSON line, in order; diffing two runs' output proves a
//!                     change left every verdict as it was
//!
//! Under `cargo test --all-targets` (no `--bench` argument) it only smoke-runs a small corpus
//! through the engine, so the benchmark keeps compiling and running without costing test time.

#[path = "support/corpus.rs"]
mod corpus;

use corpus::{Kind, Pair};
use linkguard::{Engine, Level, LinkInput};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Published targets (issue 6): what the numbers are read against.
const TARGET_LINKS_PER_SECOND: f64 = 1_000_000.0;
const TARGET_LOAD_MS: f64 = 5.0;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let has = |flag: &str| args.iter().any(|a| a == flag);
    let value_of = |flag: &str| {
        args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).and_then(|v| v.parse::<usize>().ok())
    };

    if has("--load-child") {
        load_child();
        return;
    }
    if let Some(path) = args.iter().position(|a| a == "--verdicts").and_then(|i| args.get(i + 1)) {
        print_verdicts(path);
        return;
    }
    if !has("--bench") && value_of("--profile").is_none() {
        smoke();
        return;
    }

    if let Some(passes) = value_of("--profile") {
        // For callgrind/perf: the hot path only, no clocks around it.
        let count = value_of("--links").unwrap_or(corpus::DEFAULT_SIZE);
        let links: Vec<LinkInput> = match args.iter().position(|a| a == "--file").and_then(|i| args.get(i + 1)) {
            // M links evenly spaced over the mix (its parts are in order: ham before phish, one
            // year's list after another).
            Some(path) => match load_mix(path) {
                Ok(links) => {
                    let step = (links.len() as f64 / count.max(1) as f64).max(1.0);
                    (0..count.min(links.len())).map(|i| links[(i as f64 * step) as usize].clone()).collect()
                }
                Err(e) => {
                    eprintln!("{e}");
                    std::process::exit(2);
                }
            },
            None => corpus::generate(count).1.into_iter().map(|p| LinkInput::new(p.href, p.text)).collect(),
        };
        let repeat = value_of("--repeat").unwrap_or(1);
        if has("--floor") {
            for _ in 0..passes {
                for link in &links {
                    for _ in 0..repeat {
                        black_box(url::Url::parse(black_box(&link.href)).ok());
                    }
                }
            }
            return;
        }
        let engine = Engine::new();
        for _ in 0..passes {
            for link in &links {
                for _ in 0..repeat {
                    black_box(engine.analyze(black_box(link)));
                }
            }
        }
        return;
    }

    let (sources, pairs) = corpus::generate(corpus::DEFAULT_SIZE);
    match corpus::write_jsonl(&pairs) {
        Ok(path) => eprintln!("corpus: {} pairs -> {}", pairs.len(), path.display()),
        Err(e) => eprintln!("corpus: could not write {}: {e}", corpus::corpus_path().display()),
    }
    eprintln!(
        "corpus sources: catalog {} entries ({} dynamic-dns, {} free-hosting, {} shorteners, {} trackers), PSL {} ICANN + {} private rules",
        sources.catalog_entries,
        sources.dynamic_dns.len(),
        sources.free_hosting.len(),
        sources.shorteners.len(),
        sources.trackers.len(),
        sources.icann_suffixes.len(),
        sources.private_suffixes.len()
    );
    if has("--corpus-only") {
        return;
    }
    let links: Vec<LinkInput> = pairs.iter().map(|p| LinkInput::new(p.href.clone(), p.text.clone())).collect();

    let quick = has("--quick");
    let load = measure_load(if quick { 5 } else { 15 }, if quick { 11 } else { 31 });
    let engine = Engine::new();
    let mix = verdict_mix(&engine, &links);
    let passes = measure_passes(&engine, &links, if quick { 3 } else { 9 });
    let per_kind = measure_per_kind(&engine, &pairs, &links, if quick { 3 } else { 5 });
    let floors = measure_floors(&engine, &links, if quick { 3 } else { 5 });
    let mixes = measure_mixes(&engine, &args, &pairs, if quick { 3 } else { 7 });

    print_report(&load, &passes, &per_kind, &mix, &floors, links.len());
    print_mixes(&mixes);
    if has("--json") {
        println!("BENCH_JSON {}", to_json(&load, &passes, &per_kind, &mix, &floors, &mixes, links.len()));
    }
}

/// `--verdicts PATH`: one JSON line per link of the mix, the whole verdict as serde writes it.
fn print_verdicts(path: &str) {
    use std::io::Write as _;
    let links = match load_mix(path) {
        Ok(links) => links,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let engine = Engine::new();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for link in &links {
        let line = serde_json::to_string(&engine.analyze(link)).expect("a verdict serializes");
        if writeln!(out, "{line}").is_err() {
            std::process::exit(1);
        }
    }
}

/// Links of a mix file: one JSON object a line, as `LinkInput` reads it (`href`, `text`, `title`...).
fn load_mix(path: &str) -> Result<Vec<LinkInput>, String> {
    if path == "synthetic" || path == "synthetic-urls" {
        let (_, pairs) = corpus::generate(corpus::DEFAULT_SIZE);
        return Ok(synthetic_mix(path, &pairs));
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("mix {path}: {e}"))?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<LinkInput>(l).map_err(|e| format!("mix {path}: {e}")))
        .collect()
}

/// The generated corpus as a mix: its pairs, or (`synthetic-urls`) its http(s) hrefs without text.
fn synthetic_mix(name: &str, pairs: &[Pair]) -> Vec<LinkInput> {
    if name == "synthetic-urls" {
        pairs
            .iter()
            .filter(|p| p.href.starts_with("http://") || p.href.starts_with("https://"))
            .map(|p| LinkInput::new(p.href.clone(), ""))
            .collect()
    } else {
        pairs.iter().map(|p| LinkInput::new(p.href.clone(), p.text.clone())).collect()
    }
}

/// One mix measured: analyze and `Url::parse` alone over the same links, in alternating order
/// round by round, so that both see the same machine; the ratio is the median of the rounds'.
struct MixResult {
    name: String,
    links: usize,
    analyze_ns: Stats,
    url_parse_ns: Stats,
    ratio: Stats,
}

fn measure_mixes(engine: &Engine, args: &[String], pairs: &[Pair], rounds: usize) -> Vec<MixResult> {
    let specs: Vec<&str> =
        args.windows(2).filter(|w| w[0] == "--mix").map(|w| w[1].as_str()).collect();
    let mut out = Vec::new();
    for spec in specs {
        let Some((name, path)) = spec.split_once('=') else {
            eprintln!("--mix {spec}: expected NAME=PATH");
            continue;
        };
        let links = if path.starts_with("synthetic") {
            synthetic_mix(path, pairs)
        } else {
            match load_mix(path) {
                Ok(links) => links,
                Err(e) => {
                    eprintln!("{e}");
                    continue;
                }
            }
        };
        if links.is_empty() {
            continue;
        }
        let analyze = || {
            let t = Instant::now();
            for link in &links {
                black_box(engine.analyze(black_box(link)));
            }
            t.elapsed().as_secs_f64() * 1e9 / links.len() as f64
        };
        let parse = || {
            let t = Instant::now();
            for link in &links {
                black_box(url::Url::parse(black_box(&link.href)).ok());
            }
            t.elapsed().as_secs_f64() * 1e9 / links.len() as f64
        };
        analyze();
        parse();
        let (mut a, mut p, mut r) = (Vec::new(), Vec::new(), Vec::new());
        for round in 0..rounds {
            let (x, y) = if round % 2 == 0 {
                let x = analyze();
                (x, parse())
            } else {
                let y = parse();
                (analyze(), y)
            };
            a.push(x);
            p.push(y);
            r.push(x / y);
        }
        eprintln!("mix {name}: {} links from {path}", links.len());
        out.push(MixResult {
            name: name.to_owned(),
            links: links.len(),
            analyze_ns: Stats::new(a),
            url_parse_ns: Stats::new(p),
            ratio: Stats::new(r),
        });
    }
    out
}

fn print_mixes(mixes: &[MixResult]) {
    if mixes.is_empty() {
        return;
    }
    println!("\n| mix | links | analyze ns/link | `Url::parse` ns/link | ratio (median of paired rounds) |");
    println!("|---|---:|---:|---:|---:|");
    for m in mixes {
        println!(
            "| {} | {} | {:.0} | {:.0} | {:.2} |",
            m.name,
            m.links,
            m.analyze_ns.median(),
            m.url_parse_ns.median(),
            m.ratio.median()
        );
    }
}

/// `cargo test --all-targets`: prove the bench still builds and the engine takes the whole
/// corpus shape without panicking, in a fraction of a second.
fn smoke() {
    let (_, pairs) = corpus::generate(2_000);
    let engine = Engine::new();
    for p in &pairs {
        black_box(engine.analyze(&LinkInput::new(p.href.clone(), p.text.clone())));
    }
    let kinds: std::collections::BTreeSet<Kind> = pairs.iter().map(|p| p.kind).collect();
    assert_eq!(kinds.len(), Kind::ALL.len(), "the smoke corpus covers every kind of link");
    println!("engine bench smoke run: {} links analyzed (run `cargo bench --bench engine` for numbers)", pairs.len());
}

struct Stats {
    samples: Vec<f64>,
}

impl Stats {
    fn new(mut samples: Vec<f64>) -> Stats {
        samples.sort_by(|a, b| a.total_cmp(b));
        Stats { samples }
    }
    fn median(&self) -> f64 {
        let n = self.samples.len();
        if n == 0 {
            return f64::NAN;
        }
        if n % 2 == 1 { self.samples[n / 2] } else { (self.samples[n / 2 - 1] + self.samples[n / 2]) / 2.0 }
    }
    fn best(&self) -> f64 {
        self.samples.first().copied().unwrap_or(f64::NAN)
    }
    fn worst(&self) -> f64 {
        self.samples.last().copied().unwrap_or(f64::NAN)
    }
}

struct Load {
    /// `Engine::new()` in a fresh process: the lists are parsed once per process (lazily, on
    /// first use), so this is the real list loading cost. One sample per process.
    fresh_new_ms: Stats,
    /// The first `analyze()` after that, in the same fresh process (anything still lazy).
    fresh_first_analyze_ms: Stats,
    /// `Engine::new()` again in a process that already has the lists.
    warm_new_ms: Stats,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// `--load-child`: one fresh-process sample, printed as `new_ms first_analyze_ms`.
fn load_child() {
    let t = Instant::now();
    let engine = black_box(Engine::new());
    let new_ms = ms(t.elapsed());
    let t = Instant::now();
    black_box(engine.analyze(&LinkInput::new("https://checkid.ddnsking.com/", "https://account-verify.workers.dev/")));
    println!("{new_ms} {}", ms(t.elapsed()));
}

fn measure_load(processes: usize, warm_runs: usize) -> Load {
    let exe = std::env::current_exe().ok();
    let (mut fresh_new, mut fresh_first) = (Vec::new(), Vec::new());
    for _ in 0..processes {
        let Some(out) = exe.as_ref().and_then(|exe| std::process::Command::new(exe).arg("--load-child").output().ok()) else {
            break;
        };
        let text = String::from_utf8_lossy(&out.stdout);
        let mut fields = text.split_whitespace().filter_map(|f| f.parse::<f64>().ok());
        if let (Some(new_ms), Some(first_ms)) = (fields.next(), fields.next()) {
            fresh_new.push(new_ms);
            fresh_first.push(first_ms);
        }
    }
    black_box(Engine::new()); // this process's lists are loaded from here on
    let warm = (0..warm_runs)
        .map(|_| {
            let t = Instant::now();
            let engine = black_box(Engine::new());
            let elapsed = ms(t.elapsed());
            drop(engine);
            elapsed
        })
        .collect();
    Load { fresh_new_ms: Stats::new(fresh_new), fresh_first_analyze_ms: Stats::new(fresh_first), warm_new_ms: Stats::new(warm) }
}

/// ns/link of whole passes over the corpus, after one warm-up pass.
fn measure_passes(engine: &Engine, links: &[LinkInput], passes: usize) -> Stats {
    let pass = || {
        let t = Instant::now();
        for link in links {
            black_box(engine.analyze(black_box(link)));
        }
        t.elapsed().as_secs_f64() * 1e9 / links.len() as f64
    };
    pass();
    Stats::new((0..passes).map(|_| pass()).collect())
}

/// ns/link for each kind of link on its own (where the time goes).
fn measure_per_kind(engine: &Engine, pairs: &[Pair], links: &[LinkInput], passes: usize) -> BTreeMap<Kind, (usize, Stats)> {
    let mut groups: BTreeMap<Kind, Vec<&LinkInput>> = BTreeMap::new();
    for (p, l) in pairs.iter().zip(links) {
        groups.entry(p.kind).or_default().push(l);
    }
    groups
        .into_iter()
        .map(|(kind, group)| {
            let samples = (0..passes)
                .map(|_| {
                    let t = Instant::now();
                    for link in &group {
                        black_box(engine.analyze(black_box(link)));
                    }
                    t.elapsed().as_secs_f64() * 1e9 / group.len() as f64
                })
                .collect();
            (kind, (group.len(), Stats::new(samples)))
        })
        .collect()
}

/// What any verdict costs at least: the WHATWG parse of the href (`url` crate) and the PSL
/// lookup of its host. The engine's own work is the difference to the full analyze.
struct Floors {
    url_parse: Stats,
    url_parse_and_psl: Stats,
}

fn measure_floors(engine: &Engine, links: &[LinkInput], passes: usize) -> Floors {
    let domains = engine.domains();
    let per_link = |f: &dyn Fn(&LinkInput)| {
        f(&links[0]);
        let samples = (0..passes)
            .map(|_| {
                let t = Instant::now();
                for link in links {
                    f(black_box(link));
                }
                t.elapsed().as_secs_f64() * 1e9 / links.len() as f64
            })
            .collect();
        Stats::new(samples)
    };
    let url_parse = per_link(&|link| {
        black_box(url::Url::parse(&link.href).ok());
    });
    let url_parse_and_psl = per_link(&|link| {
        if let Ok(url) = url::Url::parse(&link.href) {
            if let Some(host) = url.host_str() {
                black_box(domains.parts(host).registrable);
            }
        }
    });
    Floors { url_parse, url_parse_and_psl }
}

/// What the engine said about the corpus: a sanity check that the benchmark exercises the
/// real paths (a stub engine says "safe" to everything).
struct Mix {
    levels: BTreeMap<&'static str, usize>,
    reasons: BTreeMap<&'static str, usize>,
    with_unwrap: usize,
    with_claim: usize,
}

fn verdict_mix(engine: &Engine, links: &[LinkInput]) -> Mix {
    let mut mix = Mix { levels: BTreeMap::new(), reasons: BTreeMap::new(), with_unwrap: 0, with_claim: 0 };
    for link in links {
        let v = engine.analyze(link);
        *mix.levels.entry(v.level.as_str()).or_default() += 1;
        for r in &v.reasons {
            *mix.reasons.entry(r.code.as_str()).or_default() += 1;
        }
        mix.with_unwrap += usize::from(!v.unwrap_chain.is_empty());
        mix.with_claim += usize::from(v.shown.is_some());
    }
    for level in [Level::Safe, Level::Caution, Level::Danger] {
        mix.levels.entry(level.as_str()).or_default();
    }
    mix
}

fn print_report(load: &Load, passes: &Stats, per_kind: &BTreeMap<Kind, (usize, Stats)>, mix: &Mix, floors: &Floors, n: usize) {
    let verdict = |ok: bool| if ok { "meets target" } else { "MISSES target" };
    println!("\n## linkguard native engine ({n} links)\n");
    println!("| measure | value | target |");
    println!("|---|---:|---|");
    println!(
        "| list loading: Engine::new() in a fresh process, median of {} (min {:.3}, max {:.3}) | {:.3} ms | ≤ {TARGET_LOAD_MS} ms: {} |",
        load.fresh_new_ms.samples.len(),
        load.fresh_new_ms.best(),
        load.fresh_new_ms.worst(),
        load.fresh_new_ms.median(),
        verdict(load.fresh_new_ms.median() <= TARGET_LOAD_MS)
    );
    println!("| first analyze() after it, median | {:.3} ms | |", load.fresh_first_analyze_ms.median());
    println!(
        "| Engine::new() with the lists already loaded, median of {} | {:.4} ms | |",
        load.warm_new_ms.samples.len(),
        load.warm_new_ms.median()
    );
    println!("| analyze, median of {} passes | {:.0} ns/link | |", passes.samples.len(), passes.median());
    println!("| analyze, best pass | {:.0} ns/link | |", passes.best());
    let lps = 1e9 / passes.median();
    println!(
        "| links/s on one core (median) | {:.0} | ≥ {TARGET_LINKS_PER_SECOND:.0}: {} |",
        lps,
        verdict(lps >= TARGET_LINKS_PER_SECOND)
    );
    println!("| floor: url::Url::parse(href) alone | {:.0} ns/link | |", floors.url_parse.median());
    println!("| floor: Url::parse + PSL registrable domain of the host | {:.0} ns/link | |", floors.url_parse_and_psl.median());
    println!("\n| kind | links | ns/link (median) | best |");
    println!("|---|---:|---:|---:|");
    for (kind, (count, stats)) in per_kind {
        println!("| {} | {count} | {:.0} | {:.0} |", kind.as_str(), stats.median(), stats.best());
    }
    println!("\nverdicts: {:?}; reasons: {:?}; unwrapped: {}; text claims: {}", mix.levels, mix.reasons, mix.with_unwrap, mix.with_claim);
}

fn to_json(
    load: &Load,
    passes: &Stats,
    per_kind: &BTreeMap<Kind, (usize, Stats)>,
    mix: &Mix,
    floors: &Floors,
    mixes: &[MixResult],
    n: usize,
) -> String {
    let mixes: serde_json::Map<String, serde_json::Value> = mixes
        .iter()
        .map(|m| {
            (
                m.name.clone(),
                serde_json::json!({
                    "links": m.links,
                    "analyze_ns": m.analyze_ns.median(),
                    "analyze_ns_best": m.analyze_ns.best(),
                    "url_parse_ns": m.url_parse_ns.median(),
                    "ratio": m.ratio.median(),
                    "rounds": m.ratio.samples.len(),
                }),
            )
        })
        .collect();
    let kinds: serde_json::Map<String, serde_json::Value> = per_kind
        .iter()
        .map(|(k, (count, s))| {
            (k.as_str().to_owned(), serde_json::json!({ "links": count, "ns_median": s.median(), "ns_best": s.best() }))
        })
        .collect();
    serde_json::json!({
        "links": n,
        "load_median_ms": load.fresh_new_ms.median(),
        "load_min_ms": load.fresh_new_ms.best(),
        "load_processes": load.fresh_new_ms.samples.len(),
        "first_analyze_median_ms": load.fresh_first_analyze_ms.median(),
        "warm_new_median_ms": load.warm_new_ms.median(),
        "ns_per_link_median": passes.median(),
        "ns_per_link_best": passes.best(),
        "passes": passes.samples.len(),
        "links_per_second": 1e9 / passes.median(),
        "per_kind": kinds,
        "floor_url_parse_ns": floors.url_parse.median(),
        "floor_url_parse_psl_ns": floors.url_parse_and_psl.median(),
        "levels": mix.levels,
        "reasons": mix.reasons,
        "unwrapped": mix.with_unwrap,
        "text_claims": mix.with_claim,
        "mixes": mixes,
    })
    .to_string()
}
