//! Drafting a bank from a 5,000-word article with `quorum draft`'s core:
//! reading it (sentences, people, quotes, figures), drafting every question
//! and checking the result as `quorum check` would.
//!
//! Run: `cargo bench -p quorum-core --bench draft`. Target: under a second
//! in release for the whole draft of a 5,000-word article.
//!
//! The article is the shipped one and the three test articles, repeated in
//! turn until it reaches 5,000 words: the same kinds of paragraph a news
//! article has, so every rule runs on every paragraph.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group};
use quorum_core::bank::{builtin, draft};

const WORDS: usize = 5_000;

const ARTICLES: [&str; 3] = [
    include_str!("../tests/fixtures/articles/waimata-water-levy.txt"),
    include_str!("../tests/fixtures/articles/voting-age-bill.txt"),
    include_str!("../tests/fixtures/articles/school-lunch-review.txt"),
];

/// Whole paragraphs of the four articles in turn, until `WORDS` words.
fn long_article() -> String {
    let paragraphs: Vec<&str> = std::iter::once(builtin::ARTICLE_TEXT)
        .chain(ARTICLES)
        .flat_map(str::lines)
        .filter(|l| !l.trim().is_empty())
        .collect();
    let mut text = String::new();
    let mut words = 0;
    for paragraph in paragraphs.iter().cycle() {
        if words >= WORDS {
            break;
        }
        text.push_str(paragraph);
        text.push('\n');
        words += paragraph.split_whitespace().count();
    }
    text
}

fn benches(c: &mut Criterion) {
    let text = long_article();
    let words = text.split_whitespace().count();
    let drafted = draft::draft(&text, "article.txt", "Benchmark");
    assert!(drafted.summary.total() > 50, "the long article drafts real questions: {:?}", drafted.summary);
    let mut group = c.benchmark_group(format!("draft a {words}-word article"));
    group.sample_size(20).measurement_time(Duration::from_secs(10));
    group.bench_function("read + draft + check", |b| {
        b.iter(|| draft::draft(black_box(&text), "article.txt", "Benchmark"))
    });
    group.finish();
}

/// Prints the figure the issue asks for: the median time of a whole draft.
fn summary() {
    let text = long_article();
    let words = text.split_whitespace().count();
    let mut times: Vec<Duration> = (0..21)
        .map(|_| {
            let start = Instant::now();
            black_box(draft::draft(black_box(&text), "article.txt", "Benchmark"));
            start.elapsed()
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    let questions = draft::draft(&text, "article.txt", "Benchmark").summary.total();
    println!("\nsummary ({words} words, {questions} questions drafted, median of 21 runs):");
    println!("  read + draft + check:   {:8.2} ms", median.as_secs_f64() * 1000.0);
    println!("  under a second:         {}", if median < Duration::from_secs(1) { "yes" } else { "NO" });
}

criterion_group!(draft_benches, benches);

fn main() {
    draft_benches();
    criterion::Criterion::default().configure_from_args().final_summary();
    summary();
}
