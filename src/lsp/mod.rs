//! `tact lsp`: a Language Server Protocol server on stdio, synchronous (lsp-server, as ruff's server), over the same
//! library entry points as `tact check`. It owns only the protocol, the open documents and positions; every verdict
//! comes from [`crate::pipeline`].
//!
//! Diagnostics are published on open and save at once, and after a change once the user pauses typing (a short
//! debounce, 50 ms by default); they are cleared on close. Code actions apply a fix or a suggestion, add a word to the
//! nearest `.tact/words.txt`, or disable the rule for the draft; hover shows `tact explain`.

mod actions;
mod diagnostics;
mod documents;
mod hover;
mod position;
mod server;
mod settings;
mod uri;

pub use actions::ADD_WORD;
pub use position::Encoding;
pub use server::serve;

/// Runs the server on stdin/stdout until the client says `exit` or closes the stream.
pub fn run_stdio() -> Result<(), String> {
    let (connection, io_threads) = lsp_server::Connection::stdio();
    let served = serve(&connection);
    drop(connection);
    // When the client's stream breaks, the reading thread knows why; the loop only sees the channel close.
    let transport = io_threads
        .join()
        .map_err(|e| format!("invalid input from the client: {e}"));
    transport.and(served)
}
