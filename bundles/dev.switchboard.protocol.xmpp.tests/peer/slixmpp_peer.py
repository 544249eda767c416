#!/usr/bin/python3
"""A Smack-free XMPP client for the interop test (slixmpp, Debian's python3-slixmpp).

usage: slixmpp_peer.py HOST PORT JID PASSWORD CAFILE PEER TEXT
Logs in over STARTTLS trusting only CAFILE, sends TEXT to PEER with a receipt request (XEP-0184),
and prints one line per event on stdout: READY, SENT <id>, RECEIPT <id>, GOT <text>. It answers
receipt requests itself (slixmpp's XEP-0184 plug-in) and runs until stdin closes or 60 s pass.
"""
import asyncio
import ssl
import sys

import slixmpp

host, port, jid, password, cafile, peer, text = sys.argv[1:8]


def say(line):
    print(line, flush=True)


class Peer(slixmpp.ClientXMPP):
    def __init__(self):
        super().__init__(jid, password)
        self.register_plugin("xep_0030")
        self.register_plugin("xep_0184")  # answers receipt requests, requests receipts
        self.ssl_context = ssl.create_default_context(cafile=cafile)
        self.enable_direct_tls = False
        self.add_event_handler("session_start", self.started)
        self.add_event_handler("message", self.message)
        self.add_event_handler("receipt_received", lambda m: say("RECEIPT " + m["receipt"]))

    async def started(self, event):
        self.send_presence()
        say("READY")
        message = self.make_message(mto=peer, mbody=text, mtype="chat")
        message["request_receipt"] = True
        message.send()
        say("SENT " + message["id"])

    def message(self, message):
        if message["type"] in ("chat", "normal") and message["body"]:
            say("GOT " + message["body"])


async def main():
    client = Peer()
    # an IP literal and no DNS: slixmpp connects exactly where it is told
    client.connect((host, int(port)), force_starttls=True, disable_starttls=False, use_ssl=False)
    loop = asyncio.get_running_loop()
    stdin_closed = loop.run_in_executor(None, sys.stdin.read)
    await asyncio.wait_for(stdin_closed, timeout=60)
    client.disconnect()


try:
    asyncio.run(main())
except asyncio.TimeoutError:
    pass
