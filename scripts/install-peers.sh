#!/bin/sh
# Installs the Debian packages of the real test peers (Kamailio, SIPp, baresip, Prosody, slapd,
# PulseAudio, Xvfb, the GTK runtime SWT needs, slixmpp as a second XMPP client) and of the reference codecs (ffmpeg; libspandsp and
# gcc, which builds the G.722 conformance test's spandsp tool; libopus and opus-tools, libbcg729 and its
# headers for the Opus and G.729 plug-ins and their reference tools). Runs only as root; does nothing when
# every package is already there, so repeated test runs stay fast.
set -e
PACKAGES="kamailio kamailio-extra-modules kamailio-utils-modules kamailio-tls-modules
  sip-tester baresip-core prosody lua-unbound slapd ldap-utils openssl
  pulseaudio pulseaudio-utils dbus xvfb xauth x11-utils xdotool imagemagick libgtk-3-0 procps
  at-spi2-core python3-pyatspi ffmpeg libspandsp-dev gcc
  libopus0 libopus-dev opus-tools libbcg729-0 libbcg729-dev"
# IAX2 plug-in: iaxmodem (libiax2) is the only IAX2 peer packaged for Debian 12
PACKAGES="$PACKAGES iaxmodem"
# XMPP plug-in: slixmpp as a second, non-Smack client
PACKAGES="$PACKAGES python3-slixmpp"
# desktop: trayer, a system tray (XEmbed) on Xvfb for the tray icon's test
PACKAGES="$PACKAGES trayer"
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "switchboard: test peers missing:$missing" >&2
  echo "switchboard: run as root once, or: sudo apt-get install$missing" >&2
  exit 0
fi
echo "switchboard: installing test peers:$missing"
echo "slapd slapd/no_configuration boolean true" | debconf-set-selections
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
# Debian starts these as system services on install; the tests start their own instances.
for s in kamailio prosody slapd; do
  (command -v systemctl >/dev/null && systemctl stop "$s" 2>/dev/null) || service "$s" stop 2>/dev/null || true
done
