package dev.switchboard.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.testing.peers.PeerExtension;
import dev.switchboard.testing.peers.Xvfb;

/**
 * {@code ./switchboard run} under Xvfb, read through the accessibility tree (AT-SPI) as a screen
 * reader would: the window opens with its dialpad, calls and availability controls named; the
 * status area shows the profile's account; a number typed with Enter while no account is
 * registered gives the inline reason; Settings stores a forwarding rule, shows the account's codecs
 * and the audio test call, and Appearance › Dark turns the light window dark without a restart
 * (its background is dark, the views' own text colours swapped); a profile without accounts is offered
 * the account wizard. Screenshots of each go to {@code target/peer-output}.
 */
class DesktopSmokeIT {

    private static final String STATUS_AREA = "Registration status";
    private static final String ADDRESS_FIELD = "Number or address";
    /** Named controls of the window, as role and accessible name in the AT-SPI tree. */
    private static final List<String> CONTROLS = List.of("text\tNumber or address", "combo box\tCall from",
            "push button\tCall", "push button\tRedial", "push button\tFlash", "push button\t5", "push button\t*",
            "push button\t#", "panel\tCalls", "label\tNo calls. Dial a number on the left; incoming calls appear here.",
            "combo box\tMy status", "text\tMy status", "text\tSearch", "push button\tNew contact…",
            "push button\tvCard…", "page tab\tContacts", "page tab\tChats", "page tab\tHistory");

    @RegisterExtension
    static final PeerExtension<Xvfb> XVFB = PeerExtension.of(() -> Xvfb.builder().screen(1280, 800).start());

    @TempDir
    Path temp;

    @Test
    void theWindowOpensWithItsControlsAndDiallingWithoutARegisteredAccountExplainsWhy() throws Exception {
        Path profile = temp.resolve("profile");
        try (AgentProcess agent = AgentProcess.start(profile)) {
            agent.await("ready", AgentProcess.START_TIMEOUT);
            agent.send("account add alice sip user=alice domain=127.0.0.1 display=Alice");
            agent.await("ok");
            agent.send("quit");
            assertEquals(0, agent.exitCode(Duration.ofSeconds(30)));
        }
        try (DesktopSession desktop = DesktopSession.start(XVFB.get(), profile, temp.resolve("bus"))) {
            String window = desktop.awaitMainWindow();
            desktop.await("label", "Alice (alice): not registered"::equals, "with the account in the status area");
            List<String> tree = desktop.tree();
            for (String control : CONTROLS) {
                assertTrue(tree.stream().anyMatch(line -> line.endsWith("\t" + control)),
                        "no '" + control.replace('\t', ' ') + "' in the accessibility tree:\n" + String.join("\n", tree));
            }
            assertTrue(DesktopSession.labelsUnder(tree, STATUS_AREA).contains("Alice (alice): not registered"),
                    "the status area does not show the account: " + DesktopSession.labelsUnder(tree, STATUS_AREA));
            // the dialpad's background, left of the keypad, near the bottom of the window
            double light = lightness(desktop.screenshot("desktop-main.png"), 130, 640);
            assertTrue(light > 0.6, "the window is not light in GTK's default theme: lightness " + light);

            // Enter in the address field dials; with no registered account the reason shows under it
            desktop.act("--focus", "text\t" + ADDRESS_FIELD);
            desktop.type(window, "555 123-4");
            desktop.key("Return");
            String error = desktop.await("label", name -> name.startsWith("Cannot call: no account is registered"),
                    "with the reason");
            assertEquals("Cannot call: no account is registered \u2014 Alice is not registered.", error);
            desktop.screenshot("desktop-dial-error.png");

            // Settings: a forwarding rule stored for the account; the Codecs, Audio and Directories pages are there
            desktop.xdotool("windowfocus", "--sync", window);
            desktop.key("alt+s");
            desktop.key("a");
            String settings = desktop.awaitWindow("^Settings ?$");
            desktop.actWhenThere("--click", "table cell\tForwarding");
            desktop.actWhenThere("--focus", "text\tForward every call to");
            desktop.type(settings, "1099");
            desktop.act("--press", "push button\tApply");
            desktop.await("label", "Saved the forwarding of Alice."::equals, "the forwarding saved");
            desktop.act("--click", "table cell\tCodecs");
            desktop.await("table cell", "PCMU"::equals, "PCMU among the account's codecs");
            desktop.act("--click", "table cell\tAudio");
            desktop.await("push button", "Test call"::equals, "the audio test call");
            desktop.screenshot("desktop-settings-audio.png");
            // Appearance: Dark applies at once, to the settings and the main window, without a restart
            desktop.act("--click", "table cell\tAppearance");
            desktop.actWhenThere("--press", "radio button\tDark");
            desktop.await("label", "Dark window; kept for the next start."::equals, "the dark theme applied");
            desktop.screenshot("desktop-settings-appearance-dark.png");
            List<String> unnamedInSettings = unnamedControls(desktop.showingTree());
            assertTrue(DesktopSession.find(desktop.tree(), "label", name -> name.startsWith("An error has occurred"))
                    .isEmpty(), "an error dialog opened while moving between the settings pages");
            desktop.act("--press", "push button\tClose");
            desktop.awaitGone("push button", "Close"::equals, "the settings dialog closed");
            double dark = lightness(desktop.screenshot("desktop-main-dark.png"), 130, 640);
            assertTrue(dark < 0.35, "the window did not turn dark when Dark was chosen: lightness " + dark);
            assertEquals(List.of(), unnamedControls(desktop.showingTree()), "main window controls a screen reader cannot name");
            assertEquals(List.of(), unnamedInSettings, "settings controls a screen reader cannot name");
        }
    }

    /** Tree lines of buttons, inputs and tabs with no spoken name (no text, accessible name or label relation). */
    private static List<String> unnamedControls(List<String> tree) {
        List<String> roles = List.of("push button", "toggle button", "radio button", "check box", "combo box", "text",
                "page tab", "spin button");
        return tree.stream().filter(line -> {
            String[] fields = line.split("\t", 3);
            return fields.length >= 2 && roles.contains(fields[1]) && (fields.length < 3 || fields[2].isBlank());
        }).toList();
    }

    /** Mean lightness (0 black .. 1 white) of the 10x10 pixels at x, y of a PNG. */
    private static double lightness(Path png, int x, int y) throws java.io.IOException {
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        double sum = 0;
        for (int dx = 0; dx < 10; dx++) {
            for (int dy = 0; dy < 10; dy++) {
                int rgb = image.getRGB(x + dx, y + dy);
                sum += (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / (3 * 255.0);
            }
        }
        return sum / 100;
    }

    @Test
    void aProfileWithoutAccountsIsOfferedTheAccountWizard() throws Exception {
        Path profile = temp.resolve("empty-profile");
        try (DesktopSession desktop = DesktopSession.start(XVFB.get(), profile, temp.resolve("bus"))) {
            desktop.awaitWindow("^Add an account ?$");
            desktop.await("label", "Welcome to Switchboard"::equals, "welcoming");
            // the product carries protocol plug-ins, so the wizard opens on a form for the first of them
            desktop.await("label", "Protocol"::equals, "of the protocol choice");
            desktop.await("label", "Account name"::equals, "of the account name");
            desktop.screenshot("desktop-first-start.png");
        }
    }
}
