//! End-to-end tests of the `mdbook-studyguide` binary on fixture books in
//! `tests/books/`: the command line, the preprocessor protocol, and what a
//! build writes.

mod support;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use support::copy_dir;

fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mdbook-studyguide"));
    // Tests must not depend on the machine having Chromium or mermaid.
    command.env("CHROMIUM", "/nonexistent/chromium");
    command
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned()
}

/// A copy of a fixture book in a temporary directory, so builds never write
/// into the source tree.
fn fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/books").join(name), dir.path());
    dir
}

#[track_caller]
fn run(mut command: Command) -> (Output, String, String) {
    let output = command.output().expect("run mdbook-studyguide");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output, stdout, stderr)
}

/// The `<main>` element of a built page.
#[track_caller]
fn main_of(page: &Path) -> String {
    let html = std::fs::read_to_string(page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
    let start = html.find("<main>").expect("a <main> element");
    let end = html.rfind("</main>").expect("a </main> element");
    html[start..end].to_owned()
}

#[test]
fn check_reports_every_problem_with_its_location() {
    let book = fixture("broken");
    let mut command = binary();
    command.arg("check").arg(book.path());
    let (output, stdout, stderr) = run(command);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    // Its questions say neither where the book teaches them nor their domain:
    // a warning each, which does not fail the check.
    let (warnings, first_lines): (Vec<&str>, Vec<&str>) =
        stdout.lines().filter(|l| !l.starts_with("    hint:")).partition(|l| l.contains(": warning: "));
    assert!(
        warnings.contains(&"src/quizzes.md:73:1: warning: question 1 does not say where the book teaches it"),
        "{stdout}"
    );
    let expected = [
        "src/quizzes.md:6:12: quiz block: unclosed array table, expected `]`",
        "src/quizzes.md:16:10: question 1: answer `E` is out of range: there are 2 choices (A–B)",
        "src/quizzes.md:23:1: question 1: the explanation is missing",
        "src/quizzes.md:33:1: quiz block: unknown field `promt`, expected one of `id`, `prompt`, `choices`, `answer`, `explanation`, `cites`, `see`, `domain`, `task`",
        "src/quizzes.md:43:10: quiz block: invalid type: integer `7`, expected a string",
        "src/quizzes.md:63:19: question 1: choice B repeats an earlier choice: \"a\"",
        "src/quizzes.md:68:23: unknown limit `lambda.timout`",
        "src/quizzes.md:76:21: question 1 contradicts the limit it cites: the answer says 3 MB but limit `lambda.package.zip` is 50 MB",
        "src/quizzes.md:84:1: ```quiz block has no closing fence",
        "src/quizzes.md:85:1: quiz block: missing field `prompt`",
        "src/limits.md:16:9: limit `lambda.typo`: unknown unit `minz` in `15 minz` (did you mean `min`?)",
        "src/limits.md:22:9: limit `lambda.memory`: the number in `1234,567 MB` is grouped wrongly: after a first group of one to three digits (not starting with 0), a comma must separate groups of exactly three, as in 1,234,567; decimals take a point, as in 0.5",
        "src/limits.md:28:6: question id `same` is already used at src/quizzes.md:61:8",
        "src/fences.md:15:1: ```quiz block has no closing fence (another code block opens at line 24)",
    ];
    let mut sorted_expected = expected.to_vec();
    sorted_expected.sort();
    let mut sorted_found = first_lines.clone();
    sorted_found.sort();
    assert_eq!(sorted_found, sorted_expected, "\n{stdout}");
    assert!(stdout.contains("    hint: did you mean `prompt`?"), "{stdout}");
    assert!(
        warnings.contains(&"src/fences.md:5:1: warning: a code block named `quizz`: did you mean ```quiz?"),
        "{stdout}"
    );
    assert!(stderr.contains("14 problems found ("), "{stderr}");
}

#[test]
fn check_passes_on_the_guide() {
    let mut command = binary();
    command.arg("check").arg(repo_root());
    let (output, stdout, stderr) = run(command);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert_eq!(stdout, "");
}

/// Every file a build wrote, as text (binary files left out).
fn texts_under(dir: &Path) -> Vec<(PathBuf, String)> {
    tree(dir)
        .into_iter()
        .filter_map(|(path, bytes)| String::from_utf8(bytes).ok().map(|text| (path, text)))
        .collect()
}

#[test]
fn a_book_on_another_subject_builds_with_its_own_blueprint_and_no_warnings() {
    // The browser tests' fixture (tests/books/apiary at the top).
    let book = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("tests/books/apiary"), book.path());
    let mut command = binary();
    command.arg("check").arg(book.path());
    let (output, stdout, stderr) = run(command);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert_eq!(stdout, "", "no problem and no warning");
    assert!(stderr.contains("No problems found.\n") || stderr.ends_with("No problems found."), "{stderr}");
    for line in [
        "  colony: Keep a healthy colony             4  66.7%     60%",
        "    C2 Prevent swarming                     2  33.3%",
        "  harvest: Harvest and store honey          2  33.3%     40%",
    ] {
        assert!(stderr.contains(line), "{line:?} in\n{stderr}");
    }

    let mut command = binary();
    command.arg("build").arg(book.path());
    let (output, stdout, stderr) = run(command);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(!stderr.contains("WARN") && !stderr.contains("warning"), "{stderr}");
    // Nothing of the guide's own subject reaches another book's pages or scripts.
    for (path, text) in texts_under(&book.path().join("book")) {
        for word in ["AWS", "SAA-C03", "720", "Solutions Architect"] {
            let found = text.match_indices(word).any(|(at, _)| {
                let before = text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                let after = text[at + word.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                before && after
            });
            assert!(!found, "{} says {word:?}", path.display());
        }
    }
    let bank = std::fs::read_to_string(book.path().join("book/studyguide/bank-exam-exam1.js")).unwrap();
    // The bank is JSON in a script's string.
    assert!(
        bank.contains(r#"\"tasks\":[{\"key\":\"C1\",\"title\":\"Inspect a colony\",\"domain\":\"colony\"}"#),
        "{bank}"
    );
    assert!(bank.contains(r#"\"passNote\":\"The certificate's own exam"#), "{bank}");
    let exam = main_of(&book.path().join("book/exam.html"));
    assert!(exam.contains(r#"data-questions="6" data-minutes="9" data-pass="60""#), "{exam}");
}

/// Whether `text` holds `word` as a word of its own.
fn says_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = text[at + word.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

#[test]
fn a_book_on_any_subject_has_limit_tables_in_its_own_words() {
    // tests/books/chemistry: tables without `service` or `adjustable`,
    // counts of elements and results, the default headings.
    let book = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("tests/books/chemistry"), book.path());
    let mut command = binary();
    command.arg("check").arg(book.path());
    let (output, stdout, stderr) = run(command);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert_eq!(stdout, "", "no problem and no warning");
    assert!(stderr.contains("    M1 Read the periodic table             1  50.0%"), "{stderr}");

    let mut command = binary();
    command.arg("build").arg(book.path());
    let (output, stdout, stderr) = run(command);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(!stderr.contains("WARN") && !stderr.contains("warning"), "{stderr}");
    let pages: Vec<_> = texts_under(&book.path().join("book"))
        .into_iter()
        .filter(|(path, _)| path.extension().is_some_and(|e| e == "html"))
        .collect();
    assert!(pages.len() >= 3, "{pages:?}");
    for (path, text) in &pages {
        for word in ["AWS", "Quota", "Adjustable", "adjustable", "quota"] {
            assert!(!says_word(text, word), "{} says {word:?}", path.display());
        }
    }
    let table = main_of(&book.path().join("book/periodic-table.html"));
    assert!(
        table.contains(r#"<caption>The periodic table <a class="sg-source" href="https://iupac.org/what-we-do/periodic-table-of-elements/">Source</a></caption>"#),
        "{table}"
    );
    assert!(
        table.contains(
            r#"<tr><th scope="col">Item</th><th scope="col">Value</th><th scope="col">Notes</th></tr>"#
        ),
        "{table}"
    );
    assert!(
        table.contains(r#"<span class="sg-limit-value" data-sg-value="">118 elements</span>"#),
        "{table}"
    );
    assert!(table.contains("30 results"), "{table}");
    assert!(table.contains("The table names <span class=\"sg-limit-ref\""), "{table}");

    // One row that says whether it is adjustable makes the others say it too.
    let chapter = book.path().join("src/periodic-table.md");
    let text = std::fs::read_to_string(&chapter).unwrap();
    std::fs::write(
        &chapter,
        text.replacen("value = \"118 elements\"\n", "value = \"118 elements\"\nadjustable = false\n", 1),
    )
    .unwrap();
    let mut command = binary();
    command.arg("check").arg(book.path());
    let (output, stdout, _) = run(command);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    for row in [("table.groups", 19), ("table.periods", 24), ("table.search", 29)] {
        let line = format!(
            "src/periodic-table.md:{}:1: limit `{}`: say whether it is adjustable, as other rows of its table do",
            row.1, row.0
        );
        assert!(stdout.lines().any(|l| l == line), "{line:?} in\n{stdout}");
    }
    assert!(!says_word(&stdout, "AWS"), "{stdout}");
}

#[test]
fn check_catches_the_seeds_own_contradiction() {
    // The seed's question 20 answered "3 MB" for a zipped package while its
    // own table said 50 MB.
    let book = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("src"), &book.path().join("src"));
    std::fs::copy(repo_root().join("book.toml"), book.path().join("book.toml")).unwrap();
    let quiz = book.path().join("src/serverless-containers/quiz.md");
    let mut text = std::fs::read_to_string(&quiz).unwrap();
    let original = "\n```quiz\n[[question]]\nprompt = \"What is the maximum size of a Lambda deployment package when uploaded directly via the console (zipped)?\"\nchoices = [\"50 MB\", \"3 MB\", \"10 MB\", \"250 MB\"]\nanswer = \"B\"\ncites = \"lambda.package.zip\"\nexplanation = \"The console upload limit for Lambda zipped packages is 3 MB (50 MB via S3).\"\n```\n";
    let line = text.lines().count() + 5;
    text.push_str(original);
    std::fs::write(&quiz, text).unwrap();

    let mut command = binary();
    command.arg("check").arg(book.path());
    let (output, stdout, _) = run(command);
    assert_eq!(output.status.code(), Some(1));
    // The appended question also lacks `see` and `domain`, which this book requires.
    let contradiction = format!(
        "src/serverless-containers/quiz.md:{line}:21: question 1 contradicts the limit it cites: the answer says 3 MB but limit `lambda.package.zip` is 50 MB"
    );
    assert!(stdout.lines().any(|l| l == contradiction), "{stdout}");
}

#[test]
fn the_build_fails_with_every_location_under_bail() {
    let book = fixture("broken");
    let mut command = binary();
    command.arg("build").arg(book.path());
    let (output, _, stderr) = run(command);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("14 problems in the book's blocks"), "{stderr}");
    assert!(stderr.contains("src/quizzes.md:16:10: question 1: answer `E` is out of range"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn continue_shows_each_problem_in_its_page() {
    let book = fixture("broken");
    let mut command = binary();
    command.arg("build").arg(book.path()).env("MDBOOK_PREPROCESSOR__STUDYGUIDE__ON_FAILURE", "continue");
    let (output, _, stderr) = run(command);
    assert!(output.status.success(), "{stderr}");
    let main = main_of(&book.path().join("book/quizzes.html"));
    // Seven broken blocks, and one that contradicts the limit it cites.
    assert_eq!(main.matches(r#"<div class="sg-error" role="note">"#).count(), 8, "{main}");
    assert!(main.contains("the answer says 3 MB but limit `lambda.package.zip` is 50 MB"), "{main}");
    assert!(main.contains("answer `E` is out of range"), "{main}");
    // The author's source is shown, escaped.
    assert!(main.contains("answer = \"E\""), "{main}");
    assert!(
        main.contains(r#"<span class="sg-error-inline" role="note"><code>{{limit lambda.timout}}</code>"#),
        "{main}"
    );
    assert!(stderr.contains("WARN"), "{stderr}");
}

#[test]
fn supports_every_renderer() {
    for renderer in ["html", "markdown", "epub"] {
        let mut command = binary();
        command.args(["supports", renderer]);
        assert!(run(command).0.status.success(), "{renderer}");
    }
}

#[test]
fn other_renderers_get_readable_markdown() {
    let book = fixture("markdown");
    let mut command = binary();
    command.arg("build").arg(book.path());
    let (output, _, stderr) = run(command);
    assert!(output.status.success(), "{stderr}");
    let markdown = std::fs::read_to_string(book.path().join("book/markdown/chapter.md")).unwrap();
    assert!(markdown.contains("The timeout is 15 minutes (900 s)."), "{markdown}");
    // The default headings; a column for adjusting only where the rows say it.
    assert!(
        markdown.contains(
            "**Demo limits** (AWS Lambda)\n\n| Item | Value | Adjustable | Notes |\n|---|---|---|---|\n| Timeout | 15 minutes (900 s) | No |  |"
        ),
        "{markdown}"
    );
    assert!(
        markdown.contains(
            "**Kitchen timings**\n\n| Item | Value | Notes |\n|---|---|---|\n| Soft-boiled egg | 6 minutes (360 s) |  |\n| Scones in one batch | 12 scones |  |\n"
        ),
        "{markdown}"
    );
    // Inside the list item, indented to stay in it.
    assert!(
        markdown.contains(
            "  **Question 1.** What is the maximum timeout?\n\n  - A) 5 minutes\n  - B) 15 minutes"
        ),
        "{markdown}"
    );
    assert!(markdown.contains("  1. **B** — It is 15 minutes (900 s).\n     - B) Right."), "{markdown}");
    assert!(
        markdown.contains("**Diagram: Two boxes.** A points to B.\n\n```text\nflowchart LR"),
        "{markdown}"
    );
    assert!(!markdown.contains("```quiz"), "{markdown}");
    // The HTML renderer of the same build gets the widgets.
    let html = main_of(&book.path().join("book/html/chapter.html"));
    assert!(html.contains("data-sg-quiz"), "{html}");
}

fn protocol_input(book_dir: &Path, mdbook_version: &str) -> String {
    use mdbook_preprocessor::PreprocessorContext;
    use mdbook_preprocessor::book::{Book, Chapter};
    let config = mdbook_preprocessor::config::Config::default();
    let mut ctx = PreprocessorContext::new(book_dir.to_owned(), config, "html".into());
    ctx.mdbook_version = mdbook_version.into();
    let content = "# Quiz\n\n```quiz\n[[question]]\nprompt = \"Two?\"\nchoices = [\"a\", \"b\"]\nanswer = \"B\"\nexplanation = \"b.\"\n```\n";
    let mut book = Book::new();
    book.push_item(Chapter::new("Quiz", content.into(), "quiz.md", vec![]));
    serde_json::to_string(&(ctx, book)).unwrap()
}

fn run_protocol(input: String) -> (Output, String, String) {
    use std::io::Write;
    let mut child = binary()
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output, stdout, stderr)
}

#[test]
fn speaks_mdbooks_preprocessor_protocol() {
    let dir = tempfile::tempdir().unwrap();
    let (output, stdout, stderr) =
        run_protocol(protocol_input(dir.path(), mdbook_preprocessor::MDBOOK_VERSION));
    assert!(output.status.success(), "{stderr}");
    let book: serde_json::Value = serde_json::from_str(&stdout).expect("stdout is only the book's JSON");
    let content = book["items"][0]["Chapter"]["content"].as_str().unwrap();
    assert!(content.contains(r#"<form class="sg-quiz" data-sg-module="quiz" data-sg-quiz"#), "{content}");
    assert!(!stderr.contains("built against"), "{stderr}");
}

#[test]
fn works_with_every_mdbook_0_5_and_refuses_others_naming_the_range() {
    let dir = tempfile::tempdir().unwrap();
    let (output, stdout, stderr) = run_protocol(protocol_input(dir.path(), "0.5.99"));
    assert!(output.status.success(), "{stderr}");
    assert!(stdout.contains("data-sg-quiz"), "{stdout}");
    for version in ["0.4.40", "0.6.0"] {
        let (output, stdout, stderr) = run_protocol(protocol_input(dir.path(), version));
        assert!(!output.status.success() && stdout.is_empty(), "{version}: {stderr}");
        assert!(
            stderr.contains(&format!("supports mdBook >=0.5.0, <0.6.0, and this is mdBook {version}")),
            "{stderr}"
        );
    }
}

#[test]
fn unknown_settings_are_named() {
    let book = fixture("markdown");
    let toml = book.path().join("book.toml");
    let text = std::fs::read_to_string(&toml)
        .unwrap()
        .replace("command = \"false\"", "command = \"false\"\non-fail = \"bail\"");
    std::fs::write(&toml, text).unwrap();
    let mut command = binary();
    command.arg("build").arg(book.path());
    let (output, _, stderr) = run(command);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("unknown field `on-fail`"), "{stderr}");
}

#[test]
fn pdf_without_chromium_says_how_to_install_it() {
    let book = fixture("markdown");
    let mut command = binary();
    command.arg("pdf").arg(book.path());
    let (output, _, stderr) = run(command);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr.contains("Chromium was not found. Install it with `sudo apt-get install chromium`"),
        "{stderr}"
    );
    assert!(!book.path().join("book").exists(), "nothing is built without Chromium");
}

/// Every file under `dir`, relative, with its bytes.
fn tree(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.insert(path.strip_prefix(dir).unwrap().to_owned(), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

#[track_caller]
fn assert_same_tree(left: &Path, right: &Path) {
    let (left, right) = (tree(left), tree(right));
    assert_eq!(left.keys().collect::<Vec<_>>(), right.keys().collect::<Vec<_>>(), "the same files");
    for (path, bytes) in &left {
        assert!(bytes == &right[path], "{} differs", path.display());
    }
}

#[test]
fn a_book_without_our_blocks_builds_byte_for_byte_as_plain_mdbook_does() {
    let with = fixture("passthrough");
    let without = fixture("passthrough");
    let toml = without.path().join("book.toml");
    let plain = std::fs::read_to_string(&toml)
        .unwrap()
        .replace("[preprocessor.studyguide]\ncommand = \"false\"\n", "");
    assert!(!plain.contains("studyguide"));
    std::fs::write(&toml, plain).unwrap();
    mdbook_driver::MDBook::load(without.path()).unwrap().build().unwrap();

    let mut command = binary();
    command.arg("build").arg(with.path());
    let (output, _, stderr) = run(command);
    assert!(output.status.success(), "{stderr}");

    let page = main_of(&with.path().join("book/chapter.html"));
    assert!(page.contains("{{limit lambda.timeout}}") && page.contains("language-quizzes"), "{page}");
    assert!(page.contains("This is TOML shown as text"), "the include was expanded");
    assert_same_tree(&with.path().join("book"), &without.path().join("book"));
}

#[test]
fn two_builds_of_the_same_sources_are_byte_identical() {
    let copies: Vec<tempfile::TempDir> = (0..2)
        .map(|_| {
            let dir = tempfile::tempdir().unwrap();
            for part in ["src", "theme"] {
                copy_dir(&repo_root().join(part), &dir.path().join(part));
            }
            std::fs::copy(repo_root().join("book.toml"), dir.path().join("book.toml")).unwrap();
            let _ = std::fs::remove_dir_all(dir.path().join("src").join("studyguide"));
            dir
        })
        .collect();
    for copy in &copies {
        let mut command = binary();
        command.arg("build").arg(copy.path());
        let (output, _, stderr) = run(command);
        assert!(output.status.success(), "{stderr}");
    }
    assert_same_tree(&copies[0].path().join("book"), &copies[1].path().join("book"));
}

#[test]
fn serve_on_a_taken_port_says_so_and_exits() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let book = fixture("markdown");
    let mut command = binary();
    command.arg("serve").arg(book.path()).args(["--port", &port.to_string()]);
    command.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    let mut child = command.spawn().expect("run mdbook-studyguide");
    // Were the port not seen as taken, serve would run until stopped.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("serve kept running on a taken port");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr.trim_end(),
        format!(
            "error: port {port} on 127.0.0.1 is already in use (is the book already being served?); \
             choose another with --port"
        ),
        "no panic, no build, one clear line"
    );
    drop(taken);
}

/// The pages of the `shapes` fixture with a quiz and a diagram: a prefix
/// chapter, pages three and four levels deep under pages without blocks, a
/// page under a draft, a part's nested page and two suffix chapters.
const SHAPED_PAGES: &[(&str, &str)] = &[
    ("preface.html", "Preface"),
    ("a/b/c.html", "C"),
    ("a/b/c/d.html", "D"),
    ("e/under-draft.html", "Under a draft"),
    ("e.html", "E"),
    ("e/f.html", "F"),
    ("appendix.html", "Appendix"),
    ("colophon.html", "Colophon"),
];

#[test]
fn every_shape_of_summary_builds_with_its_blocks_and_its_search_index() {
    let book = fixture("shapes");
    let mut command = binary();
    command.arg("check").arg(book.path());
    let (output, stdout, stderr) = run(command);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(stderr.contains("No problems found"), "{stderr}");

    let mut command = binary();
    command.arg("build").arg(book.path());
    let (output, _, stderr) = run(command);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let site = book.path().join("book");
    for (page, title) in SHAPED_PAGES {
        let main = main_of(&site.join(page));
        assert!(main.contains("data-sg-quiz") && main.contains("data-sg-diagram"), "{page}: {main}");
        assert!(main.contains(&format!("Which page is this, {title}?")), "{page}");
    }
    let index = std::fs::read_dir(&site)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("searchindex-"))
        .expect("a search index");
    let index = std::fs::read_to_string(index).unwrap();
    for (page, title) in SHAPED_PAGES {
        assert!(index.contains(&format!("Which page is this, {title}?")), "{page} is not searchable");
    }
    assert!(!index.contains("whisperquiet"), "the search index holds an explanation");
}

/// A book in a temporary directory made of `files` (paths under the book
/// root), with a SUMMARY.md listing each chapter under `src/`.
fn book_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut summary = String::from("# Summary\n\n");
    for (path, text) in files {
        let file = dir.path().join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, text).unwrap();
        if let Some(chapter) = path.strip_prefix("src/") {
            summary.push_str(&format!("- [{chapter}]({chapter})\n"));
        }
    }
    if !dir.path().join("book.toml").exists() {
        std::fs::write(dir.path().join("book.toml"), "[book]\ntitle = \"T\"\n[preprocessor.studyguide]\n")
            .unwrap();
    }
    std::fs::write(dir.path().join("src/SUMMARY.md"), summary).unwrap();
    dir
}

#[test]
fn a_quiz_kept_in_a_file_of_its_own_is_reported_in_that_file() {
    let questions = "# The Lambda quiz, kept apart.\n\n[[question]]\nprompt = \"Which is the longest timeout?\"\nchoices = [\"15 minutes\", \"5 minutes\"]\nanswer = \"C\"\nexplanation = \"Fifteen minutes.\"\n";
    let book = book_with(&[
        ("quizzes/lambda.toml", questions),
        ("src/lambda.md", "# Lambda\n\nText.\n\n```quiz\n{{#include ../quizzes/lambda.toml}}\n```\n"),
    ]);
    let mut command = binary();
    command.arg("check").arg(book.path());
    let (output, stdout, stderr) = run(command);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    let first = stdout.lines().next().unwrap_or("");
    assert!(first.starts_with("quizzes/lambda.toml:6:"), "{stdout}");
    assert!(first.contains("answer"), "{stdout}");
}

#[test]
fn a_diagram_over_mermaids_size_limit_is_reported_at_its_block() {
    // mermaid's `maxTextSize`: it draws no diagram longer.
    let label = "x".repeat(50_000);
    let big = format!("# Big\n\n```mermaid\ngraph TD\n    accTitle: Big\n    A[\"{label}\"]\n```\n");
    let book = book_with(&[("src/big.md", &big)]);
    let expected =
        "src/big.md:4:1: this diagram is 50,037 characters long, and mermaid draws none over 50,000";

    let mut command = binary();
    command.arg("check").arg(book.path());
    let (output, stdout, stderr) = run(command);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(stdout.lines().any(|l| l == expected), "{stdout}");

    let mut command = binary();
    command.arg("build").arg(book.path());
    let (output, _, stderr) = run(command);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(expected), "{stderr}");
}

#[test]
fn a_chapter_saved_with_carriage_returns_gets_its_heading_and_its_quiz() {
    let chapter = "# Title\r\rText.\r\r```quiz\r[[question]]\rprompt = \"Two?\"\rchoices = [\"a\", \"b\"]\ranswer = \"B\"\rexplanation = \"b.\"\r```\r\rAfter.\r";
    let book = book_with(&[("src/cr.md", chapter)]);
    let mut command = binary();
    command.arg("build").arg(book.path());
    let (output, _, stderr) = run(command);
    assert!(output.status.success(), "{stderr}");
    let main = main_of(&book.path().join("book/cr.html"));
    assert!(main.contains(">Title</a></h1>"), "{main}");
    assert!(main.contains("data-sg-quiz") && main.contains("<p>After.</p>"), "{main}");
}

#[test]
fn references_and_values_a_page_cannot_show_are_reported_where_they_are() {
    let limits = "# Limits\n\n```limits\ncaption = \"Timeouts of {{limit demo.timeout}}\"\nservice = \"AWS Lambda\"\n\n[[limit]]\nid = \"demo.timeout\"\nresource = \"Timeout\"\nvalue = \"15 min\"\nadjustable = false\n\n[[limit]]\nid = \"demo.tiny\"\nresource = \"Tiny\"\nvalue = \"0.0000000001 ms\"\nadjustable = false\n```\n";
    let page = "# Page\n\n![Up to {{limit demo.timeout}}](t.png)\n\n[Docs](<https://example.com/{{limit demo.timeout}}>)\n\n```mermaid\ngraph TD\n    accTitle: T\n    A[\"{{limit demo.timeout}}\"] --> B\n```\n";
    let book = book_with(&[("src/limits.md", limits), ("src/page.md", page)]);
    let mut command = binary();
    command.arg("check").arg(book.path());
    let (output, stdout, stderr) = run(command);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    for expected in [
        "src/limits.md:4:24: `{{limit demo.timeout}}` is not expanded in a limit table's caption",
        "src/limits.md:16:9: limit `demo.tiny`: `0.0000000001 ms` has more decimal places than a table shows (3)",
        "src/page.md:5:29: `{{limit demo.timeout}}` is in a link's address or title, where it cannot be expanded",
        "src/page.md:10:8: warning: `{{limit demo.timeout}}` is not expanded in a diagram: it is drawn as written",
    ] {
        assert!(stdout.lines().any(|l| l == expected), "{expected}\n{stdout}");
    }
}

/// A book `init` writes (with `args`) into `book/` of a temporary directory.
#[track_caller]
fn init_book(args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    let mut command = binary();
    command.arg("init").arg(&book).args(args);
    let (output, _, stderr) = run(command);
    assert!(output.status.success(), "{stderr}");
    (dir, book)
}

/// The book `init` writes is for an author on any subject: none of its files
/// names a particular vendor, and `check` finds nothing to say about it.
#[test]
fn init_writes_a_book_that_names_no_vendor_and_passes_check_silently() {
    let (_dir, book) = init_book(&[]);
    let files = tree(&book);
    assert!(files.contains_key(Path::new("src/chapter_1.md")), "{:?}", files.keys());
    for (path, bytes) in &files {
        // Whole words, so that a script's `DRAWS` is not taken for one.
        let text = String::from_utf8_lossy(bytes).to_lowercase();
        let named = text
            .split(|c: char| !c.is_alphanumeric())
            .find(|word| *word == "aws" || *word == "lambda" || word.starts_with("amazon"));
        assert_eq!(named, None, "{} names a vendor", path.display());
    }
    let mut command = binary();
    command.arg("check").arg(&book);
    let (output, stdout, stderr) = run(command);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert_eq!(stdout, "", "no problem, not even a warning");
    assert!(stderr.contains("No problems found.") && !stderr.contains("warning"), "{stderr}");
}

#[test]
fn init_with_a_title_of_two_lines_makes_a_book_install_and_build_take() {
    let (_dir, book) = init_book(&["--title", "a\nb"]);
    let toml = std::fs::read_to_string(book.join("book.toml")).unwrap();
    let config: mdbook_preprocessor::config::Config = toml.parse().unwrap();
    assert_eq!(config.book.title.as_deref(), Some("a\nb"), "{toml}");
    let mut command = binary();
    command.arg("install").arg(&book);
    let (output, _, stderr) = run(command);
    assert!(output.status.success() && stderr.contains("book.toml already loads"), "{stderr}");
    let mut command = binary();
    command.arg("build").arg(&book);
    let (output, _, stderr) = run(command);
    assert!(output.status.success(), "{stderr}");
}

/// `git` with the arguments in `dir`: its standard output, after it succeeded.
fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Author",
            "-c",
            "user.email=author@example.org",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .output()
        .expect("run git");
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn a_build_leaves_nothing_in_the_authors_repository_and_mixes_nothing_with_the_authors_files() {
    let (_dir, book) = init_book(&[]);
    // The author keeps files of their own in a `vendor/` folder.
    std::fs::create_dir_all(book.join("src/vendor")).unwrap();
    std::fs::write(book.join("src/vendor/mine.js"), "// the author's\n").unwrap();
    git(&book, &["init", "-q"]);
    git(&book, &["add", "-A"]);
    git(&book, &["commit", "-q", "-m", "The book"]);
    for _ in 0..2 {
        let mut command = binary();
        command.arg("build").arg(&book);
        let (output, _, stderr) = run(command);
        assert!(output.status.success(), "{stderr}");
        assert_eq!(
            git(&book, &["status", "--porcelain", "--untracked-files=all"]),
            "",
            "the build left files behind"
        );
    }
    // What the pages load is in a folder of ours, and the author's folder holds only the author's file.
    assert!(book.join("src/studyguide/manifest.js").is_file());
    let theirs: Vec<_> =
        std::fs::read_dir(book.join("src/vendor")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(theirs, ["mine.js"]);
    assert!(book.join("book/studyguide/manifest.js").is_file() && book.join("book/vendor/mine.js").is_file());
}

/// `serve` on a free port of 127.0.0.1, once it says it is serving; killed
/// when dropped.
struct Served {
    child: std::process::Child,
    port: u16,
}

impl Served {
    fn start(book: &Path) -> Served {
        Served::start_with(book, |_| {})
    }

    /// `serve` with more arguments or settings, given to `more`.
    fn start_with(book: &Path, more: impl FnOnce(&mut Command)) -> Served {
        use std::io::BufRead;
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut command = binary();
        command.arg("serve").arg(book).args(["--port", &port.to_string()]);
        more(&mut command);
        command.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::piped());
        let mut child = command.spawn().expect("run mdbook-studyguide serve");
        let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
        let mut log = String::new();
        let mut line = String::new();
        while stderr.read_line(&mut line).is_ok_and(|n| n > 0) {
            log.push_str(&line);
            if line.starts_with("Serving the book on ") {
                // Drained, so the server never waits on a full pipe.
                std::thread::spawn(move || std::io::copy(&mut stderr, &mut std::io::sink()));
                return Served { child, port };
            }
            line.clear();
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("serve stopped before serving:\n{log}");
    }

    /// The status line and the body of a raw HTTP/1.1 request.
    fn ask(&self, head: &str) -> (String, String) {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(std::time::Duration::from_secs(20))).unwrap();
        stream.write_all(format!("{head}Connection: close\r\n\r\n").as_bytes()).unwrap();
        let mut answer = Vec::new();
        // An upgraded socket stays open: the head is enough.
        let mut buffer = [0; 4096];
        while let Ok(n) = stream.read(&mut buffer) {
            if n == 0 {
                break;
            }
            answer.extend_from_slice(&buffer[..n]);
            if answer.starts_with(b"HTTP/1.1 101") && answer.windows(4).any(|w| w == b"\r\n\r\n") {
                break;
            }
        }
        let answer = String::from_utf8_lossy(&answer).into_owned();
        let status = answer.lines().next().unwrap_or("").to_owned();
        let body = answer.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
        (status, body)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(target_os = "linux")]
#[test]
fn serve_open_opens_the_book_in_the_systems_browser() {
    use std::os::unix::fs::PermissionsExt;
    let book = fixture("markdown");
    // A stand-in for the desktop's opener, which notes what it was asked to open.
    let bin = tempfile::tempdir().unwrap();
    let opened = bin.path().join("opened");
    let opener = bin.path().join("xdg-open");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}.part' && mv '{0}.part' '{0}'\n", opened.display()),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!("{}:{}", bin.path().display(), std::env::var("PATH").unwrap_or_default());
    let served = Served::start_with(book.path(), |command| {
        command.arg("--open").env("PATH", path);
    });
    // The opener runs once the book is served; it is given a moment to.
    let mut url = None;
    for _ in 0..400 {
        if let Ok(text) = std::fs::read_to_string(&opened) {
            url = Some(text);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(url.as_deref(), Some(format!("http://127.0.0.1:{}/", served.port).as_str()));
    let (status, body) = served.ask(&format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n", served.port));
    assert!(status.contains("200") && body.contains("<html"), "{status}");
}

#[test]
fn serve_answers_only_requests_for_its_own_address() {
    let book = fixture("markdown");
    let served = Served::start(book.path());
    let port = served.port;
    let get = |host: &str| served.ask(&format!("GET /chapter.html HTTP/1.1\r\nHost: {host}\r\n"));
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}")] {
        let (status, body) = get(&host);
        assert_eq!(status, "HTTP/1.1 200 OK", "{host}");
        assert!(body.contains("data-sg-quiz"), "{host}");
    }
    for host in [format!("evil.example:{port}"), "127.0.0.1:1".to_owned()] {
        let (status, body) = get(&host);
        assert_eq!(status, "HTTP/1.1 403 Forbidden", "{host}");
        assert!(!body.contains("data-sg-quiz"), "{host}");
    }
    let upgrade = |origin: &str| {
        served.ask(&format!(
            "GET /__livereload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
             Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n{origin}"
        ))
        .0
    };
    assert_eq!(upgrade(&format!("Origin: http://localhost:{port}\r\n")), "HTTP/1.1 101 Switching Protocols");
    assert_eq!(upgrade(""), "HTTP/1.1 101 Switching Protocols", "no Origin: not a page");
    assert_eq!(upgrade("Origin: http://evil.example\r\n"), "HTTP/1.1 403 Forbidden");
}

#[test]
fn a_link_out_of_the_book_is_named_at_build_time_and_not_served() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "the author's secret").unwrap();
    let book = book_with(&[("src/c.md", "# C\n\n![x](secret.txt)\n")]);
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), book.path().join("src/secret.txt"))
        .unwrap();
    let mut command = binary();
    command.arg("build").arg(book.path());
    let (output, _, stderr) = run(command);
    assert!(output.status.success(), "{stderr}");
    let target = outside.path().canonicalize().unwrap().join("secret.txt");
    assert!(
        stderr.contains(&format!(
            "src/secret.txt:1:1: warning: src/secret.txt is a symbolic link to {}, outside the book: mdBook copies what it names into the site",
            target.display()
        )),
        "{stderr}"
    );

    let served = Served::start(book.path());
    let port = served.port;
    let (status, body) = served.ask(&format!("GET /secret.txt HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"));
    assert_eq!(status, "HTTP/1.1 404 Not Found");
    assert!(!body.contains("secret"), "{body}");
    let (status, _) = served.ask(&format!("GET /c.html HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"));
    assert_eq!(status, "HTTP/1.1 200 OK");
}

#[test]
fn settings_that_would_write_outside_the_book_are_refused() {
    let outer = tempfile::tempdir().unwrap();
    let book = outer.path().join("book");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/books/markdown"), &book);
    let toml = book.join("book.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(
        &toml,
        format!("{text}\n[preprocessor.studyguide.diagrams]\ncache-dir = \"../x\"\n[preprocessor.studyguide.pdf]\nfile-name = \"../x.pdf\"\n"),
    )
    .unwrap();
    for command_name in ["build", "check", "pdf"] {
        let mut command = binary();
        command.arg(command_name).arg(&book);
        let (output, _, stderr) = run(command);
        assert_eq!(output.status.code(), Some(1), "{command_name}: {stderr}");
        assert!(stderr.contains("cache-dir = \"../x\" leads out of the book"), "{command_name}: {stderr}");
    }
    let fixed = std::fs::read_to_string(&toml).unwrap().replace("cache-dir = \"../x\"\n", "");
    std::fs::write(&toml, fixed).unwrap();
    let mut command = binary();
    command.arg("pdf").arg(&book);
    let (output, _, stderr) = run(command);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("file-name = \"../x.pdf\" is not a file name"), "{stderr}");
    let names: Vec<_> = std::fs::read_dir(outer.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["book"], "nothing is written beside the book");
}

#[test]
fn author_text_in_messages_shows_its_invisible_characters_as_escapes() {
    // TOML escapes put a right-to-left override, a zero-width space and a
    // line break into an id and a key.
    let quiz = "# Q\n\n```quiz\n[[question]]\nid = \"a\\u202Eb\\nsrc/fake.md:1:1: forged\"\n\"prom\\u200Bpt\" = \"p\"\nchoices = [\"a\", \"b\"]\nanswer = \"A\"\nexplanation = \"e\"\n```\n";
    let book = book_with(&[("src/q\u{2066}.md", quiz)]);
    let mut command = binary();
    command.arg("check").arg(book.path());
    let (output, stdout, stderr) = run(command);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(
        stdout.contains(
            "src/q\\u{2066}.md:6:1: quiz block: unknown field `prom\\u{200b}pt`, expected one of `id`"
        ),
        "{stdout}"
    );
    for invisible in ['\u{202e}', '\u{200b}', '\u{2066}'] {
        assert!(
            !stdout.contains(invisible) && !stderr.contains(invisible),
            "{invisible:?} in {stdout}{stderr}"
        );
    }
    assert!(!stdout.lines().any(|l| l.starts_with("src/fake.md")), "{stdout}");

    let fixed = quiz.replace("\"prom\\u200Bpt\"", "prompt");
    std::fs::write(book.path().join("src/q\u{2066}.md"), fixed).unwrap();
    let mut command = binary();
    command.arg("check").arg(book.path());
    let (_, stdout, _) = run(command);
    assert!(
        stdout.contains("question 1: id `a\\u{202e}b\\nsrc/fake.md:1:1: forged` is not a valid id"),
        "{stdout}"
    );
}

#[test]
fn a_build_says_where_the_book_is_once_with_no_temporary_path_and_no_colour_off_a_terminal() {
    let book = fixture("markdown");
    let mut command = binary();
    command.arg("build").arg(book.path());
    let (output, _, stderr) = run(command);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(stderr.matches("HTML book written to").count(), 1, "{stderr}");
    assert!(!stderr.contains("studyguide-search"), "no temporary folder of ours: {stderr}");
    assert!(!stderr.contains('\u{1b}'), "no colour codes when stderr is not a terminal: {stderr:?}");
    // The fixture has a second renderer: the site is in book/html/.
    let front = book.path().join("book").join("html").join("index.html");
    assert!(front.is_file());
    assert!(stderr.contains(&format!("The book is at {}", front.display())), "{stderr}");
}

#[test]
fn with_no_command_in_a_terminal_it_prints_its_help() {
    // `script` runs the binary with a terminal for its stdin, as a person would.
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: no `script` to give the binary a terminal");
        return;
    }
    let binary = env!("CARGO_BIN_EXE_mdbook-studyguide");
    let mut command = Command::new("script");
    command.args(["-qec", binary, "/dev/null"]).stdin(std::process::Stdio::null());
    let (output, stdout, stderr) = run(command);
    assert!(output.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("Usage:") && stdout.contains("build"), "the help, with its commands: {stdout}");
}

/// The crate's README as crates.io shows it: its example, pasted into a
/// chapter of a book `init` wrote, passes `check` without a single problem,
/// and each of its links leads somewhere from crates.io (which cannot follow
/// a link relative to the repository).
#[test]
fn the_crate_readmes_example_passes_check_as_pasted_and_its_links_are_absolute() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme.find("````markdown\n").expect("the README's example") + "````markdown\n".len();
    let example = &readme[start..start + readme[start..].find("````\n").expect("its closing fence")];
    for fence in ["```limits", "```quiz", "```mermaid", "```exam"] {
        assert!(example.contains(fence), "the example shows {fence}");
    }

    let (_dir, book) = init_book(&[]);
    std::fs::write(book.join("src/example.md"), format!("# The README's example\n\n{example}")).unwrap();
    let summary = std::fs::read_to_string(book.join("src/SUMMARY.md")).unwrap();
    let summary = summary.replacen(
        "- [Chapter 1 Quiz](quiz.md)\n",
        "- [Chapter 1 Quiz](quiz.md)\n- [Example](example.md)\n",
        1,
    );
    assert!(summary.contains("(example.md)"), "{summary}");
    std::fs::write(book.join("src/SUMMARY.md"), summary).unwrap();
    let mut command = binary();
    command.arg("check").arg(&book);
    let (output, stdout, stderr) = run(command);
    assert!(output.status.success() && stdout.is_empty(), "{stdout}\n{stderr}\n{example}");

    let links: Vec<&str> = readme.split("](").skip(1).map(|rest| &rest[..rest.find(')').unwrap()]).collect();
    assert!(!links.is_empty());
    for link in links {
        assert!(link.starts_with("https://"), "a link crates.io cannot follow: {link}");
    }
}

/// The files under `dir`, as paths relative to it, in order.
fn files_under(dir: &Path) -> Vec<String> {
    tree(dir).into_keys().map(|path| path.to_string_lossy().replace('\\', "/")).collect()
}

/// `install` in a book without a theme folder writes only what the book
/// gains from and says what that is: the contents page's template (readers
/// without script meet it), not the not-found page's head, which our build
/// does without; installing again writes nothing.
#[test]
fn install_writes_into_theme_only_the_template_the_book_gains_from_and_says_what_it_gains() {
    let book = book_with(&[
        ("book.toml", "[book]\ntitle = \"Notes\"\n"),
        (
            "src/chapter.md",
            "# A chapter\n\n```quiz\n[[question]]\nprompt = \"One?\"\nchoices = [\"1\", \"2\"]\nanswer = \"A\"\nexplanation = \"One.\"\nsee = \"#a-chapter\"\n```\n",
        ),
    ]);
    let mut command = binary();
    command.arg("install").arg(book.path());
    let (output, _, stderr) = run(command);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "wrote {}: the contents page readers without script see has a title, a main landmark and a heading",
            book.path().join("theme/toc.html.hbs").display()
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("head.hbs"), "{stderr}");
    assert_eq!(files_under(&book.path().join("theme")), ["toc.html.hbs"]);

    let mut command = binary();
    command.arg("install").arg(book.path());
    let (output, _, stderr) = run(command);
    assert!(output.status.success() && !stderr.contains("wrote "), "{stderr}");

    // What each gives, in the built site: the contents page its title,
    // landmark and heading; the not-found page names its files from where
    // it is opened, without the head template.
    let mut command = binary();
    command.arg("build").arg(book.path());
    let (output, _, stderr) = run(command);
    assert!(output.status.success(), "{stderr}");
    let toc = std::fs::read_to_string(book.path().join("book/toc.html")).unwrap();
    assert!(toc.contains("<title>Table of contents - Notes</title>") && toc.contains("<main>"), "{toc}");
    let not_found = std::fs::read_to_string(book.path().join("book/404.html")).unwrap();
    assert!(not_found.contains("location.protocol === 'file:'"), "{not_found}");
    assert_eq!(files_under(&book.path().join("theme")), ["toc.html.hbs"]);
}
