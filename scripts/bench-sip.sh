#!/bin/bash
# SIP (issue 4): agent start to REGISTERED beside baresip start to registered, both on the same Kamailio on
# loopback (no authentication, so only start-up and the REGISTER round trip are timed). Median of
# SWITCHBOARD_BENCH_RUNS runs (default 5). The agent runs warm (its profile, holding the account, is made by a
# first, unmeasured run). Usage: scripts/bench-sip.sh [ROOT] (./switchboard bench builds first).
set -u
ROOT=${1:-$(cd "$(dirname "$0")/.." && pwd)}
RUNS=${SWITCHBOARD_BENCH_RUNS:-5}
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; wait; rm -rf "$WORK"' EXIT
export SWITCHBOARD_NO_BUILD=1

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else print v[int((NR + 1) / 2)] }'; }
free_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

command -v kamailio >/dev/null || { echo "bench-sip: kamailio is not installed (scripts/install-peers.sh)" >&2; exit 1; }
command -v baresip >/dev/null || { echo "bench-sip: baresip is not installed (scripts/install-peers.sh)" >&2; exit 1; }

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
loadmodule "textops.so"
modparam("usrloc", "db_mode", 0)
request_route {
    if (is_method("REGISTER")) { if (!save("location")) sl_reply_error(); exit; }
    if (is_method("OPTIONS")) { sl_send_reply("200", "Keepalive"); exit; }
    sl_send_reply("404", "Not here");
}
CFG
kamailio -f "$WORK/kamailio.cfg" -DD -E -Y "$WORK/run" -w "$WORK/run" > "$WORK/kamailio.log" 2>&1 &
sleep 1   # Kamailio's start, before the first client (not a measurement)
kill -0 $! 2>/dev/null || { echo "bench-sip: kamailio did not start: $(tail -3 "$WORK/kamailio.log")" >&2; exit 1; }

# agent: launch to its "registration ... REGISTERED" event
agent_register() {
  profile=$1; first=$2
  fifo="$WORK/agent.in"; rm -f "$fifo"; mkfifo "$fifo"
  start=$(now_ms)
  "$ROOT/switchboard" agent --profile "$profile" < "$fifo" > "$WORK/agent.out" 2>"$WORK/agent.err" &
  pid=$!
  exec 3>"$fifo"
  [ "$first" = yes ] && echo "account add a1 sip user=alice domain=127.0.0.1 registrar=127.0.0.1:$PORT keepalive=60" >&3
  echo "register a1" >&3
  until grep -q '"event":"registration","account":"a1","state":"REGISTERED"' "$WORK/agent.out" 2>/dev/null; do
    kill -0 $pid 2>/dev/null || { echo "agent died: $(tail -3 "$WORK/agent.err")" >&2; return 1; }
    [ $(( $(now_ms) - start )) -gt 120000 ] && { echo "agent not registered after 120 s: $(tail -3 "$WORK/agent.out")" >&2; kill $pid; return 1; }
    sleep 0.005
  done
  registered=$(( $(now_ms) - start ))
  echo quit >&3; exec 3>&-
  wait $pid
  echo "$registered"
}
agent_register "$WORK/agent" yes > /dev/null
for i in $(seq "$RUNS"); do agent_register "$WORK/agent" no; done > "$WORK/agent-times"

# baresip: launch to the 200 OK of its REGISTER in its log
baresip_register() {
  i=$1
  mkdir -p "$WORK/baresip-$i"
  printf 'module_path\t\t/usr/lib/baresip/modules\nsip_listen\t\t127.0.0.1:0\nnet_interface\t\t127.0.0.1\ndns_server\t\t127.0.0.1:53\nmodule\t\t\tstdio.so\nmodule_app\t\taccount.so\n' > "$WORK/baresip-$i/config"
  printf '<sip:bob@127.0.0.1>;outbound="sip:127.0.0.1:%s;transport=udp";regint=300\n' "$PORT" > "$WORK/baresip-$i/accounts"
  start=$(now_ms)
  baresip -f "$WORK/baresip-$i" -t 30 < /dev/null > "$WORK/baresip.out" 2>&1 &
  pid=$!
  until grep -q "200 OK" "$WORK/baresip.out" 2>/dev/null; do
    kill -0 $pid 2>/dev/null || { echo "baresip died: $(tail -3 "$WORK/baresip.out")" >&2; return 1; }
    [ $(( $(now_ms) - start )) -gt 30000 ] && { echo "baresip not registered after 30 s" >&2; kill $pid; return 1; }
    sleep 0.005
  done
  echo $(( $(now_ms) - start ))
  kill $pid; wait $pid 2>/dev/null
}
for i in $(seq "$RUNS"); do baresip_register "$i"; done > "$WORK/baresip-times"

agent=$(median < "$WORK/agent-times")
baresip=$(median < "$WORK/baresip-times")
echo
echo "SIP start to REGISTERED on one Kamailio (median of $RUNS, load average $(cut -d' ' -f1 /proc/loadavg) at the end)"
echo "| what | start to REGISTERED (ms) | all runs | goal | vs. baresip |"
echo "|---|---|---|---|---|"
echo "| agent (warm profile) | $agent | $(tr '\n' ' ' < "$WORK/agent-times") | ≤ 3× baresip | $(awk -v a="$agent" -v b="$baresip" 'BEGIN { if (b > 0) printf "%.1f×", a / b }') |"
echo "| anchor: baresip 1.0 | $baresip | $(tr '\n' ' ' < "$WORK/baresip-times") | | 1× |"
