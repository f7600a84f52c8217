#!/usr/bin/env python3
"""Audit a whole support history with tact in PySpark: one `tact check` process per partition, typed columns,
exit status and counts checked, bad rows kept as error rows.

    spark-submit examples/spark/audit_history.py history.jsonl --partitions 8 --output audit.parquet
    python3 examples/spark/audit_history.py history.jsonl --tact target/release/tact   # local mode

Input: JSON Lines, one draft or conversation record per line (see the README). Each partition's lines are piped
through

    tact check - --input-format jsonl --format jsonl --exit-zero --fields ...

which writes, in order, one object per draft record, one per checked message of a conversation record, and one
error object in place of a line it cannot read. Every object carries `line`, the 1-based line in what it was fed,
so the job maps it back to the row it came from. The job fails (rather than losing rows) when tact exits with 2
or when a row comes back without an answer; blank lines are not records and are dropped before tact sees them.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys

# The columns tact writes, typed (see `tact schema`): `conversation` and `message` are null for draft records, so
# Spark would guess them as strings; an explicit schema keeps `message` an integer.
POSITION = "struct<byte: bigint, char: bigint>"
DIAGNOSTIC = (
    "struct<rule: string, category: string, severity: string, message: string, "
    f"draft: struct<start: {POSITION}, end: {POSITION}>, suggestions: array<string>>"
)
TACT_SCHEMA = (
    "source string, id string, line bigint, conversation string, message int, lang string, role string, "
    "author string, channel string, score int, passed boolean, "
    f"diagnostics array<{DIAGNOSTIC}>, "
    "error struct<kind: string, message: string, column: bigint>"
)
# What the table keeps of each diagnostic: the help text and file positions would only repeat in every row.
FIELDS = "rule,category,severity,message,draft,suggestions"


def tact_partition(tact, extra_args):
    """mapInPandas function: every batch of the partition through one tact process."""

    def run(batches):
        import pandas as pd

        frames = list(batches)
        if not frames:
            return
        rows = pd.concat(frames, ignore_index=True)
        command = [tact, "check", "-", "--input-format", "jsonl", "--format", "jsonl", "--exit-zero",
                   "--fields", FIELDS, "--no-config", *extra_args]
        stdin = "".join(value + "\n" for value in rows["value"])
        done = subprocess.run(command, input=stdin.encode("utf-8"), capture_output=True, check=False)
        if done.returncode != 0:
            # Under --exit-zero only a usage, configuration or I/O error exits non-zero: stop the job and say why.
            raise RuntimeError(f"tact exited with {done.returncode}: {done.stderr.decode('utf-8', 'replace')}")
        row_ids, outputs = [], []
        answered = set()
        for text in done.stdout.decode("utf-8").splitlines():
            line = json.loads(text)["line"]
            answered.add(line)
            row_ids.append(int(rows["row_id"].iloc[line - 1]))
            outputs.append(text)
        missing = len(rows) - len(answered)
        if missing:
            raise RuntimeError(f"{missing} of {len(rows)} rows came back from tact without an answer")
        yield pd.DataFrame({"row_id": pd.Series(row_ids, dtype="int64"), "json": outputs})

    return run


def audit(spark, path, tact, partitions, extra_args=()):
    """The history at `path` as a DataFrame of typed tact results, one row per output object, with `row_id` (the
    input row) and the input row count; raises when a row is lost."""
    from pyspark.sql import functions as F

    lines = spark.read.text(path).withColumn("row_id", F.monotonically_increasing_id())
    lines = lines.where(F.trim("value") != "")
    if partitions:
        lines = lines.repartition(partitions)
    # Within a partition, tact numbers rows as it reads them; sorting keeps that order the row_id order.
    lines = lines.sortWithinPartitions("row_id")
    lines.cache()
    rows = lines.count()
    raw = lines.mapInPandas(tact_partition(tact, list(extra_args)), "row_id long, json string")
    results = raw.select("row_id", F.from_json("json", TACT_SCHEMA).alias("r")).select("row_id", "r.*")
    return results, rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("history", help="JSON Lines file or folder")
    parser.add_argument("--tact", default=shutil.which("tact") or "tact", help="path to the tact binary")
    parser.add_argument("--partitions", type=int, default=0, help="repartition to this many (0: as read)")
    parser.add_argument("--output", help="write the results here as Parquet")
    parser.add_argument("--summary", help="write the counts here as JSON")
    parser.add_argument("tact_args", nargs="*", help="more `tact check` arguments (after --)")
    args = parser.parse_args()

    from pyspark.sql import SparkSession, functions as F

    spark = SparkSession.builder.appName("tact-audit").getOrCreate()
    tact = os.path.abspath(args.tact) if os.path.exists(args.tact) else args.tact
    results, rows = audit(spark, args.history, tact, args.partitions, args.tact_args)
    results.cache()
    counts = results.agg(
        F.count("*").alias("objects"),
        F.countDistinct("row_id").alias("rows_answered"),
        F.sum(F.col("error").isNotNull().cast("int")).alias("error_rows"),
        F.sum((F.col("error").isNull() & F.col("score").isNotNull()).cast("int")).alias("drafts"),
        F.sum((F.col("passed") == F.lit(False)).cast("int")).alias("drafts_failed"),
    ).first().asDict()
    counts["rows"] = rows
    if counts["rows_answered"] != rows:
        raise SystemExit(f"{rows - counts['rows_answered']} rows lost")
    by_category = (
        results.select(F.explode("diagnostics").alias("d"))
        .groupBy("d.category")
        .count()
        .orderBy(F.desc("count"))
        .collect()
    )
    counts["diagnostics_by_category"] = {row["category"]: row["count"] for row in by_category}
    counts["column_types"] = {field.name: field.dataType.simpleString() for field in results.schema.fields}
    if args.output:
        results.write.mode("overwrite").parquet(args.output)
    print(json.dumps(counts, indent=2))
    if args.summary:
        with open(args.summary, "w", encoding="utf-8") as out:
            json.dump(counts, out, indent=2)
    spark.stop()


if __name__ == "__main__":
    sys.exit(main())
