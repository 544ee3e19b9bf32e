//! The HTTP side: the students' page at `/` and its WebSocket at `/ws`,
//! and nothing else (every other path is 404; no file on the disk is ever
//! served). Each connection gets a task that enforces the size limit and
//! the rate limit, reads the page's messages and passes them to the room.
//! There are no host controls here: the teacher controls only from the
//! game window.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::{SinkExt, StreamExt};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc};

use crate::limits::RateLimit;
use crate::protocol::{self, About, MAX_MESSAGE, ServerMessage};
use crate::room::{Inbound, LinkId, Outbound, close};

/// The students' page: one file, its styles and script inline.
pub const PAGE: &str = include_str!("page.html");

/// Messages a page may send at once, and per second after that. A page
/// sends one answer per question and a ping every 10 seconds.
const BURST: u32 = 20;
const PER_SECOND: f64 = 5.0;
/// Messages over the limit in a row before the connection is closed.
const FLOOD: u32 = 200;
/// A page pings every 10 seconds; silence this long means it has gone.
const IDLE: Duration = Duration::from_secs(30);
/// Messages queued for one page before it counts as unable to keep up.
const OUTBOX: usize = 64;

#[derive(Clone)]
struct Shared {
    inbox: mpsc::Sender<Inbound>,
    slots: Arc<Semaphore>,
    next_id: Arc<AtomicU64>,
}

/// Serves the page and its WebSocket on `listener` until the runtime stops.
pub(crate) async fn serve(listener: tokio::net::TcpListener, inbox: mpsc::Sender<Inbound>, max: usize) {
    let shared = Shared { inbox, slots: Arc::new(Semaphore::new(max)), next_id: Arc::new(AtomicU64::new(1)) };
    let app = Router::new()
        .route("/", get(page).fallback(not_found))
        .route("/ws", get(websocket).fallback(not_found))
        .fallback(not_found)
        .with_state(shared);
    let _ = axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await;
}

async fn page() -> Response {
    let mut response = PAGE.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    // The page loads nothing from anywhere: its own inline script and styles,
    // and a WebSocket back to this server.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
             connect-src 'self' ws: wss:; img-src data:; base-uri 'none'; form-action 'none'; \
             frame-ancestors 'none'",
        ),
    );
    response
}

async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "Not found. Students join at the address on the projector.").into_response()
}

async fn websocket(
    State(shared): State<Shared>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    upgrade: WebSocketUpgrade,
) -> Response {
    let Ok(permit) = Arc::clone(&shared.slots).try_acquire_owned() else {
        return (StatusCode::SERVICE_UNAVAILABLE, "The game is full.").into_response();
    };
    upgrade
        .max_message_size(MAX_MESSAGE)
        .max_frame_size(MAX_MESSAGE)
        .read_buffer_size(4096)
        .write_buffer_size(0)
        .max_write_buffer_size(256 * 1024)
        .on_upgrade(move |socket| connection(socket, from.ip(), permit, shared))
}

fn frame(message: &ServerMessage) -> Message {
    Message::Text(message.to_json().into())
}

fn closing(code: u16, reason: &str) -> Message {
    Message::Close(Some(CloseFrame { code, reason: reason.into() }))
}

/// One page's connection: its messages to the room, the room's to it.
async fn connection(socket: WebSocket, ip: IpAddr, _permit: OwnedSemaphorePermit, shared: Shared) {
    let id: LinkId = shared.next_id.fetch_add(1, Ordering::Relaxed);
    let (mut sink, mut stream) = socket.split();
    let (tx, mut rx) = mpsc::channel::<Outbound>(OUTBOX);
    if shared.inbox.send(Inbound::Opened { id, ip, tx }).await.is_err() {
        return;
    }
    let mut limit = RateLimit::new(BURST, PER_SECOND, Instant::now());
    let mut over = 0;
    let mut warned: Option<Instant> = None;
    let mut heard = Instant::now();
    loop {
        tokio::select! {
            out = rx.recv() => match out {
                Some(Outbound::Text(text)) => {
                    if sink.send(Message::Text(text.into())).await.is_err() {
                        break;
                    }
                }
                Some(Outbound::Close(code, reason)) => {
                    let _ = sink.send(closing(code, &reason)).await;
                    break;
                }
                None => break,
            },
            incoming = tokio::time::timeout_at((heard + IDLE).into(), stream.next()) => {
                let message = match incoming {
                    Err(_) => {
                        let _ = sink.send(closing(close::IDLE, "Nothing heard from this page for a while.")).await;
                        break;
                    }
                    Ok(None) => break,
                    Ok(Some(Err(_))) => {
                        // Most often a message over the size limit: this
                        // connection ends, and nothing else is touched.
                        let _ = sink.send(closing(close::TOO_BIG, "That message was too large.")).await;
                        break;
                    }
                    Ok(Some(Ok(message))) => message,
                };
                let now = Instant::now();
                heard = now;
                let text = match message {
                    Message::Text(text) => text,
                    Message::Binary(_) => {
                        let refusal = ServerMessage::refused(About::Message, "the game reads text messages only");
                        if sink.send(frame(&refusal)).await.is_err() {
                            break;
                        }
                        continue;
                    }
                    Message::Close(_) => break,
                    Message::Ping(_) | Message::Pong(_) => continue,
                };
                if !limit.allow(now) {
                    over += 1;
                    if over >= FLOOD {
                        let _ = sink.send(closing(close::FLOOD, "Too many messages.")).await;
                        break;
                    }
                    // One warning a second, not one per message.
                    if warned.is_none_or(|w| now.duration_since(w) >= Duration::from_secs(1)) {
                        warned = Some(now);
                        let refusal = ServerMessage::refused(About::Message, "too many messages: slow down");
                        if sink.send(frame(&refusal)).await.is_err() {
                            break;
                        }
                    }
                    continue;
                }
                over = 0;
                match protocol::parse(text.as_str()) {
                    Ok(message) => {
                        if shared.inbox.send(Inbound::Message { id, at: now, message }).await.is_err() {
                            break;
                        }
                    }
                    Err(reason) => {
                        if sink.send(frame(&ServerMessage::refused(About::Message, reason))).await.is_err() {
                            break;
                        }
                    }
                }
            }
        }
    }
    let _ = shared.inbox.send(Inbound::Closed { id }).await;
}
