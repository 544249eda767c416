#!/usr/bin/python3
"""The anchor of the XMPP roster benchmark: a slixmpp client logs in to an account with a large roster.

usage: slixmpp_roster_bench.py HOST PORT JID PASSWORD CAFILE CONTACTS ONLINE RUNS
Each run (after one warm-up) times connect to "roster of CONTACTS received" and to "ONLINE contacts seen
available" (the client asks for the roster, then sends its presence, as ours does).
Prints "ROSTER <median ms to all available> <median ms to roster received> <median ms to the first contact
presence> <median ms to the last contact presence seen before the client disconnects>".
"""
import asyncio
import ssl
import sys
import time

import slixmpp

host, port, jid, password, cafile, contacts, online, runs = sys.argv[1:9]
contacts, online, runs = int(contacts), int(online), int(runs)


class Client(slixmpp.ClientXMPP):
    def __init__(self, resource, start):
        super().__init__(jid + "/" + resource, password)
        self.ssl_context = ssl.create_default_context(cafile=cafile)
        self.enable_direct_tls = False
        self.start = start
        self.available = set()
        self.roster_at = None
        self.first_presence_at = None
        self.last_presence_at = None
        self.done = asyncio.get_event_loop().create_future()
        self.add_event_handler("session_start", self.session_start)
        self.add_event_handler("presence_available", self.presence_available)
        self.add_event_handler("presence", self.any_presence)

    def any_presence(self, presence):
        now = time.perf_counter_ns()
        if self.first_presence_at is None:
            self.first_presence_at = now
        self.last_presence_at = now

    async def session_start(self, event):
        await self.get_roster()
        if len(self.client_roster) >= contacts:
            self.roster_at = time.perf_counter_ns()
        self.send_presence()

    def presence_available(self, presence):
        bare = presence["from"].bare
        if bare != self.boundjid.bare:
            self.available.add(bare)
        if len(self.available) >= online and self.roster_at is not None and not self.done.done():
            self.done.set_result(time.perf_counter_ns())


async def main():
    totals, rosters, firsts, lasts = [], [], [], []
    for run in range(runs + 1):
        start = time.perf_counter_ns()
        client = Client("slixroster%d" % run, start)
        client.connect((host, int(port)))
        end = await asyncio.wait_for(client.done, 60)
        if run > 0:
            totals.append(end - start)
            rosters.append(client.roster_at - start)
        client.disconnect()
        await client.disconnected
        if run > 0:
            firsts.append(client.first_presence_at - start)
            lasts.append(client.last_presence_at - start)
    for times in (totals, rosters, firsts, lasts):
        times.sort()
    print("ROSTER %.1f %.1f %.1f %.1f" % tuple(times[len(times) // 2] / 1e6 for times in (totals, rosters, firsts, lasts)),
          flush=True)


asyncio.get_event_loop().run_until_complete(main())
