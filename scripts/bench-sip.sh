#!/bin/bash
# SIP (issue 4), the agent beside baresip on one Kamailio on loopback (no authentication), one run:
# 1. start to REGISTERED (median of SWITCHBOARD_BENCH_RUNS runs, default 5; the agent warm: its profile, holding the
#    account, is made by a first, unmeasured run), split into launch to `ready`, `ready` to REGISTERING (session open)
#    and REGISTERING to REGISTERED (the REGISTER round trip);
# 2. calls per second answered as UAS: SIPp places SWITCHBOARD_BENCH_SIP_CALLS (default 300) short calls, at most 10 at
#    once, through Kamailio, after SWITCHBOARD_BENCH_SIP_WARMUP (default 300) unmeasured ones, and the UA's process CPU
#    per call is taken over the measured ones; both answer by themselves: the agent by its account's auto-answer policy
#    (autoanswer=true), baresip by answermode=auto (SWITCHBOARD_BENCH_SIP_ANSWER=controller has the agent's calls
#    answered instead by a controller on its stdin at RINGING_IN, one round trip per call);
# 3. CPU per active G.711 call: SIPp holds 10 PCMU calls streaming a tone both ways (rtp_stream), the UA's process
#    CPU over 10 s less its idle CPU, divided by the calls; then the same with 100 calls.
# Usage: scripts/bench-sip.sh [ROOT] (./switchboard bench builds first).
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
children=1
listen=udp:127.0.0.1:$PORT
auto_aliases=no
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
modparam("usrloc", "db_mode", 0)
# no Record-Route: SIPp sends ACK and BYE to the proxy addressed to the user, who is looked up again
request_route {
    if (is_method("REGISTER")) { if (!save("location")) sl_reply_error(); exit; }
    if (is_method("OPTIONS") && \$rU==\$null) { sl_send_reply("200", "Keepalive"); exit; }
    if (is_method("CANCEL|ACK") && t_check_trans()) { t_relay(); exit; }
    if (!lookup("location")) { sl_send_reply("404", "Not here"); exit; }
    if (is_method("ACK")) { forward(); exit; }
    if (!t_relay()) sl_reply_error();
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
  rm -f "$WORK/ready-at" "$WORK/registering-at"
  until grep -q '"event":"registration","account":"a1","state":"REGISTERED"' "$WORK/agent.out" 2>/dev/null; do
    [ -f "$WORK/ready-at" ] || ! grep -q '"event":"ready"' "$WORK/agent.out" 2>/dev/null || now_ms > "$WORK/ready-at"
    [ -f "$WORK/registering-at" ] || ! grep -q '"state":"REGISTERING"' "$WORK/agent.out" 2>/dev/null \
      || now_ms > "$WORK/registering-at"
    kill -0 $pid 2>/dev/null || { echo "agent died: $(tail -3 "$WORK/agent.err")" >&2; return 1; }
    [ $(( $(now_ms) - start )) -gt 120000 ] && { echo "agent not registered after 120 s: $(tail -3 "$WORK/agent.out")" >&2; kill $pid; return 1; }
    sleep 0.005
  done
  registered=$(( $(now_ms) - start ))
  echo quit >&3; exec 3>&-
  wait $pid
  # the split: launch to `ready` (JVM, Equinox, DS, the agent), `ready` to REGISTERING (the core opens the account's
  # session: secure storage, the jain-sip stack) and REGISTERING to REGISTERED (the REGISTER round trip)
  echo "$registered $(seen_ms "$start" ready-at) $(seen_ms "$start" registering-at)"
}
# ms from launch to when the polling loop first saw an event (the time written to WORK/$2)
seen_ms() { awk -v s="$1" '{ print $1 - s }' "$WORK/$2" 2>/dev/null || echo n/a; }
# SWITCHBOARD_BENCH_RUNS=0 leaves this part out
if [ "$RUNS" -gt 0 ]; then
agent_register "$WORK/agent" yes > /dev/null
for i in $(seq "$RUNS"); do agent_register "$WORK/agent" no; done > "$WORK/agent-runs"
cut -d' ' -f1 "$WORK/agent-runs" > "$WORK/agent-times"
cut -d' ' -f2 "$WORK/agent-runs" > "$WORK/agent-ready"
awk '{ print $3 - $2 }' "$WORK/agent-runs" > "$WORK/agent-opening"
awk '{ print $1 - $3 }' "$WORK/agent-runs" > "$WORK/agent-round-trip"

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
ready=$(median < "$WORK/agent-ready")
echo "| agent (warm profile) | $agent | $(tr '\n' ' ' < "$WORK/agent-times") | ≤ 3× baresip | $(awk -v a="$agent" -v b="$baresip" 'BEGIN { if (b > 0) printf "%.1f×", a / b }') |"
echo "| of which launch to \`ready\` | $ready | $(tr '\n' ' ' < "$WORK/agent-ready") | | |"
echo "| of which \`ready\` to REGISTERING (session open) | $(median < "$WORK/agent-opening") | $(tr '\n' ' ' < "$WORK/agent-opening") | | |"
echo "| of which REGISTERING to REGISTERED (REGISTER round trip) | $(median < "$WORK/agent-round-trip") | $(tr '\n' ' ' < "$WORK/agent-round-trip") | | |"
echo "| anchor: baresip 1.0 | $baresip | $(tr '\n' ' ' < "$WORK/baresip-times") | | 1× |"

fi
echo
command -v sipp >/dev/null || { echo "bench-sip: sipp is not installed (scripts/install-peers.sh)" >&2; exit 1; }
command -v ffmpeg >/dev/null || { echo "bench-sip: ffmpeg is not installed (scripts/install-peers.sh)" >&2; exit 1; }
# 40 s of a 440 Hz tone: µ-law for SIPp's rtp_stream, a WAV for baresip's aufile source
ffmpeg -loglevel error -f lavfi -i "sine=frequency=440:sample_rate=8000:duration=40" -ac 1 -f mulaw "$WORK/tone.ulaw"
ffmpeg -loglevel error -f lavfi -i "sine=frequency=440:sample_rate=8000:duration=40" -ac 1 "$WORK/tone.wav"
for kind in short held; do
  if [ $kind = held ]; then media='<nop><action><exec rtp_stream="'"$WORK"'/tone.ulaw,1,0"/></action></nop>'; else media=''; fi
  cat > "$WORK/uac-$kind.xml" <<XML
<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="uac-$kind">
  <send retrans="500"><![CDATA[
INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:sipp@[local_ip]:[local_port]>;tag=[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: <sip:sipp@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Type: application/sdp
Content-Length: [len]

v=0
o=sipp 1 1 IN IP4 [local_ip]
s=-
c=IN IP4 [local_ip]
t=0 0
m=audio [auto_media_port] RTP/AVP 0
a=rtpmap:0 PCMU/8000
a=ptime:20
]]></send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="183" optional="true"/>
  <recv response="200" rtd="true"/>
  <send><![CDATA[
ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:sipp@[local_ip]:[local_port]>;tag=[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
Call-ID: [call_id]
CSeq: 1 ACK
Max-Forwards: 70
Content-Length: 0

]]></send>
  $media
  <pause/>
  <send retrans="500"><![CDATA[
BYE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:sipp@[local_ip]:[local_port]>;tag=[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
Call-ID: [call_id]
CSeq: 2 BYE
Max-Forwards: 70
Content-Length: 0

]]></send>
  <recv response="200" crlf="true"/>
</scenario>
XML
done

CALLS=${SWITCHBOARD_BENCH_SIP_CALLS:-300}
ANSWER=${SWITCHBOARD_BENCH_SIP_ANSWER:-auto}
CPU=${SWITCHBOARD_BENCH_SIP_CPU:-yes}   # no: calls/s only
WARMUP=${SWITCHBOARD_BENCH_SIP_WARMUP:-300}
case $ANSWER in auto|controller) ;; *) echo "bench-sip: SWITCHBOARD_BENCH_SIP_ANSWER is auto or controller" >&2; exit 2;; esac
python3 - "$ROOT" "$WORK" "$PORT" "$CALLS" "$ANSWER" "$CPU" "$WARMUP" <<'PY'
import json, os, subprocess, sys, threading, time

root, work, port, calls, answer = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
cpu, warmup = sys.argv[6] != "no", int(sys.argv[7])
tick = os.sysconf("SC_CLK_TCK")

def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick   # utime + stime

def free_port():
    import socket
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

class Agent:
    """The headless agent registered as alice, answering every call by its auto-answer policy (or its controller)."""
    def __init__(self):
        profile = os.path.join(work, "agent-calls")
        self.process = subprocess.Popen([os.path.join(root, "switchboard"), "agent", "--profile", profile],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=open(os.path.join(work, "agent-calls.err"), "w"),
                text=True, bufsize=1)
        self.pid = self.process.pid
        self.registered = threading.Event()
        self.connected = 0
        threading.Thread(target=self.read, daemon=True).start()
        self.send(f"account add a1 sip user=alice domain=127.0.0.1 registrar=127.0.0.1:{port} keepalive=60 "
                  f"codecs=PCMU capture=null: playback=null: autoanswer={str(answer == 'auto').lower()}")
        self.send("register a1")
        if not self.registered.wait(120):
            raise SystemExit("bench-sip: the agent did not register")
    def send(self, line):
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
    def read(self):
        for line in self.process.stdout:
            event = json.loads(line)
            if event.get("event") == "registration" and event.get("state") == "REGISTERED":
                self.registered.set()
            elif event.get("event") == "call" and event.get("state") == "RINGING_IN" and answer == "controller":
                self.send("answer " + event["call"])
            elif event.get("event") == "call" and event.get("state") == "CONNECTED":
                self.connected += 1
    def stop(self):
        self.send("quit")
        self.process.wait(30)

class Baresip:
    """
    baresip 1.0 registered as bob, answering by itself, the tone file as its microphone. Its speaker is an aubridge
    device nobody reads (still decoding every packet into its buffer): ALSA's "null" device, which the tests use,
    never blocks, so baresip's player thread spins on it at ~80 % of a core per call (measured by hand).
    """
    def __init__(self):
        config = os.path.join(work, "baresip-calls")
        os.makedirs(config, exist_ok=True)
        rtp = free_port()
        with open(os.path.join(config, "config"), "w") as f:
            f.write(f"""poll_method\tepoll
sip_listen\t127.0.0.1:{free_port()}
net_interface\t127.0.0.1
dns_server\t127.0.0.1:53
call_max_calls\t200
audio_player\taubridge,bench
audio_source\taufile,{work}/tone.wav
ausrc_srate\t8000
auplay_srate\t8000
ausrc_channels\t1
auplay_channels\t1
rtp_ports\t20000-29999
module_path\t/usr/lib/baresip/modules
module\tg711.so
module\taubridge.so
module\taufile.so
module_app\taccount.so
""")
        with open(os.path.join(config, "accounts"), "w") as f:
            f.write(f'<sip:bob@127.0.0.1>;outbound="sip:127.0.0.1:{port};transport=udp";regint=300;answermode=auto;'
                    'audio_codecs=PCMU\n')
        self.log = os.path.join(work, "baresip-calls.log")
        self.process = subprocess.Popen(["baresip", "-f", config], stdin=subprocess.DEVNULL,
                stdout=open(self.log, "w"), stderr=subprocess.STDOUT)
        self.pid = self.process.pid
        deadline = time.time() + 30
        while "200 OK" not in open(self.log).read():
            if time.time() > deadline or self.process.poll() is not None:
                raise SystemExit("bench-sip: baresip did not register: " + open(self.log).read()[-300:])
            time.sleep(0.01)
    def stop(self):
        # baresip 1.0 can take long to end many calls on SIGTERM; its numbers are taken by then
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)

def sipp(user, kind, total, limit, rate, hold_ms):
    command = ["sipp", f"127.0.0.1:{port}", "-sf", os.path.join(work, f"uac-{kind}.xml"), "-s", user,
               "-i", "127.0.0.1", "-p", str(free_port()), "-mp", str(free_port() & ~1), "-m", str(total),
               "-l", str(limit), "-r", str(rate), "-d", str(hold_ms), "-nostdin", "-timeout", "300s",
               "-trace_err", "-error_file", os.path.join(work, f"sipp-{user}-{kind}-errors.log")]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)

def calls_per_second(ua, user):
    # warm-up calls first, unmeasured and alike for both: the JVM compiles the call path during the first few hundred
    # calls, a one-off cost of each start that a softphone running all day does not pay per call
    if warmup > 0 and sipp(user, "short", warmup, 10, 1000, 0).wait() != 0:
        print(f"bench-sip: warm-up calls to {user} failed", file=sys.stderr)
    cpu_before = cpu_seconds(ua.pid)
    start = time.time()
    outcome = sipp(user, "short", calls, 10, 1000, 0).wait()
    elapsed = time.time() - start
    return calls / elapsed, outcome, (cpu_seconds(ua.pid) - cpu_before) / calls

def cpu_per_call(ua, user, count):
    before = cpu_seconds(ua.pid); time.sleep(5); idle = (cpu_seconds(ua.pid) - before) / 5
    # all calls set up within about 2 s (50 a second), then 10 s measured while every call streams both ways
    run = sipp(user, "held", count, count, 50, 25000)
    time.sleep(count / 50 + 4)
    before = cpu_seconds(ua.pid); start = time.time()
    time.sleep(10)
    busy = (cpu_seconds(ua.pid) - before) / (time.time() - start)
    outcome = run.wait()
    return (busy - idle) / count, busy, outcome

results = {}
for name, make, user in (("agent", Agent, "alice"), ("baresip", Baresip, "bob")):
    ua = make()
    try:
        rate, rate_exit, cpu_per_setup = calls_per_second(ua, user)
        if cpu:
            per_call, total10, exit10 = cpu_per_call(ua, user, 10)
            per_call100, total100, exit100 = cpu_per_call(ua, user, 100)
        else:
            per_call = total10 = exit10 = per_call100 = total100 = exit100 = float("nan")
    finally:
        ua.stop()
    results[name] = dict(rate=rate, rate_exit=rate_exit, cpu_per_setup=cpu_per_setup, per_call=per_call, exit10=exit10, per_call100=per_call100,
                         total100=total100, exit100=exit100)
    print(name, {key: round(value, 4) for key, value in results[name].items()}, flush=True)

a, b = results["agent"], results["baresip"]
def ok(code):
    return "0 failed" if code == 0 else f"SIPp exit {code} (failed calls, see its error log)"
print(f"SIP calls, agent ({answer} answer) beside baresip on one Kamailio (load average {open('/proc/loadavg').read().split()[0]} at the end)")
print("| what | agent | baresip 1.0 (anchor) | agent / baresip | goal |")
print("|---|---|---|---|---|")
print(f"| calls/s answered as UAS ({calls} calls after {warmup} unmeasured, ≤ 10 at once) | {a['rate']:.1f} ({ok(a['rate_exit'])}) | "
      f"{b['rate']:.1f} ({ok(b['rate_exit'])}) | {a['rate'] / b['rate']:.2f}× | ≥ 2× |")
print(f"| CPU per short call (INVITE to BYE's 200), ms of a core | {a['cpu_per_setup'] * 1000:.2f} | "
      f"{b['cpu_per_setup'] * 1000:.2f} | {a['cpu_per_setup'] / b['cpu_per_setup']:.2f}× | |")
if not cpu:
    sys.exit(0)
print(f"| CPU per active G.711 call (10 calls) | {a['per_call'] * 100:.2f} % of a core ({ok(a['exit10'])}) | "
      f"{b['per_call'] * 100:.2f} % ({ok(b['exit10'])}) | {a['per_call'] / b['per_call']:.2f}× | ≤ 1.5× |")
print(f"| 100 concurrent G.711 calls, whole process | {a['total100']:.2f} cores ({ok(a['exit100'])}) | "
      f"{b['total100']:.2f} cores ({ok(b['exit100'])}) | {a['total100'] / b['total100']:.2f}× | agent < 1 core |")
PY
