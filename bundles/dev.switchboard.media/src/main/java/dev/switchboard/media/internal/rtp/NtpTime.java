package dev.switchboard.media.internal.rtp;

import java.time.Instant;

/** NTP timestamps (RFC 3550 4): seconds since 1900 and a 32-bit binary fraction. */
public final class NtpTime {
    private static final long SECONDS_1900_TO_1970 = 2_208_988_800L;

    private NtpTime() {
    }

    /** The 64-bit NTP timestamp of {@code time}. */
    public static long of(Instant time) {
        long seconds = time.getEpochSecond() + SECONDS_1900_TO_1970;
        long fraction = ((long) time.getNano() << 32) / 1_000_000_000L;
        return seconds << 32 | fraction;
    }

    /** The middle 32 bits, the unit of LSR and of round-trip arithmetic (1/65536 s). */
    public static long middle32(long ntp) {
        return (ntp >>> 16) & 0xffff_ffffL;
    }

    /**
     * The round-trip time in 1/65536 s (RFC 3550 6.4.1): arrival of a report minus its LSR minus its DLSR,
     * modulo 2^32. Negative (clock trouble, or a corrupt report) gives -1.
     */
    public static long roundTrip(long arrivalMiddle32, long lastSenderReport, long delaySinceLastSenderReport) {
        long roundTrip = (int) (arrivalMiddle32 - lastSenderReport - delaySinceLastSenderReport);
        return roundTrip < 0 ? -1 : roundTrip;
    }
}
