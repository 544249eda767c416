package dev.switchboard.media.dtmf;

/**
 * The DTMF events of RFC 4733 §3.2 (codes 0-16) and, for the sixteen keys, their ITU-T Q.23 row
 * (low group) and column (high group) frequencies. Hook flash has no tone.
 */
public enum DtmfEvent {
    DIGIT_0(0, '0', 941, 1336),
    DIGIT_1(1, '1', 697, 1209),
    DIGIT_2(2, '2', 697, 1336),
    DIGIT_3(3, '3', 697, 1477),
    DIGIT_4(4, '4', 770, 1209),
    DIGIT_5(5, '5', 770, 1336),
    DIGIT_6(6, '6', 770, 1477),
    DIGIT_7(7, '7', 852, 1209),
    DIGIT_8(8, '8', 852, 1336),
    DIGIT_9(9, '9', 852, 1477),
    STAR(10, '*', 941, 1209),
    POUND(11, '#', 941, 1477),
    A(12, 'A', 697, 1633),
    B(13, 'B', 770, 1633),
    C(14, 'C', 852, 1633),
    D(15, 'D', 941, 1633),
    FLASH(16, '!', 0, 0);

    /** The Q.23 low-group frequencies in Hz, in keypad row order. */
    public static final int[] ROW_FREQUENCIES = { 697, 770, 852, 941 };
    /** The Q.23 high-group frequencies in Hz, in keypad column order. */
    public static final int[] COLUMN_FREQUENCIES = { 1209, 1336, 1477, 1633 };

    private static final DtmfEvent[] BY_CODE = values();

    private final int code;
    private final char symbol;
    private final int rowFrequency;
    private final int columnFrequency;

    DtmfEvent(int code, char symbol, int rowFrequency, int columnFrequency) {
        this.code = code;
        this.symbol = symbol;
        this.rowFrequency = rowFrequency;
        this.columnFrequency = columnFrequency;
    }

    /** The RFC 4733 event code. */
    public int code() {
        return code;
    }

    /** The key as written in a dial string; {@code '!'} for hook flash, as SIP INFO and most dialers write it. */
    public char symbol() {
        return symbol;
    }

    /** Whether the event has a Q.23 tone pair, i.e. is not hook flash. */
    public boolean hasTone() {
        return rowFrequency != 0;
    }

    /** Low-group frequency in Hz; 0 for hook flash. */
    public int rowFrequency() {
        return rowFrequency;
    }

    /** High-group frequency in Hz; 0 for hook flash. */
    public int columnFrequency() {
        return columnFrequency;
    }

    /** The event with RFC 4733 code {@code code}, or null for codes that are not DTMF (17-255). */
    public static DtmfEvent ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The event for a dial-string character (case-insensitive for A-D), or null if it is not one. */
    public static DtmfEvent ofSymbol(char symbol) {
        char upper = Character.toUpperCase(symbol);
        for (DtmfEvent event : BY_CODE) {
            if (event.symbol == upper) {
                return event;
            }
        }
        return null;
    }

    /** The tone-bearing event at a keypad position (row and column 0-3). */
    public static DtmfEvent atKey(int row, int column) {
        for (DtmfEvent event : BY_CODE) {
            if (event.rowFrequency == ROW_FREQUENCIES[row] && event.columnFrequency == COLUMN_FREQUENCIES[column]) {
                return event;
            }
        }
        throw new AssertionError("every keypad position has an event");
    }
}
