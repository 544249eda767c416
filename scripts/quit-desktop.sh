#!/bin/sh
# Usage: scripts/quit-desktop.sh DISPLAY PID
# Closes the desktop running as PID on DISPLAY as a user does, so that the workbench and the framework
# write their state and caches (extension registry, Felix SCR's component cache, framework state) as
# after a user's session: the account wizard a profile without accounts is offered (modal: it holds the
# main window's keys) is cancelled with Escape, then Switchboard > Quit (Ctrl+Q) on the main window.
# Exits 0 once PID has ended, 1 when it is still there 30 s later (the caller decides what to do then).
display=$1; pid=$2
tries=0
while kill -0 "$pid" 2>/dev/null; do
  [ $tries -ge 15 ] && exit 1
  for wizard in $(DISPLAY=$display xdotool search --onlyvisible --name '^Add an account ?$' 2>/dev/null); do
    DISPLAY=$display xdotool windowfocus --sync "$wizard" key Escape 2>/dev/null || true
  done
  # SWT on GTK pads the X11 window name with a trailing blank
  main=$(DISPLAY=$display xdotool search --onlyvisible --name '^Switchboard ?$' 2>/dev/null | head -1)
  [ -n "$main" ] && { DISPLAY=$display xdotool windowfocus --sync "$main" key ctrl+q 2>/dev/null || true; }
  # a wizard opening just then takes the key: look again after 2 s (the loop's pace, not a wait for a state)
  waited=0
  while kill -0 "$pid" 2>/dev/null && [ $waited -lt 20 ]; do sleep 0.1; waited=$((waited + 1)); done
  tries=$((tries + 1))
done
exit 0
