#!/bin/bash
# Start-up benchmarks: agent start to `ready`, desktop cold start to a visible window, idle RSS of
# each, with baresip's start to ready as the peer anchor. Prints a Markdown table to paste into
# docs/benchmarks.md. Usage: scripts/bench.sh [ROOT] (./switchboard bench builds first).
# SWITCHBOARD_BENCH_ONLY=pairs SWITCHBOARD_BENCH_AGAINST=OTHER_ROOT: paired desktop starts of ROOT and another
# built tree (e.g. a worktree with one change), alternating start by start so that both see the same load; a
# change's effect is the median of the per-pair differences, since one run's median spreads by about ±150 ms.
set -u
ROOT=${1:-$(cd "$(dirname "$0")/.." && pwd)}
RUNS=${SWITCHBOARD_BENCH_RUNS:-5}
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; wait; rm -rf "$WORK"' EXIT
export SWITCHBOARD_NO_BUILD=1
# SWITCHBOARD_BENCH_PRIORITY=high (root only) runs the products, their X server and the anchor at nice -20,
# so that other work on a shared machine (builds, tests) takes CPU from them only when they leave it idle:
# an approximation of the idle machine the goals are stated for, named next to every number it gives
PRIORITY=""
[ "${SWITCHBOARD_BENCH_PRIORITY:-}" = high ] && PRIORITY="nice -n -20"
# the products' shared start-up state (framework state, class archive) as `./switchboard build` makes
# it; does nothing when it is already there
"$ROOT/switchboard" prepare

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
now_us() { echo "${EPOCHREALTIME/./}"; }
# Waits, without polling, for PATTERN to appear in FILE while process PID lives (at most 120 s): tail follows the
# file through inotify. A loop of `grep` every 10 ms took CPU from the start it timed.
await_line() {
  timeout 120 tail -n +1 --pid="$3" -f "$2" 2>/dev/null | grep -q -m1 -- "$1"
}
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null; }
# CPU time (user + system, ms) the process has used so far: less sensitive to a loaded machine than
# the wall time (USER_HZ is 100 on Linux)
cpu_ms() { awk '{ print ($14 + $15) * 10 }' "/proc/$1/stat" 2>/dev/null; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else print v[int((NR + 1) / 2)] }'; }

# agent: fresh profile each run = cold start (empty OSGi cache); then the same profile again = warm
agent_start() {
  profile=$1
  fifo="$WORK/agent.in"; rm -f "$fifo"; mkfifo "$fifo"
  start=$(now_ms)
  $PRIORITY "$ROOT/switchboard" agent --profile "$profile" < "$fifo" > "$WORK/agent.out" 2>"$WORK/agent.err" &
  pid=$!
  exec 3>"$fifo"
  await_line '"event":"ready"' "$WORK/agent.out" $pid || {
    kill -0 $pid 2>/dev/null && { echo "no agent ready after 120 s" >&2; kill $pid; return 1; }
    echo "agent died: $(tail -3 "$WORK/agent.err")" >&2; return 1; }
  ready=$(( $(now_ms) - start ))
  cpu=$(cpu_ms $pid)
  sleep "${SWITCHBOARD_BENCH_IDLE:-5}"   # idle period before the RSS reading, not synchronisation
  rss=$(rss_mb $pid)
  echo quit >&3; exec 3>&-
  wait $pid
  echo "$ready $rss $cpu"
}

if [ "${SWITCHBOARD_BENCH_ONLY:-}" != floor ] && [ "${SWITCHBOARD_BENCH_ONLY:-}" != pairs ]; then
  for i in $(seq "$RUNS"); do agent_start "$WORK/agent-cold-$i"; done > "$WORK/agent-cold"
  for i in $(seq "$RUNS"); do agent_start "$WORK/agent-cold-1"; done > "$WORK/agent-warm"
fi

# desktop: under a private Xvfb, time from launch to the window titled "Switchboard" being mapped.
# The Xvfb keeps its GLX extension, as a user's desktop has GL: GTK 3 loads the GL driver (here Mesa's
# llvmpipe and libLLVM, ~50 MB) at display open unless GDK_GL=disable, which `./switchboard run` sets;
# an Xvfb without GLX (-extension GLX) hides that cost, which is why hand starts once read ~50 MB less.
# Usage: desktop_start PROFILE quit|term [./switchboard COMMAND...] (default: run, the desktop; `floor run` the
# start-up floor; `floor shell` the plain SWT shell, which has no profile: PROFILE "")
# The window is seen as the X server maps it, from its MapNotify event (xev on the root window), not by polling:
# `xdotool search` every 20 ms took ~20 % of a core from the start it timed (~0.1 s of the window's time on 2
# cores, docs/benchmarks.md "Start-up measured without polling"). Each top-level window the server maps is
# checked by name (SWT on GTK pads the X11 title with a blank); $WORK/windows gets "listening", then
# "shown MICROSECONDS" for the main window. The watcher listens once a property it sets on the root comes back.
watch_windows() {
  : > "$WORK/windows"
  DISPLAY=:$DISPLAY_NUMBER xev -root -event substructure -event property 2>/dev/null | {
    mapped=""
    while IFS= read -r line; do
      case $line in
        *MapNotify*) mapped=1 ;;
        *"event 0x"*", window 0x"*", override "*)
          if [ -n "$mapped" ]; then
            at=$(now_us); window=${line#*window }; window=${window%%,*}
            case $(DISPLAY=:$DISPLAY_NUMBER xdotool getwindowname $((window)) 2>/dev/null) in
              Switchboard|"Switchboard ") echo "shown $at" >> "$WORK/windows" ;;
            esac
          fi
          mapped="" ;;
        *"atom 0x"*"(SWITCHBOARD_BENCH)"*) echo listening >> "$WORK/windows"; mapped="" ;;
        *) mapped="" ;;
      esac
    done
  } &
  watcher=$!
  # before the timed start: xev selects its events at some point after it starts; until then the change is lost
  tries=0
  until grep -q '^listening' "$WORK/windows"; do
    kill -0 $watcher 2>/dev/null && [ $tries -lt 200 ] || { echo "bench: xev does not report the X server's events" >&2; return 1; }
    DISPLAY=:$DISPLAY_NUMBER xprop -root -format SWITCHBOARD_BENCH 8s -set SWITCHBOARD_BENCH ready
    sleep 0.05
    tries=$((tries + 1))
  done
}
unwatch_windows() { pkill -P $watcher 2>/dev/null; kill $watcher 2>/dev/null; wait $watcher 2>/dev/null; }

desktop_start() {
  profile=$1
  stop=$2   # quit: as a user closes it (the profile keeps its caches); term: SIGTERM (a session logout)
  shift 2
  [ $# -gt 0 ] || set -- run
  [ -n "$profile" ] && set -- "$@" --profile "$profile"
  watch_windows || { unwatch_windows; return 1; }
  start=$(now_us)
  DISPLAY=:$DISPLAY_NUMBER $PRIORITY "$ROOT/switchboard" "$@" > "$WORK/desktop.out" 2>&1 &
  pid=$!
  if ! await_line '^shown ' "$WORK/windows" $pid; then
    # the workbench's own log says why (the profile is deleted with $WORK at the end)
    kill -0 $pid 2>/dev/null && { echo "no desktop window after 120 s" >&2; kill $pid; unwatch_windows; return 1; }
    echo "desktop died: $(tail -3 "$WORK/desktop.out")" "$(tail -30 "$profile/data/.metadata/.log" 2>/dev/null)" >&2
    unwatch_windows; return 1
  fi
  cpu=$(cpu_ms $pid)
  shown=$(( ($(sed -n 's/^shown //p' "$WORK/windows" | head -1) - start) / 1000 ))
  unwatch_windows
  sleep "${SWITCHBOARD_BENCH_IDLE:-5}"
  rss=$(rss_mb $pid)
  if [ "$stop" = quit ]; then
    # as a user's session ends, so that the warm runs read the caches a closed session leaves
    "$ROOT/scripts/quit-desktop.sh" :$DISPLAY_NUMBER $pid \
      || { echo "the desktop did not end within 30 s of Quit" >&2; kill $pid; wait $pid 2>/dev/null; return 1; }
    wait $pid 2>/dev/null
  else
    kill $pid; wait $pid 2>/dev/null
  fi
  echo "$shown $rss $cpu"
}


if command -v Xvfb >/dev/null && command -v xdotool >/dev/null && command -v xev >/dev/null; then
  DISPLAY_NUMBER=$(( 90 + RANDOM % 400 ))
  # -noreset: an X server resets when its last client leaves and refuses a client connecting meanwhile
  # (a desktop started right after the previous one closed failed gtk_init_check)
  $PRIORITY Xvfb :$DISPLAY_NUMBER -screen 0 1280x800x24 -nolisten tcp -noreset > "$WORK/xvfb.log" 2>&1 &
  until DISPLAY=:$DISPLAY_NUMBER xdpyinfo >/dev/null 2>&1; do sleep 0.05; done
  if [ "${SWITCHBOARD_BENCH_ONLY:-}" = pairs ]; then
    OTHER=${SWITCHBOARD_BENCH_AGAINST:?SWITCHBOARD_BENCH_AGAINST=OTHER_ROOT names the tree to pair with}
    "$OTHER/switchboard" prepare
    # each warm profile's first start (a new profile) is not counted
    ROOT=$OTHER desktop_start "$WORK/other-warm" quit > /dev/null
    desktop_start "$WORK/this-warm" quit > /dev/null
    for i in $(seq "$RUNS"); do
      ROOT=$OTHER desktop_start "$WORK/other-new-$i" quit >> "$WORK/other-new.txt"
      desktop_start "$WORK/this-new-$i" quit >> "$WORK/this-new.txt"
      ROOT=$OTHER desktop_start "$WORK/other-warm" quit >> "$WORK/other-warm.txt"
      desktop_start "$WORK/this-warm" quit >> "$WORK/this-warm.txt"
    done
  elif [ "${SWITCHBOARD_BENCH_ONLY:-}" = floor ]; then
    # the start-up floor (docs/benchmarks.md): the desktop, the smallest e4 product on the same target platform
    # and a plain SWT shell without OSGi, alternating start by start so that all three see the same load; the
    # floor and the shell get the desktop's JVM options, environment and shared start-up state (`floor prepare`
    # builds the floor product first when it is not there; the shell's first, untimed start writes its archive)
    "$ROOT/switchboard" floor prepare
    desktop_start "" quit floor shell > /dev/null
    for i in $(seq "$RUNS"); do
      desktop_start "$WORK/desktop-cold-$i" quit >> "$WORK/desktop-cold"
      desktop_start "$WORK/floor-cold-$i" quit floor run >> "$WORK/floor-cold"
      desktop_start "" quit floor shell >> "$WORK/shell"
    done
    for i in $(seq "$RUNS"); do
      desktop_start "$WORK/desktop-cold-1" quit >> "$WORK/desktop-warm"
      desktop_start "$WORK/floor-cold-1" quit floor run >> "$WORK/floor-warm"
    done
  else
  # every start ends with Quit as a user's does, so the warm runs read the caches a closed session leaves
  for i in $(seq "$RUNS"); do desktop_start "$WORK/desktop-cold-$i" quit; done > "$WORK/desktop-cold"
  for i in $(seq "$RUNS"); do desktop_start "$WORK/desktop-cold-1" quit; done > "$WORK/desktop-warm"
  # a profile only ever ended by SIGTERM (a session logout): the signal stops the framework as Quit does
  # (core.impl's SignalStop), so its caches are written too and this row should match the Quit row
  desktop_start "$WORK/desktop-term" term > /dev/null
  for i in $(seq "$RUNS"); do desktop_start "$WORK/desktop-term" term; done > "$WORK/desktop-warm-term"
  fi
fi

# anchor: baresip (a native SIP UA) from start to "baresip is ready"
if command -v baresip >/dev/null && [ "${SWITCHBOARD_BENCH_ONLY:-}" != floor ] \
    && [ "${SWITCHBOARD_BENCH_ONLY:-}" != pairs ]; then
  for i in $(seq "$RUNS"); do
    mkdir -p "$WORK/baresip-$i"
    printf 'sip_listen\t\t127.0.0.1:0\nnet_interface\t\t127.0.0.1\nmodule\t\t\tstdio.so\n' > "$WORK/baresip-$i/config"
    : > "$WORK/baresip-$i/accounts"
    start=$(now_ms)
    $PRIORITY baresip -f "$WORK/baresip-$i" -t 30 < /dev/null > "$WORK/baresip.out" 2>&1 &
    pid=$!
    await_line "baresip is ready" "$WORK/baresip.out" $pid
    ready=$(( $(now_ms) - start ))
    cpu=$(cpu_ms $pid)
    sleep "${SWITCHBOARD_BENCH_IDLE:-5}"
    echo "$ready $(rss_mb $pid) $cpu"
    kill $pid 2>/dev/null; wait $pid 2>/dev/null
  done > "$WORK/baresip"
fi

row() {
  [ -s "$WORK/$2" ] || { echo "| $1 | n/a | n/a | n/a | |"; return; }
  echo "| $1 | $(cut -d' ' -f1 "$WORK/$2" | median) | $(cut -d' ' -f2 "$WORK/$2" | median) |" \
    "$(cut -d' ' -f3 "$WORK/$2" | median) | $(cut -d' ' -f1 "$WORK/$2" | tr '\n' ' ')|"
}
# the per-pair differences of a pairs run: this tree minus the other, window and CPU
pair_row() {
  echo "| $1 | $(cut -d' ' -f1 "$WORK/other-$2.txt" | median) | $(cut -d' ' -f1 "$WORK/this-$2.txt" | median) |" \
    "$(paste -d' ' "$WORK/this-$2.txt" "$WORK/other-$2.txt" | awk '{ print $1 - $4 }' | median) |" \
    "$(paste -d' ' "$WORK/this-$2.txt" "$WORK/other-$2.txt" | awk '$1 < $4' | wc -l) of $RUNS |" \
    "$(paste -d' ' "$WORK/this-$2.txt" "$WORK/other-$2.txt" | awk '{ print $3 - $6 }' | median) |"
}
if [ "${SWITCHBOARD_BENCH_ONLY:-}" = pairs ]; then
  echo "$RUNS pairs, $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg);" \
    "this: $ROOT ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)), other: $OTHER" \
    "($(git -C "$OTHER" rev-parse --short HEAD 2>/dev/null)):"
  echo
  echo "| desktop window | other, median (ms) | this, median (ms) | median of differences (ms) | this faster | CPU, median of differences (ms) |"
  echo "|---|---|---|---|---|---|"
  pair_row "new profile" new
  pair_row "warm profile (closed by Quit)" warm
  exit 0
fi
echo "Median of $RUNS runs, $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)${PRIORITY:+, products at $PRIORITY}:"
echo
echo "| what | start to ready / window (ms) | idle RSS (MB) | CPU to ready / window (ms) | all runs (ms) |"
echo "|---|---|---|---|---|"
if [ "${SWITCHBOARD_BENCH_ONLY:-}" = floor ]; then
  row "desktop, cold (new profile), to visible window" desktop-cold
  row "floor: empty e4 workbench, cold (new profile)" floor-cold
  row "floor: plain SWT shell, no OSGi" shell
  row "desktop, warm (same profile, closed by Quit)" desktop-warm
  row "floor: empty e4 workbench, warm (same profile, closed by Quit)" floor-warm
  exit 0
fi
row "agent, cold (new profile)" agent-cold
row "agent, warm (same profile)" agent-warm
row "desktop, cold (new profile), to visible window" desktop-cold
row "desktop, warm (same profile, closed by Quit), to visible window" desktop-warm
row "desktop, warm (same profile, closed by SIGTERM as at a logout), to visible window" desktop-warm-term
row "anchor: baresip 1.0 to 'baresip is ready'" baresip
# SWITCHBOARD_BENCH_ONLY=startup stops after this table (the desktop's start-up without the codec runs)
[ "${SWITCHBOARD_BENCH_ONLY:-}" = startup ] && exit 0

echo
echo "Codec speed (encode+decode, one core), ours against the native reference:"
"$ROOT/scripts/bench-g722.sh"
"$ROOT/scripts/bench-ilbc.sh"
"$ROOT/scripts/bench-opus.sh"
"$ROOT/scripts/bench-g729.sh"
echo
echo "Jitter buffer (simulated network, injected clock):"
"$ROOT/scripts/bench-jitter.sh"
echo
echo "Media sessions (pipeline latency at zero jitter, allocation per frame, JMH -prof gc):"
"$ROOT/scripts/bench-media.sh"
echo "Contacts (100,000-entry slapd, 10,000 local contacts):"
"$ROOT/scripts/bench-contacts.sh"
echo "XMPP (5,000-contact roster, round trip vs slixmpp, 100,000-message history):"
"$ROOT/scripts/bench-xmpp.sh"
"$ROOT/scripts/bench-sip.sh" "$ROOT"
"$ROOT/scripts/bench-ring.sh" "$ROOT"
