//! The message loop: initialization, dispatch, and the debounce between a change and its diagnostics.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as notif, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability, DidChangeConfigurationParams,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, ExecuteCommandOptions, ExecuteCommandParams, HoverParams, HoverProviderCapability,
    InitializeParams, MessageType, PublishDiagnosticsParams, SaveOptions, ServerCapabilities,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, Uri,
};

use super::actions::{code_actions, ADD_WORD};
use super::diagnostics::{document_dir, lint, Linted};
use super::documents::OpenDocument;
use super::position::Encoding;
use super::settings::{affects_settings, ClientSettings, SettingsStore};
use super::uri::uri_to_path;

/// The pause after a keystroke before a document is checked: short enough to feel immediate, long enough that a
/// burst of typing is checked once.
const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(50);

/// The id of the server's own `workspace/configuration` request.
const CONFIGURATION_REQUEST: &str = "tact/configuration";

struct Server<'c> {
    connection: &'c Connection,
    encoding: Encoding,
    documents: HashMap<Uri, OpenDocument>,
    linted: HashMap<Uri, Linted>,
    /// Documents changed and not yet checked, with when to check them.
    pending: HashMap<Uri, Instant>,
    settings: SettingsStore,
    /// Whether the client answers `workspace/configuration` (asked when a change notification carries no settings).
    pulls_configuration: bool,
}

/// Serves one client on `connection` until `exit` or until the client goes away.
pub fn serve(connection: &Connection) -> Result<(), String> {
    let (id, params) = connection.initialize_start().map_err(|e| {
        if e.channel_is_disconnected() {
            "the client closed the connection before initializing".to_string()
        } else {
            e.to_string()
        }
    })?;
    let params: InitializeParams =
        serde_json::from_value(params).map_err(|e| format!("invalid initialize request: {e}"))?;
    let encoding = Encoding::negotiate(
        params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref()),
    );
    let capabilities = ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            save: Some(
                SaveOptions {
                    include_text: Some(false),
                }
                .into(),
            ),
            ..TextDocumentSyncOptions::default()
        })),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![ADD_WORD.to_string()],
            ..ExecuteCommandOptions::default()
        }),
        ..ServerCapabilities::default()
    };
    let result = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": {"name": "tact", "version": env!("CARGO_PKG_VERSION")},
    });
    connection.initialize_finish(id, result).map_err(|e| e.to_string())?;

    let workspace = params.capabilities.workspace.as_ref();
    let watches = workspace
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    let mut server = Server {
        connection,
        encoding,
        documents: HashMap::new(),
        linted: HashMap::new(),
        pending: HashMap::new(),
        settings: SettingsStore::default(),
        pulls_configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
    };
    #[allow(deprecated)] // `root_uri` is what clients without workspace folders still send.
    let root = params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .map(|folder| folder.uri.clone())
        .or(params.root_uri.clone());
    server.settings.root = root.as_ref().and_then(uri_to_path);
    match ClientSettings::from_value(params.initialization_options.as_ref()) {
        Ok(client) => server.settings.set_client(client),
        Err(err) => server.show(MessageType::WARNING, err),
    }
    if watches {
        server.watch_settings_files();
    }
    server.run()
}

impl Server<'_> {
    fn run(&mut self) -> Result<(), String> {
        loop {
            let next = self.pending.values().min().copied();
            let message = match next {
                Some(deadline) => match self.connection.receiver.recv_deadline(deadline) {
                    Ok(message) => Some(message),
                    Err(err) if err.is_timeout() => None,
                    Err(_) => return Ok(()),
                },
                None => match self.connection.receiver.recv() {
                    Ok(message) => Some(message),
                    Err(_) => return Ok(()),
                },
            };
            match message {
                // After `shutdown` the server only waits for `exit`; answers to its own requests may still arrive.
                Some(Message::Request(request)) if request.method == req::Shutdown::METHOD => {
                    self.send(Response::new_ok(request.id, ()));
                    self.pending.clear();
                }
                Some(Message::Request(request)) => self.request(request),
                Some(Message::Notification(notification)) => {
                    if notification.method == notif::Exit::METHOD {
                        return Ok(());
                    }
                    self.notification(notification);
                }
                Some(Message::Response(response)) => self.response(response),
                None => {}
            }
            self.check_due();
        }
    }

    fn debounce(&self) -> Duration {
        self.settings
            .client
            .debounce_ms
            .map_or(DEFAULT_DEBOUNCE, Duration::from_millis)
    }

    fn send(&self, message: impl Into<Message>) {
        // The client went away: the loop ends on the next receive.
        let _ = self.connection.sender.send(message.into());
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_string(), params));
    }

    fn show(&self, typ: MessageType, message: String) {
        self.notify::<notif::ShowMessage>(lsp_types::ShowMessageParams { typ, message });
    }

    fn log_warnings(&mut self) {
        for warning in std::mem::take(&mut self.settings.warnings) {
            self.notify::<notif::LogMessage>(lsp_types::LogMessageParams {
                typ: MessageType::WARNING,
                message: format!("tact: {warning}"),
            });
        }
    }

    /// Asks the client to report changes to configuration and words files, wherever they are.
    fn watch_settings_files(&self) {
        let watchers: Vec<serde_json::Value> = ["**/tact.toml", "**/.tact.toml", "**/.tact/*.txt"]
            .iter()
            .map(|glob| serde_json::json!({"globPattern": glob}))
            .collect();
        let params = serde_json::json!({"registrations": [{
            "id": "tact-settings-files",
            "method": notif::DidChangeWatchedFiles::METHOD,
            "registerOptions": {"watchers": watchers},
        }]});
        self.send(Request::new(
            RequestId::from("tact/watch".to_string()),
            req::RegisterCapability::METHOD.to_string(),
            params,
        ));
    }

    /// Checks a document now and publishes its diagnostics.
    fn check(&mut self, uri: &Uri) {
        self.pending.remove(uri);
        let Some(document) = self.documents.get(uri) else {
            return;
        };
        let linted = lint(document, &mut self.settings, self.encoding);
        self.log_warnings();
        self.notify::<notif::PublishDiagnostics>(PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics: linted.diagnostics.clone(),
            version: Some(linted.version),
        });
        self.linted.insert(uri.clone(), linted);
    }

    fn check_due(&mut self) {
        let now = Instant::now();
        let due: Vec<Uri> = self
            .pending
            .iter()
            .filter(|(_, deadline)| **deadline <= now)
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in due {
            self.check(&uri);
        }
    }

    /// A configuration or words file changed: every open document may read differently.
    fn recheck_all(&mut self) {
        self.settings.invalidate();
        let uris: Vec<Uri> = self.documents.keys().cloned().collect();
        for uri in uris {
            self.check(&uri);
        }
    }

    /// Results for a request about `uri`: a change still waiting for its debounce is checked first.
    fn current(&mut self, uri: &Uri) -> Option<(&OpenDocument, &Linted)> {
        if self.pending.contains_key(uri) || !self.linted.contains_key(uri) {
            self.check(uri);
        }
        Some((self.documents.get(uri)?, self.linted.get(uri)?))
    }

    fn notification(&mut self, notification: Notification) {
        let method = notification.method.clone();
        let result =
            match method.as_str() {
                notif::DidOpenTextDocument::METHOD => {
                    notification
                        .extract::<DidOpenTextDocumentParams>(&method)
                        .map(|params| {
                            let item = params.text_document;
                            let document = OpenDocument::new(&item.uri, item.text, item.version, item.language_id);
                            self.documents.insert(item.uri.clone(), document);
                            self.check(&item.uri);
                        })
                }
                notif::DidChangeTextDocument::METHOD => notification
                    .extract::<DidChangeTextDocumentParams>(&method)
                    .map(|params| {
                        let uri = params.text_document.uri;
                        if let Some(document) = self.documents.get_mut(&uri) {
                            document.apply(params.content_changes, params.text_document.version, self.encoding);
                            self.pending.insert(uri, Instant::now() + self.debounce());
                        }
                    }),
                notif::DidSaveTextDocument::METHOD => {
                    notification
                        .extract::<DidSaveTextDocumentParams>(&method)
                        .map(|params| {
                            let uri = params.text_document.uri;
                            if uri_to_path(&uri).is_some_and(|p| affects_settings(&p)) {
                                self.recheck_all();
                            } else if self.documents.contains_key(&uri) {
                                self.check(&uri);
                            }
                        })
                }
                notif::DidCloseTextDocument::METHOD => {
                    notification
                        .extract::<DidCloseTextDocumentParams>(&method)
                        .map(|params| {
                            let uri = params.text_document.uri;
                            self.documents.remove(&uri);
                            self.linted.remove(&uri);
                            self.pending.remove(&uri);
                            self.notify::<notif::PublishDiagnostics>(PublishDiagnosticsParams {
                                uri,
                                diagnostics: Vec::new(),
                                version: None,
                            });
                        })
                }
                notif::DidChangeConfiguration::METHOD => notification
                    .extract::<DidChangeConfigurationParams>(&method)
                    .map(|params| self.configuration_changed(Some(&params.settings))),
                notif::DidChangeWatchedFiles::METHOD => notification
                    .extract::<DidChangeWatchedFilesParams>(&method)
                    .map(|params| {
                        let relevant = params
                            .changes
                            .iter()
                            .any(|change| uri_to_path(&change.uri).is_some_and(|p| affects_settings(&p)));
                        if relevant {
                            self.recheck_all();
                        }
                    }),
                // `initialized`, `$/cancelRequest`, `$/setTrace` and the rest need nothing from tact.
                _ => return,
            };
        if let Err(err) = result {
            self.show(
                MessageType::ERROR,
                format!("tact: invalid {method} notification: {err}"),
            );
        }
    }

    /// New settings from the client; a notification without them (some clients only signal a change) makes the
    /// server ask for the `tact` section.
    fn configuration_changed(&mut self, settings: Option<&serde_json::Value>) {
        let empty = settings.is_none_or(|s| s.is_null() || s.as_object().is_some_and(|o| o.is_empty()));
        if empty && self.pulls_configuration {
            let params = serde_json::json!({"items": [{"section": "tact"}]});
            self.send(Request::new(
                RequestId::from(CONFIGURATION_REQUEST.to_string()),
                req::WorkspaceConfiguration::METHOD.to_string(),
                params,
            ));
            return;
        }
        match ClientSettings::from_value(settings) {
            Ok(client) => {
                self.settings.set_client(client);
                self.recheck_all();
            }
            Err(err) => self.show(MessageType::WARNING, format!("tact: {err}")),
        }
    }

    fn response(&mut self, response: Response) {
        if response.id != RequestId::from(CONFIGURATION_REQUEST.to_string()) {
            return;
        }
        let section = response
            .response_result
            .as_ref()
            .ok()
            .and_then(|r| r.as_array())
            .and_then(|items| items.first())
            .cloned();
        if let Some(section) = section {
            match ClientSettings::from_value(Some(&section)) {
                Ok(client) => {
                    self.settings.set_client(client);
                    self.recheck_all();
                }
                Err(err) => self.show(MessageType::WARNING, format!("tact: {err}")),
            }
        }
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        let method = request.method.clone();
        let result: Result<serde_json::Value, (ErrorCode, String)> = match method.as_str() {
            req::CodeActionRequest::METHOD => parse::<CodeActionParams>(request).map(|params| {
                let encoding = self.encoding;
                let uri = params.text_document.uri;
                let root = self.settings.root.clone();
                match self.current(&uri) {
                    Some((document, linted)) => {
                        let positions = document.positions(encoding);
                        let range = positions.offset(params.range.start)..positions.offset(params.range.end);
                        let dir = document_dir(document, root.as_deref());
                        let actions = code_actions(&uri, document, linted, range, encoding, &dir);
                        serde_json::to_value(actions).unwrap_or_default()
                    }
                    None => serde_json::Value::Null,
                }
            }),
            req::HoverRequest::METHOD => parse::<HoverParams>(request).map(|params| {
                let encoding = self.encoding;
                let at = params.text_document_position_params;
                match self.current(&at.text_document.uri) {
                    Some((document, linted)) => {
                        let offset = document.positions(encoding).offset(at.position);
                        let hover = linted
                            .rules
                            .as_ref()
                            .and_then(|rules| super::hover::hover(document, linted, offset, rules, encoding));
                        serde_json::to_value(hover).unwrap_or_default()
                    }
                    None => serde_json::Value::Null,
                }
            }),
            req::ExecuteCommand::METHOD => {
                parse::<ExecuteCommandParams>(request).and_then(|params| self.execute(params))
            }
            _ => Err((ErrorCode::MethodNotFound, format!("tact does not handle {method}"))),
        };
        let response = match result {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        self.send(response);
    }

    /// `tact.addWord`: writes the word into the nearest words file, then checks every open document again.
    fn execute(&mut self, params: ExecuteCommandParams) -> Result<serde_json::Value, (ErrorCode, String)> {
        if params.command != ADD_WORD {
            return Err((
                ErrorCode::InvalidParams,
                format!("unknown command `{}`", params.command),
            ));
        }
        #[derive(serde::Deserialize)]
        struct AddWord {
            word: String,
            dir: Option<PathBuf>,
            lang: Option<crate::model::Lang>,
        }
        let argument = params.arguments.into_iter().next().unwrap_or_default();
        let add: AddWord =
            serde_json::from_value(argument).map_err(|e| (ErrorCode::InvalidParams, format!("{ADD_WORD}: {e}")))?;
        let dir = add
            .dir
            .or_else(|| self.settings.root.clone())
            .unwrap_or_else(|| PathBuf::from("."));
        let added = crate::config::words_file::add_word(&dir, &add.word, add.lang)
            .map_err(|e| (ErrorCode::RequestFailed, e))?;
        self.recheck_all();
        Ok(serde_json::json!({"file": added.file, "inserted": added.inserted}))
    }
}

fn parse<P: serde::de::DeserializeOwned>(request: Request) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(request.params).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}
