package dev.switchboard.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SVG path data (the {@code d} attribute, SVG 1.1 §8.3) into an {@link Outline} of straight segments:
 * moveto, lineto, horizontal/vertical lineto, cubic Bézier (flattened) and closepath, absolute and
 * relative, with the implicit repetition of a command's coordinates. That is all our icons use;
 * anything else is refused. Not Java 2D's paths: loading AWT for a few icons cost the window ~280
 * classes and ~50 ms at start.
 */
public final class PathData {

    private static final Pattern TOKEN = Pattern.compile("[MmLlHhVvCcZz]|[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]*");

    private PathData() {
    }

    /** @throws IllegalArgumentException for a command we do not draw or numbers that do not fit it */
    public static Outline parse(String data) {
        List<String> tokens = tokens(data);
        Outline.Builder path = new Outline.Builder();
        double x = 0;
        double y = 0;
        double startX = 0;
        double startY = 0;
        char command = 0;
        int at = 0;
        while (at < tokens.size()) {
            String token = tokens.get(at);
            if (Character.isLetter(token.charAt(0))) {
                command = token.charAt(0);
                at++;
                if (command == 'Z' || command == 'z') {
                    path.closePath();
                    x = startX;
                    y = startY;
                    continue;
                }
            } else if (command == 0 || command == 'Z' || command == 'z') {
                throw new IllegalArgumentException("path data must start with a command: " + data);
            }
            boolean relative = Character.isLowerCase(command);
            double baseX = relative ? x : 0;
            double baseY = relative ? y : 0;
            switch (Character.toUpperCase(command)) {
                case 'M' -> {
                    x = baseX + number(tokens, at++, data);
                    y = baseY + number(tokens, at++, data);
                    path.moveTo(x, y);
                    startX = x;
                    startY = y;
                    // further pairs after a moveto are linetos
                    command = relative ? 'l' : 'L';
                }
                case 'L' -> {
                    x = baseX + number(tokens, at++, data);
                    y = baseY + number(tokens, at++, data);
                    path.lineTo(x, y);
                }
                case 'H' -> {
                    x = baseX + number(tokens, at++, data);
                    path.lineTo(x, y);
                }
                case 'V' -> {
                    y = baseY + number(tokens, at++, data);
                    path.lineTo(x, y);
                }
                case 'C' -> {
                    double x1 = baseX + number(tokens, at++, data);
                    double y1 = baseY + number(tokens, at++, data);
                    double x2 = baseX + number(tokens, at++, data);
                    double y2 = baseY + number(tokens, at++, data);
                    x = baseX + number(tokens, at++, data);
                    y = baseY + number(tokens, at++, data);
                    path.curveTo(x1, y1, x2, y2, x, y);
                }
                default -> throw new IllegalArgumentException("path command " + command + " is not drawn: " + data);
            }
        }
        return path.build();
    }

    private static List<String> tokens(String data) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(data);
        int end = 0;
        while (matcher.find()) {
            if (!SEPARATORS.matcher(data.substring(end, matcher.start())).matches()) {
                throw new IllegalArgumentException("unreadable path data at " + end + ": " + data);
            }
            tokens.add(matcher.group());
            end = matcher.end();
        }
        if (!SEPARATORS.matcher(data.substring(end)).matches()) {
            throw new IllegalArgumentException("unreadable path data at " + end + ": " + data);
        }
        return tokens;
    }

    private static double number(List<String> tokens, int at, String data) {
        if (at >= tokens.size() || Character.isLetter(tokens.get(at).charAt(0))) {
            throw new IllegalArgumentException("a number is missing in path data: " + data);
        }
        return Double.parseDouble(tokens.get(at));
    }
}
