#!/usr/bin/python3
"""Prints the accessibility (AT-SPI) tree of one running application, a line per node:
depth<TAB>role<TAB>name, the name being what a screen reader speaks (the text of the label a
control is labelled by, else the control's own name). Used by the desktop tests to see what the window really shows.
With --focus NAME it first gives the keyboard focus to the first node called NAME (exit code 2 if
there is none), as a screen-reader user moving to that control would; --press NAME runs the node's
first action (a button's click), --click NAME clicks the middle of the node with the pointer (xdotool),
as a user would (tabs, list rows). --within AREA limits those to the first node called AREA that is
not a label (a window, panel, ...) and what lies below it. --showing (first) leaves out nodes a
screen reader would not reach because they are not on screen (hidden tool items, other tabs' pages).
--values (first, or after --showing) adds a fourth column to nodes that have a value (AT-SPI Value:
progress bars, level meters, sliders), e.g. "7<TAB>progress bar<TAB>Speaker level<TAB>75"."""
import subprocess
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


def value_column(node):
    """A tab and the node's AT-SPI value, or nothing when it has none."""
    try:
        return f"\t{node.queryValue().currentValue:g}"
    except Exception:  # no Value interface (NotImplementedError), or it failed to answer: no column
        return ""


def walk(node, depth, out, nodes, showing_only=False, values=False):
    try:
        if showing_only and depth > 0 and not node.getState().contains(pyatspi.STATE_SHOWING):
            return
        line = f"{depth}\t{node.getRoleName()}\t{spoken_name(node).replace(chr(10), ' ')}"
        out.append(line + value_column(node) if values else line)
        nodes.append(node)
        for index in range(node.childCount):
            walk(node.getChildAtIndex(index), depth + 1, out, nodes, showing_only, values)
    except Exception:  # a widget that vanished while being read is simply not listed
        pass


def named(node, spec):
    """Whether the node is what SPEC names: NAME, or ROLE<TAB>NAME (e.g. "text\tSearch" for the input
    rather than its label). SWT on GTK pads window titles with a trailing blank, so names are compared
    without surrounding blanks."""
    if "\t" in spec:
        role, name = spec.split("\t", 1)
        return node.getRoleName() == role and spoken_name(node).strip() == name
    return spoken_name(node).strip() == spec


def subtree(node, out):
    try:
        out.append(node)
        for index in range(node.childCount):
            subtree(node.getChildAtIndex(index), out)
    except Exception:  # vanished while being read
        pass


def main():
    args = sys.argv[1:]
    showing_only = bool(args) and args[0] == "--showing"
    if showing_only:
        args = args[1:]
    values = bool(args) and args[0] == "--values"
    if values:
        args = args[1:]
    actions = []
    within = None
    while len(args) >= 3 and args[0] in ("--focus", "--press", "--click", "--within"):
        if args[0] == "--within":
            within = args[1]
        else:
            actions.append((args[0], args[1]))
        args = args[2:]
    wanted = args[0]
    lines = []
    nodes = []
    for app in pyatspi.Registry.getDesktop(0):
        if app is not None and app.name == wanted:
            walk(app, 0, lines, nodes, showing_only, values)
    scope = nodes
    if within is not None:
        area = next((node for node in nodes if node.getRoleName() != "label" and named(node, within)), None)
        if area is None:
            print("\n".join(lines))
            print(f"no area named '{within}'", file=sys.stderr)
            return 2
        scope = []
        subtree(area, scope)
    for action, name in actions:
        target = next((node for node in scope if named(node, name)), None)
        if target is None:
            print("\n".join(lines))
            print(f"no node named '{name}'", file=sys.stderr)
            return 2
        if action == "--focus":
            # SWT's accessible objects answer False here even when GTK moved the focus, so the answer
            # is not checked; the caller sees the outcome in what the window does next
            target.queryComponent().grabFocus()
        elif action == "--press":
            target.queryAction().doAction(0)
        else:
            x, y, width, height = target.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
            subprocess.run(["xdotool", "mousemove", "--sync", str(x + width // 2), str(y + height // 2),
                            "click", "1"], check=True)
    print("\n".join(lines))
    return 0 if lines else 1


if __name__ == "__main__":
    sys.exit(main())
