package dev.switchboard.core.presence;

import java.util.Objects;

/**
 * A user's picture.
 *
 * @param mimeType such as {@code image/png}
 * @param image    the encoded picture
 * @since 1.2
 */
public record Avatar(String mimeType, byte[] image) {

    public Avatar {
        Objects.requireNonNull(mimeType, "mimeType");
        image = Objects.requireNonNull(image, "image").clone();
    }

    @Override
    public byte[] image() {
        return image.clone();
    }
}
