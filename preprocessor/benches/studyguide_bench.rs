//! The benchmark's Rust side (no timed assertions; not part of the tests).
//! Driven by tests/bench/run.sh, which builds it with
//! `cargo bench --no-run -p mdbook-studyguide --bench studyguide_bench` and
//! runs the executable directly. Every command prints one JSON line.
//!
//!   preprocess DIR RUNS   the preprocessor alone on an already loaded book:
//!                         `StudyGuide::run` (warm diagram cache), the same
//!                         with diagrams left to the browser (`prerender =
//!                         "never"`: no cache reads) and the JSON protocol in
//!                         memory (parse, run, serialise); medians in ms
//!   plain-build DIR       plain mdBook, the same crates, no studyguide:
//!                         `MDBook::load(dir)?.build()`
//!   phases DIR ours|ours-nosvg|plain
//!                         one build split into load / preprocess / render;
//!                         `ours-nosvg` points the diagram backend at a
//!                         missing mermaid, so diagrams stay source (no SVG):
//!                         what quizzes and limit tables alone cost

use anyhow::{Context, Result, bail};
use mdbook_driver::MDBook;
use mdbook_html::HtmlHandlebars;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use mdbook_renderer::{RenderContext, Renderer};
use std::path::PathBuf;
use std::time::Instant;
use studyguide::{Builder, StudyGuide};

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 }
}

fn chapters(book: &mdbook_preprocessor::book::Book) -> usize {
    book.chapters().filter(|c| c.path.is_some()).count()
}

fn preprocess(dir: PathBuf, runs: usize) -> Result<()> {
    let started = Instant::now();
    let md = MDBook::load(&dir).with_context(|| format!("loading {}", dir.display()))?;
    let load_ms = ms(started);
    let ctx = PreprocessorContext::new(md.root.clone(), md.config.clone(), "html".to_owned());
    let mut client_config = md.config.clone();
    client_config.set("preprocessor.studyguide.diagrams.prerender", "never")?;
    let client_ctx = PreprocessorContext::new(md.root.clone(), client_config, "html".to_owned());
    let pages = chapters(&md.book);
    // What mdBook writes to an external preprocessor's stdin.
    let json_in = serde_json::to_vec(&(&ctx, &md.book))?;

    // One untimed run first: page cache, allocator, diagram cache files.
    let out = StudyGuide::default().run(&ctx, md.book.clone())?;
    let bytes_out: usize = out.chapters().map(|c| c.content.len()).sum();
    let bytes_in: usize = md.book.chapters().map(|c| c.content.len()).sum();

    let (mut run, mut client, mut json, mut json_out_len) = (Vec::new(), Vec::new(), Vec::new(), 0);
    for _ in 0..runs {
        let book = md.book.clone();
        let t = Instant::now();
        let out = StudyGuide::default().run(&ctx, book)?;
        run.push(ms(t));
        drop(out);

        let book = md.book.clone();
        let t = Instant::now();
        let out = StudyGuide::default().run(&client_ctx, book)?;
        client.push(ms(t));
        drop(out);

        // As mdBook's protocol runs it: the book's JSON in, the book's JSON out.
        let mut sink = Vec::with_capacity(json_in.len() * 3);
        let t = Instant::now();
        let (ctx_in, book_in) = mdbook_preprocessor::parse_input(&json_in[..])?;
        let out = StudyGuide::default().run(&ctx_in, book_in)?;
        serde_json::to_writer(&mut sink, &out)?;
        json.push(ms(t));
        json_out_len = sink.len();
    }
    println!(
        "{}",
        serde_json::json!({
            "pages": pages, "runs": runs, "load_ms": load_ms,
            "run_ms": median(run.clone()), "run_min_ms": run.iter().cloned().fold(f64::MAX, f64::min),
            "client_only_ms": median(client), "json_ms": median(json),
            "markdown_in_bytes": bytes_in, "markdown_out_bytes": bytes_out,
            "json_in_bytes": json_in.len(), "json_out_bytes": json_out_len,
        })
    );
    Ok(())
}

fn plain_build(dir: PathBuf) -> Result<()> {
    let t = Instant::now();
    MDBook::load(&dir)?.build()?;
    println!("{}", serde_json::json!({ "build_ms": ms(t) }));
    Ok(())
}

fn phases(dir: PathBuf, mode: &str) -> Result<()> {
    let t = Instant::now();
    let mut md = match mode {
        "ours" | "ours-nosvg" => Builder::new(&dir).load()?,
        "plain" => MDBook::load(&dir)?,
        other => bail!("unknown phases mode `{other}`"),
    };
    let load_ms = ms(t);
    if mode == "ours-nosvg" {
        md.config.set("preprocessor.studyguide.diagrams.prerender", "never")?;
    }
    let renderer = HtmlHandlebars::new();
    let t = Instant::now();
    let (book, pctx) = md.preprocess_book(&renderer)?;
    let preprocess_ms = ms(t);
    let t = Instant::now();
    let mut rctx = RenderContext::new(md.root.clone(), book, md.config.clone(), md.build_dir_for("html"));
    rctx.chapter_titles.extend(pctx.chapter_titles.borrow_mut().drain());
    renderer.render(&rctx)?;
    let render_ms = ms(t);
    println!(
        "{}",
        serde_json::json!({ "load_ms": load_ms, "preprocess_ms": preprocess_ms, "render_ms": render_ms })
    );
    Ok(())
}

fn main() -> Result<()> {
    // `cargo bench` passes `--bench`; ignore it and any other flag.
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let arg =
        |i: usize| args.get(i).cloned().context("missing argument; see the header of studyguide_bench.rs");
    match args.first().map(String::as_str) {
        Some("preprocess") => preprocess(arg(1)?.into(), arg(2).map(|r| r.parse()).unwrap_or(Ok(5))?),
        Some("plain-build") => plain_build(arg(1)?.into()),
        Some("phases") => phases(arg(1)?.into(), &arg(2)?),
        None => {
            eprintln!(
                "studyguide_bench: run tests/bench/run.sh (this binary takes preprocess|plain-build|phases)"
            );
            Ok(())
        }
        Some(other) => bail!("unknown command `{other}`"),
    }
}
