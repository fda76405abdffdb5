//! The kinds of block this preprocessor expands: one line each.

use crate::config::StudyGuideConfig;
use crate::diagram::{self, DiagramKind};
use crate::exam::ExamKind;
use crate::lifecycle::Kind;
use crate::limits::LimitsKind;
use crate::progress::ProgressKind;
use crate::quiz::QuizKind;
use crate::review::ReviewKind;

/// Every kind, for one run over a book; `diagrams` draws the diagrams.
pub(crate) fn all(config: &StudyGuideConfig, diagrams: diagram::Backend) -> Vec<Box<dyn Kind>> {
    let blueprint = std::sync::Arc::new(config.blueprint.clone().unwrap_or_default());
    vec![
        Box::new(QuizKind::new(config.quizzes, blueprint.clone())),
        Box::new(LimitsKind::new(config.limits.clone())),
        Box::new(DiagramKind::new(diagrams, config.diagrams.require_text_alternative)),
        Box::new(ExamKind::new(blueprint.clone(), config.pdf.mock_exam.then_some(config.pdf.mock_exam_seed))),
        Box::new(ProgressKind::new(blueprint.clone())),
        Box::new(ReviewKind::new(blueprint)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::browser::BrowserModule;
    use crate::embedded::{self, File};

    /// The browser module of every kind that has one.
    fn modules() -> Vec<&'static BrowserModule> {
        all(&StudyGuideConfig::default(), diagram::Backend::client_only())
            .iter()
            .filter_map(|kind| kind.browser())
            .collect()
    }

    /// The file the binary carries by this name: shared, of a kind's module,
    /// or a library.
    fn carried(name: &str) -> Option<File> {
        let modules = modules();
        embedded::SHARED
            .iter()
            .copied()
            .chain(embedded::BASE.iter().copied())
            .chain([embedded::BOOTSTRAP])
            .chain(modules.iter().flat_map(|m| m.files()))
            .chain([embedded::MERMAID, embedded::FSRS])
            .find(|file| file.name == name)
    }

    fn text(file: File) -> String {
        String::from_utf8(file.bytes.to_vec()).unwrap()
    }

    #[test]
    fn every_theme_file_is_embedded() {
        let theme = concat!(env!("CARGO_MANIFEST_DIR"), "/../theme");
        for entry in std::fs::read_dir(theme).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(".js") || name.ends_with(".css") {
                assert!(carried(&name).is_some(), "theme/{name} is not embedded");
            }
        }
    }

    /// The browser code names no kind: loader.js and base.css find blocks by
    /// `data-sg-module`, widgets.js loads what the manifest says, and every
    /// module's script defines the component of its name.
    #[test]
    fn the_browser_code_knows_modules_only_from_the_manifest() {
        let loader = text(embedded::BASE.iter().copied().find(|f| f.name == "loader.js").unwrap());
        let base = text(embedded::BASE.iter().copied().find(|f| f.name == "base.css").unwrap());
        let widgets = text(embedded::WIDGETS);
        assert!(loader.contains("'[data-sg-module]'") && loader.contains("['manifest.js', 'widgets.js']"));
        assert!(base.contains("[data-sg-module]"));
        assert!(widgets.contains(&format!("SG.vendor = '{}/';", crate::assets::VENDOR_DIR)));
        for module in modules() {
            for text in [&loader, &base, &widgets] {
                assert!(
                    !text.contains(&format!("data-sg-{}", module.name)),
                    "{} is named outside its module",
                    module.name
                );
            }
            let own = module.scripts.last().expect("a module has a script");
            assert!(
                self::text(*own).contains(&format!("static moduleName = '{}';", module.name))
                    || self::text(*own).contains(&format!(".moduleName = '{}';", module.name)),
                "{} defines the component of module {}",
                own.name,
                module.name
            );
        }
    }
}
