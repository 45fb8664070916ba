#!/usr/bin/env bash
# A local xAPI LRS for the records tests: Ralph (PyPI `ralph-malph`) with its file-system
# backend, on 127.0.0.1. Used by .ci/run and by hand:
#
#   scripts/lrs.sh start [PORT]   # installs Ralph into a venv if needed, starts it, waits;
#                                 # prints `export MINWON_TEST_LRS=...` lines to eval
#   scripts/lrs.sh stop           # stops the server this script started
#
# Everything lives under $MINWON_LRS_HOME (default target/lrs): the venv, Ralph's app dir
# (credentials) and its statements. Credentials: user `minwon`, password `minwon-test`.
set -euo pipefail
cd "$(dirname "$0")/.."

home="${MINWON_LRS_HOME:-$PWD/target/lrs}"
venv="$home/venv"
pidfile="$home/ralph.pid"
user=minwon
password=minwon-test

install() {
    if [ -x "$venv/bin/ralph" ]; then
        return
    fi
    mkdir -p "$home"
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check "ralph-malph[cli,lrs]" requests >&2
}

# Ralph's file-system LRS backend writes with operation "create", so only the first write to
# its one statements file succeeds and every later one fails with 500. Appending is what an LRS
# needs; the venv's sitecustomize makes the fs LRS backend append (test server only).
patch_fs_backend() {
    local site
    site="$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
    cat >"$site/sitecustomize.py" <<'PY'
try:
    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.lrs.fs import FSLRSBackend

    FSLRSBackend.default_operation_type = BaseOperationType.APPEND
except Exception:  # noqa: BLE001 - not the Ralph venv, or another Ralph: leave it be
    pass
PY
}

start() {
    local port="${1:-8765}"
    install
    patch_fs_backend
    stop_quiet
    rm -rf "$home/app" "$home/data"
    mkdir -p "$home/app" "$home/data"
    export RALPH_APP_DIR="$home/app"
    export RALPH_BACKENDS__DATA__FS__DEFAULT_DIRECTORY_PATH="$home/data"
    export RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH="$home/data"
    RALPH_RUNSERVER_BACKEND=fs "$venv/bin/ralph" auth -u "$user" -p "$password" -s all \
        -M "mailto:$user@example.org" -w >"$home/auth.log" 2>&1
    # Started inside its own folder: the development server watches its working directory.
    pushd "$home/app" >/dev/null
    RALPH_RUNSERVER_BACKEND=fs nohup "$venv/bin/ralph" runserver -b fs --host 127.0.0.1 \
        --port "$port" >"$home/ralph.log" 2>&1 </dev/null &
    echo $! >"$pidfile"
    popd >/dev/null
    local url="http://127.0.0.1:$port/xAPI/"
    for _ in $(seq 1 120); do
        if python3 - "$url" <<'PY' 2>/dev/null; then
import sys, urllib.request, urllib.error
try:
    urllib.request.urlopen(sys.argv[1] + "statements?limit=1", timeout=1)
except urllib.error.HTTPError:
    pass  # 401 and the like: the server answers
PY
            echo "export MINWON_TEST_LRS=$url"
            echo "export MINWON_TEST_LRS_KEY=$user"
            echo "export MINWON_TEST_LRS_SECRET=$password"
            return 0
        fi
        if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
            echo "lrs.sh: Ralph stopped at once; see $home/ralph.log" >&2
            tail -20 "$home/ralph.log" >&2
            return 1
        fi
        sleep 0.5
    done
    echo "lrs.sh: Ralph did not answer on port $port within 60 s; see $home/ralph.log" >&2
    return 1
}

stop_quiet() {
    if [ -f "$pidfile" ]; then
        local pid
        pid="$(cat "$pidfile")"
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 1 20); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.25
            done
        fi
        rm -f "$pidfile"
    fi
}

case "${1:-}" in
    install) install ;;
    start) start "${2:-}" ;;
    stop) stop_quiet ;;
    *)
        echo "usage: scripts/lrs.sh install|start [PORT]|stop" >&2
        exit 2
        ;;
esac
