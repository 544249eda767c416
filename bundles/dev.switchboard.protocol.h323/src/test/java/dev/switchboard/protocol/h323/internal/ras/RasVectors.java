package dev.switchboard.protocol.h323.internal.ras;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The captured RAS datagrams of src/test/resources/h323/ras-vectors.txt, by "capture#frame". */
public final class RasVectors {
    record Vector(String id, byte[] datagram, List<String> tsharkFields) {
    }

    private RasVectors() {
    }

    static Map<String, Vector> all() {
        Map<String, Vector> out = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                RasVectors.class.getResourceAsStream("/h323/ras-vectors.txt"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("#")) {
                    String[] cols = line.split("\t");
                    String id = cols[0] + "#" + cols[1];
                    out.put(id, new Vector(id, HexFormat.of().parseHex(cols[2]), List.of(cols).subList(3, cols.length)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static byte[] datagram(String id) {
        return all().get(id).datagram();
    }
}
