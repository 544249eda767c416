package dev.switchboard.agent.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One command line split into words. Words are separated by blanks; a word in double quotes may
 * contain blanks, {@code \"} and {@code \\}. {@link #rest(int)} gives free text (a chat message, a
 * presence note) as it was typed.
 */
final class CommandLine {

    private final String line;
    private final List<String> words = new ArrayList<>();
    private final List<Integer> starts = new ArrayList<>();

    CommandLine(String line) {
        this.line = line;
        int i = 0;
        while (i < line.length()) {
            while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= line.length()) {
                break;
            }
            starts.add(i);
            StringBuilder word = new StringBuilder();
            if (line.charAt(i) == '"') {
                i = readQuoted(i + 1, word);
            } else {
                while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                    word.append(line.charAt(i++));
                }
            }
            words.add(word.toString());
        }
    }

    private int readQuoted(int from, StringBuilder word) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i++);
            if (c == '"') {
                return i;
            }
            if (c == '\\' && i < line.length()) {
                c = line.charAt(i++);
            }
            word.append(c);
        }
        throw new IllegalArgumentException("unterminated quote");
    }

    boolean isEmpty() {
        return words.isEmpty() || words.get(0).startsWith("#");
    }

    int size() {
        return words.size();
    }

    String word(int index) {
        return words.get(index);
    }

    List<String> words(int from) {
        return words.subList(Math.min(from, words.size()), words.size());
    }

    /** Everything from word {@code index} to the end; a single quoted word comes back unquoted. */
    String rest(int index) {
        if (index >= words.size()) {
            return "";
        }
        if (index == words.size() - 1) {
            return words.get(index);
        }
        return line.substring(starts.get(index)).strip();
    }
}
