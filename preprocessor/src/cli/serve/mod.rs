//! `serve`: build the book, serve it on 127.0.0.1, rebuild when a source file
//! changes and tell open pages to reload.
//!
//! The same stack as mdBook's own `serve`: axum on tokio, the site's files
//! through tower-http's `ServeDir`, and mdBook's live-reload script in every
//! page, which opens a WebSocket to [`LIVE_RELOAD`] and reloads the page when
//! it receives `reload`.
//!
//! Problems in blocks do not stop the server: `on-failure` defaults to
//! `continue` here, so a broken block shows as a box in its page.

mod watch;

use super::{default_on_failure, load, search_index};
use crate::config::OnFailure;
use anyhow::{Context, Result, bail};
use axum::Router;
use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderValue, header};
use axum::response::Response;
use axum::routing::get;
use mdbook_driver::MDBook;
use std::io::ErrorKind;
use std::path::Path;
use tokio::net::TcpListener;
use tokio::sync::broadcast;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// The path mdBook's live-reload script connects to.
const LIVE_RELOAD: &str = "__livereload";

/// Sent once after each successful rebuild.
type Rebuilt = broadcast::Sender<()>;

pub fn run(dir: &Path, port: u16) -> Result<()> {
    let root = dir.canonicalize().with_context(|| format!("no book at {}", dir.display()))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("could not start the server")?;
    // Before building, so a taken port is reported at once.
    let listener = runtime.block_on(bind(port))?;
    let book = build(&root)?;
    // In a subdirectory when the book has other renderers besides.
    let site = book.build_dir_for("html");
    let (rebuilt, _) = broadcast::channel(16);
    let _watcher = watch::rebuild_on_change(&book, rebuilt.clone())?;
    eprintln!("Serving the book on http://{}/ (Ctrl+C to stop)", listener.local_addr()?);
    let server = axum::serve(listener, router(&site, rebuilt));
    runtime.block_on(async { server.await.context("the server stopped") })
}

/// Listens on 127.0.0.1 only: the book is for the person at this machine.
async fn bind(port: u16) -> Result<TcpListener> {
    match TcpListener::bind(("127.0.0.1", port)).await {
        Ok(listener) => Ok(listener),
        Err(err) if err.kind() == ErrorKind::AddrInUse => bail!(
            "port {port} on 127.0.0.1 is already in use (is the book already being served?); \
             choose another with --port"
        ),
        Err(err) => Err(err).with_context(|| format!("could not listen on 127.0.0.1:{port}")),
    }
}

/// Builds the book for serving: broken blocks become boxes, and every page
/// gets mdBook's live-reload script.
fn build(root: &Path) -> Result<MDBook> {
    let mut book = load(root)?;
    default_on_failure(&mut book, OnFailure::Continue)?;
    book.config.set("output.html.live-reload-endpoint", LIVE_RELOAD)?;
    book.build()?;
    search_index::leave_out_answers(&mut book)?;
    Ok(book)
}

/// The site's files, a 404 page for anything else (paths that leave the
/// site included), and the live-reload socket. Browsers must ask again for
/// every file, so a reload always shows the latest build.
fn router(site: &Path, rebuilt: Rebuilt) -> Router {
    let files = ServeDir::new(site).not_found_service(ServeFile::new(site.join("404.html")));
    Router::new()
        .route(&format!("/{LIVE_RELOAD}"), get(live_reload))
        .fallback_service(files)
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
        .with_state(rebuilt)
}

async fn live_reload(upgrade: WebSocketUpgrade, State(rebuilt): State<Rebuilt>) -> Response {
    // Subscribed before the handshake, so a build that ends meanwhile counts.
    let next_build = rebuilt.subscribe();
    upgrade.on_upgrade(|socket| announce_reload(socket, next_build))
}

/// Tells the page to reload after the next build, or returns when it leaves.
async fn announce_reload(mut socket: WebSocket, mut next_build: broadcast::Receiver<()>) {
    loop {
        tokio::select! {
            built = next_build.recv() => {
                // `Lagged` means several builds ended: reload all the same.
                if !matches!(built, Err(broadcast::error::RecvError::Closed)) {
                    let _ = socket.send(Message::text("reload")).await;
                }
                return;
            }
            message = socket.recv() => {
                if !matches!(message, Some(Ok(_))) {
                    return;
                }
            }
        }
    }
}
