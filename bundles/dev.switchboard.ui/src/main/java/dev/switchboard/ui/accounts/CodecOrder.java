package dev.switchboard.ui.accounts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Codecs page's model of an account's {@code codecs} setting ("PCMU,G722": the encoding names the
 * account offers, most wanted first). Pure, so it is tested without a display.
 */
final class CodecOrder {

    /** The account setting the SIP, IAX2 and H.323 plug-ins read. */
    static final String SETTING = "codecs";

    /** One row of the page: a codec and whether the account offers it. */
    record Row(String name, boolean offered) {
    }

    private CodecOrder() {
    }

    /**
     * The rows to show: the codecs the setting names (installed ones, in its order, offered), then the
     * other installed codecs (not offered); with no setting every installed codec is offered, in the
     * media engine's order, as the plug-ins do.
     */
    static List<Row> rows(String setting, List<String> installed) {
        Set<String> known = new LinkedHashSet<>(installed);
        List<Row> rows = new ArrayList<>();
        if (setting == null || setting.isBlank()) {
            known.forEach(name -> rows.add(new Row(name, true)));
            return rows;
        }
        Set<String> named = new LinkedHashSet<>();
        Arrays.stream(setting.split(",")).map(String::strip).map(name -> name.toUpperCase(Locale.ROOT))
                .forEach(name -> known.stream().filter(name::equalsIgnoreCase).findFirst().ifPresent(named::add));
        named.forEach(name -> rows.add(new Row(name, true)));
        known.stream().filter(name -> !named.contains(name)).forEach(name -> rows.add(new Row(name, false)));
        return rows;
    }

    /** The setting for these rows; at least one codec must be offered. */
    static String setting(List<Row> rows) {
        List<String> offered = rows.stream().filter(Row::offered).map(Row::name).toList();
        if (offered.isEmpty()) {
            throw new IllegalArgumentException("Offer at least one codec, or the account can make no call.");
        }
        return String.join(",", offered);
    }

    /** The rows with the one at {@code index} moved by {@code by} (-1 up, +1 down), kept inside the list. */
    static List<Row> move(List<Row> rows, int index, int by) {
        int target = index + by;
        if (index < 0 || index >= rows.size() || target < 0 || target >= rows.size()) {
            return rows;
        }
        List<Row> moved = new ArrayList<>(rows);
        moved.add(target, moved.remove(index));
        return moved;
    }
}
