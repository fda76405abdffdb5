//! The kinds of block this preprocessor expands: one line each.

use crate::assets::Assets;
use crate::config::StudyGuideConfig;
use crate::diagram::{self, DiagramKind};
use crate::exam::ExamKind;
use crate::kind::Kind;
use crate::limits::LimitsKind;
use crate::progress::ProgressKind;
use crate::quiz::QuizKind;
use crate::review::ReviewKind;

/// The browser module of every kind that has one.
pub fn modules() -> Vec<&'static crate::browser::BrowserModule> {
    all(&StudyGuideConfig::default(), diagram::Backend::client_only(), Assets::none())
        .iter()
        .filter_map(|kind| kind.browser())
        .collect()
}

/// Every kind, for one run over a book; `diagrams` draws the diagrams and
/// `assets` takes the banks of questions the gathering pages write.
pub fn all(config: &StudyGuideConfig, diagrams: diagram::Backend, assets: Assets) -> Vec<Box<dyn Kind>> {
    let blueprint = std::sync::Arc::new(config.blueprint.clone().unwrap_or_default());
    vec![
        Box::new(QuizKind::new(config.quizzes, blueprint.clone())),
        Box::new(LimitsKind),
        Box::new(DiagramKind::new(diagrams, config.diagrams.require_text_alternative)),
        Box::new(ExamKind::new(assets.clone(), blueprint.clone())),
        Box::new(ProgressKind::new(blueprint.clone())),
        Box::new(ReviewKind::new(assets, blueprint)),
    ]
}
