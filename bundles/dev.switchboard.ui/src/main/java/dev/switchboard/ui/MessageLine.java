package dev.switchboard.ui;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * The one-line answer a view gives to what the user just did ("Calling Bob…", "Could not save…"):
 * grey for progress and results, red for failures. Safe to call after the view is gone, since the
 * answers arrive from background work.
 */
public final class MessageLine {

    private final Label label;

    public MessageLine(Composite parent, String widgetKey) {
        label = Widgets.name(new Label(parent, SWT.WRAP), widgetKey, null);
    }

    public Label control() {
        return label;
    }

    public void say(String text, boolean error) {
        if (label.isDisposed() || label.getText().equals(text)) {
            return;
        }
        label.setText(text);
        label.setForeground(error ? Widgets.errorColour(label.getDisplay())
                : Widgets.secondaryText(label.getDisplay()));
        label.requestLayout();
    }
}
