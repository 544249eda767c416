"""Reading the H.323 captures in ../shared/peers/captures/h323 for the vector-extraction scripts:
classic little-endian pcap files of Ethernet/IPv4 frames, and the frame numbers of tshark's text
decode beside each capture."""
import re, struct

# the call signalling ports the captured endpoints and gatekeepers listen on
CALL_SIGNALLING_PORTS = {1720, 1721, 1722, 1730, 1731}

def frames(pcap):
    """(frame number from 1, frame bytes) for every record of the capture."""
    data = open(pcap, "rb").read()
    assert data[:4] == b"\xd4\xc3\xb2\xa1", pcap + " is not a little-endian pcap file"
    pos, n = 24, 0
    while pos + 16 <= len(data):
        incl = struct.unpack("<I", data[pos + 8:pos + 12])[0]
        n += 1
        yield n, data[pos + 16:pos + 16 + incl]
        pos += 16 + incl

def tpkts(pcap, on_call_signalling_ports):
    """(frame where it starts, TPKT version byte, payload) for every TPKT of the TCP streams on (or
    off) the call signalling ports, each stream reassembled by sequence number in stream order."""
    streams = {}
    for n, frame in frames(pcap):
        if frame[12:14] != b"\x08\x00" or frame[23] != 6:
            continue
        ihl = (frame[14] & 0x0F) * 4
        total = struct.unpack(">H", frame[16:18])[0]
        tcp = frame[14 + ihl:14 + total]
        sport, dport, seq = struct.unpack(">HHI", tcp[:8])
        payload = tcp[(tcp[12] >> 4) * 4:]
        signalling = sport in CALL_SIGNALLING_PORTS or dport in CALL_SIGNALLING_PORTS
        if payload and signalling == on_call_signalling_ports:
            streams.setdefault((sport, dport), {}).setdefault(seq, (n, payload))
    for key in sorted(streams):
        buf, starts = b"", []
        for seq in sorted(streams[key]):
            n, payload = streams[key][seq]
            starts.append((len(buf), n))
            buf += payload
        pos = 0
        while pos + 4 <= len(buf):
            length = struct.unpack(">H", buf[pos + 2:pos + 4])[0]
            yield max(f for off, f in starts if off <= pos), buf[pos], buf[pos + 4:pos + length]
            pos += length

def names_by_frame(txt, line_pattern):
    """{frame number: [first group of every line of that frame's decode matching line_pattern]}."""
    out, frame = {}, None
    for line in open(txt, encoding="utf-8", errors="replace"):
        m = re.match(r"^Frame (\d+):", line)
        if m:
            frame = int(m.group(1))
        m = re.match(line_pattern, line)
        if m:
            out.setdefault(frame, []).append(m.group(1))
    return out
