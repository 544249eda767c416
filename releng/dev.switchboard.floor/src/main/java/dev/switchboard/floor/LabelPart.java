package dev.switchboard.floor;

import jakarta.annotation.PostConstruct;

import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/** The floor's only part: a label. */
public final class LabelPart {

    @PostConstruct
    void createControls(Composite parent, IWorkbench workbench) {
        parent.setLayout(new FillLayout());
        new Label(parent, SWT.CENTER).setText("Switchboard start-up floor: an empty e4 workbench");
        // Ctrl+Q closes the workbench as the desktop's Quit does, so that scripts/quit-desktop.sh ends the floor
        // the same way (the framework stops cleanly and writes its caches); a display filter, not an e4
        // command and binding, because those need the add-ons the floor leaves out.
        parent.getDisplay().addFilter(SWT.KeyDown, event -> {
            if ((event.stateMask & SWT.CTRL) != 0 && event.keyCode == 'q') {
                workbench.close();
            }
        });
    }
}
