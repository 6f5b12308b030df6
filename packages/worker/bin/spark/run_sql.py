#!/usr/bin/env python3
"""Run one Spark SQL query over a leadscore dataset folder and print the rows as JSON lines.

    python3 run_sql.py --master URL --data DIR --sql FILE [--out -|FILE] [--layout FILE]
    python3 run_sql.py --master URL --batch JOBS.json     (several queries, one Spark session)

An output path ending in .parquet is written by Spark as a Parquet folder (the rows never reach
this process); any other is JSON lines. --timings FILE appends each query's seconds.

Each table of the relational layout (docs/warehouse.md; the folder's layout.json, which
`leadscore export` writes, or --layout FILE: {"table": [["column", "TYPE"], ...]}, types in Spark's
or DuckDB's words) is registered as a temporary view: from `<table>.parquet` (a file or a folder
of parts) or `<table>.csv` (header row, empty cell = NULL, read with the layout's explicit types,
never inferred; one leading apostrophe taken off each text cell, the export's escape of a cell a
spreadsheet would run as a formula), and in a folder written in parts (part-0/, part-1/, ...) the
union of the top's file and every part's; a table without a file is an empty view with the layout's columns. The query's rows are printed one JSON object per line, columns in the query's
order, rows in the order the query gives.

Values: BIGINT/INT as JSON integers, DOUBLE as Python's repr of the float (NaN and the
infinities, which JSON lacks, as the strings "NaN", "Infinity", "-Infinity"), DECIMAL as its exact
digits, BOOLEAN as true/false, NULL as null, arrays as JSON arrays, structs and maps as JSON
objects, DATE/TIMESTAMP as ISO-8601 strings in UTC, BINARY as base64.

Session: spark.sql.session.timeZone=UTC, spark.sql.ansi.enabled=false (Spark 3.5's default, set
explicitly so a Spark 4 session, where ANSI is on by default, behaves the same),
spark.sql.shuffle.partitions=4. Spark's own logging is WARN/ERROR only, on stderr.

Exit codes: 0 rows printed; 1 bad input (missing folder or file, unreadable table, SQL error):
one line on stderr, never a Python traceback; 130 interrupted.

When `python3` lacks pyspark, the script runs itself again with the interpreter of the venv that
scripts/spark/install.sh makes (.cache/spark/venv at the repository's root, or $LEADSCORE_SPARK_VENV).
"""

import json
import os
import sys

PROG = "run_sql"

# The relational layout is declared once, in packages/worker/src/warehouse/tables.ts; an exported
# dataset folder carries it as layout.json ({"table": [["column", "TYPE"], ...]}).
LAYOUT_FILE = "layout.json"


class InputError(Exception):
    """A problem with the user's input, reported as one line."""


def fail(message, code=1):
    line = " ".join(str(message).split())
    sys.stderr.write(f"{PROG}: {line}\n")
    sys.stderr.flush()
    sys.exit(code)


def reexec_with_venv():
    """Run this script with the venv's interpreter when the current one has no pyspark."""
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.abspath(os.path.join(here, "..", "..", "..", ".."))
    venv = os.environ.get("LEADSCORE_SPARK_VENV") or os.path.join(root, ".cache", "spark", "venv")
    python = os.path.join(venv, "bin", "python")
    # A venv's python is a symlink to the base interpreter: compare the prefixes, not the binaries.
    if os.path.exists(python) and os.path.realpath(sys.prefix) != os.path.realpath(venv) \
            and not os.environ.get("LEADSCORE_SPARK_REEXEC"):
        os.environ["LEADSCORE_SPARK_REEXEC"] = "1"
        os.execv(python, [python, os.path.abspath(__file__)] + sys.argv[1:])
    fail("pyspark is not installed: run scripts/spark/install.sh (it makes .cache/spark/venv)")


def parse_args(argv):
    import argparse

    class Parser(argparse.ArgumentParser):
        def error(self, message):  # one line, exit 1 (argparse's own exit is 2 with usage)
            fail(f"{message} (usage: run_sql.py --master URL --data DIR --sql FILE [--out -|FILE])")

    p = Parser(prog="run_sql.py", description="Run one Spark SQL query over a leadscore dataset folder; rows as JSON lines.")
    p.add_argument("--master", default="local[2]", help="Spark master URL: local[2], spark://127.0.0.1:7077, ... (default local[2])")
    p.add_argument("--data", metavar="DIR", help="dataset folder: <table>.parquet or <table>.csv per table, and layout.json")
    p.add_argument("--sql", metavar="FILE", help="file holding one SQL query ('-' for stdin)")
    p.add_argument("--out", default="-", metavar="FILE", help="where the JSON lines go (default '-', stdout)")
    p.add_argument("--layout", metavar="FILE", help='JSON {"table": [["column", "TYPE"], ...]} instead of the folder\'s layout.json')
    p.add_argument("--timings", metavar="FILE", help="appends one JSON line per query: its output and the seconds it took (reading the tables and writing included)")
    p.add_argument("--batch", metavar="FILE", help='JSON [{"data": DIR, "sql": FILE, "out": FILE}, ...]: several queries in one Spark session')
    args = p.parse_args(argv)
    if args.batch is None and (args.data is None or args.sql is None):
        p.error("--data and --sql are required (or --batch)")
    return args


def read_query(path):
    try:
        if path == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8") as f:
                text = f.read()
    except OSError as e:
        raise InputError(f"cannot read the SQL file {path}: {e.strerror or e}")
    query = text.strip()
    while query.endswith(";"):
        query = query[:-1].rstrip()
    if not query:
        raise InputError(f"the SQL file {path} holds no query")
    return query


# Type names of other dialects (the TypeScript layout's DuckDB names) in Spark's words.
TYPE_NAMES = {"VARCHAR": "STRING", "TEXT": "STRING", "INTEGER": "INT", "INT4": "INT", "INT8": "BIGINT", "FLOAT8": "DOUBLE", "BOOL": "BOOLEAN"}


def read_layout(path):
    """A layout file: {"table": [["column", "TYPE"], ...]}, types in Spark or DuckDB words."""
    import json

    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except OSError as e:
        raise InputError(f"cannot read the layout file {path}: {e.strerror or e}")
    except ValueError as e:
        raise InputError(f"the layout file {path} is not JSON: {e}")
    ok = isinstance(doc, dict) and all(
        isinstance(cols, list) and all(isinstance(c, list) and len(c) == 2 and all(isinstance(x, str) for x in c) for c in cols)
        for cols in doc.values()
    )
    if not ok or not doc:
        raise InputError(f'the layout file {path} is not {{"table": [["column", "TYPE"], ...]}}')
    return {t: [(n, TYPE_NAMES.get(k.upper(), k.upper())) for n, k in cols] for t, cols in doc.items()}


def ddl(columns):
    return ", ".join(f"`{name}` {kind}" for name, kind in columns)


def csv_header(path):
    """The header row of a CSV file (or of the first part file of a CSV folder)."""
    import csv

    if os.path.isdir(path):
        parts = sorted(n for n in os.listdir(path) if not n.startswith((".", "_")))
        if not parts:
            return None
        path = os.path.join(path, parts[0])
    with open(path, encoding="utf-8-sig", newline="") as f:
        return next(csv.reader(f), None)


def part_dirs(data_dir):
    """The folder and, when it is written in parts (`leadscore export --parts N`), part-0, part-1, ..."""
    dirs = [data_dir]
    while os.path.isdir(os.path.join(data_dir, f"part-{len(dirs) - 1}")):
        dirs.append(os.path.join(data_dir, f"part-{len(dirs) - 1}"))
    return dirs


def load_table(spark, data_dir, table, columns):
    """A table from the folder's file, or the union of the files at its top and in its parts."""
    from functools import reduce

    frames = [f for f in (load_file(spark, d, table, columns) for d in part_dirs(data_dir)) if f is not None]
    if not frames:
        return spark.createDataFrame([], ddl(columns))
    return reduce(lambda a, b: a.unionByName(b), frames)


def load_file(spark, data_dir, table, columns):
    from pyspark.sql import functions as F

    parquet = os.path.join(data_dir, f"{table}.parquet")
    csv_path = os.path.join(data_dir, f"{table}.csv")
    names = [name for name, _ in columns]
    if os.path.exists(parquet):
        df = spark.read.parquet(parquet)
        present = {c.lower(): c for c in df.columns}
        missing = [n for n in names if n.lower() not in present]
        if missing:
            raise InputError(f"{parquet} lacks the column(s) {', '.join(missing)}")
        # The layout's types, whatever width the writer chose (INT32 for a BIGINT, say).
        return df.select([F.col(f"`{present[n.lower()]}`").cast(kind).alias(n) for n, kind in columns])
    if os.path.exists(csv_path):
        header = csv_header(csv_path)
        if header is None:
            return spark.createDataFrame([], ddl(columns))
        header = [h.strip() for h in header]
        kinds = dict(columns)
        missing = [n for n in names if n not in header]
        if missing:
            raise InputError(f"{csv_path} lacks the column(s) {', '.join(missing)} in its header")
        # The file's own column order, each known column with the layout's type (never inferred);
        # columns the layout does not know are read as strings and dropped.
        schema = ddl([(h, kinds.get(h, "STRING")) for h in header])
        df = (
            spark.read.schema(schema)
            .option("header", True)
            .option("enforceSchema", True)  # the schema above is the header's, by name and order
            .option("mode", "FAILFAST")  # a value that is not of its column's type is an error, not a NULL
            .option("multiLine", True)  # quoted cells may hold line breaks
            .option("quote", '"')
            .option("escape", '"')  # RFC 4180: a quote inside a quoted cell is doubled
            .option("nullValue", "")  # an empty cell is NULL
            .option("encoding", "UTF-8")
            .csv(csv_path)
        )
        # `leadscore export` writes a text cell that a spreadsheet would run as a formula (one
        # starting with = + - @, a tab, a carriage return, or an apostrophe) with one more
        # apostrophe before it (docs/warehouse.md, "CSV and spreadsheets"): exactly one is taken off.
        return df.select([
            (F.regexp_replace(F.col(f"`{n}`"), "^'", "") if kinds[n] == "STRING" else F.col(f"`{n}`")).alias(n)
            for n in names
        ])
    return None


def encode(value):
    """One value as JSON text."""
    import base64
    import datetime
    import decimal
    import json
    import math

    from pyspark.sql import Row

    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return '"NaN"'
        if math.isinf(value):
            return '"Infinity"' if value > 0 else '"-Infinity"'
        return repr(value)
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Row):
        fields = getattr(value, "__fields__", None)
        if fields is None:
            return "[" + ",".join(encode(v) for v in value) + "]"
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + encode(v) for k, v in zip(fields, value)) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(encode(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(json.dumps(str(k), ensure_ascii=False) + ":" + encode(v) for k, v in value.items()) + "}"
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return json.dumps(value.isoformat(timespec="milliseconds") + "Z")
    if isinstance(value, datetime.date):
        return json.dumps(value.isoformat())
    if isinstance(value, (bytes, bytearray)):
        return json.dumps(base64.b64encode(bytes(value)).decode("ascii"))
    return json.dumps(str(value), ensure_ascii=False)


def row_line(columns, row):
    import json

    return "{" + ",".join(json.dumps(c, ensure_ascii=False) + ":" + encode(v) for c, v in zip(columns, row)) + "}"


def spark_message(e):
    """A Spark/Py4J error as one line: the first line of each Java cause, without stack traces."""

    def first_line(text):
        lines = [ln.strip() for ln in str(text).splitlines() if ln.strip()]
        return lines[0] if lines else ""

    java = getattr(e, "java_exception", None) or getattr(e, "_origin", None)
    parts = []
    try:
        seen = 0
        while java is not None and seen < 6:
            line = first_line(java.toString())
            # A failed job's top line repeats its cause's; the causes say what was wrong.
            if "Job aborted due to stage failure" in line and java.getCause() is not None:
                line = ""
            if line and not any(line in p for p in parts):
                parts.append(line)
            java = java.getCause()
            seen += 1
    except Exception:
        pass
    if not parts:
        return first_line(e) or type(e).__name__
    prefixes = ("org.apache.spark.sql.", "org.apache.spark.", "java.lang.")
    cleaned = []
    for p in parts:
        for prefix in prefixes:
            if p.startswith(prefix):
                p = p.split(": ", 1)[1] if ": " in p else p
                break
        cleaned.append(p)
    return " (caused by) ".join(cleaned)


def make_session(master):
    from pyspark.sql import SparkSession

    here = os.path.dirname(os.path.abspath(__file__))
    log4j = os.path.join(here, "log4j2.properties")
    state = os.environ.get("TMPDIR", "/tmp")
    java_opts = f"-Dlog4j2.configurationFile=file:{log4j} -Duser.timezone=UTC"
    if os.environ.get("LEADSCORE_SPARK_FULL_JIT") != "1":
        # The driver lives seconds: the C1 compiler alone halves a small query's wall time (31 s to
        # 17 s measured on a 2-core box). A long local[N] job, whose tasks run in this JVM, may
        # want the full JIT back: LEADSCORE_SPARK_FULL_JIT=1.
        java_opts = "-XX:TieredStopAtLevel=1 " + java_opts
    builder = (
        SparkSession.builder.master(master)
        .appName("leadscore-run-sql")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.ansi.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.warehouse.dir", os.path.join(state, "leadscore-spark-warehouse"))
        .config("spark.driver.extraJavaOptions", java_opts)
        .config("spark.executor.extraJavaOptions", java_opts.replace(f"-Dlog4j2.configurationFile=file:{log4j} ", ""))
        .config("spark.sql.pyspark.jvmStacktrace.enabled", "false")
    )
    if not master.startswith("local"):
        # Standalone on this machine (scripts/spark/cluster.sh): small executors, loopback driver.
        builder = (
            builder.config("spark.executor.memory", os.environ.get("LEADSCORE_SPARK_EXECUTOR_MEMORY", "512m"))
            .config("spark.executor.cores", "1")
            .config("spark.driver.host", os.environ.get("SPARK_LOCAL_IP", "127.0.0.1"))
            .config("spark.driver.bindAddress", os.environ.get("SPARK_LOCAL_IP", "127.0.0.1"))
        )
    return builder.getOrCreate()


def jobs_of(args):
    """The queries to run: one from --data/--sql/--out, or each of --batch's list."""
    if args.batch is None:
        return [{"data": args.data, "sql": args.sql, "out": args.out}]
    try:
        with open(args.batch, encoding="utf-8") as f:
            jobs = json.load(f)
    except OSError as e:
        raise InputError(f"cannot read the batch file {args.batch}: {e.strerror or e}")
    except ValueError as e:
        raise InputError(f"the batch file {args.batch} is not JSON: {e}")
    if not isinstance(jobs, list) or not all(isinstance(job, dict) and {"data", "sql", "out"} <= set(job) for job in jobs):
        raise InputError(f'the batch file {args.batch} is not [{{"data": DIR, "sql": FILE, "out": FILE}}, ...]')
    return jobs


def run(args):
    jobs = jobs_of(args)
    prepared = []
    for job in jobs:
        data_dir = os.path.abspath(job["data"])
        if not os.path.isdir(data_dir):
            raise InputError(f"no dataset folder at {job['data']}")
        layout_file = args.layout or os.path.join(data_dir, LAYOUT_FILE)
        if not os.path.isfile(layout_file):
            raise InputError(f"no {LAYOUT_FILE} in {job['data']} (leadscore export writes one), and no --layout")
        prepared.append((data_dir, read_query(job["sql"]), read_layout(layout_file), job["out"]))

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ["TZ"] = "UTC"
    import time

    time.tzset()
    # Executors get this interpreter too (no query here needs Python on them, but a UDF would).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)

    from pyspark.errors import PySparkException
    from py4j.protocol import Py4JError

    spark = None
    try:
        try:
            spark = make_session(args.master)
        except Exception as e:
            raise InputError(f"cannot start Spark with master {args.master}: {spark_message(e)}")
        for data_dir, query, layout, out_path in prepared:
            try:
                for table, columns in layout.items():
                    load_table(spark, data_dir, table, columns).createOrReplaceTempView(table)
            except InputError:
                raise
            except (PySparkException, Py4JError) as e:
                raise InputError(f"cannot read the dataset: {spark_message(e)}")
            began = time.monotonic()
            try:
                df = spark.sql(query)
                if out_path.endswith(".parquet"):
                    # Many rows stay on the executors: a Parquet folder, as a Spark job would write it.
                    df.write.mode("errorifexists").parquet(out_path)
                else:
                    columns = df.columns
                    write_rows(out_path, columns, df.collect())
            except (PySparkException, Py4JError) as e:
                raise InputError(f"SQL error: {spark_message(e)}")
            if args.timings:
                with open(args.timings, "a", encoding="utf-8") as f:
                    f.write(json.dumps({"out": out_path, "seconds": time.monotonic() - began}) + "\n")
    finally:
        if spark is not None:
            try:
                spark.stop()
            except Exception:
                pass


def write_rows(path, columns, rows):
    out = sys.stdout if path == "-" else open(path, "w", encoding="utf-8")
    try:
        for row in rows:
            out.write(row_line(columns, row) + "\n")
        out.flush()
    finally:
        if out is not sys.stdout:
            out.close()


def main(argv):
    try:
        import pyspark  # noqa: F401
    except ImportError:
        reexec_with_venv()
    args = parse_args(argv)
    try:
        sys.stdout.reconfigure(encoding="utf-8")
    except Exception:
        pass
    try:
        run(args)
    except InputError as e:
        fail(e)
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")
        except Exception:
            pass
        sys.exit(1)
    except Exception as e:  # anything else: still one line, never a traceback
        fail(f"{type(e).__name__}: {spark_message(e)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
