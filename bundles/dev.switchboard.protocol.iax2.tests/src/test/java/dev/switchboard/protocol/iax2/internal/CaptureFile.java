package dev.switchboard.protocol.iax2.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the tshark text dumps of the real IAX2 captures ({@code <name>.txt} in the project's shared
 * test data beside the repository, {@code ../shared/peers/captures/iax2}, or where the system property
 * {@value #DIRECTORY_PROPERTY} points; recorded between Asterisk 20, iaxmodem and a second Asterisk
 * on loopback): per frame the UDP ports,
 * the IAX2 datagram from the hex dump and the fields tshark decoded, to check our codec against.
 */
final class CaptureFile {

    /** One captured datagram and what tshark read in it ({@code -1} / {@code null}: not shown). */
    record CapturedFrame(int number, int sourcePort, int destinationPort, byte[] datagram, Integer packetType,
            int sourceCall, int destinationCall, Boolean retransmission, long timestamp, int outboundSequence,
            int inboundSequence, int frameType, int subclass, List<int[]> informationElements) {
    }

    private static final Pattern FRAME = Pattern.compile("^Frame (\\d+): .*");
    private static final Pattern HEX = Pattern.compile("^[0-9a-f]{4}  ((?:[0-9a-f]{2} ){1,16}).*");
    private static final Pattern UDP = Pattern.compile("User Datagram Protocol, Src Port: (\\d+), Dst Port: (\\d+)");
    private static final Pattern PACKET_TYPE = Pattern.compile("Packet type: .*\\((\\d+)\\)$");
    private static final Pattern SOURCE_CALL = Pattern.compile("= Source call: (\\d+)");
    private static final Pattern DESTINATION_CALL = Pattern.compile("= Destination call: (\\d+)");
    private static final Pattern RETRANSMISSION = Pattern.compile("= Retransmission: (True|False)");
    private static final Pattern TIMESTAMP = Pattern.compile("^\\s+Timestamp: (\\d+)$");
    private static final Pattern OSEQ = Pattern.compile("Outbound seq.no.: (\\d+)");
    private static final Pattern ISEQ = Pattern.compile("Inbound seq.no.: (\\d+)");
    private static final Pattern TYPE = Pattern.compile("^\\s+Type: .*\\((\\d+)\\)$");
    private static final Pattern SUBCLASS = Pattern.compile(
            "^\\s+(?:IAX subclass: .*\\((\\d+)\\)|Control subclass: .*\\((\\d+)\\)"
                    + "|Voice Subclass \\(compressed codec no\\): (\\d+)|DTMF subclass \\(digit\\): (.))$");
    private static final Pattern IE_ID = Pattern.compile("^\\s+IE id: .*\\((\\d+)\\)$");
    private static final Pattern IE_LENGTH = Pattern.compile("^\\s+Length: (\\d+)$");

    private CaptureFile() {
    }

    static final String DIRECTORY_PROPERTY = "switchboard.iax2.captures";

    static List<CapturedFrame> read(String name) {
        Path file = Path.of(System.getProperty(DIRECTORY_PROPERTY, "../shared/peers/captures/iax2"), name + ".txt");
        if (!Files.isRegularFile(file)) {
            // fail, not skip: the captures are part of the test set-up
            throw new IllegalArgumentException("no capture " + file.toAbsolutePath());
        }
        try {
            return parse(Files.readString(file, StandardCharsets.ISO_8859_1).split("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<CapturedFrame> parse(String[] lines) {
        List<CapturedFrame> frames = new ArrayList<>();
        Builder current = null;
        for (String line : lines) {
            Matcher frame = FRAME.matcher(line);
            if (frame.matches()) {
                if (current != null) {
                    frames.add(current.build());
                }
                current = new Builder(Integer.parseInt(frame.group(1)));
                continue;
            }
            if (current != null) {
                current.line(line);
            }
        }
        if (current != null) {
            frames.add(current.build());
        }
        return frames;
    }

    private static final class Builder {
        final int number;
        final StringBuilder hex = new StringBuilder();
        int sourcePort = -1;
        int destinationPort = -1;
        Integer packetType;
        int sourceCall = -1;
        int destinationCall = -1;
        Boolean retransmission;
        long timestamp = -1;
        int outboundSequence = -1;
        int inboundSequence = -1;
        int frameType = -1;
        int subclass = -1;
        final List<int[]> elements = new ArrayList<>();
        int pendingElement = -1;

        Builder(int number) {
            this.number = number;
        }

        void line(String line) {
            Matcher m;
            if ((m = HEX.matcher(line)).matches()) {
                hex.append(m.group(1).replace(" ", ""));
            } else if ((m = UDP.matcher(line)).find()) {
                sourcePort = Integer.parseInt(m.group(1));
                destinationPort = Integer.parseInt(m.group(2));
            } else if ((m = PACKET_TYPE.matcher(line)).find()) {
                packetType = Integer.parseInt(m.group(1));
            } else if ((m = SOURCE_CALL.matcher(line)).find()) {
                sourceCall = Integer.parseInt(m.group(1));
            } else if ((m = DESTINATION_CALL.matcher(line)).find()) {
                destinationCall = Integer.parseInt(m.group(1));
            } else if ((m = RETRANSMISSION.matcher(line)).find()) {
                retransmission = m.group(1).equals("True");
            } else if ((m = TIMESTAMP.matcher(line)).matches()) {
                timestamp = Long.parseLong(m.group(1));
            } else if ((m = OSEQ.matcher(line)).find()) {
                outboundSequence = Integer.parseInt(m.group(1));
            } else if ((m = ISEQ.matcher(line)).find()) {
                inboundSequence = Integer.parseInt(m.group(1));
            } else if ((m = TYPE.matcher(line)).matches()) {
                frameType = Integer.parseInt(m.group(1));
            } else if ((m = SUBCLASS.matcher(line)).matches()) {
                for (int group = 1; group <= 3; group++) {
                    if (m.group(group) != null) {
                        subclass = Integer.parseInt(m.group(group));
                    }
                }
                if (m.group(4) != null) {
                    subclass = m.group(4).charAt(0);
                }
            } else if ((m = IE_ID.matcher(line)).matches()) {
                pendingElement = Integer.parseInt(m.group(1));
            } else if (pendingElement >= 0 && (m = IE_LENGTH.matcher(line)).matches()) {
                elements.add(new int[] { pendingElement, Integer.parseInt(m.group(1)) });
                pendingElement = -1;
            }
        }

        CapturedFrame build() {
            byte[] packet = HexFormat.of().parseHex(hex);
            // Ethernet (14 bytes), IPv4 with its IHL, UDP (8 bytes)
            int ipHeader = (packet[14] & 0x0f) * 4;
            int start = 14 + ipHeader + 8;
            byte[] datagram = java.util.Arrays.copyOfRange(packet, start, packet.length);
            return new CapturedFrame(number, sourcePort, destinationPort, datagram, packetType, sourceCall,
                    destinationCall, retransmission, timestamp, outboundSequence, inboundSequence, frameType, subclass,
                    List.copyOf(elements));
        }
    }
}
