#!/bin/bash
# Desktop (issue 7): from an incoming INVITE to the call notification visible, beside baresip as the
# callee (INVITE to its "Incoming call" line), both called by the same baresip through one Kamailio on
# loopback (no authentication). The desktop runs under a private Xvfb with its accessibility bus, so the
# account is connected the way a user does it (the status area's Connect). t0 is when the caller is
# told to /dial; the INVITE leaves it and Kamailio relays it within a millisecond or two of that. The
# notification counts as visible when `xdotool search --onlyvisible` finds its window (polled as fast
# as xdotool starts, a few ms). SWITCHBOARD_BENCH_RUNS rings each (default 10).
# Usage: scripts/bench-ring.sh [ROOT] (./switchboard bench builds first).
set -u
ROOT=${1:-$(cd "$(dirname "$0")/.." && pwd)}
RUNS=${SWITCHBOARD_BENCH_RUNS:-10}
WORK=$(mktemp -d)
trap 'exec 4>&- 5>&- 2>/dev/null; kill $(jobs -p) 2>/dev/null; wait; rm -rf "$WORK"' EXIT
export SWITCHBOARD_NO_BUILD=1

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else print v[int((NR + 1) / 2)] }'; }
free_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# waits up to $2 ms for the command in the remaining arguments to succeed
await() {
  what=$1; limit=$2; shift 2
  start=$(now_ms)
  until "$@" >/dev/null 2>&1; do
    [ $(( $(now_ms) - start )) -gt "$limit" ] && { echo "bench-ring: no $what after $limit ms" >&2; exit 1; }
    sleep 0.05
  done
}

for tool in kamailio baresip Xvfb xdotool dbus-daemon; do
  command -v $tool >/dev/null || { echo "bench-ring: $tool is not installed (scripts/install-peers.sh)" >&2; exit 1; }
done
/usr/bin/python3 -c "import pyatspi" 2>/dev/null || { echo "bench-ring: python3-pyatspi is not installed" >&2; exit 1; }

PORT=$(free_port)
mkdir -p "$WORK/run"
cat > "$WORK/kamailio.cfg" <<CFG
#!KAMAILIO
debug=1
log_stderror=yes
fork=yes
children=2
listen=udp:127.0.0.1:$PORT
auto_aliases=no
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "siputils.so"
loadmodule "textops.so"
modparam("usrloc", "db_mode", 0)
request_route {
    if (is_method("REGISTER")) { if (!save("location")) sl_reply_error(); exit; }
    if (is_method("OPTIONS")) { sl_send_reply("200", "Keepalive"); exit; }
    if (is_method("CANCEL")) { if (t_check_trans()) t_relay(); exit; }
    if (has_totag()) { t_relay(); exit; }
    if (!lookup("location")) { sl_send_reply("404", "Not here"); exit; }
    t_relay();
}
CFG
kamailio -f "$WORK/kamailio.cfg" -DD -E -Y "$WORK/run" -w "$WORK/run" > "$WORK/kamailio.log" 2>&1 &
sleep 1   # Kamailio's start, before the first client (not a measurement)
kill -0 $! 2>/dev/null || { echo "bench-ring: kamailio did not start: $(tail -3 "$WORK/kamailio.log")" >&2; exit 1; }

DISPLAY_NUMBER=$(( 90 + RANDOM % 400 ))
Xvfb :$DISPLAY_NUMBER -screen 0 1280x800x24 -nolisten tcp -noreset > "$WORK/xvfb.log" 2>&1 &
export DISPLAY=:$DISPLAY_NUMBER
await "Xvfb" 20000 xdpyinfo
dbus-daemon --session --nofork --nopidfile --address="unix:path=$WORK/bus" > "$WORK/dbus.log" 2>&1 &
await "D-Bus" 10000 test -S "$WORK/bus"
export DBUS_SESSION_BUS_ADDRESS="unix:path=$WORK/bus" GNOME_ACCESSIBILITY=1 GTK_MODULES=gail:atk-bridge NO_AT_BRIDGE=0

# the desktop's profile holds alice's account, made by the agent as the desktop test does; "Connect at start" off, so
# the status area offers Connect (with it on, the account connected by itself and the script waited for a button)
mkfifo "$WORK/agent.in"
"$ROOT/switchboard" agent --profile "$WORK/desk" < "$WORK/agent.in" > "$WORK/agent.out" 2>"$WORK/agent.err" &
exec 4>"$WORK/agent.in"
echo "account add alice sip user=alice domain=127.0.0.1 registrar=127.0.0.1:$PORT password=unused display=Alice capture=null: playback=null: autoconnect=false" >&4
echo quit >&4
exec 4>&-
wait $!
grep -q '"event":"ok"' "$WORK/agent.out" || { echo "bench-ring: the account was not added: $(tail -3 "$WORK/agent.out")" >&2; exit 1; }

"$ROOT/switchboard" run --profile "$WORK/desk" > "$WORK/desktop.log" 2>&1 &
await "desktop window" 180000 xdotool search --onlyvisible --name '^Switchboard ?$'
PROBE="$ROOT/releng/dev.switchboard.product.tests/a11y/a11y_tree.py"
await "Connect button" 60000 /usr/bin/python3 "$PROBE" --within "Registration status" --press "push button	Connect" Switchboard
registered() { /usr/bin/python3 "$PROBE" Switchboard | grep -q 'label	Alice (alice): registered'; }
await "registration" 60000 registered

baresip_config() {
  mkdir -p "$WORK/$1"
  printf 'module_path\t\t/usr/lib/baresip/modules\nsip_listen\t\t127.0.0.1:0\nnet_interface\t\t127.0.0.1\ndns_server\t\t127.0.0.1:53\naudio_player\t\taufile,/dev/null\naudio_alert\t\taufile,/dev/null\naudio_source\t\taufile,/dev/null\nmodule\t\t\tstdio.so\nmodule\t\t\tg711.so\nmodule\t\t\taufile.so\nmodule_app\t\taccount.so\nmodule_app\t\tmenu.so\n' > "$WORK/$1/config"
  printf '<sip:%s@127.0.0.1>;outbound="sip:127.0.0.1:%s;transport=udp";regint=%s\n' "$1" "$PORT" "$2" > "$WORK/$1/accounts"
}
# the caller (not registered) and the anchor callee carol (registered)
baresip_config bob 0
baresip_config carol 300
mkfifo "$WORK/bob.in" "$WORK/carol.in"
baresip -f "$WORK/bob" < "$WORK/bob.in" > "$WORK/bob.out" 2>&1 &
exec 4>"$WORK/bob.in"
baresip -f "$WORK/carol" < "$WORK/carol.in" > "$WORK/carol.out" 2>&1 &
exec 5>"$WORK/carol.in"
await "carol registered" 30000 grep -q "200 OK" "$WORK/carol.out"
await "bob ready" 30000 grep -q "baresip is ready" "$WORK/bob.out"

notification() { xdotool search --onlyvisible --name '^Incoming call ?$'; }
for i in $(seq "$RUNS"); do
  start=$(now_ms)
  echo "/dial sip:alice@127.0.0.1:$PORT" >&4
  until notification >/dev/null 2>&1; do
    [ $(( $(now_ms) - start )) -gt 30000 ] && { echo "bench-ring: no notification after 30 s" >&2; exit 1; }
  done
  echo $(( $(now_ms) - start ))
  echo "/hangup" >&4
  await "notification closed" 30000 sh -c "! xdotool search --onlyvisible --name '^Incoming call ?\$'"
  sleep 0.5   # the CANCEL's transaction ends before the next ring (spacing, not synchronisation)
done > "$WORK/desktop-times"

for i in $(seq "$RUNS"); do
  before=$(grep -c "Incoming call" "$WORK/carol.out")
  start=$(now_ms)
  echo "/dial sip:carol@127.0.0.1:$PORT" >&4
  until [ "$(grep -c "Incoming call" "$WORK/carol.out")" -gt "$before" ]; do
    [ $(( $(now_ms) - start )) -gt 30000 ] && { echo "bench-ring: carol heard no call after 30 s" >&2; exit 1; }
  done
  echo $(( $(now_ms) - start ))
  echo "/hangup" >&4
  sleep 0.5
done > "$WORK/baresip-times"

desktop=$(median < "$WORK/desktop-times")
baresip=$(median < "$WORK/baresip-times")
echo
echo "Incoming INVITE to the call shown (median of $RUNS, load average $(cut -d' ' -f1 /proc/loadavg) at the end)"
echo "| what | INVITE to shown (ms) | all runs | goal | vs. baresip |"
echo "|---|---|---|---|---|"
echo "| desktop: notification window visible | $desktop | $(tr '\n' ' ' < "$WORK/desktop-times") | < 100 ms | $(awk -v a="$desktop" -v b="$baresip" 'BEGIN { if (b > 0) printf "%.1f×", a / b }') |"
echo "| anchor: baresip 1.0 \"Incoming call\" line | $baresip | $(tr '\n' ' ' < "$WORK/baresip-times") | | 1× |"
