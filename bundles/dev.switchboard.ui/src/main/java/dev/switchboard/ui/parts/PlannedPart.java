package dev.switchboard.ui.parts;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;

/**
 * Stands in for a view that is not built yet and says so, naming what will come. The words live in
 * the part's persisted state under {@value #PLAN_KEY} in Application.e4xmi, so every placeholder is
 * one model element and the real view replaces it by changing the part's contribution URI.
 */
public final class PlannedPart {

    public static final String PLAN_KEY = "switchboard.plan";

    private static final int TEXT_WIDTH = 340;

    @PostConstruct
    void createControls(Composite parent, MPart part) {
        parent.setLayout(new GridLayout());
        Composite column = new Composite(parent, SWT.NONE);
        column.setLayoutData(new GridData(SWT.CENTER, SWT.CENTER, true, true));
        GridLayout layout = new GridLayout();
        layout.verticalSpacing = 8;
        column.setLayout(layout);

        Label title = new Label(column, SWT.CENTER);
        title.setText(part.getLabel());
        title.setFont(JFaceResources.getHeaderFont());
        title.setLayoutData(new GridData(SWT.CENTER, SWT.CENTER, true, false));

        Label plan = new Label(column, SWT.WRAP | SWT.CENTER);
        plan.setText(part.getPersistedState().getOrDefault(PLAN_KEY, ""));
        plan.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        GridData planLayout = new GridData(SWT.CENTER, SWT.CENTER, true, false);
        planLayout.widthHint = TEXT_WIDTH;
        plan.setLayoutData(planLayout);
    }
}
