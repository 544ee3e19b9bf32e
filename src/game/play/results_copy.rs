//! A classroom or students' devices session's results file, copied into the
//! teacher's results folder (`Documents/Quorum/results`) each time a question
//! closes, so the teacher finds it there during and after the lesson. The file
//! itself is written by `classroom.rs` (teams) or the students' server; this
//! only copies what is on disk.

use std::path::PathBuf;

use bevy::prelude::*;

use super::classroom::ClassSession;
use super::devices::Shown;
use super::library::DocumentsDir;
use crate::game::GameSet;
use crate::game::ui::banner::Banner;
use quorum_core::quiz::results_folder;
use quorum_lan::Stage;

/// The copy of the session's file in the results folder: where it is, or
/// why it could not be made.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionCopy {
    /// Closed questions in the copy.
    pub questions: usize,
    pub file: Option<Result<PathBuf, String>>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SessionCopy>()
        .add_systems(
            Update,
            (forget_last_session.run_if(resource_added::<ClassSession>), copy_closed_questions)
                .chain()
                .after(GameSet::Update)
                .run_if(resource_exists::<ClassSession>),
        )
        .add_systems(
            Update,
            (forget_last_session.run_if(resource_added::<Shown>), copy_devices_results)
                .chain()
                .after(GameSet::Update)
                .run_if(resource_exists::<Shown>),
        );
}

fn forget_last_session(mut copy: ResMut<SessionCopy>) {
    *copy = SessionCopy::default();
}

fn copy_closed_questions(
    class: Res<ClassSession>,
    documents: Option<Res<DocumentsDir>>,
    mut copy: ResMut<SessionCopy>,
    mut banner: ResMut<Banner>,
) {
    let closed = class.session.results().len();
    // A results file with a problem is already on screen: copy once it is fixed.
    if class.log_error.is_some() {
        return;
    }
    let (Some(log), Some(documents)) = (class.log.as_ref(), documents) else { return };
    if closed == copy.questions && copy.file.is_some() {
        return;
    }
    let copied = results_folder::copy_in(&log.path, &documents.results());
    if let Err(e) = &copied
        && !matches!(copy.file, Some(Err(_)))
    {
        // Said once: the data folder's file is still written.
        banner.warn(format!("The results could not be copied to your results folder: {e}"));
    }
    copy.questions = closed;
    copy.file = Some(copied);
}

/// The students' server writes its file as each question closes, before the
/// snapshot that reveals it; so a reveal, or the end, is the moment to copy.
fn copy_devices_results(
    shown: Res<Shown>,
    documents: Option<Res<DocumentsDir>>,
    mut copy: ResMut<SessionCopy>,
    mut banner: ResMut<Banner>,
) {
    if !shown.is_changed()
        || !matches!(shown.0.stage, Stage::Revealing | Stage::Leaderboard | Stage::Finished)
    {
        return;
    }
    // Questions closed so far; the end counts one more, so a skipped last
    // question's rows are copied too.
    let closed =
        shown.0.last_result.as_ref().map_or(0, |r| r.number) + usize::from(shown.0.stage == Stage::Finished);
    let (Some(file), Some(documents)) = (shown.0.results_file.as_ref(), documents) else { return };
    if closed == copy.questions && copy.file.is_some() {
        return;
    }
    let copied = results_folder::copy_in(file, &documents.results());
    if let Err(e) = &copied
        && !matches!(copy.file, Some(Err(_)))
    {
        banner.warn(format!("The results could not be copied to your results folder: {e}"));
    }
    copy.questions = closed;
    copy.file = Some(copied);
}
