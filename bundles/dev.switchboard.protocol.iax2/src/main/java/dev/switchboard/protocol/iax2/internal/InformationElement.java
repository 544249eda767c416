package dev.switchboard.protocol.iax2.internal;

/** Information element types, RFC 5456 section 8.6, plus Asterisk's CALLTOKEN and 64-bit formats. */
final class InformationElement {
    static final int CALLED_NUMBER = 1;
    static final int CALLING_NUMBER = 2;
    static final int CALLING_ANI = 3;
    static final int CALLING_NAME = 4;
    static final int CALLED_CONTEXT = 5;
    static final int USERNAME = 6;
    static final int PASSWORD = 7;
    static final int CAPABILITY = 8;
    static final int FORMAT = 9;
    static final int LANGUAGE = 10;
    static final int VERSION = 11;
    static final int AUTHMETHODS = 14;
    static final int CHALLENGE = 15;
    static final int MD5_RESULT = 16;
    static final int APPARENT_ADDR = 18;
    static final int REFRESH = 19;
    /** A call number (TXREQ, TXREADY, TXREL). */
    static final int CALLNO = 21;
    static final int CAUSE = 22;
    /** The command an UNSUPPORT answers. */
    static final int IAX_UNKNOWN = 23;
    static final int TRANSFERID = 27;
    static final int DATETIME = 31;
    static final int CALLING_PRES = 38;
    static final int CALLING_TON = 39;
    static final int CAUSECODE = 42;
    static final int ENCRYPTION = 43;
    static final int ENCKEY = 44;
    /** ENCRYPTION bit: AES-128. */
    static final int ENCRYPT_AES128 = 0x1;
    static final int CODEC_PREFS = 45;
    static final int CALLTOKEN = 54;
    static final int CAPABILITY2 = 55;
    static final int FORMAT2 = 56;

    /** AUTHMETHODS bits. */
    static final int AUTH_PLAINTEXT = 0x1;
    static final int AUTH_MD5 = 0x2;
    static final int AUTH_RSA = 0x4;

    private InformationElement() {
    }
}
