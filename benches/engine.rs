//! Native engine benchmark: list loading (`Engine::new()`) and analysis speed over the
//! deterministic mail-like corpus (`support/corpus.rs`). Prints numbers; never fails on a timing.
//!
//! `cargo bench --bench engine` runs it (and writes the corpus to `target/bench-corpus.jsonl`
//! for `benches/run.mjs`). Flags after `--`:
//!   `--json`          also print one `BENCH_JSON {...}` line for `benches/run.mjs`
//!   `--quick`         fewer repetitions
//!   `--corpus-only`   write the corpus and exit
//!   `--profile N`     no timing: N passes over the corpus (for callgrind/perf)
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

    if !has("--bench") && value_of("--profile").is_none() {
        smoke();
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

    if let Some(passes) = value_of("--profile") {
        // For callgrind/perf: the hot path only, no clocks around it.
        let engine = Engine::new();
        for _ in 0..passes {
            for link in &links {
                black_box(engine.analyze(black_box(link)));
            }
        }
        return;
    }

    let quick = has("--quick");
    let load = measure_load(if quick { 11 } else { 31 });
    let engine = Engine::new();
    let mix = verdict_mix(&engine, &links);
    let passes = measure_passes(&engine, &links, if quick { 3 } else { 9 });
    let per_kind = measure_per_kind(&engine, &pairs, &links, if quick { 3 } else { 5 });

    print_report(&load, &passes, &per_kind, &mix, links.len());
    if has("--json") {
        println!("BENCH_JSON {}", to_json(&load, &passes, &per_kind, &mix, links.len()));
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
    /// The first `Engine::new()` in the process (page faults, lazy statics, cold caches).
    first_ms: f64,
    stats_ms: Stats,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn measure_load(runs: usize) -> Load {
    let t = Instant::now();
    let first = black_box(Engine::new());
    let first_ms = ms(t.elapsed());
    drop(first);
    let samples = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let engine = black_box(Engine::new());
            let elapsed = ms(t.elapsed());
            drop(engine);
            elapsed
        })
        .collect();
    Load { first_ms, stats_ms: Stats::new(samples) }
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

fn print_report(load: &Load, passes: &Stats, per_kind: &BTreeMap<Kind, (usize, Stats)>, mix: &Mix, n: usize) {
    let verdict = |ok: bool| if ok { "meets target" } else { "MISSES target" };
    println!("\n## linkguard native engine ({n} links)\n");
    println!("| measure | value | target |");
    println!("|---|---:|---|");
    println!("| Engine::new() first in process | {:.3} ms | ≤ {TARGET_LOAD_MS} ms |", load.first_ms);
    println!(
        "| Engine::new() median of {} (min {:.3}, max {:.3}) | {:.3} ms | ≤ {TARGET_LOAD_MS} ms: {} |",
        load.stats_ms.samples.len(),
        load.stats_ms.best(),
        load.stats_ms.worst(),
        load.stats_ms.median(),
        verdict(load.stats_ms.median() <= TARGET_LOAD_MS)
    );
    println!("| analyze, median of {} passes | {:.0} ns/link | |", passes.samples.len(), passes.median());
    println!("| analyze, best pass | {:.0} ns/link | |", passes.best());
    let lps = 1e9 / passes.median();
    println!(
        "| links/s on one core (median) | {:.0} | ≥ {TARGET_LINKS_PER_SECOND:.0}: {} |",
        lps,
        verdict(lps >= TARGET_LINKS_PER_SECOND)
    );
    println!("\n| kind | links | ns/link (median) | best |");
    println!("|---|---:|---:|---:|");
    for (kind, (count, stats)) in per_kind {
        println!("| {} | {count} | {:.0} | {:.0} |", kind.as_str(), stats.median(), stats.best());
    }
    println!("\nverdicts: {:?}; reasons: {:?}; unwrapped: {}; text claims: {}", mix.levels, mix.reasons, mix.with_unwrap, mix.with_claim);
}

fn to_json(load: &Load, passes: &Stats, per_kind: &BTreeMap<Kind, (usize, Stats)>, mix: &Mix, n: usize) -> String {
    let kinds: serde_json::Map<String, serde_json::Value> = per_kind
        .iter()
        .map(|(k, (count, s))| {
            (k.as_str().to_owned(), serde_json::json!({ "links": count, "ns_median": s.median(), "ns_best": s.best() }))
        })
        .collect();
    serde_json::json!({
        "links": n,
        "load_first_ms": load.first_ms,
        "load_median_ms": load.stats_ms.median(),
        "load_min_ms": load.stats_ms.best(),
        "load_runs": load.stats_ms.samples.len(),
        "ns_per_link_median": passes.median(),
        "ns_per_link_best": passes.best(),
        "passes": passes.samples.len(),
        "links_per_second": 1e9 / passes.median(),
        "per_kind": kinds,
        "levels": mix.levels,
        "reasons": mix.reasons,
        "unwrapped": mix.with_unwrap,
        "text_claims": mix.with_claim,
    })
    .to_string()
}
