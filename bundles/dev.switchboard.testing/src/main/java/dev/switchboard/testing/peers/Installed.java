package dev.switchboard.testing.peers;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the programs of the peers, failing with the Debian package to install when one is missing. */
final class Installed {
    // daemons such as kamailio and slapd live in sbin, which is not on every user's PATH
    private static final List<String> SYSTEM_DIRECTORIES = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin",
            "/usr/bin", "/sbin", "/bin");

    private Installed() {
    }

    /** The absolute path of {@code program}, or a {@link PeerStartException} naming {@code debianPackage}. */
    static String program(String program, String debianPackage) {
        for (Path directory : searchPath()) {
            Path candidate = directory.resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new PeerStartException(program + " is not installed (Debian package " + debianPackage
                + "). Run ./switchboard test as root once: it installs every test peer.");
    }

    private static List<Path> searchPath() {
        List<Path> directories = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    directories.add(Path.of(entry));
                }
            }
        }
        SYSTEM_DIRECTORIES.forEach(directory -> directories.add(Path.of(directory)));
        return directories;
    }
}
