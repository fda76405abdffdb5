//! `serve`: build the book, serve it on 127.0.0.1, rebuild when a source file
//! changes and tell open pages to reload.
//!
//! Problems in blocks do not stop the server: `on-failure` defaults to
//! `continue` here, so a broken block shows as a box in its page.

use super::{default_on_failure, load};
use crate::config::OnFailure;
use anyhow::{Context, Result};
use notify::{RecursiveMode, Watcher};
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tungstenite::protocol::Role;
use tungstenite::{Message, WebSocket};

/// The path mdBook's live-reload script connects to.
const LIVE_RELOAD: &str = "__livereload";

trait Stream: Read + Write + Send {}
impl<T: Read + Write + Send> Stream for T {}

type Clients = Arc<Mutex<Vec<WebSocket<Box<dyn Stream>>>>>;

/// Builds the book for serving; returns the build directory.
fn build_for_serve(dir: &Path) -> Result<PathBuf> {
    let mut book = load(dir)?;
    default_on_failure(&mut book, OnFailure::Continue)?;
    book.config.set("output.html.live-reload-endpoint", LIVE_RELOAD)?;
    book.build()?;
    Ok(book.root.join(&book.config.build.build_dir))
}

pub fn run(dir: &Path, port: u16) -> Result<()> {
    let root = dir.canonicalize().with_context(|| format!("no book at {}", dir.display()))?;
    let site = build_for_serve(&root)?;
    let server = tiny_http::Server::http(("127.0.0.1", port))
        .map_err(|e| anyhow::anyhow!("could not listen on 127.0.0.1:{port}: {e}"))?;
    let address = server.server_addr().to_ip().context("not an IP address")?;
    eprintln!("Serving the book on http://{address}/ (Ctrl+C to stop)");

    let clients: Clients = Arc::default();
    spawn_rebuilder(&root, site.clone(), Arc::clone(&clients))?;
    for request in server.incoming_requests() {
        let site = site.clone();
        let clients = Arc::clone(&clients);
        std::thread::spawn(move || handle(request, &site, &clients));
    }
    Ok(())
}

/// Watches the sources and rebuilds after each burst of changes.
fn spawn_rebuilder(root: &Path, site: PathBuf, clients: Clients) -> Result<()> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx)?;
    let book = load(root)?;
    let src = root.join(&book.config.book.src);
    watcher.watch(&src, RecursiveMode::Recursive)?;
    for extra in ["theme", "book.toml"] {
        let path = root.join(extra);
        if path.exists() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    // Files we write ourselves must not trigger another build.
    let ignored = [src.join("vendor"), site.clone()];
    let root = root.to_owned();
    std::thread::spawn(move || {
        let _watcher = watcher;
        while let Ok(event) = rx.recv() {
            if !is_relevant(&event, &ignored) {
                continue;
            }
            // Let a burst of saves settle into one build.
            while rx.recv_timeout(Duration::from_millis(250)).is_ok() {}
            eprintln!("Files changed; rebuilding…");
            match build_for_serve(&root) {
                Ok(_) => broadcast_reload(&clients),
                Err(err) => eprintln!("error: {err:#}"),
            }
        }
    });
    Ok(())
}

fn is_relevant(event: &notify::Result<notify::Event>, ignored: &[PathBuf]) -> bool {
    let Ok(event) = event else { return false };
    if matches!(event.kind, notify::EventKind::Access(_)) {
        return false;
    }
    event.paths.iter().any(|p| !ignored.iter().any(|i| p.starts_with(i)) && !is_editor_temp(p))
}

fn is_editor_temp(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with(".#") || name.ends_with('~') || name.ends_with(".swp")
}

fn broadcast_reload(clients: &Clients) {
    let mut clients = clients.lock().expect("clients lock");
    clients.retain_mut(|socket| socket.send(Message::text("reload")).is_ok());
}

fn handle(request: tiny_http::Request, site: &Path, clients: &Clients) {
    let url = request.url().to_owned();
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path.trim_start_matches('/') == LIVE_RELOAD {
        accept_websocket(request, clients);
        return;
    }
    let response = match resolve(site, path) {
        Some(file) => match std::fs::read(&file) {
            Ok(body) => tiny_http::Response::from_data(body).with_header(content_type(&file)),
            Err(_) => not_found(site),
        },
        None => not_found(site),
    };
    let _ = request.respond(response);
}

fn not_found(site: &Path) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let body = std::fs::read(site.join("404.html")).unwrap_or_else(|_| b"Not found".to_vec());
    tiny_http::Response::from_data(body)
        .with_status_code(404)
        .with_header(content_type(Path::new("404.html")))
}

/// Maps a URL path to a file in the site, refusing anything outside it.
fn resolve(site: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let mut file = site.to_owned();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(file: &Path) -> tiny_http::Header {
    let kind = match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "pdf" => "application/pdf",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
    tiny_http::Header::from_bytes("Content-Type", kind).expect("valid header")
}

/// Completes the WebSocket handshake and keeps the socket for reloads.
fn accept_websocket(request: tiny_http::Request, clients: &Clients) {
    let key = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Sec-WebSocket-Key"))
        .map(|h| h.value.as_str().to_owned());
    let Some(key) = key else {
        let _ =
            request.respond(tiny_http::Response::from_string("expected a WebSocket").with_status_code(400));
        return;
    };
    let accept = tungstenite::handshake::derive_accept_key(key.as_bytes());
    let response = tiny_http::Response::empty(101)
        .with_header(tiny_http::Header::from_bytes("Upgrade", "websocket").expect("header"))
        .with_header(tiny_http::Header::from_bytes("Connection", "Upgrade").expect("header"))
        .with_header(tiny_http::Header::from_bytes("Sec-WebSocket-Accept", accept).expect("header"));
    let stream: Box<dyn Stream> = Box::new(request.upgrade("websocket", response));
    let socket = WebSocket::from_raw_socket(stream, Role::Server, None);
    clients.lock().expect("clients lock").push(socket);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_site() {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir(site.path().join("chapter")).unwrap();
        std::fs::write(site.path().join("chapter/index.html"), "x").unwrap();
        std::fs::write(site.path().join("a b.html"), "x").unwrap();
        assert_eq!(resolve(site.path(), "/chapter/"), Some(site.path().join("chapter/index.html")));
        assert_eq!(resolve(site.path(), "/a%20b.html"), Some(site.path().join("a b.html")));
        assert_eq!(resolve(site.path(), "/../etc/passwd"), None);
        assert_eq!(resolve(site.path(), "/%2e%2e/etc/passwd"), None);
        assert_eq!(resolve(site.path(), "/missing.html"), None);
        assert_eq!(percent_decode("%zz"), None);
    }

    #[test]
    fn our_own_output_does_not_trigger_rebuilds() {
        let ignored = [PathBuf::from("/b/src/vendor"), PathBuf::from("/b/book")];
        let event = |path: &str| {
            Ok(notify::Event::new(notify::EventKind::Modify(notify::event::ModifyKind::Any))
                .add_path(path.into()))
        };
        assert!(is_relevant(&event("/b/src/intro.md"), &ignored));
        assert!(!is_relevant(&event("/b/src/vendor/mermaid.min.js"), &ignored));
        assert!(!is_relevant(&event("/b/book/index.html"), &ignored));
        assert!(!is_relevant(&event("/b/src/.#intro.md"), &ignored));
    }
}
