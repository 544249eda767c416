package dev.switchboard.ui.contacts;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import dev.switchboard.contacts.AddressBook;
import dev.switchboard.contacts.BookEntry;
import dev.switchboard.contacts.ContactActions;
import dev.switchboard.contacts.ContactDirectory;
import dev.switchboard.contacts.MergedContact;
import dev.switchboard.contacts.MergedSearch;
import dev.switchboard.contacts.vcard.VcardCodec;
import dev.switchboard.core.contacts.Contact;
import dev.switchboard.core.contacts.ContactAddress;
import dev.switchboard.ui.FirstPaint;
import dev.switchboard.ui.MessageLine;
import dev.switchboard.ui.PresenceDots;
import dev.switchboard.ui.SearchField;
import dev.switchboard.ui.Widgets;
import dev.switchboard.ui.chats.ChatsPart;
import dev.switchboard.ui.operations.CoreOperations;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The contacts: one merged list over the address book, the directories and the rosters, searched as
 * the user types (each keystroke cancels the previous query's searches, so a slow directory never
 * shows stale names), with presence marks; beside it the chosen contact with every address, Call,
 * Chat, and Add/Edit for the address book; vCard import and export.
 */
public final class ContactsPart {

    public static final String PART_ID = "dev.switchboard.ui.part.contacts";
    public static final String SEARCH_NAME = "Search contacts";
    public static final String LIST_NAME = "Contact list";
    private static final int LIMIT = 200;
    private static final String LOADING = "Loading contacts\u2026";
    private static final MergedSearch NOTHING_SHOWN = new MergedSearch("", List.of(), List.of());

    private final UISynchronize ui;
    private final EPartService parts;
    private final CoreOperations operations;
    private final IEclipseContext context;
    private final FirstPaint firstPaint;
    private volatile ContactDirectory directory;
    private volatile ContactActions actions;
    private volatile AddressBook book;
    private volatile VcardCodec vcards;
    private ContactDirectory.TypeAhead typeAhead;

    private SearchField search;
    private Table list;
    private Label summary;
    private MessageLine message;
    private Composite details;
    private ScrolledComposite detailsScroller;
    private Font nameFont;
    private PresenceDots dots;
    private MergedSearch shown = NOTHING_SHOWN;
    /** Until the first search ends, the list is empty because nothing was asked yet, not because the book is. */
    private boolean loading = true;
    private String lastQuery = "";

    @Inject
    public ContactsPart(UISynchronize ui, EPartService parts, @Service CoreOperations operations, IEclipseContext context,
            @org.eclipse.e4.core.di.annotations.Optional FirstPaint firstPaint) {
        this.ui = ui;
        this.parts = parts;
        this.operations = operations;
        this.context = context;
        this.firstPaint = firstPaint;
    }

    /**
     * The contact services, injected after the window's first paint ({@link FirstPaint}): their first use activates
     * the contact sources, the store's address book and the vCard codec on the UI thread, and the list's first
     * search (run when the directory arrives) is answered later anyway.
     */
    private final class ContactServices {

        @Inject
        void useDirectory(@org.eclipse.e4.core.di.annotations.Optional @Service ContactDirectory newDirectory) {
            synchronized (ContactsPart.this) {
                if (typeAhead != null) {
                    typeAhead.close();
                    typeAhead = null;
                }
                directory = newDirectory;
            }
            ui.asyncExec(() -> query(lastQuery));
        }

        @Inject
        void useActions(@org.eclipse.e4.core.di.annotations.Optional @Service ContactActions newActions) {
            actions = newActions;
        }

        @Inject
        void useBook(@org.eclipse.e4.core.di.annotations.Optional @Service AddressBook newBook) {
            book = newBook;
        }

        @Inject
        void useVcards(@org.eclipse.e4.core.di.annotations.Optional @Service VcardCodec newCodec) {
            vcards = newCodec;
        }
    }

    @PostConstruct
    void createControls(Composite parent) {
        LocalResourceManager resources = new LocalResourceManager(JFaceResources.getResources(), parent);
        nameFont = resources.create(FontDescriptor.createFrom(parent.getFont()).increaseHeight(4).setStyle(SWT.BOLD));
        dots = new PresenceDots(parent);
        GridLayout layout = new GridLayout(4, false);
        layout.marginWidth = 10;
        layout.marginHeight = 8;
        parent.setLayout(layout);

        search = new SearchField(parent, "Search", "switchboard.contacts.search", SEARCH_NAME, "Name, number or address",
                this::query);
        search.onEnter(text -> {
            if (list.getItemCount() > 0) {
                list.setSelection(0);
                showDetails(0);
                list.setFocus();
            }
        });
        Button add = Widgets.name(new Button(parent, SWT.PUSH), "switchboard.contacts.add", null);
        add.setText("New contact…");
        add.addListener(SWT.Selection, event -> edit(Optional.empty(), List.of()));
        Button more = Widgets.name(new Button(parent, SWT.PUSH), "switchboard.contacts.vcard", null);
        more.setText("vCard…");
        more.setToolTipText("Import contacts from a vCard file or export the address book to one");
        more.addListener(SWT.Selection, event -> vcardMenu(more));

        SashForm split = new SashForm(parent, SWT.HORIZONTAL);
        split.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        list = Widgets.name(new Table(split, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER), "switchboard.contacts.list",
                LIST_NAME);
        list.setHeaderVisible(false);
        TableColumn nameColumn = new TableColumn(list, SWT.NONE);
        list.addListener(SWT.Resize, event -> nameColumn.setWidth(list.getClientArea().width));
        list.addListener(SWT.Selection, event -> showDetails(list.getSelectionIndex()));
        list.addListener(SWT.DefaultSelection, event -> callSelected());

        detailsScroller = new ScrolledComposite(split, SWT.V_SCROLL);
        detailsScroller.setExpandHorizontal(true);
        detailsScroller.setExpandVertical(true);
        details = Widgets.name(new Composite(detailsScroller, SWT.NONE), "switchboard.contacts.details", "Contact details");
        detailsScroller.setContent(details);
        // wrapped lines grow taller as the pane narrows: the scrolled height must follow the width
        detailsScroller.addListener(SWT.Resize, event -> relayoutDetails());
        split.setWeights(45, 55);

        summary = Widgets.name(new Label(parent, SWT.NONE), "switchboard.contacts.summary", null);
        summary.setForeground(Widgets.secondaryText(parent.getDisplay()));
        summary.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
        summary.setText(LOADING);
        message = new MessageLine(parent, "switchboard.contacts.message");
        message.control().setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
        showDetails(-1);
        FirstPaint.injectLater(firstPaint, context, new ContactServices(), list);
    }

    @Focus
    void focus() {
        search.control().setFocus();
    }

    @PreDestroy
    synchronized void dispose() {
        if (typeAhead != null) {
            typeAhead.close();
            typeAhead = null;
        }
    }

    /** Starts a search for {@code text}; the previous one is cancelled and its answer never shown. */
    private void query(String text) {
        if (list == null || list.isDisposed()) {
            return;
        }
        lastQuery = text;
        ContactDirectory.TypeAhead session;
        synchronized (this) {
            ContactDirectory current = directory;
            if (current == null) {
                summary.setText("Contacts unavailable: the contacts service is not running.");
                endLoading();
                return;
            }
            if (typeAhead == null) {
                typeAhead = current.typeAhead(LIMIT);
            }
            session = typeAhead;
        }
        session.update(text).whenComplete((answer, failure) -> ui.asyncExec(() -> {
            if (list.isDisposed() || !text.equals(lastQuery)) {
                return;
            }
            if (failure != null) {
                if (!(unwrap(failure) instanceof CancellationException)) {
                    summary.setText("Search failed: " + CoreOperations.reason(failure));
                    endLoading();
                }
                return;
            }
            show(answer);
        }));
    }

    private void endLoading() {
        if (loading) {
            loading = false;
            showDetails(-1);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private void show(MergedSearch answer) {
        String selected = selected().map(MergedContact::displayName).orElse(null);
        shown = answer;
        loading = false;
        list.setRedraw(false);
        list.removeAll();
        int keep = -1;
        for (MergedContact contact : answer.contacts()) {
            TableItem item = new TableItem(list, SWT.NONE);
            String organisation = contact.organisation().isBlank() ? "" : "  \u2014  " + contact.organisation();
            item.setText((contact.favourite() ? "\u2605 " : "") + contact.displayName() + organisation);
            item.setImage(dots.of(contact.presence().availability()));
            if (contact.displayName().equals(selected)) {
                keep = list.getItemCount() - 1;
            }
        }
        list.setRedraw(true);
        summary.setText(ContactText.summary(answer));
        if (keep >= 0) {
            list.setSelection(keep);
        }
        showDetails(keep);
    }

    private Optional<MergedContact> selected() {
        int index = list.getSelectionIndex();
        return index < 0 || index >= shown.contacts().size() ? Optional.empty() : Optional.of(shown.contacts().get(index));
    }

    private void showDetails(int index) {
        for (var child : details.getChildren()) {
            child.dispose();
        }
        GridLayout layout = new GridLayout(2, false);
        layout.marginWidth = 14;
        layout.marginHeight = 6;
        layout.verticalSpacing = 6;
        details.setLayout(layout);
        if (index < 0 || index >= shown.contacts().size()) {
            Label hint = new Label(details, SWT.WRAP);
            hint.setText(loading ? LOADING
                    : shown != NOTHING_SHOWN && shown.contacts().isEmpty() && lastQuery.isEmpty()
                    ? "Your address book is empty. Add a contact or import a vCard file; type a name to search the directory."
                    : "Choose a contact to see every address. Double-click calls.");
            hint.setForeground(Widgets.secondaryText(details.getDisplay()));
            GridData hintLayout = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
            hintLayout.widthHint = 200;
            hint.setLayoutData(hintLayout);
            relayoutDetails();
            return;
        }
        MergedContact contact = shown.contacts().get(index);
        Label name = Widgets.name(new Label(details, SWT.WRAP), "switchboard.contacts.details.name", null);
        name.setText(contact.displayName());
        name.setFont(nameFont);
        name.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        Composite presenceLine = new Composite(details, SWT.NONE);
        GridLayout presenceLayout = new GridLayout(2, false);
        presenceLayout.marginWidth = 0;
        presenceLayout.marginHeight = 0;
        presenceLine.setLayout(presenceLayout);
        presenceLine.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        Label presence = new Label(presenceLine, SWT.NONE);
        presence.setImage(dots.of(contact.presence().availability()));
        Label presenceText = new Label(presenceLine, SWT.WRAP);
        presenceText.setText(PresenceDots.words(contact.presence().availability())
                + (contact.presence().note().isBlank() ? "" : " \u2014 " + contact.presence().note())
                + (contact.organisation().isBlank() ? "" : "  \u00B7  " + contact.organisation()));
        presenceText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        // the actions first: in a short pane they must not scroll out of sight below a long address list
        Composite buttons = new Composite(details, SWT.NONE);
        RowLayout row = new RowLayout(SWT.HORIZONTAL);
        row.marginLeft = 0;
        row.marginTop = 0;
        row.spacing = 6;
        buttons.setLayout(row);
        GridData buttonsLayout = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        buttonsLayout.verticalIndent = 4;
        buttons.setLayoutData(buttonsLayout);
        ContactActions current = actions;
        Button call = Widgets.name(new Button(buttons, SWT.PUSH), "switchboard.contacts.call", null);
        call.setText("Call");
        call.setEnabled(current != null && !current.routes(contact, ContactActions.Intent.CALL).isEmpty());
        call.setToolTipText(call.getEnabled() ? null : "No registered account can reach this contact");
        call.addListener(SWT.Selection, event -> call(contact));
        Button chat = Widgets.name(new Button(buttons, SWT.PUSH), "switchboard.contacts.chat", null);
        chat.setText("Chat");
        chat.setEnabled(current != null && !current.routes(contact, ContactActions.Intent.CHAT).isEmpty());
        chat.setToolTipText(chat.getEnabled() ? null : "No registered account can carry a message to this contact");
        chat.addListener(SWT.Selection, event -> chat(contact));
        Optional<Contact> local = contact.contacts().stream()
                .filter(each -> each.sourceId().equals(AddressBook.SOURCE_ID)).findFirst();
        Button edit = Widgets.name(new Button(buttons, SWT.PUSH), "switchboard.contacts.edit", null);
        edit.setText(local.isPresent() ? "Edit\u2026" : "Add to contacts\u2026");
        edit.addListener(SWT.Selection, event -> edit(local.flatMap(each -> bookEntry(each.id())),
                local.isPresent() ? List.of() : contact.addresses(), contact));

        for (ContactAddress address : contact.addresses()) {
            Label kind = new Label(details, SWT.NONE);
            kind.setText(ContactText.addressTitle(address));
            kind.setForeground(Widgets.secondaryText(details.getDisplay()));
            Text value = new Text(details, SWT.READ_ONLY);
            value.setText(address.value());
            value.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            value.setData(Widgets.WIDGET_KEY, "switchboard.contacts.details.address");
            Widgets.labelledBy(value, kind);
        }
        Label from = new Label(details, SWT.WRAP);
        from.setText("From: " + ContactText.sources(contact.sourceIds(), shown.sources()));
        from.setForeground(Widgets.secondaryText(details.getDisplay()));
        GridData fromLayout = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        fromLayout.verticalIndent = 4;
        from.setLayoutData(fromLayout);
        relayoutDetails();
    }

    private Optional<BookEntry> bookEntry(String id) {
        AddressBook current = book;
        return current == null ? Optional.empty() : current.entry(id);
    }

    private void relayoutDetails() {
        int width = detailsScroller.getClientArea().width;
        detailsScroller.setMinSize(details.computeSize(width > 0 ? width : SWT.DEFAULT, SWT.DEFAULT));
        details.layout(true, true);
    }

    private void callSelected() {
        selected().ifPresent(this::call);
    }

    private void call(MergedContact contact) {
        ContactActions current = actions;
        if (current == null) {
            say("Cannot call: the contacts service is not running.", true);
            return;
        }
        say("Calling " + contact.displayName() + "…", false);
        operations.supply(() -> current.call(contact)).whenComplete((call, failure) -> ui.asyncExec(() ->
                say(failure == null ? "" : "Cannot call " + contact.displayName() + ": " + CoreOperations.reason(failure),
                        failure != null)));
    }

    private void chat(MergedContact contact) {
        ContactActions current = actions;
        List<ContactActions.Route> routes = current == null ? List.of() : current.routes(contact, ContactActions.Intent.CHAT);
        if (routes.isEmpty()) {
            say("Cannot chat with " + contact.displayName() + ": no registered account can carry a message.", true);
            return;
        }
        ContactActions.Route route = routes.getFirst();
        MPart chats = parts.showPart(ChatsPart.PART_ID, PartState.ACTIVATE);
        if (chats != null && chats.getObject() instanceof ChatsPart view) {
            view.open(route.accountId(), route.dialString(), contact.displayName());
        }
    }

    private void edit(Optional<BookEntry> existing, List<ContactAddress> addresses) {
        edit(existing, addresses, null);
    }

    /** Opens the form on an address-book entry, or on a new one (prefilled from {@code from} when given). */
    private void edit(Optional<BookEntry> existing, List<ContactAddress> addresses, MergedContact from) {
        AddressBook current = book;
        if (current == null) {
            say("Cannot edit contacts: the address book is not running.", true);
            return;
        }
        ContactDialog dialog = existing.map(entry -> new ContactDialog(list.getShell(), entry))
                .orElseGet(() -> new ContactDialog(list.getShell(), from == null ? "" : from.displayName(),
                        from == null ? "" : from.organisation(), addresses));
        if (dialog.open() != Window.OK) {
            return;
        }
        BookEntry edited = dialog.result();
        operations.supply(() -> edited.id().isEmpty() ? current.add(edited) : current.update(edited))
                .whenComplete((stored, failure) -> ui.asyncExec(() -> {
                    say(failure == null ? "Saved " + stored.displayName() + "."
                            : "Could not save the contact: " + CoreOperations.reason(failure), failure != null);
                    query(lastQuery);
                }));
    }

    private void vcardMenu(Button anchor) {
        org.eclipse.swt.widgets.Menu menu = new org.eclipse.swt.widgets.Menu(anchor);
        org.eclipse.swt.widgets.MenuItem importItem = new org.eclipse.swt.widgets.MenuItem(menu, SWT.PUSH);
        importItem.setText("Import from a vCard file…");
        importItem.addListener(SWT.Selection, event -> importFile());
        org.eclipse.swt.widgets.MenuItem exportItem = new org.eclipse.swt.widgets.MenuItem(menu, SWT.PUSH);
        exportItem.setText("Export the address book…");
        exportItem.addListener(SWT.Selection, event -> exportFile());
        var bounds = anchor.getBounds();
        menu.setLocation(anchor.getParent().toDisplay(bounds.x, bounds.y + bounds.height));
        menu.setVisible(true);
    }

    private void importFile() {
        AddressBook currentBook = book;
        VcardCodec codec = vcards;
        if (currentBook == null || codec == null) {
            say("Cannot import: the address book or the vCard plug-in is not running.", true);
            return;
        }
        FileDialog chooser = new FileDialog(list.getShell(), SWT.OPEN);
        chooser.setText("Import contacts");
        chooser.setFilterExtensions(new String[] { "*.vcf;*.vcard", "*" });
        chooser.setFilterNames(new String[] { "vCard files", "All files" });
        String file = chooser.open();
        if (file == null) {
            return;
        }
        operations.supply(() -> {
            String text;
            try {
                text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
            }
            VcardCodec.ImportResult result = codec.read(text);
            currentBook.addAll(result.entries());
            return result;
        }).whenComplete((result, failure) -> ui.asyncExec(() -> {
            if (failure != null) {
                say("Import failed: " + CoreOperations.reason(failure), true);
            } else {
                say(ContactText.imported(result.entries().size(), result.problems()), !result.problems().isEmpty());
            }
            query(lastQuery);
        }));
    }

    private void exportFile() {
        AddressBook currentBook = book;
        VcardCodec codec = vcards;
        if (currentBook == null || codec == null) {
            say("Cannot export: the address book or the vCard plug-in is not running.", true);
            return;
        }
        FileDialog chooser = new FileDialog(list.getShell(), SWT.SAVE);
        chooser.setText("Export contacts");
        chooser.setFileName("contacts.vcf");
        chooser.setOverwrite(true);
        String file = chooser.open();
        if (file == null) {
            return;
        }
        operations.supply(() -> {
            List<BookEntry> entries = currentBook.entries();
            try (Writer out = Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8)) {
                codec.write(entries, VcardCodec.Version.V4_0, out);
            } catch (IOException e) {
                throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
            }
            return entries.size();
        }).whenComplete((count, failure) -> ui.asyncExec(() -> say(failure == null
                ? "Exported " + count + (count == 1 ? " contact" : " contacts") + " to " + file + "."
                : "Export failed: " + CoreOperations.reason(failure), failure != null)));
    }

    private void say(String text, boolean error) {
        message.say(text, error);
    }
}
