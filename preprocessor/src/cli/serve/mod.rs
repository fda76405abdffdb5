//! `serve`: build the book, serve it on 127.0.0.1 (or `--hostname`), rebuild
//! when a source file changes and tell open pages to reload. Requests that
//! do not name this server as their host are refused, and so are live-reload
//! sockets opened by pages of another origin.
//!
//! The same stack as mdBook's own `serve`: axum on tokio, the site's files
//! through tower-http's `ServeDir`, and mdBook's live-reload script in every
//! page, which opens a WebSocket to [`LIVE_RELOAD`] and reloads the page when
//! it receives `reload`.
//!
//! Problems in blocks do not stop the server: `on-failure` defaults to
//! `continue` here, so a broken block shows as a box in its page.

mod watch;

use super::{default_on_failure, load};
use crate::config::OnFailure;
use anyhow::{Context, Result, bail};
use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use mdbook_driver::MDBook;
use std::io::ErrorKind;
use std::path::Path;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::broadcast;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// The path mdBook's live-reload script connects to.
const LIVE_RELOAD: &str = "__livereload";

/// Sent once after each successful rebuild.
type Rebuilt = broadcast::Sender<()>;

/// The address `serve` listens on unless `--hostname` says otherwise: the
/// book is for the person at this machine.
pub(super) const LOOPBACK: &str = "127.0.0.1";

pub(super) fn run(dir: &Path, hostname: &str, port: u16, open: bool) -> Result<()> {
    let root = dir.canonicalize().with_context(|| format!("no book at {}", dir.display()))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("could not start the server")?;
    // Before building, so a taken port is reported at once.
    let listener = runtime.block_on(bind(hostname, port))?;
    let hosts = Hosts::new(hostname, listener.local_addr()?.port());
    let book = build(&root)?;
    // In a subdirectory when the book has other renderers besides.
    let site = book.build_dir_for("html");
    let (rebuilt, _) = broadcast::channel(16);
    let _watcher = watch::rebuild_on_change(&book, rebuilt.clone())?;
    let address = listener.local_addr()?;
    eprintln!("Serving the book on http://{address}/ (Ctrl+C to stop)");
    if open {
        // An unspecified address (0.0.0.0) serves this machine too.
        let host =
            if address.ip().is_unspecified() { LOOPBACK.to_owned() } else { hostname_in_url(hostname) };
        open_in_browser(&format!("http://{host}:{}/", address.port()));
    }
    let server = axum::serve(listener, router(&site, rebuilt, hosts));
    runtime.block_on(async { server.await.context("the server stopped") })
}

/// A host name as a URL (and a Host header) writes it: an IPv6 address in
/// brackets.
fn hostname_in_url(hostname: &str) -> String {
    if hostname.contains(':') && !hostname.starts_with('[') {
        format!("[{hostname}]")
    } else {
        hostname.to_owned()
    }
}

/// Opens `url` in the system's browser, as `mdbook serve --open` does: with
/// `open` on macOS, `start` on Windows, else `xdg-open`. A browser that
/// cannot be opened is a warning: the book is served all the same.
fn open_in_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut command = std::process::Command::new("cmd");
        command.args(["/C", "start", ""]);
        command
    } else {
        std::process::Command::new("xdg-open")
    };
    command.arg(url).stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null());
    match command.spawn() {
        // Reaped in the background, so it leaves no zombie behind.
        Ok(mut child) => drop(std::thread::spawn(move || child.wait())),
        Err(err) => tracing::warn!("could not open a browser at {url} ({err}): open it yourself"),
    }
}

async fn bind(hostname: &str, port: u16) -> Result<TcpListener> {
    match TcpListener::bind((hostname, port)).await {
        Ok(listener) => Ok(listener),
        Err(err) if err.kind() == ErrorKind::AddrInUse => bail!(
            "port {port} on {hostname} is already in use (is the book already being served?); \
             choose another with --port"
        ),
        Err(err) => Err(err).with_context(|| format!("could not listen on {hostname}:{port}")),
    }
}

/// Builds the book for serving: broken blocks become boxes, every page
/// gets mdBook's live-reload script, and what mdBook copied into the site
/// through a symbolic link out of the book is taken out of it again.
fn build(root: &Path) -> Result<MDBook> {
    let mut book = load(root)?;
    default_on_failure(&mut book, OnFailure::Continue)?;
    book.config.set("output.html.live-reload-endpoint", LIVE_RELOAD)?;
    book.build()?;
    let site = book.build_dir_for("html");
    for link in crate::outside::links_out(&book.root, &book.source_dir()) {
        let copy = site.join(&link.path);
        let removed =
            if copy.is_dir() { std::fs::remove_dir_all(&copy) } else { std::fs::remove_file(&copy) };
        if let Err(err) = removed.or_else(|err| if copy.exists() { Err(err) } else { Ok(()) }) {
            bail!("could not take {} out of the site: {err}", copy.display());
        }
    }
    Ok(book)
}

/// The site's files, a 404 page for anything else (paths that leave the
/// site included), and the live-reload socket, for requests that name this
/// server as their host. Browsers must ask again for every file, so a
/// reload always shows the latest build.
fn router(site: &Path, rebuilt: Rebuilt, hosts: Hosts) -> Router {
    let files = ServeDir::new(site).not_found_service(ServeFile::new(site.join("404.html")));
    Router::new()
        .route(&format!("/{LIVE_RELOAD}"), get(live_reload))
        .fallback_service(files)
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
        .layer(middleware::from_fn_with_state(Arc::new(hosts), only_for_this_server))
        .with_state(rebuilt)
}

/// The names a request may give this server by: `127.0.0.1:PORT`,
/// `localhost:PORT` and `--hostname`'s, at the port it listens on. A page
/// of another site that gets its name to resolve here (DNS rebinding)
/// still sends that name, and is refused.
#[derive(Debug, Clone)]
struct Hosts {
    names: Vec<String>,
    port: u16,
}

impl Hosts {
    fn new(hostname: &str, port: u16) -> Self {
        let mut names: Vec<String> = vec![LOOPBACK.to_owned(), "localhost".to_owned()];
        // An IPv6 address is written in brackets in a Host header.
        let hostname = hostname_in_url(&hostname.to_ascii_lowercase());
        if !names.contains(&hostname) {
            names.push(hostname);
        }
        Hosts { names, port }
    }

    /// Whether a Host header (`localhost:3000`) names this server.
    fn allows(&self, host: &str) -> bool {
        let Some((name, port)) = host.rsplit_once(':') else { return false };
        port.parse::<u16>() == Ok(self.port) && self.names.iter().any(|n| n.eq_ignore_ascii_case(name))
    }

    /// Whether a request names this server as its host and, when it opens
    /// a WebSocket from a page, the page is this server's.
    fn allows_request(&self, headers: &HeaderMap) -> bool {
        let header = |name| headers.get(name).map(|v| v.to_str().unwrap_or(""));
        let host = header(header::HOST).is_some_and(|host| self.allows(host));
        let upgrade = header(header::UPGRADE).is_some();
        let origin = header(header::ORIGIN).is_none_or(|origin| self.allows_origin(origin));
        host && (origin || !upgrade)
    }

    /// Whether an Origin header (`http://localhost:3000`) is a page of
    /// this server.
    fn allows_origin(&self, origin: &str) -> bool {
        origin.strip_prefix("http://").is_some_and(|host| self.allows(host))
    }
}

/// Answers 403 to a request whose Host is not this server's, and to a
/// WebSocket upgrade from a page of another origin.
async fn only_for_this_server(State(hosts): State<Arc<Hosts>>, request: Request, next: Next) -> Response {
    if hosts.allows_request(request.headers()) {
        return next.run(request).await;
    }
    let mut refused = Response::new(Body::from("This server serves the book to its own address only.\n"));
    *refused.status_mut() = StatusCode::FORBIDDEN;
    refused
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_servers_names_at_its_port_are_its_hosts() {
        let hosts = Hosts::new(LOOPBACK, 3000);
        for host in ["127.0.0.1:3000", "localhost:3000", "LocalHost:3000"] {
            assert!(hosts.allows(host), "{host}");
        }
        for host in ["evil.example:3000", "127.0.0.1:3001", "localhost", "127.0.0.1", "", "localhost.:3000"] {
            assert!(!hosts.allows(host), "{host}");
        }
        assert!(hosts.allows_origin("http://localhost:3000"));
        for origin in ["http://evil.example:3000", "null", "https://localhost:3000", "file://"] {
            assert!(!hosts.allows_origin(origin), "{origin}");
        }
        let named = Hosts::new("book.lan", 8080);
        assert!(named.allows("book.lan:8080") && named.allows("127.0.0.1:8080"));
        assert!(Hosts::new("::1", 80).allows("[::1]:80"));
    }
}
