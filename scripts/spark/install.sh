#!/usr/bin/env bash
# Installs pyspark (and with it Spark itself: the wheel carries Spark's jars, bin/ and sbin/) into a
# virtual environment under .cache/spark/venv (ignored by git). Idempotent: when the pinned version
# is already there it only prints where it is. Nothing but pip packages is downloaded, ever.
#
#   scripts/spark/install.sh          # install (or check) and print the locations
#   scripts/spark/install.sh --print  # print PYTHON=... SPARK_HOME=... only (for other scripts)
#
# Environment: LEADSCORE_SPARK_VENV overrides the venv folder; PYTHON the interpreter used to make it.
set -euo pipefail

# The pinned version. 3.5.x is the Spark line that EMR 7 and the current Databricks LTS runtimes
# run, supports Java 8/11/17 and Python 3.8-3.11+, and keeps ANSI SQL mode off by default.
PYSPARK_VERSION=3.5.9

root=$(cd "$(dirname "$0")/../.." && pwd)
venv=${LEADSCORE_SPARK_VENV:-$root/.cache/spark/venv}
python=${PYTHON:-python3}

installed_version() {
  [ -x "$venv/bin/python" ] || return 1
  "$venv/bin/python" -c 'import pyspark, sys; sys.stdout.write(pyspark.__version__)' 2>/dev/null
}

if [ "$(installed_version || true)" != "$PYSPARK_VERSION" ]; then
  if [ "${1:-}" = "--print" ]; then
    echo "pyspark $PYSPARK_VERSION is not installed in $venv: run scripts/spark/install.sh" >&2
    exit 1
  fi
  command -v "$python" >/dev/null 2>&1 || { echo "install.sh: $python not found (Python 3.8+ is needed)" >&2; exit 1; }
  command -v java >/dev/null 2>&1 || echo "install.sh: warning: java not on PATH; Spark needs Java 17 (or 8/11) to run" >&2
  started=$SECONDS
  mkdir -p "$(dirname "$venv")"
  [ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION"
  echo "installed pyspark $PYSPARK_VERSION in $((SECONDS - started)) s" >&2
fi

spark_home=$("$venv/bin/python" -c 'import os, pyspark, sys; sys.stdout.write(os.path.dirname(pyspark.__file__))')
if [ "${1:-}" = "--print" ]; then
  echo "PYTHON=$venv/bin/python"
  echo "SPARK_HOME=$spark_home"
else
  echo "pyspark $PYSPARK_VERSION"
  echo "python:     $venv/bin/python"
  echo "SPARK_HOME: $spark_home"
fi
