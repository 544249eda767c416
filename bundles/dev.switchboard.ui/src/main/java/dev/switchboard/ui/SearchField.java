package dev.switchboard.ui;

import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * A visible caption and a search-as-you-type input named by it (so screen readers speak the
 * caption): every change hands the stripped text to the view; Enter hands it on as a choice, e.g.
 * to move to the first match. Made for a {@code GridLayout} parent: two cells, the input grabbing
 * the spare width.
 */
public final class SearchField {

    private final Text input;

    public SearchField(Composite parent, String caption, String widgetKey, String accessibleName, String hint,
            Consumer<String> changed) {
        Label label = new Label(parent, SWT.NONE);
        label.setText(caption);
        input = Widgets.name(new Text(parent, SWT.SINGLE | SWT.BORDER | SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL),
                widgetKey, accessibleName);
        input.setMessage(hint);
        input.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Widgets.labelledBy(input, label);
        input.addListener(SWT.Modify, event -> changed.accept(text()));
    }

    /** Called with the text when the user presses Enter in the field. */
    public void onEnter(Consumer<String> chosen) {
        input.addListener(SWT.DefaultSelection, event -> chosen.accept(text()));
    }

    public String text() {
        return input.getText().strip();
    }

    public Text control() {
        return input;
    }
}
