package dev.switchboard.ui;

import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.swt.accessibility.AccessibleAdapter;
import org.eclipse.swt.accessibility.AccessibleEvent;
import org.eclipse.swt.accessibility.ACC;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.osgi.service.event.Event;

import jakarta.inject.Inject;

/**
 * Model add-on for the part stacks' own chrome. SWT's {@code CTabFolder} draws minimise and
 * maximise as image-only tool items, which a screen reader cannot name and which do nothing useful in
 * a window of four fixed areas (there is no min/max add-on), so they are hidden; the tool items
 * left (chevron, view menu) are named by their tooltip. The selected tab gets the chosen theme's
 * colours when the choice differs from the system's theme.
 */
public final class StackChrome {

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    void windowShown(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Event event) {
        Display display = Display.getCurrent();
        if (display == null) {
            return;
        }
        for (Shell shell : display.getShells()) {
            tidy(shell);
        }
    }

    private static void tidy(Control control) {
        if (control instanceof CTabFolder folder) {
            folder.setMinimizeVisible(false);
            folder.setMaximizeVisible(false);
            if (Widgets.isDark(folder.getDisplay()) != Display.isSystemDarkTheme()) {
                // a dark (or light) choice made before the window existed: the tabs took the system's colours
                ThemeSwitch.paintSelectedTab(folder, Widgets.isDark(folder.getDisplay()));
            }
        }
        if (control instanceof ToolBar bar) {
            bar.getAccessible().addAccessibleListener(new AccessibleAdapter() {
                @Override
                public void getName(AccessibleEvent event) {
                    ToolItem[] items = bar.getItems();
                    if (event.childID >= 0 && event.childID < items.length && event.childID != ACC.CHILDID_SELF) {
                        ToolItem item = items[event.childID];
                        if (item.getText().isEmpty() && item.getToolTipText() != null) {
                            event.result = item.getToolTipText();
                        }
                    }
                }
            });
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                tidy(child);
            }
        }
    }
}
