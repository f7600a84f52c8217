//! Latency of the servers as a client sees it, through pipes to a real `tact` process.
//!
//! ```sh
//! cargo bench --bench server_latency       # 200 rounds each (run it on the release build: see below)
//! cargo test --bench server_latency        # a few rounds, as a smoke test
//! ```
//!
//! - `lsp didChange -> publish`: a one-word edit of a 2 KB draft, from sending `textDocument/didChange` to
//!   receiving its `publishDiagnostics`, with the debounce set to 0 (what checking and publishing cost), and with
//!   the default 50 ms debounce (minus the debounce: what the user waits for after it);
//! - `mcp cold start`: from spawning `tact mcp` to its `initialize` reply, then the first `check_draft`;
//! - `mcp check_draft`: a warm round trip for a 200-character and a 2 KB draft.
//!
//! `cargo bench` builds the bench profile (release settings), and the process it measures is
//! `target/release/tact`, built by the same command.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// About 2 KB of a support reply, with a typo and a doubled word, in the shape agents write.
const DRAFT_2KB: &str =
    "Hi Morgan,\n\nThank you for getting back to us, and sorry for the wait over the weekend. I have \
looked at your account and at the order you placed on the 3rd: the parcel left our warehouse on Monday morning and \
the carrier scanned it at their depot the same evening. Since then the tracking page has not moved, which usually \
means the parcel is waiting for the next delivery round rather than lost.\n\nHere is what I have done so far. I \
opened a trace request with the carrier, who will answer within two working days, and I added a note to your order \
so that anyone on our team who picks up your next message can see the whole story. If the parcel has not arrived \
by Thursday, we will send a replacement at no cost, or refund you in full if you prefer; just tell me which suits \
you better.\n\nIn the meantime, could you check two things for me? First, that the delivery address on the order \
is complete, with the flat number, because the carrier sometimes holds parcels when a number is missing. Second, \
whether a neighbour or the building's reception might have taken it in, as the driver does not always leave a \
card.\n\nI know this is not the news you were hoping for, especially as the order was a birthday present. I have \
set a reminder to check the tracking myself on Wednesday and I will write to you then, whatever it shows, so you \
do not have to chase us. If anything changes on your side before that, reply to this message and it will come \
straight back to me.\n\nThanks again for your patience, and I am sorry the the delivery has been such a hassle. \
We will get this sorted for you one way or another.\n\nHave a good evening,\nSam from the support team\n";

const DRAFT_SHORT: &str = "Hi Sarah, thanks for reaching out! I've checked your order #48213 and it left our \
warehouse yesterday.\nYou should recieve it by Friday. Let me know if anything else comes up.\nBest regards,\nTom\n";

fn tact() -> &'static str {
    env!("CARGO_BIN_EXE_tact")
}

fn spawn(subcommand: &str) -> (Child, ChildStdin, BufReader<ChildStdout>) {
    let mut child = Command::new(tact())
        .arg(subcommand)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("tact starts");
    let stdin = child.stdin.take().expect("stdin");
    let stdout = BufReader::new(child.stdout.take().expect("stdout"));
    (child, stdin, stdout)
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

/// Median and 90th percentile, in milliseconds.
fn summary(mut samples: Vec<f64>) -> String {
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    format!(
        "median {:7.2} ms   p90 {:7.2} ms   ({} rounds)",
        at(0.5),
        at(0.9),
        samples.len()
    )
}

struct Lsp {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Lsp {
    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn receive(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            self.stdout.read_line(&mut line).expect("header");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = value.parse().expect("length");
            }
        }
        let mut body = vec![0; length];
        self.stdout.read_exact(&mut body).expect("body");
        serde_json::from_slice(&body).expect("JSON")
    }

    fn start(debounce_ms: u64) -> Lsp {
        let (child, stdin, stdout) = spawn("lsp");
        let mut lsp = Lsp { child, stdin, stdout };
        lsp.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "processId": null, "rootUri": null, "capabilities": {"general": {"positionEncodings": ["utf-16"]}},
            "initializationOptions": {"debounceMs": debounce_ms}}}));
        while lsp.receive().get("id") != Some(&json!(1)) {}
        lsp.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        lsp
    }

    /// Waits for the diagnostics of `version`.
    fn published(&mut self, version: i64) -> usize {
        loop {
            let message = self.receive();
            if message["method"] == "textDocument/publishDiagnostics" && message["params"]["version"] == version {
                return message["params"]["diagnostics"].as_array().map_or(0, Vec::len);
            }
        }
    }

    fn stop(mut self) {
        self.send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
        self.send(json!({"jsonrpc": "2.0", "method": "exit"}));
        let _ = self.child.wait();
    }
}

/// Edits of one word back and forth ("order" and the typo "ordre"), each a new version.
fn lsp_change_latency(debounce_ms: u64, rounds: usize) -> Vec<f64> {
    let mut lsp = Lsp::start(debounce_ms);
    let uri = "untitled:/reply.txt";
    lsp.send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "plaintext", "version": 1, "text": DRAFT_2KB}}}),
    );
    lsp.published(1);
    let at = DRAFT_2KB.find("the order").expect("word") + 4;
    let line = DRAFT_2KB[..at].matches('\n').count();
    let column = at - DRAFT_2KB[..at].rfind('\n').map_or(0, |i| i + 1);
    let mut samples = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let version = round as i64 + 2;
        let (old, new) = if round % 2 == 0 {
            ("order", "ordre")
        } else {
            ("ordre", "order")
        };
        let range = json!({"start": {"line": line, "character": column},
                           "end": {"line": line, "character": column + old.len()}});
        let started = Instant::now();
        lsp.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": range, "text": new}]}}));
        lsp.published(version);
        samples.push(ms(started.elapsed()) - debounce_ms as f64);
    }
    lsp.stop();
    samples
}

fn mcp_request(stdin: &mut ChildStdin, stdout: &mut BufReader<ChildStdout>, request: &Value) -> Value {
    writeln!(stdin, "{request}").expect("write");
    stdin.flush().expect("flush");
    let mut line = String::new();
    stdout.read_line(&mut line).expect("reply");
    serde_json::from_str(&line).expect("JSON")
}

fn check_draft(id: usize, text: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "method": "tools/call",
           "params": {"name": "check_draft", "arguments": {"text": text}}})
}

fn mcp(rounds: usize) {
    let started = Instant::now();
    let (mut child, mut stdin, mut stdout) = spawn("mcp");
    let initialize = json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
        "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}}});
    mcp_request(&mut stdin, &mut stdout, &initialize);
    let cold = started.elapsed();
    let first = Instant::now();
    let reply = mcp_request(&mut stdin, &mut stdout, &check_draft(1, DRAFT_SHORT));
    assert_eq!(reply["result"]["isError"], false, "{reply}");
    println!("mcp cold start (spawn -> initialize reply): {:7.2} ms", ms(cold));
    println!(
        "mcp first check_draft after initialize:      {:7.2} ms",
        ms(first.elapsed())
    );
    for (name, text) in [("200 B", DRAFT_SHORT), ("2 KB", DRAFT_2KB)] {
        let samples = (0..rounds)
            .map(|i| {
                let started = Instant::now();
                mcp_request(&mut stdin, &mut stdout, &check_draft(i + 2, text));
                ms(started.elapsed())
            })
            .collect();
        println!("mcp check_draft {name:>6} warm round trip:    {}", summary(samples));
    }
    drop(stdin);
    let _ = child.wait();
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` does not, and gets a smoke run.
    let rounds = if std::env::args().any(|a| a == "--bench") {
        200
    } else {
        3
    };
    println!(
        "lsp didChange -> publish, 2 KB, debounce 0:      {}",
        summary(lsp_change_latency(0, rounds))
    );
    println!(
        "lsp didChange -> publish, 2 KB, after 50 ms:     {}",
        summary(lsp_change_latency(50, rounds))
    );
    mcp(rounds);
}
