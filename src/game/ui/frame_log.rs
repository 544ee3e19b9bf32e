//! `quorum host --frame-log FILE`: a line per frame (the wall-clock time and
//! the frame's length), so the load benchmark can tell whether the window
//! kept drawing its countdown while hundreds of students answered. Added
//! only when asked for; it changes nothing on screen.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bevy::prelude::*;

/// Where the frame times go.
#[derive(Resource, Debug, Clone)]
pub struct FrameLogPath(pub PathBuf);

#[derive(Resource)]
struct FrameLog(BufWriter<File>);

/// Added by `game::run` only with `--frame-log`.
pub(crate) fn plugin(app: &mut App) {
    app.add_systems(Startup, open).add_systems(Last, (write, flush).chain());
}

fn open(path: Res<FrameLogPath>, mut commands: Commands) {
    match File::create(&path.0) {
        Ok(file) => commands.insert_resource(FrameLog(BufWriter::new(file))),
        Err(e) => warn!("cannot write the frame log {}: {e}", path.0.display()),
    }
}

/// `SECONDS_SINCE_1970 FRAME_MS`: the clock the benchmark's students use too.
fn write(time: Res<Time<Real>>, log: Option<ResMut<FrameLog>>) {
    let Some(mut log) = log else { return };
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs_f64();
    let _ = writeln!(log.0, "{now:.6} {:.3}", time.delta_secs_f64() * 1000.0);
}

/// Flushed about once a second and at the end, so a reader sees it soon.
fn flush(
    mut exits: MessageReader<AppExit>,
    log: Option<ResMut<FrameLog>>,
    time: Res<Time<Real>>,
    mut last: Local<Duration>,
) {
    let Some(mut log) = log else { return };
    if exits.read().next().is_some() || time.elapsed().saturating_sub(*last) >= Duration::from_secs(1) {
        let _ = log.0.flush();
        *last = time.elapsed();
    }
}
