#!/usr/bin/python3
"""The anchor of the XMPP round-trip benchmark: the same round trip between two slixmpp clients.

usage: slixmpp_bench.py HOST PORT JID_A PASSWORD_A JID_B PASSWORD_B CAFILE N
A sends N (after 20 warm-up) chat messages to B one at a time, B echoes each, A times send to echo.
Prints "RTT <median ms> <p95 ms>".
"""
import asyncio
import ssl
import sys
import time

import slixmpp

host, port, jid_a, password_a, jid_b, password_b, cafile, count = sys.argv[1:9]
count = int(count)
WARM_UP = 20


class Client(slixmpp.ClientXMPP):
    def __init__(self, jid, password, on_message):
        super().__init__(jid, password)
        self.ssl_context = ssl.create_default_context(cafile=cafile)
        self.enable_direct_tls = False
        self.started = asyncio.get_event_loop().create_future()
        self.add_event_handler("session_start", self.session_start)
        self.add_event_handler("message", on_message)

    async def session_start(self, event):
        self.send_presence()
        self.started.set_result(True)


async def main():
    replies = {}
    b = None

    def echo(message):
        if message["type"] == "chat" and message["body"]:
            b.send_message(mto=message["from"].bare, mbody=message["body"], mtype="chat")

    def reply(message):
        future = replies.pop(message["body"], None)
        if future is not None:
            future.set_result(time.perf_counter_ns())

    a = Client(jid_a, password_a, reply)
    b = Client(jid_b, password_b, echo)
    for client in (a, b):
        client.connect((host, int(port)))
    await asyncio.wait_for(asyncio.gather(a.started, b.started), 30)
    times = []
    for i in range(-WARM_UP, count):
        text = "ping %d" % i
        future = asyncio.get_event_loop().create_future()
        replies[text] = future
        start = time.perf_counter_ns()
        a.send_message(mto=jid_b, mbody=text, mtype="chat")
        end = await asyncio.wait_for(future, 10)
        if i >= 0:
            times.append(end - start)
    times.sort()
    print("RTT %.3f %.3f" % (times[len(times) // 2] / 1e6, times[len(times) * 95 // 100] / 1e6), flush=True)
    a.disconnect()
    b.disconnect()


asyncio.get_event_loop().run_until_complete(main())
