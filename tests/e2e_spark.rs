//! The PySpark recipe of `examples/spark/` on a real engine (Spark in local mode): a few thousand synthetic records
//! with bad rows among them go through one tact process per partition, and every input row must come back once,
//! with the same results as one process over the whole file.
//!
//! Needs Java and a Python with pyspark, pandas and pyarrow: `.ci/run` installs them (the Python in
//! `target/e2e-venv`, or the one `TACT_E2E_PYTHON` names). Without them the test says so and passes, unless
//! `TACT_REQUIRE_E2E=1` (set by CI), where their absence fails it.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const RECORDS: usize = 3000;
const BAD_EVERY: usize = 40;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The Python to run Spark with, or why there is none.
fn spark_python() -> Result<PathBuf, String> {
    let python = std::env::var_os("TACT_E2E_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/e2e-venv/bin/python"));
    if !python.exists() {
        return Err(format!("no Python at {}", python.display()));
    }
    let probe = Command::new(&python)
        .args(["-c", "import pyspark, pandas, pyarrow"])
        .output()
        .map_err(|e| format!("{}: {e}", python.display()))?;
    if !probe.status.success() {
        return Err(format!("{} lacks pyspark, pandas or pyarrow", python.display()));
    }
    let java = Command::new("java").arg("-version").output();
    if !java.is_ok_and(|o| o.status.success()) {
        return Err("no java on PATH".to_string());
    }
    Ok(python)
}

fn required() -> bool {
    std::env::var("TACT_REQUIRE_E2E").is_ok_and(|v| v == "1")
}

fn run(command: &mut Command) -> std::process::Output {
    let output = command.output().expect("command starts");
    assert!(
        output.status.success(),
        "{command:?} exited with {:?}\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn one_process(history: &Path) -> Vec<Value> {
    let output = Command::new(env!("CARGO_BIN_EXE_tact"))
        .args([
            "check",
            "--no-config",
            "--input-format",
            "jsonl",
            "--format",
            "jsonl",
            "--exit-zero",
        ])
        .arg(history)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn spark_audits_a_history_without_losing_a_row() {
    let python = match spark_python() {
        Ok(python) => python,
        Err(why) if !required() => {
            println!("skipped: the Spark end-to-end test needs Java and pyspark ({why}); .ci/run installs them");
            return;
        }
        Err(why) => panic!("TACT_REQUIRE_E2E=1 but {why}"),
    };
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("history.jsonl");
    let generated = run(Command::new(&python)
        .arg(root().join("examples/spark/generate_history.py"))
        .args([RECORDS.to_string(), "--bad-every".into(), BAD_EVERY.to_string()]));
    std::fs::write(&history, &generated.stdout).unwrap();

    let summary_path = dir.path().join("summary.json");
    let output_path = dir.path().join("audit.parquet");
    run(Command::new(&python)
        .arg(root().join("examples/spark/audit_history.py"))
        .arg(&history)
        .args(["--partitions", "4", "--tact", env!("CARGO_BIN_EXE_tact")])
        .arg("--summary")
        .arg(&summary_path)
        .arg("--output")
        .arg(&output_path)
        .env("PYSPARK_PYTHON", &python)
        .env_remove("JAVA_HOME")
        .current_dir(dir.path()));
    let summary: Value = serde_json::from_str(&std::fs::read_to_string(&summary_path).unwrap()).unwrap();

    // Every row answered, the bad ones as error rows.
    assert_eq!(summary["rows"], RECORDS, "{summary:#}");
    assert_eq!(summary["rows_answered"], RECORDS, "{summary:#}");
    assert_eq!(summary["error_rows"], RECORDS / BAD_EVERY, "{summary:#}");
    // The same results as a single process over the whole file.
    let whole = one_process(&history);
    let count = |pred: &dyn Fn(&Value) -> bool| whole.iter().filter(|o| pred(o)).count();
    assert_eq!(summary["objects"], whole.len(), "{summary:#}");
    assert_eq!(summary["drafts"], count(&|o| o["score"].is_u64()), "{summary:#}");
    assert_eq!(
        summary["drafts_failed"],
        count(&|o| o["passed"] == false),
        "{summary:#}"
    );
    let diagnostics: usize = whole
        .iter()
        .map(|o| o["diagnostics"].as_array().map_or(0, Vec::len))
        .sum();
    let by_category: u64 = summary["diagnostics_by_category"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(by_category as usize, diagnostics, "{summary:#}");
    // Typed columns: `message` is an integer even though most rows have none.
    assert_eq!(summary["column_types"]["message"], "int", "{summary:#}");
    assert_eq!(summary["column_types"]["line"], "bigint", "{summary:#}");
}
