//! A minimal DevTools protocol client: launch a headless Chromium, open a
//! page, navigate, evaluate script, print to PDF.

use anyhow::{Context, Result, anyhow, bail};
use serde_json::{Value, json};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// How long any one protocol call may take before we give up on Chromium.
const CALL_TIMEOUT: Duration = Duration::from_secs(120);

/// A running headless Chromium. Closed (and its profile deleted) on drop,
/// and when the process is stopped by a signal (`crate::stopping`).
pub struct Browser {
    child: Child,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    /// Events that arrived while waiting for a response.
    events: VecDeque<Value>,
    _profile: crate::stopping::TempDir,
    _listed: crate::stopping::Listed,
}

impl Browser {
    /// Starts Chromium with a fresh profile and connects to it. It leads a
    /// process group of its own, which holds every process it starts (on
    /// Windows, its processes are ended as a tree).
    pub fn launch(executable: &Path) -> Result<Browser> {
        let profile = crate::stopping::TempDir::new("studyguide-chromium-", None)?;
        let mut command = Command::new(executable);
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            command.process_group(0);
        }
        let mut child = command
            .args(super::flags())
            .arg("--remote-debugging-port=0")
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .with_context(|| format!("could not start {}", executable.display()))?;
        let listed = crate::stopping::child(child.id());

        // Chromium prints the DevTools address on stderr; keep draining it
        // afterwards so it never blocks on a full pipe.
        let stderr = child.stderr.take().context("no stderr from Chromium")?;
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut sent = false;
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if !sent && let Some(url) = line.strip_prefix("DevTools listening on ") {
                    let _ = tx.send(url.trim().to_owned());
                    sent = true;
                }
            }
        });
        let url = match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(url) => url,
            Err(_) => {
                crate::stopping::end_group(&mut child);
                bail!("Chromium ({}) started but did not open its DevTools port", executable.display());
            }
        };

        let config = tungstenite::protocol::WebSocketConfig::default()
            .max_message_size(Some(1 << 30))
            .max_frame_size(Some(1 << 30));
        let (socket, _) = tungstenite::client::connect_with_config(url.as_str(), Some(config), 3)
            .with_context(|| format!("could not connect to Chromium at {url}"))?;
        if let MaybeTlsStream::Plain(stream) = socket.get_ref() {
            stream.set_read_timeout(Some(Duration::from_millis(500)))?;
        }
        Ok(Browser { child, socket, next_id: 0, events: VecDeque::new(), _profile: profile, _listed: listed })
    }

    /// Sends a command and waits for its result.
    pub fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Result<Value> {
        self.call_within(session, method, params, CALL_TIMEOUT)
    }

    /// Sends a command and waits up to `timeout` for its result.
    fn call_within(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: Value,
        timeout: Duration,
    ) -> Result<Value> {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        self.socket.send(Message::text(message.to_string()))?;
        let deadline = Instant::now() + timeout;
        loop {
            let reply = self.receive(deadline).with_context(|| format!("waiting for {method}"))?;
            if reply.get("id").and_then(Value::as_u64) == Some(id) {
                if let Some(error) = reply.get("error") {
                    bail!(
                        "Chromium refused {method}: {}",
                        error["message"].as_str().unwrap_or("unknown error")
                    );
                }
                return Ok(reply.get("result").cloned().unwrap_or(Value::Null));
            }
            if reply.get("method").is_some() {
                self.events.push_back(reply);
            }
        }
    }

    /// Waits for an event, e.g. `Page.loadEventFired`, on a session.
    pub fn wait_for_event(&mut self, session: &str, method: &str, timeout: Duration) -> Result<Value> {
        let matches = |e: &Value| e["method"] == method && e["sessionId"] == session;
        if let Some(at) = self.events.iter().position(matches) {
            return Ok(self.events.remove(at).expect("event at a found position"));
        }
        let deadline = Instant::now() + timeout;
        loop {
            let event = self.receive(deadline).with_context(|| format!("waiting for {method}"))?;
            if matches(&event) {
                return Ok(event);
            }
            if event.get("method").is_some() {
                self.events.push_back(event);
            }
        }
    }

    fn receive(&mut self, deadline: Instant) -> Result<Value> {
        loop {
            if Instant::now() > deadline {
                bail!("Chromium did not answer in time");
            }
            match self.socket.read() {
                Ok(Message::Text(text)) => return Ok(serde_json::from_str(text.as_str())?),
                Ok(_) => continue,
                Err(tungstenite::Error::Io(e))
                    if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) =>
                {
                    if let Some(status) = self.child.try_wait()? {
                        bail!("Chromium exited ({status})");
                    }
                }
                Err(e) => return Err(anyhow!("lost the connection to Chromium: {e}")),
            }
        }
    }

    /// Opens a new tab and attaches to it.
    pub fn new_page(&mut self) -> Result<Page<'_>> {
        let target = self.call(None, "Target.createTarget", json!({ "url": "about:blank" }))?;
        let target_id = target["targetId"].as_str().context("no target id")?.to_owned();
        let attached =
            self.call(None, "Target.attachToTarget", json!({ "targetId": target_id, "flatten": true }))?;
        let session = attached["sessionId"].as_str().context("no session id")?.to_owned();
        let mut page = Page { browser: self, session, patience: CALL_TIMEOUT };
        page.call("Page.enable", json!({}))?;
        page.call("Runtime.enable", json!({}))?;
        Ok(page)
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.call(None, "Browser.close", json!({}));
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        crate::stopping::end_group(&mut self.child);
    }
}

/// The page's script threw: the browser is still there, unlike with the
/// other errors of [`Page::evaluate`].
#[derive(Debug)]
pub(crate) struct ScriptError(pub String);

impl std::fmt::Display for ScriptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ScriptError {}

/// One tab of a [`Browser`].
pub struct Page<'b> {
    browser: &'b mut Browser,
    session: String,
    /// How long loading, a script or printing may take before Chromium is
    /// taken for stuck.
    patience: Duration,
}

impl Page<'_> {
    /// Waits longer for this page's loading, scripts and printing: a page
    /// whose cost grows with the book (the print page).
    pub fn be_patient(&mut self, patience: Duration) {
        self.patience = self.patience.max(patience);
    }

    /// Calls a protocol method in this page's session.
    pub fn call(&mut self, method: &str, params: Value) -> Result<Value> {
        self.browser.call_within(Some(&self.session), method, params, self.patience)
    }

    /// Loads `url` and waits for its load event.
    pub fn navigate(&mut self, url: &str) -> Result<()> {
        let result = self.call("Page.navigate", json!({ "url": url }))?;
        if let Some(error) = result.get("errorText").and_then(Value::as_str) {
            bail!("could not open {url}: {error}");
        }
        self.browser
            .wait_for_event(&self.session, "Page.loadEventFired", self.patience)
            .with_context(|| format!("{url} did not finish loading"))?;
        Ok(())
    }

    /// Evaluates an expression, awaiting it if it is a promise, and returns
    /// its value as JSON. A thrown exception is an error.
    pub fn evaluate(&mut self, expression: &str) -> Result<Value> {
        let result = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "awaitPromise": true, "returnByValue": true }),
        )?;
        if let Some(exception) = result.get("exceptionDetails") {
            let text = exception["exception"]["description"]
                .as_str()
                .or_else(|| exception["text"].as_str())
                .unwrap_or("script error");
            return Err(ScriptError(text.to_owned()).into());
        }
        Ok(result["result"]["value"].clone())
    }

    /// Prints the page with `Page.printToPDF`; returns the PDF's bytes.
    pub fn print_to_pdf(&mut self, params: Value) -> Result<Vec<u8>> {
        use base64::Engine;
        let result = self.call("Page.printToPDF", params)?;
        let data = result["data"].as_str().context("Chromium returned no PDF")?;
        Ok(base64::engine::general_purpose::STANDARD.decode(data)?)
    }
}
