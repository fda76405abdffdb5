//! The kinds of block this preprocessor expands: one line each.

use crate::config::QuizConfig;
use crate::diagram::{self, DiagramKind};
use crate::kind::Kind;
use crate::limits::LimitsKind;
use crate::quiz::QuizKind;

/// Every kind, for one run over a book; `diagrams` draws the diagrams.
pub fn all(quizzes: QuizConfig, diagrams: diagram::Backend) -> Vec<Box<dyn Kind>> {
    vec![Box::new(QuizKind::new(quizzes)), Box::new(LimitsKind), Box::new(DiagramKind::new(diagrams))]
}
