use super::*;
use mdbook_preprocessor::book::{Book, Chapter};

const LIMITS: &str = "```limits\ncaption = \"Lambda\"\nservice = \"AWS Lambda\"\n\n[[limit]]\nid = \"lambda.timeout\"\nresource = \"Timeout\"\nvalue = \"15 min\"\nadjustable = false\n```\n";

fn settings(target: Target, on_failure: OnFailure) -> Settings {
    Settings {
        root: PathBuf::from("/nonexistent"),
        src: PathBuf::from("src"),
        target,
        on_failure,
        style: MarkdownStyle::default(),
        title: "Book".into(),
    }
}

fn book(chapters: &[(&str, &str)]) -> Book {
    let mut book = Book::new();
    for (path, content) in chapters {
        book.push_item(Chapter::new(path, (*content).to_owned(), *path, vec![]));
    }
    book
}

fn run(chapters: &[(&str, &str)], target: Target, on_failure: OnFailure) -> (Vec<String>, Vec<Problem>) {
    let mut kinds = crate::kinds::all(&Default::default(), crate::diagram::Backend::client_only());
    let outcome = transform(book(chapters), &settings(target, on_failure), &mut kinds);
    let contents = outcome.book.chapters().map(|c| c.content.clone()).collect();
    // Questions here say neither where they are taught nor their domain: a
    // warning each, which tests/cli.rs checks.
    (contents, outcome.problems.into_iter().filter(Problem::is_error).collect())
}

#[test]
fn references_reach_forward_to_later_chapters() {
    let (contents, diagnostics) =
        run(&[("a.md", "Max: {{limit lambda.timeout}}.\n"), ("b.md", LIMITS)], Target::Html, OnFailure::Bail);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(
        contents[0],
        "Max: <span class=\"sg-limit-ref\" data-sg-limit-ref data-limit=\"lambda.timeout\">15 minutes (900 s)</span>.\n"
    );
}

#[test]
fn references_in_prose_name_their_limit_only_in_html() {
    let chapters = [("a.md", "Max: {{limit lambda.timeout max}}.\n"), ("b.md", LIMITS)];
    let (contents, _) = run(&chapters, Target::Markdown, OnFailure::Bail);
    assert_eq!(contents[0], "Max: 15 minutes (900 s).\n");
    let (contents, _) = run(&chapters, Target::Html, OnFailure::Bail);
    assert!(
        contents[0].contains(r#"data-limit="lambda.timeout">15 minutes (900 s)</span>"#),
        "{}",
        contents[0]
    );
}

#[test]
fn escaped_references_are_written_out() {
    let (contents, _) = run(
        &[("a.md", "Write \\{{limit lambda.timeout}}.\n"), ("b.md", LIMITS)],
        Target::Html,
        OnFailure::Bail,
    );
    assert_eq!(contents[0], "Write {{limit lambda.timeout}}.\n");
}

#[test]
fn text_outside_our_blocks_is_untouched() {
    let chapter =
        "# Title\r\n\r\nSome *text* with `{{limit x}}` in code.\r\n\r\n```toml\r\nkey = 1\r\n```\r\n";
    let (contents, diagnostics) = run(&[("a.md", chapter)], Target::Html, OnFailure::Bail);
    assert!(diagnostics.is_empty());
    assert_eq!(contents[0], chapter);
}

#[test]
fn questions_without_ids_get_stable_keys_from_their_chapter() {
    let quiz = "```quiz\n[[question]]\nprompt = \"p\"\nchoices = [\"a\", \"b\"]\nanswer = \"A\"\nexplanation = \"e\"\n```\n";
    let (contents, _) =
        run(&[("guide/Lambda Quiz.md", &format!("{quiz}\n{quiz}"))], Target::Html, OnFailure::Bail);
    assert!(contents[0].contains(r#"data-id="guide-lambda-quiz-quiz1-1""#), "{}", contents[0]);
    assert!(contents[0].contains(r#"data-id="guide-lambda-quiz-quiz2-1""#), "{}", contents[0]);
}

#[test]
fn references_inside_quizzes_expand_and_are_checked() {
    let quiz = "```quiz\n[[question]]\nprompt = \"Is it {{limit lambda.timeout}}?\"\nchoices = [\"yes\", \"no\"]\nanswer = \"A\"\nexplanation = \"It is {{limit lambda.timout}}.\"\n```\n";
    let (contents, diagnostics) = run(&[("a.md", LIMITS), ("q.md", quiz)], Target::Html, OnFailure::Bail);
    assert!(contents[1].contains("Is it 15 minutes (900 s)?"), "{}", contents[1]);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].location(), "src/q.md:6:22");
    assert_eq!(diagnostics[0].message, "unknown limit `lambda.timout` (did you mean `lambda.timeout`?)");
}

#[test]
fn a_limit_that_cannot_be_read_is_one_problem_at_its_row_not_one_at_each_use() {
    let broken = LIMITS.replace("15 min", "15 minz");
    let quiz = "```quiz\n[[question]]\nprompt = \"Is it {{limit lambda.timeout}}?\"\nchoices = [\"15 minutes\", \"5 minutes\"]\nanswer = \"A\"\nexplanation = \"It is {{limit lambda.timeout max}}.\"\ncites = \"lambda.timeout\"\n```\n";
    let prose = "The timeout is {{limit lambda.timeout}}.\n";
    for on_failure in [OnFailure::Bail, OnFailure::Continue] {
        let (contents, problems) =
            run(&[("a.md", &broken), ("q.md", quiz), ("p.md", prose)], Target::Html, on_failure);
        let messages: Vec<String> =
            problems.iter().map(|p| format!("{}: {}", p.location(), p.message)).collect();
        assert_eq!(
            messages,
            ["src/a.md:8:9: limit `lambda.timeout`: unknown unit `minz` in `15 minz` (did you mean `min`?)"]
        );
        if on_failure == OnFailure::Continue {
            // Where it is used, the page says why it shows no value.
            let why = "limit `lambda.timeout` could not be read: see its row in a.md";
            assert!(
                contents[2].contains(&why.replace('`', "&#96;")) || contents[2].contains(why),
                "{}",
                contents[2]
            );
        }
    }
    // A limit that is simply not defined is still a problem at its use.
    let (_, problems) = run(&[("p.md", prose)], Target::Html, OnFailure::Bail);
    assert_eq!(problems.len(), 1);
}

#[test]
fn every_block_kind_becomes_one_html_block_followed_by_a_blank_line() {
    let diagram = "```mermaid\ngraph TD\naccTitle: t\nA-->B\n```\n";
    let quiz = "```quiz\n[[question]]\nprompt = \"p\"\nchoices = [\"a\", \"b\"]\nanswer = \"A\"\nexplanation = \"e\"\n```\n";
    let chapter = format!("{LIMITS}Text right after.\n\n{quiz}More text.\n{diagram}");
    let (contents, diagnostics) = run(&[("a.md", &chapter)], Target::Html, OnFailure::Bail);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let lines: Vec<&str> = contents[0].lines().collect();
    assert!(lines[0].starts_with("<div class=\"sg-limits\""));
    assert_eq!(lines[1], "");
    assert_eq!(lines[2], "Text right after.");
    assert!(lines[4].starts_with("<form class=\"sg-quiz\""));
    assert_eq!(&lines[5..7], ["", "More text."]);
    assert!(lines[7].starts_with("<figure class=\"sg-diagram\""));
}

#[test]
fn references_in_block_text_report_their_offsets_and_escapes_are_written_out() {
    let quiz = |prompt: &str| {
        format!(
            "```quiz\n[[question]]\nprompt = \"{prompt}\"\nchoices = [\"a\", \"b\"]\nanswer = \"A\"\nexplanation = \"e\"\n```\n"
        )
    };
    let (contents, problems) = run(&[("q.md", &quiz("a \\\\{{limit z}} b"))], Target::Html, OnFailure::Bail);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(contents[0].contains("a {{limit z}} b"), "{}", contents[0]);
    let (_, problems) = run(&[("q.md", &quiz("a {{limit x.y}} b"))], Target::Html, OnFailure::Bail);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].location(), "src/q.md:3:13");
    assert_eq!(problems[0].message, "unknown limit `x.y`");
}

#[test]
fn the_same_book_transforms_to_the_same_output() {
    let quiz = "```quiz\n[[question]]\nprompt = \"p\"\nchoices = [\"a\", \"b\"]\nanswer = \"A\"\nexplanation = \"e\"\n```\n";
    let first = run(&[("a.md", LIMITS), ("q.md", quiz)], Target::Html, OnFailure::Bail).0;
    let second = run(&[("a.md", LIMITS), ("q.md", quiz)], Target::Html, OnFailure::Bail).0;
    assert_eq!(first, second);
}

#[test]
fn an_id_repeated_inside_one_quiz_is_reported_once() {
    let question = "[[question]]\nid = \"same\"\nprompt = \"p\"\nchoices = [\"a\", \"b\"]\nanswer = \"A\"\nexplanation = \"e\"\n";
    let quiz = format!("```quiz\n{question}{question}```\n");
    let (_, problems) = run(&[("q.md", &quiz)], Target::Html, OnFailure::Bail);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        problems[0].to_string().lines().next().unwrap(),
        "src/q.md:9:6: question id `same` is already used at src/q.md:3:6"
    );
}

/// A quiz of one question, with an `id` line if any.
fn one_question(id: Option<&str>) -> String {
    let id = id.map(|id| format!("id = \"{id}\"\n")).unwrap_or_default();
    format!(
        "```quiz\n[[question]]\n{id}prompt = \"p\"\nchoices = [\"a\", \"b\"]\nanswer = \"A\"\nexplanation = \"e\"\n```\n"
    )
}

fn first_lines(problems: &[Problem]) -> Vec<String> {
    problems.iter().map(|p| p.to_string().lines().next().unwrap().to_owned()).collect()
}

#[test]
fn an_id_made_from_a_page_clashes_with_the_same_id_given_elsewhere() {
    // `c.md`'s first question without an id is `c-quiz1-1`.
    let made = one_question(None);
    let given = one_question(Some("c-quiz1-1"));
    let (_, problems) = run(&[("c.md", &made), ("d.md", &given)], Target::Html, OnFailure::Bail);
    assert_eq!(
        first_lines(&problems),
        [
            "src/d.md:3:6: question id `c-quiz1-1` is already used at src/c.md:2:1, made from that question's page"
        ]
    );
    let (_, problems) = run(&[("d.md", &given), ("c.md", &made)], Target::Html, OnFailure::Bail);
    assert_eq!(
        first_lines(&problems),
        ["src/c.md:2:1: question 1's id `c-quiz1-1`, made from its page, is already used at src/d.md:3:6"]
    );
    assert!(problems[0].hint.as_deref().unwrap().contains("give this question an `id`"), "{problems:?}");
}

#[test]
fn two_pages_whose_names_make_the_same_ids_clash() {
    // `a/b.md` and `a-b.md` both make `a-b-quiz1-1`.
    let made = one_question(None);
    let (_, problems) = run(&[("a/b.md", &made), ("a-b.md", &made)], Target::Html, OnFailure::Bail);
    assert_eq!(
        first_lines(&problems),
        [
            "src/a-b.md:2:1: question 1's id `a-b-quiz1-1`, made from its page, is already used at src/a/b.md:2:1, made from that question's page"
        ]
    );
}

#[test]
fn a_chapter_with_carriage_return_line_ends_gets_its_quiz_and_its_lines() {
    let quiz = one_question(None).replace('\n', "\r");
    let chapter = format!("# Title\r\rText.\r\r{quiz}\rAfter.\r");
    let (contents, problems) = run(&[("cr.md", &chapter)], Target::Html, OnFailure::Bail);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(contents[0].starts_with("# Title\n\nText.\n\n<form class=\"sg-quiz\""), "{:?}", contents[0]);
    assert!(contents[0].ends_with("\nAfter.\n"), "{:?}", contents[0]);
    // A problem is on its line.
    let broken = chapter.replace("answer = \"A\"", "answer = \"E\"");
    let (_, problems) = run(&[("cr.md", &broken)], Target::Html, OnFailure::Bail);
    assert_eq!(
        first_lines(&problems),
        ["src/cr.md:9:10: question 1: answer `E` is out of range: there are 2 choices (A–B)"]
    );
}

#[test]
fn a_reference_in_alt_text_is_text_and_one_in_a_link_target_is_reported() {
    let chapter =
        "![Up to {{limit lambda.timeout}}](t.png)\n\n[Docs](<https://x/{{limit lambda.timeout}}>)\n";
    let (contents, problems) = run(&[("a.md", chapter), ("b.md", LIMITS)], Target::Html, OnFailure::Continue);
    assert!(contents[0].starts_with("![Up to 15 minutes \\(900 s\\)](t.png)\n"), "{}", contents[0]);
    assert!(contents[0].ends_with("[Docs](<https://x/{{limit lambda.timeout}}>)\n"), "{}", contents[0]);
    assert_eq!(
        first_lines(&problems),
        [
            "src/a.md:3:19: `{{limit lambda.timeout}}` is in a link's address or title, where it cannot be expanded"
        ]
    );
    // As mdBook renders it: the alternative text is the value.
    let html = crate::markdown::render_block(&contents[0], MarkdownStyle::default()).into_string();
    assert!(html.contains(r#"alt="Up to 15 minutes (900 s)""#), "{html}");
}

#[test]
fn a_reference_in_a_diagram_is_a_warning_at_the_reference() {
    let diagram = "```mermaid\ngraph TD\n  accTitle: T\n  A[\"Up to {{limit lambda.timeout}}\"] --> B\n```\n";
    let mut kinds = crate::kinds::all(&Default::default(), crate::diagram::Backend::client_only());
    let outcome = transform(
        book(&[("d.md", diagram), ("b.md", LIMITS)]),
        &settings(Target::Html, OnFailure::Bail),
        &mut kinds,
    );
    assert_eq!(
        first_lines(&outcome.problems),
        [
            "src/d.md:4:12: warning: `{{limit lambda.timeout}}` is not expanded in a diagram: it is drawn as written"
        ]
    );
}

#[test]
fn error_boxes_show_invisible_characters_in_messages_as_escapes() {
    let quiz = one_question(Some("a\\u202Eb"));
    let chapter = format!("{quiz}\nSee {{{{limit x\u{200b}y}}}}.\n");
    let (contents, problems) = run(&[("q.md", &chapter)], Target::Html, OnFailure::Continue);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(contents[0].contains("id `a\\u{202e}b` is not a valid id"), "{}", contents[0]);
    // The inline note writes Markdown's punctuation as character references.
    assert!(contents[0].contains("unknown limit &#96;x&#92;u&#123;200b&#125;y&#96;"), "{}", contents[0]);
    assert!(!contents[0].contains(['\u{202e}', '\u{200b}']), "{}", contents[0]);
}

#[test]
fn markdown_in_a_block_renders_as_it_does_around_it() {
    let quiz = "```quiz\n[[question]]\nprompt = \"p\"\nchoices = [\"a\", \"b\"]\nanswer = \"A\"\nexplanation = \"\"\"\n> [!TIP]\n> Mind the **timeout**.\n\nCold start\n: A new execution environment.\n\"\"\"\n```\n";
    let (contents, problems) = run(&[("q.md", quiz)], Target::Html, OnFailure::Bail);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(
        contents[0].contains(
            r#"<blockquote class="blockquote-tag blockquote-tag-tip"><p class="blockquote-tag-title">Tip</p>"#
        ),
        "{}",
        contents[0]
    );
    assert!(contents[0].contains("<dl>&#10;<dt>Cold start</dt>"), "{}", contents[0]);
}

const QUIZ: &str = "```quiz\n[[question]]\nid = \"q-one\"\nprompt = \"Max {{limit lambda.timeout}}?\"\nchoices = [\"a\", \"b\"]\nanswer = \"B\"\nexplanation = \"Because.\"\n```\n";

#[test]
fn an_exam_gathers_every_quiz_even_in_later_chapters() {
    let (contents, diagnostics) = run(
        &[("exam.md", "```exam\nquestions = 1\n```\n"), ("a.md", QUIZ), ("b.md", LIMITS)],
        Target::Html,
        OnFailure::Bail,
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let exam = &contents[0];
    assert!(exam.contains(r#"data-exam-id="exam-exam1" data-questions="1""#), "{exam}");
    assert!(exam.contains(r#"data-bank="bank-exam-exam1.js""#), "{exam}");
    assert!(
        exam.contains(r#"<a href="a.html">a.md</a>"#),
        "the quiz it draws from, for readers without script: {exam}"
    );
}

#[test]
fn the_gathering_pages_banks_are_files_of_their_own() {
    let mut kinds = crate::kinds::all(&Default::default(), crate::diagram::Backend::client_only());
    let chapters =
        [("exam.md", "```exam\n```\n"), ("review.md", "```review\n```\n"), ("a.md", QUIZ), ("b.md", LIMITS)];
    let outcome = transform(book(&chapters), &settings(Target::Html, OnFailure::Bail), &mut kinds);
    assert!(outcome.problems.iter().all(|p| !p.is_error()), "{:?}", outcome.problems);
    // Returned for the build to write, not written by the blocks.
    let file = |name: &str| {
        let file = outcome.files.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("no {name}"));
        String::from_utf8(file.bytes.to_vec()).unwrap()
    };
    let exam = file("bank-exam-exam1.js");
    assert!(
        exam.starts_with(
            "(function (SG) { (SG.banks = SG.banks || {})[\"bank-exam-exam1.js\"] = JSON.parse(\""
        ),
        "{exam}"
    );
    // The question as the quiz rendered it, its references expanded.
    assert!(exam.contains(r#"\"id\":\"q-one\""#) && exam.contains("Max 15 minutes (900 s)?"), "{exam}");
    assert!(exam.contains(r#"\"quiz\":\"a.html#sg-q-q-one\""#), "{exam}");
    let review = file("bank-review-review1.js");
    assert!(review.contains(r#"\"limits\":[{\"id\":\"lambda.timeout\""#), "{review}");
    // The search index's run makes none.
    let mut kinds = crate::kinds::all(&Default::default(), crate::diagram::Backend::client_only());
    let outcome = transform(book(&chapters), &settings(Target::SearchIndex, OnFailure::Bail), &mut kinds);
    assert!(outcome.files.is_empty(), "{:?}", outcome.files);
}

#[test]
fn an_exam_with_nothing_to_draw_from_says_so() {
    let (_, diagnostics) = run(&[("exam.md", "```exam\n```\n")], Target::Html, OnFailure::Bail);
    assert_eq!(diagnostics.len(), 1);
    assert!(diagnostics[0].message.contains("there is nothing to draw from"), "{diagnostics:?}");
    let (_, diagnostics) = run(
        &[("exam.md", "```exam\nchapters = [\"nope.md\"]\n```\n"), ("a.md", QUIZ), ("b.md", LIMITS)],
        Target::Html,
        OnFailure::Bail,
    );
    assert!(
        diagnostics[0].message.contains("`chapters` names `nope.md`, which is not a page"),
        "{diagnostics:?}"
    );
}

#[test]
fn progress_and_review_pages_list_what_the_book_has() {
    let (contents, diagnostics) = run(
        &[
            ("progress.md", "```progress\n```\n"),
            ("review.md", "```review\n```\n"),
            ("a.md", QUIZ),
            ("b.md", LIMITS),
        ],
        Target::Html,
        OnFailure::Bail,
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert!(contents[0].contains(r#"data-sg-progress-page"#), "{}", contents[0]);
    assert!(contents[0].contains(r#""title":"Book""#) && contents[0].contains(r#""review":"review.html""#));
    assert!(
        contents[0].contains(r#"{"id":"a","title":"a.md","quiz":"a.html","questions":[{"id":"q-one","#),
        "{}",
        contents[0]
    );
    assert!(contents[1].contains(r#"data-sg-review data-bank="bank-review-review1.js""#), "{}", contents[1]);
    let (_, diagnostics) = run(&[("p.md", "```progress\ntitle = 1\n```\n")], Target::Html, OnFailure::Bail);
    assert!(diagnostics[0].message.contains("progress block: unknown field `title`"), "{diagnostics:?}");
}

#[test]
fn practice_offers_other_limits_of_the_book_as_options() {
    let other = LIMITS
        .replace("Lambda", "SQS")
        .replace("lambda.timeout", "sqs.visibility")
        .replace("15 min", "12 min");
    let (contents, problems) = run(&[("a.md", LIMITS), ("b.md", &other)], Target::Html, OnFailure::Bail);
    assert!(problems.is_empty(), "{problems:?}");
    let options =
        |html: &str| html.split("data-choices=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    assert!(options(&contents[0]).contains("12 minutes"), "{}", contents[0]);
    assert!(options(&contents[1]).contains("15 minutes"), "{}", contents[1]);
}
