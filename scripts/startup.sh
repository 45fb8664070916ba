#!/usr/bin/env bash
# Start-up time and memory of minwon against an empty eframe window (examples/bare_window.rs)
# built with the same eframe features, renderer and window size. Run by hand:
#
#   scripts/startup.sh [RUNS]          # default 15 runs of each, alternating
#   RENDERER=glow scripts/startup.sh   # both with glow instead of wgpu
#
# Without a $DISPLAY it starts Xvfb (apt-get install -y xvfb). Each program is started with
# MINWON_FIRST_FRAME=1: it prints the wall-clock time when its first frame is on screen and its
# peak resident memory (VmHWM) at that moment, then closes. Time to first frame is measured
# from just before the process is started. The script prints each run, the medians and the
# ratios minwon / bare window.
set -euo pipefail

runs=${1:-15}
renderer=${RENDERER:-wgpu}
cd "$(dirname "$0")/.."

cargo build --release --quiet --bin minwon --example bare_window
minwon=target/release/minwon
bare=target/release/examples/bare_window

xvfb_pid=
data_home=$(mktemp -d)
cleanup() {
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
    rm -rf "$data_home"
}
trap cleanup EXIT
if [ -z "${DISPLAY:-}" ]; then
    command -v Xvfb >/dev/null || { echo "Xvfb is needed: apt-get install -y xvfb" >&2; exit 1; }
    export DISPLAY=:97
    Xvfb "$DISPLAY" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb_pid=$!
    sleep 1
fi
# A timing run must not read or write a trainee's settings.
export XDG_DATA_HOME=$data_home

# One start: prints "MILLISECONDS KILOBYTES".
measure() {
    local log start line frame rss
    log=$(mktemp)
    start=$(date +%s%N)
    if ! MINWON_FIRST_FRAME=1 timeout 60 "$@" --renderer "$renderer" 2>"$log" >/dev/null; then
        echo "failed: $* (see $log)" >&2
        cat "$log" >&2
        return 1
    fi
    line=$(grep -o 'first-frame-unix-ns=[0-9]* peak-rss-kb=[0-9]*' "$log" | tail -1)
    [ -n "$line" ] || { echo "no first-frame line from $*" >&2; cat "$log" >&2; return 1; }
    frame=${line#first-frame-unix-ns=}
    frame=${frame%% *}
    rss=${line##*peak-rss-kb=}
    rm -f "$log"
    echo "$(( (frame - start) / 1000000 )) $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# One start of each to warm the file cache, not counted.
measure "$bare" >/dev/null
measure "$minwon" >/dev/null

bare_ms=() bare_kb=() app_ms=() app_kb=()
printf '%-4s %14s %12s %14s %12s\n' run "bare ms" "bare MiB" "minwon ms" "minwon MiB"
for i in $(seq 1 "$runs"); do
    # Alternate the order so that neither always runs on a warmer machine.
    if (( i % 2 )); then
        read -r bm bk < <(measure "$bare")
        read -r am ak < <(measure "$minwon")
    else
        read -r am ak < <(measure "$minwon")
        read -r bm bk < <(measure "$bare")
    fi
    bare_ms+=("$bm") bare_kb+=("$bk") app_ms+=("$am") app_kb+=("$ak")
    awk -v i="$i" -v bm="$bm" -v bk="$bk" -v am="$am" -v ak="$ak" \
        'BEGIN { printf "%-4s %14s %12.1f %14s %12.1f\n", i, bm, bk / 1024, am, ak / 1024 }' 
done

bm=$(printf '%s\n' "${bare_ms[@]}" | median)
bk=$(printf '%s\n' "${bare_kb[@]}" | median)
am=$(printf '%s\n' "${app_ms[@]}" | median)
ak=$(printf '%s\n' "${app_kb[@]}" | median)
echo
echo "renderer: $renderer, $runs runs each, medians"
awk -v bm="$bm" -v bk="$bk" -v am="$am" -v ak="$ak" 'BEGIN {
    printf "time to first frame: bare %s ms, minwon %s ms, ratio %.2f (goal <= 1.5)\n", bm, am, am / bm
    printf "peak memory (RSS):   bare %.1f MiB, minwon %.1f MiB, ratio %.2f (goal <= 2)\n", bk / 1024, ak / 1024, ak / bk
}' 
