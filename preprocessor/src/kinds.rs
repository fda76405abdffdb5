//! The kinds of block this preprocessor expands: one line each.

use crate::assets::Assets;
use crate::config::QuizConfig;
use crate::diagram::{self, DiagramKind};
use crate::exam::ExamKind;
use crate::kind::Kind;
use crate::limits::LimitsKind;
use crate::progress::ProgressKind;
use crate::quiz::QuizKind;
use crate::review::ReviewKind;

/// Every kind, for one run over a book; `diagrams` draws the diagrams and
/// `assets` copies the scripts that only some pages load.
pub fn all(quizzes: QuizConfig, diagrams: diagram::Backend, assets: Assets) -> Vec<Box<dyn Kind>> {
    vec![
        Box::new(QuizKind::new(quizzes)),
        Box::new(LimitsKind),
        Box::new(DiagramKind::new(diagrams)),
        Box::new(ExamKind::new(assets.clone())),
        Box::new(ProgressKind::new(assets.clone())),
        Box::new(ReviewKind::new(assets)),
    ]
}
