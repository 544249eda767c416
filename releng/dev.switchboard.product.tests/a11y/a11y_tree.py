#!/usr/bin/python3
"""Prints the accessibility (AT-SPI) tree of one running application, a line per node:
depth<TAB>role<TAB>name. Used by the desktop smoke test to see what the window really shows."""
import sys

import pyatspi


def walk(node, depth, out):
    try:
        out.append(f"{depth}\t{node.getRoleName()}\t{(node.name or '').replace(chr(10), ' ')}")
        for index in range(node.childCount):
            walk(node.getChildAtIndex(index), depth + 1, out)
    except Exception:  # a widget that vanished while being read is simply not listed
        pass


def main():
    wanted = sys.argv[1]
    lines = []
    for app in pyatspi.Registry.getDesktop(0):
        if app is not None and app.name == wanted:
            walk(app, 0, lines)
    print("\n".join(lines))
    return 0 if lines else 1


if __name__ == "__main__":
    sys.exit(main())
