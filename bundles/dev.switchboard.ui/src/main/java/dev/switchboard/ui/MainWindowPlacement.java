package dev.switchboard.ui;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Preference;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.lifecycle.ProcessAdditions;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;

/**
 * Application life cycle hook (the product's {@code lifeCycleURI}) that centres the main window on
 * the primary monitor before it is shown. The model cannot say "centred", and a window left at the
 * model's 0,0 opens in the screen's corner wherever the window manager honours program positions.
 * It places the window on every start, which is right only while plugin.xml keeps
 * {@code persistState=false}; once window state is saved it must leave a saved position alone.
 * It also applies the stored light/dark choice before the first widget is made.
 */
public final class MainWindowPlacement {

    public static final String MAIN_WINDOW_ID = "dev.switchboard.ui.window.main";

    @ProcessAdditions
    void centreMainWindow(MApplication application) {
        Rectangle screen = Display.getCurrent().getPrimaryMonitor().getClientArea();
        for (MWindow window : application.getChildren()) {
            if (MAIN_WINDOW_ID.equals(window.getElementId())) {
                int width = Math.min(window.getWidth(), screen.width);
                int height = Math.min(window.getHeight(), screen.height);
                window.setWidth(width);
                window.setHeight(height);
                window.setX(screen.x + (screen.width - width) / 2);
                window.setY(screen.y + (screen.height - height) / 2);
            }
        }
    }

    @ProcessAdditions
    void applyTheme(@Optional @Preference(nodePath = "dev.switchboard.ui", value = Theme.PREFERENCE_KEY) String theme) {
        ThemeSwitch.apply(Display.getCurrent(), Theme.fromPreference(theme));
    }
}
