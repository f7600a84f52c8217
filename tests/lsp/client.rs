//! A scripted LSP client over an in-memory connection to `tact::lsp::serve` on its own thread.

use std::cell::{Cell, RefCell};
use std::path::Path;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{json, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

const TIMEOUT: Duration = Duration::from_secs(30);

pub struct Client {
    connection: Connection,
    server: Option<JoinHandle<Result<(), String>>>,
    next_id: Cell<i32>,
    /// Notifications received while waiting for something else.
    inbox: RefCell<Vec<Notification>>,
    /// Methods of the requests the server sent.
    asked: RefCell<Vec<String>>,
    /// What the client answers to `workspace/configuration`.
    configuration: RefCell<Value>,
}

pub fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for byte in path.to_str().expect("UTF-8 path").bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

impl Client {
    pub fn start(encoding: Encoding, options: Value) -> Client {
        let offered: &[&str] = match encoding {
            Encoding::Utf8 => &["utf-8", "utf-16"],
            Encoding::Utf16 => &["utf-16"],
        };
        let (client, result) = Client::start_offering(offered, options);
        let expected = match encoding {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
        };
        assert_eq!(result["capabilities"]["positionEncoding"], expected);
        client
    }

    pub fn start_offering(encodings: &[&str], options: Value) -> (Client, Value) {
        let (server_side, client_side) = Connection::memory();
        let server = std::thread::spawn(move || tact::lsp::serve(&server_side));
        let client = Client {
            connection: client_side,
            server: Some(server),
            next_id: Cell::new(1),
            inbox: RefCell::default(),
            asked: RefCell::default(),
            configuration: RefCell::new(Value::Null),
        };
        let mut capabilities = json!({
            "workspace": {"configuration": true, "didChangeWatchedFiles": {"dynamicRegistration": true}},
            "textDocument": {"codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}}},
        });
        if !encodings.is_empty() {
            capabilities["general"] = json!({"positionEncodings": encodings});
        }
        let result = client.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities, "initializationOptions": options}),
        );
        client.notify("initialized", json!({}));
        (client, result)
    }

    pub fn notify(&self, method: &str, params: Value) {
        self.connection
            .sender
            .send(Notification::new(method.to_string(), params).into())
            .expect("server alive");
    }

    fn send_request(&self, method: &str, params: Value) -> RequestId {
        let id = RequestId::from(self.next_id.get());
        self.next_id.set(self.next_id.get() + 1);
        self.connection
            .sender
            .send(Request::new(id.clone(), method.to_string(), params).into())
            .expect("server alive");
        id
    }

    fn response(&self, id: RequestId) -> Response {
        loop {
            match self.receive() {
                Message::Response(response) if response.id == id => return response,
                Message::Response(_) => {}
                Message::Notification(notification) => self.inbox.borrow_mut().push(notification),
                Message::Request(request) => self.answer(request),
            }
        }
    }

    pub fn request(&self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        match self.response(id).response_result {
            Ok(value) => value,
            Err(error) => panic!("{method} failed: {error:?}"),
        }
    }

    pub fn request_error(&self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        match self.response(id).response_result {
            Ok(value) => panic!("{method} should fail, got {value}"),
            Err(error) => serde_json::to_value(error).expect("serialisable"),
        }
    }

    fn receive(&self) -> Message {
        self.connection
            .receiver
            .recv_timeout(TIMEOUT)
            .expect("the server answers in time")
    }

    /// Answers the server's own requests as an editor would.
    fn answer(&self, request: Request) {
        self.asked.borrow_mut().push(request.method.clone());
        let result = match request.method.as_str() {
            "workspace/configuration" => json!([self.configuration.borrow().clone()]),
            _ => Value::Null,
        };
        self.connection
            .sender
            .send(Response::new_ok(request.id, result).into())
            .expect("server alive");
    }

    pub fn set_configuration(&self, settings: Value) {
        *self.configuration.borrow_mut() = settings;
    }

    pub fn was_asked(&self, method: &str) -> bool {
        self.asked.borrow().iter().any(|m| m == method)
    }

    /// The next notification of `method` matching `filter`, in arrival order.
    fn next_notification(&self, method: &str, filter: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let found = {
                let mut inbox = self.inbox.borrow_mut();
                let index = inbox.iter().position(|n| n.method == method && filter(&n.params));
                index.map(|i| inbox.remove(i).params)
            };
            if let Some(params) = found {
                return params;
            }
            assert!(Instant::now() < deadline, "no {method} notification");
            match self.receive() {
                Message::Notification(notification) => self.inbox.borrow_mut().push(notification),
                Message::Request(request) => self.answer(request),
                Message::Response(_) => {}
            }
        }
    }

    /// The next diagnostics published for `uri`.
    pub fn diagnostics(&self, uri: &str) -> Value {
        self.next_notification("textDocument/publishDiagnostics", |p| p["uri"] == uri)
    }

    /// The messages shown so far (`window/showMessage`).
    pub fn shown_messages(&self) -> Vec<String> {
        // A round trip makes sure every earlier notification has arrived.
        let id = self.send_request("tact/unknown", json!({}));
        let _ = self.response(id);
        self.inbox
            .borrow()
            .iter()
            .filter(|n| n.method == "window/showMessage")
            .map(|n| n.params["message"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    pub fn open_text(&self, name: &str, text: &str) -> String {
        self.open_text_as(name, text, "plaintext")
    }

    /// Opens an unsaved document (no file behind it) named `name`.
    pub fn open_text_as(&self, name: &str, text: &str, language: &str) -> String {
        let uri = format!("untitled:/{name}");
        self.open_uri(&uri, text, language);
        uri
    }

    pub fn open_path(&self, path: &Path, text: &str, language: &str) -> String {
        let uri = file_uri(path);
        self.open_uri(&uri, text, language);
        uri
    }

    fn open_uri(&self, uri: &str, text: &str, language: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    pub fn change(&self, uri: &str, version: i32, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    pub fn shutdown(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let server = self.server.take().expect("started");
        server.join().expect("server thread").expect("server ends cleanly");
    }
}
