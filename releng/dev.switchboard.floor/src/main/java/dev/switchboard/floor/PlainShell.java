package dev.switchboard.floor;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

/**
 * The lowest start-up floor: an SWT shell with a label in a plain JVM (no OSGi, no e4), started by
 * {@code ./switchboard floor shell} with the desktop's JVM options. Ctrl+Q closes it.
 */
public final class PlainShell {

    private PlainShell() {
    }

    public static void main(String[] arguments) {
        Display display = new Display();
        Shell shell = new Shell(display);
        shell.setText("Switchboard");
        shell.setSize(1040, 740);
        shell.setLayout(new FillLayout());
        new Label(shell, SWT.CENTER).setText("Switchboard start-up floor: a plain SWT shell");
        display.addFilter(SWT.KeyDown, event -> {
            if ((event.stateMask & SWT.CTRL) != 0 && event.keyCode == 'q') {
                shell.close();
            }
        });
        shell.open();
        while (!shell.isDisposed()) {
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
        display.dispose();
    }
}
