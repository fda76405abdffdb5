//! `[preprocessor.studyguide]` in `book.toml`, typed.
//!
//! Unknown keys are an error naming the key, so a misspelt setting is never
//! silently ignored.

use anyhow::{Context, Result, bail};
use mdbook_preprocessor::config::Config;
use serde::Deserialize;
use std::path::{Component, Path, PathBuf};

/// The preprocessor's name, spelt once: [`NAME`] and [`TABLE`] are made of it.
macro_rules! name {
    () => {
        "studyguide"
    };
}

/// The preprocessor's name: its table under `[preprocessor]` in `book.toml`.
pub(crate) const NAME: &str = name!();

/// Its table's key in `book.toml`.
pub(crate) const TABLE: &str = concat!("preprocessor.", name!());

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct StudyGuideConfig {
    /// What to do with a block that has problems.
    pub on_failure: OnFailure,
    /// The name learners' progress is kept under in their browser, so that
    /// two books on one site (or opened from disk) never share it. Left
    /// out, it is derived from the book's title.
    pub book_id: Option<String>,
    pub quizzes: QuizConfig,
    pub diagrams: DiagramConfig,
    pub pdf: PdfConfig,
    pub limits: LimitsConfig,
    /// The exam the book prepares for: its domains, task statements and shape.
    pub blueprint: Option<crate::blueprint::Blueprint>,

    // Keys mdBook itself reads from every preprocessor table.
    #[serde(rename = "command")]
    _command: Option<String>,
    #[serde(rename = "before")]
    _before: Option<Vec<String>>,
    #[serde(rename = "after")]
    _after: Option<Vec<String>>,
    #[serde(rename = "renderers")]
    _renderers: Option<Vec<String>>,
    #[serde(rename = "optional")]
    _optional: Option<bool>,
}

/// `on-failure`: fail the build, or show the problem in the page and go on.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum OnFailure {
    #[default]
    Bail,
    Continue,
}

/// `[preprocessor.studyguide.quizzes]`: what every question must say. Left
/// out, a question is only warned about.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct QuizConfig {
    /// Every question links to the section that teaches it (`see`).
    pub require_see: bool,
    /// Every question names its exam domain (`domain`).
    pub require_domain: bool,
}

/// `[preprocessor.studyguide.limits]`: the words a limit table shows. The
/// defaults suit a book on any subject; a book on one field sets its own
/// (the guide's are AWS's: "Resource", "Limit", "Quota", "Adjustable",
/// "Fixed").
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct LimitsConfig {
    /// The heading of the column of what is limited (each row's `resource`).
    pub resource_heading: String,
    /// The heading of the column of values.
    pub value_heading: String,
    /// The heading of the column that says whether a limit is adjustable,
    /// shown only in a table whose rows say it.
    pub adjustable_heading: String,
    /// What that column says of a row with `adjustable = true`.
    pub adjustable_label: String,
    /// What it says of a row with `adjustable = false`.
    pub fixed_label: String,
    /// The heading of the column of notes.
    pub notes_heading: String,
}

impl Default for LimitsConfig {
    fn default() -> Self {
        LimitsConfig {
            resource_heading: "Item".into(),
            value_heading: "Value".into(),
            adjustable_heading: "Adjustable".into(),
            adjustable_label: "Yes".into(),
            fixed_label: "No".into(),
            notes_heading: "Notes".into(),
        }
    }
}

impl LimitsConfig {
    /// The first setting that is empty: a column without a heading, or a
    /// cell that says nothing.
    fn problem(&self) -> Option<String> {
        [
            ("resource-heading", &self.resource_heading),
            ("value-heading", &self.value_heading),
            ("adjustable-heading", &self.adjustable_heading),
            ("adjustable-label", &self.adjustable_label),
            ("fixed-label", &self.fixed_label),
            ("notes-heading", &self.notes_heading),
        ]
        .into_iter()
        .find(|(_, text)| text.trim().is_empty())
        .map(|(key, _)| format!("`{key}` is empty: a limit table would show nothing there"))
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct DiagramConfig {
    /// Draw diagrams into static SVG at build time with Chromium.
    pub prerender: Prerender,
    /// Where rendered diagrams are cached, relative to the book root.
    pub cache_dir: PathBuf,
    /// A mermaid browser bundle of the book's own, relative to the book
    /// root, instead of the one the binary carries.
    pub mermaid: Option<PathBuf>,
    /// Fail the build when a diagram has no text alternative (a warning
    /// otherwise).
    pub require_text_alternative: bool,
    /// The Chromium executable; found on the usual paths when unset.
    pub chromium: Option<PathBuf>,
}

impl Default for DiagramConfig {
    fn default() -> Self {
        DiagramConfig {
            prerender: Prerender::Auto,
            cache_dir: PathBuf::from(".studyguide-cache"),
            mermaid: None,
            require_text_alternative: false,
            chromium: None,
        }
    }
}

/// `diagrams.prerender`.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Prerender {
    /// When Chromium is available; otherwise diagrams are drawn in the browser.
    #[default]
    Auto,
    /// Always in the browser.
    Never,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct PdfConfig {
    pub paper: Paper,
    /// Page margin as a CSS length (`mm`, `cm`, `in`, `pt` or `px`).
    pub margin: String,
    /// Print each quiz's answer key after it.
    pub answer_keys: bool,
    /// The PDF's file name inside the build directory.
    pub file_name: String,
    /// Print a mock exam after each exam's page: one sitting drawn by the
    /// blueprint with `mock-exam-seed`, then its answer key.
    pub mock_exam: bool,
    /// The mock exam's seed: the same seed prints the same sitting.
    pub mock_exam_seed: u64,
}

impl Default for PdfConfig {
    fn default() -> Self {
        PdfConfig {
            paper: Paper::A4,
            margin: "15mm".into(),
            answer_keys: true,
            file_name: "studyguide.pdf".into(),
            mock_exam: false,
            mock_exam_seed: 1,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
pub(crate) enum Paper {
    #[default]
    #[serde(alias = "a4")]
    A4,
    #[serde(alias = "letter")]
    Letter,
}

impl Paper {
    /// Width and height in inches.
    pub(crate) fn size_inches(self) -> (f64, f64) {
        match self {
            Paper::A4 => (8.27, 11.69),
            Paper::Letter => (8.5, 11.0),
        }
    }
}

impl StudyGuideConfig {
    /// Reads the table from a book's configuration.
    pub(crate) fn from_book(config: &Config) -> Result<Self> {
        let parsed: Option<StudyGuideConfig> =
            config.get(TABLE).with_context(|| format!("invalid [{TABLE}] in book.toml"))?;
        let parsed = parsed.unwrap_or_default();
        if let Some(problem) = parsed.blueprint.as_ref().and_then(|b| b.problems().into_iter().next()) {
            bail!("invalid [{TABLE}.blueprint] in book.toml: {problem}");
        }
        if let Some(problem) = parsed.limits.problem() {
            bail!("invalid [{TABLE}.limits] in book.toml: {problem}");
        }
        Ok(parsed)
    }

    /// Refuses settings that would have a build write outside the book at
    /// `root`: a diagram cache that leads out of it (by `..`, an absolute
    /// path or a symbolic link), a PDF name that is a path.
    pub(crate) fn check_paths(&self, root: &Path) -> Result<()> {
        let cache = root.join(&self.diagrams.cache_dir);
        if !crate::outside::is_inside(root, &cache) {
            bail!(
                "[{TABLE}.diagrams] cache-dir = \"{}\" leads out of the book, to {}: the diagram cache must be inside the book's folder",
                self.diagrams.cache_dir.display(),
                crate::outside::resolve(&cache).display()
            );
        }
        let name = Path::new(&self.pdf.file_name);
        if !matches!(name.components().collect::<Vec<_>>()[..], [Component::Normal(_)]) {
            bail!(
                "[{TABLE}.pdf] file-name = \"{}\" is not a file name: the PDF is written into the build directory under that name",
                self.pdf.file_name
            );
        }
        Ok(())
    }
}

/// Parses a CSS length to inches.
pub(crate) fn length_in_inches(length: &str) -> Result<f64> {
    let length = length.trim();
    let split = length
        .find(|c: char| c.is_ascii_alphabetic())
        .with_context(|| format!("margin `{length}` needs a unit (mm, cm, in, pt or px)"))?;
    let (number, unit) = length.split_at(split);
    let number: f64 =
        number.trim().parse().with_context(|| format!("margin `{length}` is not a number with a unit"))?;
    let per_inch = match unit {
        "mm" => 25.4,
        "cm" => 2.54,
        "in" => 1.0,
        "pt" => 72.0,
        "px" => 96.0,
        _ => {
            anyhow::bail!("margin `{length}` has unknown unit `{unit}` (use mm, cm, in, pt or px)")
        }
    };
    if !(0.0..=3.0 * per_inch).contains(&number) {
        anyhow::bail!("margin `{length}` is out of range");
    }
    Ok(number / per_inch)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn parse(toml: &str) -> Result<StudyGuideConfig> {
        StudyGuideConfig::from_book(&Config::from_str(toml).unwrap())
    }

    #[test]
    fn defaults_when_the_table_is_absent_or_empty() {
        assert_eq!(parse("").unwrap(), StudyGuideConfig::default());
        assert_eq!(parse("[preprocessor.studyguide]\n").unwrap(), StudyGuideConfig::default());
    }

    #[test]
    fn mdbooks_own_keys_are_accepted() {
        let cfg = parse(
            "[preprocessor.studyguide]\ncommand = \"x\"\nafter = [\"links\"]\nrenderers = [\"html\"]\noptional = true\non-failure = \"continue\"\n",
        )
        .unwrap();
        assert_eq!(cfg.on_failure, OnFailure::Continue);
    }

    #[test]
    fn unknown_keys_are_named() {
        let err = format!("{:#}", parse("[preprocessor.studyguide]\non-fail = \"bail\"\n").unwrap_err());
        assert!(err.contains("on-fail"), "{err}");
        let err = format!("{:#}", parse("[preprocessor.studyguide.pdf]\npaper-size = \"A4\"\n").unwrap_err());
        assert!(err.contains("paper-size"), "{err}");
    }

    #[test]
    fn wrong_values_are_errors() {
        assert!(parse("[preprocessor.studyguide]\non-failure = \"ignore\"\n").is_err());
        assert!(parse("[preprocessor.studyguide.pdf]\nanswer-keys = \"yes\"\n").is_err());
    }

    #[test]
    fn settings_that_would_write_outside_the_book_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("book");
        std::fs::create_dir(&root).unwrap();
        let check = |toml: &str| parse(toml).unwrap().check_paths(&root).map_err(|e| e.to_string());
        assert!(check("").is_ok());
        assert!(check("[preprocessor.studyguide.diagrams]\ncache-dir = \"cache/../other\"\n").is_ok());
        for cache in ["../../x", "/tmp/x", "cache/../../x"] {
            let err =
                check(&format!("[preprocessor.studyguide.diagrams]\ncache-dir = \"{cache}\"\n")).unwrap_err();
            assert!(err.contains(&format!("cache-dir = \"{cache}\" leads out of the book")), "{err}");
        }
        std::os::unix::fs::symlink(dir.path(), root.join("linked")).unwrap();
        let err = check("[preprocessor.studyguide.diagrams]\ncache-dir = \"linked/cache\"\n").unwrap_err();
        assert!(err.contains("leads out of the book"), "{err}");
        for name in ["../guide.pdf", "/tmp/guide.pdf", "a/b.pdf", "..", ""] {
            let err = check(&format!("[preprocessor.studyguide.pdf]\nfile-name = \"{name}\"\n")).unwrap_err();
            assert!(err.contains("is not a file name"), "{name}: {err}");
        }
    }

    #[test]
    fn limit_table_words_default_to_any_subjects_and_are_checked() {
        let cfg = parse("").unwrap();
        assert_eq!(
            (cfg.limits.resource_heading.as_str(), cfg.limits.value_heading.as_str()),
            ("Item", "Value")
        );
        let cfg = parse(
            "[preprocessor.studyguide.limits]\nresource-heading = \"Resource\"\nadjustable-heading = \"Quota\"\nfixed-label = \"Fixed\"\n",
        )
        .unwrap();
        assert_eq!(cfg.limits.resource_heading, "Resource");
        assert_eq!(cfg.limits.adjustable_heading, "Quota");
        assert_eq!(cfg.limits.fixed_label, "Fixed");
        assert_eq!(cfg.limits.value_heading, "Value", "what is not set keeps its default");
        let err = format!(
            "{:#}",
            parse("[preprocessor.studyguide.limits]\nquota-heading = \"Quota\"\n").unwrap_err()
        );
        assert!(err.contains("quota-heading"), "{err}");
        let err = parse("[preprocessor.studyguide.limits]\nnotes-heading = \" \"\n").unwrap_err().to_string();
        assert_eq!(
            err,
            "invalid [preprocessor.studyguide.limits] in book.toml: `notes-heading` is empty: a limit table would show nothing there"
        );
    }

    #[test]
    fn pdf_settings_parse() {
        let cfg = parse(
            "[preprocessor.studyguide.pdf]\npaper = \"letter\"\nmargin = \"0.5in\"\nanswer-keys = false\n",
        )
        .unwrap();
        assert_eq!(cfg.pdf.paper, Paper::Letter);
        assert!(!cfg.pdf.answer_keys);
        assert_eq!(length_in_inches(&cfg.pdf.margin).unwrap(), 0.5);
        assert!((length_in_inches("15mm").unwrap() - 0.5906).abs() < 1e-3);
        assert!(length_in_inches("15").is_err());
        assert!(length_in_inches("15furlongs").is_err());
    }
}
