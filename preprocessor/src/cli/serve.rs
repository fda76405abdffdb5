//! `serve`: build the book, serve it on 127.0.0.1, rebuild when a source file
//! changes and tell open pages to reload.
//!
//! Problems in blocks do not stop the server: `on-failure` defaults to
//! `continue` here, so a broken block shows as a box in its page.

use super::{default_on_failure, load};
use crate::config::OnFailure;
use anyhow::{Context, Result};
use notify::{RecursiveMode, Watcher};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
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
    let listener = TcpListener::bind(("127.0.0.1", port))
        .with_context(|| format!("could not listen on 127.0.0.1:{port}"))?;
    eprintln!("Serving the book on http://{}/ (Ctrl+C to stop)", listener.local_addr()?);

    let clients: Clients = Arc::default();
    spawn_rebuilder(&root, site.clone(), Arc::clone(&clients))?;
    // One thread per connection: a browser opens several at once and keeps
    // them alive, and none of them may wait behind another.
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let site = site.clone();
        let clients = Arc::clone(&clients);
        std::thread::spawn(move || {
            if let Err(err) = handle_connection(stream, &site, &clients) {
                tracing::debug!("connection: {err}");
            }
        });
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

/// A request's method and path; the rest of the head is read and ignored,
/// but for the WebSocket key.
struct RequestHead {
    method: String,
    path: String,
    websocket_key: Option<String>,
}

/// Reads one request head (up to the blank line), or `None` at end of stream.
fn read_head(reader: &mut BufReader<TcpStream>) -> std::io::Result<Option<RequestHead>> {
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next().unwrap_or("").to_owned(), parts.next().unwrap_or("/").to_owned());
    let mut websocket_key = None;
    let mut read = line.len();
    loop {
        let mut header = String::new();
        let n = reader.read_line(&mut header)?;
        read += n;
        if n == 0 || header.trim().is_empty() || read > 64 * 1024 {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("sec-websocket-key")
        {
            websocket_key = Some(value.trim().to_owned());
        }
    }
    Ok(Some(RequestHead { method, path, websocket_key }))
}

/// Serves the requests of one connection until the browser closes it.
fn handle_connection(stream: TcpStream, site: &Path, clients: &Clients) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut stream = stream;
    while let Some(head) = read_head(&mut reader)? {
        let path = head.path.split(['?', '#']).next().unwrap_or("/").to_owned();
        if path.trim_start_matches('/') == LIVE_RELOAD
            && let Some(key) = head.websocket_key
        {
            return accept_websocket(stream, &key, clients);
        }
        let (status, kind, body) = match (head.method.as_str(), resolve(site, &path)) {
            ("GET" | "HEAD", Some(file)) => match std::fs::read(&file) {
                Ok(body) => ("200 OK", content_type(&file), body),
                Err(_) => not_found(site),
            },
            ("GET" | "HEAD", None) => not_found(site),
            _ => ("405 Method Not Allowed", "text/plain; charset=utf-8", b"Method not allowed".to_vec()),
        };
        write!(
            stream,
            "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\n\r\n",
            body.len()
        )?;
        if head.method != "HEAD" {
            stream.write_all(&body)?;
        }
        stream.flush()?;
    }
    Ok(())
}

fn not_found(site: &Path) -> (&'static str, &'static str, Vec<u8>) {
    let body = std::fs::read(site.join("404.html")).unwrap_or_else(|_| b"Not found".to_vec());
    ("404 Not Found", content_type(Path::new("404.html")), body)
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

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
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
    }
}

/// Completes the WebSocket handshake and keeps the socket for reloads.
fn accept_websocket(mut stream: TcpStream, key: &str, clients: &Clients) -> std::io::Result<()> {
    let accept = tungstenite::handshake::derive_accept_key(key.as_bytes());
    write!(
        stream,
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"
    )?;
    stream.flush()?;
    stream.set_read_timeout(None)?;
    let socket = WebSocket::from_raw_socket(Box::new(stream) as Box<dyn Stream>, Role::Server, None);
    clients.lock().expect("clients lock").push(socket);
    Ok(())
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
