//! Loading, validating and provenance-checking a 10,000-question bank,
//! against parsing the same text with `ron::from_str` alone.
//!
//! Run: `cargo bench --bench bank`. Target: the whole check under 100 ms in
//! release, and validation plus provenance adding at most 50% over parsing.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group};
use quorum_core::bank::{self, Bank, QuestionKind, builtin, load};

const QUESTIONS: usize = 10_000;

/// A bank of `QUESTIONS` questions made from the shipped ones with fresh
/// ids and, for questions without figures, a different passage of the article
/// as each source, so every rule and every provenance check runs for real
/// and no two searches of the article are the same.
fn generated_bank() -> String {
    let shipped = builtin::check().bank.expect("the shipped bank parses");
    let words: Vec<&str> = builtin::ARTICLE_TEXT.split_whitespace().collect();
    let mut bank: Bank = shipped.clone();
    bank.questions = (0..QUESTIONS)
        .map(|i| {
            let mut q = shipped.questions[i % shipped.questions.len()].clone();
            q.id = format!("{}-{i}", q.id);
            if matches!(q.kind, QuestionKind::MultipleChoice { .. } | QuestionKind::TrueFalse { .. }) {
                // Words `start..start + len` of the article: 600 × 16 distinct passages.
                let len = 8 + (i / 600) % 16;
                let start = (i * 7) % (words.len() - len);
                q.source = vec![words[start..start + len].join(" ")];
            }
            q
        })
        .collect();
    let config = ron::ser::PrettyConfig::default().struct_names(true);
    ron::ser::to_string_pretty(&bank, config).expect("a bank serialises")
}

fn check(text: &str) -> bank::Checked {
    bank::check_bytes("generated.ron", text.as_bytes(), |_| Ok(builtin::ARTICLE_TEXT.to_string()))
}

fn parse_only(text: &str) -> Bank {
    load::ron_options().from_str(text).expect("the generated bank parses")
}

fn benches(c: &mut Criterion) {
    let text = generated_bank();
    let checked = check(&text);
    assert_eq!(checked.errors(), 0, "the generated bank must be valid");
    let mut group = c.benchmark_group(format!("bank of {QUESTIONS} questions ({} KiB)", text.len() / 1024));
    group.sample_size(20).measurement_time(Duration::from_secs(10));
    group.bench_function("ron::from_str alone", |b| b.iter(|| parse_only(black_box(&text))));
    group.bench_function("load + validate + provenance", |b| b.iter(|| check(black_box(&text))));
    group.finish();
}

/// The median of `runs` timings of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

/// Prints the figures the issue asks for: the whole check's time, and its
/// ratio to parsing alone, both as medians over the same runs.
fn summary() {
    let text = generated_bank();
    let parse = median(21, || {
        black_box(parse_only(black_box(&text)));
    });
    let whole = median(21, || {
        black_box(check(black_box(&text)));
    });
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("\nsummary ({QUESTIONS} questions, {} KiB, median of 21 runs):", text.len() / 1024);
    println!("  ron::from_str alone:            {:8.2} ms", ms(parse));
    println!("  load + validate + provenance:   {:8.2} ms", ms(whole));
    println!("  ratio to parsing:               {:8.2}x (target at most 1.50x)", ms(whole) / ms(parse));
    println!("  whole under 100 ms:             {}", if ms(whole) < 100.0 { "yes" } else { "NO" });
}

criterion_group!(bank_benches, benches);

fn main() {
    bank_benches();
    criterion::Criterion::default().configure_from_args().final_summary();
    summary();
}
