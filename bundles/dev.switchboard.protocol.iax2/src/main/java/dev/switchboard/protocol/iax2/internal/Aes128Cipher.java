package dev.switchboard.protocol.iax2.internal;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * IAX2 encryption as Asterisk does it ({@code encryption=aes128}; RFC 5456 names the ENCRYPTION and
 * ENCKEY IEs but not the framing): the key is MD5(challenge + secret); everything after the call
 * numbers (4 bytes of a full frame, 2 of a mini frame) is AES-128-CBC with a zero IV over 16-31
 * random padding bytes followed by the frame, the low nibble of the 16th byte telling the padding
 * length beyond 16. RTKEY replaces the key the peer encrypts with.
 */
final class Aes128Cipher {
    private static final byte[] ZERO_IV = new byte[16];
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec encryptKey;
    private SecretKeySpec decryptKey;

    Aes128Cipher(byte[] key) {
        this.encryptKey = new SecretKeySpec(key.clone(), "AES");
        this.decryptKey = encryptKey;
    }

    static Aes128Cipher fromChallenge(String challenge, char[] secret) {
        return new Aes128Cipher(java.util.HexFormat.of().parseHex(Authentication.md5(challenge, secret)));
    }

    /** The peer rotated its key (RTKEY): its frames are decrypted with {@code key} from now on. */
    void peerKey(byte[] key) {
        if (key.length != 16) {
            throw new MalformedFrameException("RTKEY with a key of " + key.length + " bytes");
        }
        decryptKey = new SecretKeySpec(key.clone(), "AES");
    }

    byte[] encrypt(byte[] datagram) {
        int clear = clearLength(datagram);
        int length = datagram.length - clear;
        int padding = 16 + ((16 - length % 16) & 0x0f);
        byte[] plain = new byte[padding + length];
        byte[] random = new byte[padding];
        RANDOM.nextBytes(random);
        System.arraycopy(random, 0, plain, 0, padding);
        plain[15] = (byte) (plain[15] & 0xf0 | padding & 0x0f);
        System.arraycopy(datagram, clear, plain, padding, length);
        byte[] out = new byte[clear + plain.length];
        System.arraycopy(datagram, 0, out, 0, clear);
        System.arraycopy(run(Cipher.ENCRYPT_MODE, encryptKey, plain), 0, out, clear, plain.length);
        return out;
    }

    /** @throws MalformedFrameException if the datagram cannot be an encrypted frame */
    byte[] decrypt(byte[] datagram) {
        int clear = clearLength(datagram);
        int length = datagram.length - clear;
        if (length < 32 || length % 16 != 0) {
            throw new MalformedFrameException("encrypted part of " + length + " bytes is not whole AES blocks");
        }
        byte[] plain = run(Cipher.DECRYPT_MODE, decryptKey, Arrays.copyOfRange(datagram, clear, datagram.length));
        int padding = 16 + (plain[15] & 0x0f);
        byte[] out = new byte[clear + plain.length - padding];
        System.arraycopy(datagram, 0, out, 0, clear);
        System.arraycopy(plain, padding, out, clear, plain.length - padding);
        return out;
    }

    private static int clearLength(byte[] datagram) {
        return (datagram[0] & 0x80) != 0 ? 4 : 2;
    }

    private static byte[] run(int mode, SecretKeySpec key, byte[] data) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(mode, key, new IvParameterSpec(ZERO_IV));
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-CBC unavailable", e);
        }
    }
}
