package dev.switchboard.history.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words of a text as the history's search index keeps them: runs of letters and digits, in lower
 * case, each once, cut to {@link #LONGEST} characters (a longer query word then selects by its first
 * {@code LONGEST} characters, and the text match decides).
 */
final class Words {

    static final int LONGEST = 32;

    private Words() {
    }

    static List<String> of(String text) {
        Set<String> words = new LinkedHashSet<>();
        String lower = text.toLowerCase(Locale.ROOT);
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            boolean wordCharacter = i < lower.length() && Character.isLetterOrDigit(lower.charAt(i));
            if (wordCharacter && start < 0) {
                start = i;
            } else if (!wordCharacter && start >= 0) {
                words.add(lower.substring(start, Math.min(i, start + LONGEST)));
                start = -1;
            }
        }
        return List.copyOf(words);
    }
}
