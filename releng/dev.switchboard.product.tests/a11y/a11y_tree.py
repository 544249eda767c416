#!/usr/bin/python3
"""Prints the accessibility (AT-SPI) tree of one running application, a line per node:
depth<TAB>role<TAB>name, the name being what a screen reader speaks (the text of the label a
control is labelled by, else the control's own name). Used by the desktop tests to see what the window really shows.
With --focus NAME it first gives the keyboard focus to the first node called NAME (exit code 2 if
there is none), as a screen-reader user moving to that control would."""
import sys

import pyatspi


def first_label(node, depth=0):
    """The text of a label node, or of the first named label below it (SWT puts labels in a panel)."""
    if node.getRoleName() == "label" and node.name:
        return node.name
    if depth > 3:
        return ""
    for index in range(node.childCount):
        text = first_label(node.getChildAtIndex(index), depth + 1)
        if text:
            return text
    return ""


def spoken_name(node):
    """What a screen reader announces: the label the node is labelled by, else its own name."""
    for relation in node.getRelationSet():
        if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
            for index in range(relation.getNTargets()):
                text = first_label(relation.getTarget(index))
                if text:
                    return text
    return node.name or ""


def walk(node, depth, out, nodes):
    try:
        out.append(f"{depth}\t{node.getRoleName()}\t{spoken_name(node).replace(chr(10), ' ')}")
        nodes.append(node)
        for index in range(node.childCount):
            walk(node.getChildAtIndex(index), depth + 1, out, nodes)
    except Exception:  # a widget that vanished while being read is simply not listed
        pass


def main():
    args = sys.argv[1:]
    focus = None
    if len(args) >= 3 and args[0] == "--focus":
        focus = args[1]
        args = args[2:]
    wanted = args[0]
    lines = []
    nodes = []
    for app in pyatspi.Registry.getDesktop(0):
        if app is not None and app.name == wanted:
            walk(app, 0, lines, nodes)
    if focus is not None:
        target = next((node for node in nodes if spoken_name(node) == focus), None)
        if target is None:
            print(f"no node named '{focus}'", file=sys.stderr)
            return 2
        # SWT's accessible objects answer False here even when GTK moved the focus, so the answer
        # is not checked; the caller sees the outcome in what the window does next
        target.queryComponent().grabFocus()
    print("\n".join(lines))
    return 0 if lines else 1


if __name__ == "__main__":
    sys.exit(main())
