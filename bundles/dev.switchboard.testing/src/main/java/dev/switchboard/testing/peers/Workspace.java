package dev.switchboard.testing.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The per-run temporary directory of one peer, holding its generated configuration, data and logs, and
 * the processes started for it. Closing stops those processes, copies every {@code *.log} and the content
 * of kept directories into {@link PeerOutput#directory()} and deletes the directory.
 */
final class Workspace implements AutoCloseable {
    /** Workspaces not yet closed; a JVM that exits with peers still running stops them on the way out. */
    private static final Set<Workspace> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Workspace::closeAllLeftOpen, "switchboard-peer-shutdown"));
    }

    private final String peerName;
    private final Path directory;
    private final List<PeerProcess> processes = new ArrayList<>();
    private final List<Path> keptDirectories = new ArrayList<>();
    private boolean closed;

    private Workspace(String peerName, Path directory) {
        this.peerName = peerName;
        this.directory = directory;
    }

    /**
     * Creates a workspace and hands it to {@code start}; if starting fails the workspace is closed (so
     * whatever was launched is stopped and its log kept) before the failure is passed on.
     */
    static <T> T open(String peerName, Function<Workspace, T> start) {
        Workspace workspace;
        try {
            workspace = new Workspace(peerName, Files.createTempDirectory("switchboard-" + peerName + "-"));
            OPEN.add(workspace);
        } catch (IOException e) {
            throw new PeerStartException("cannot create a temporary directory for " + peerName, e);
        }
        try {
            return start.apply(workspace);
        } catch (RuntimeException | Error e) {
            try {
                workspace.close();
            } catch (RuntimeException cleanupFailure) {
                e.addSuppressed(cleanupFailure);
            }
            throw e;
        }
    }

    private static void closeAllLeftOpen() {
        for (Workspace workspace : List.copyOf(OPEN)) {
            try {
                workspace.close();
            } catch (RuntimeException e) {
                System.err.println("switchboard: could not clean up " + workspace.peerName + ": " + e);
            }
        }
    }

    Path directory() {
        return directory;
    }

    Path file(String relativePath) {
        return directory.resolve(relativePath);
    }

    /** Writes {@code content} to {@code relativePath}, creating parent directories. */
    Path write(String relativePath, String content) {
        Path file = file(relativePath);
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PeerStartException("cannot write " + file, e);
        }
    }

    Path createDirectories(String relativePath) {
        try {
            return Files.createDirectories(file(relativePath));
        } catch (IOException e) {
            throw new PeerStartException("cannot create " + file(relativePath), e);
        }
    }

    /** Creates {@code relativePath} as a directory whose whole content is archived with the logs on close. */
    Path createKeptDirectory(String relativePath) {
        Path directory = createDirectories(relativePath);
        keptDirectories.add(directory);
        return directory;
    }

    /** Starts a long-running program whose stdout and stderr go to {@code <peer>.log}. */
    PeerProcess launch(Map<String, String> environment, List<String> command) {
        return launch(environment, command, null);
    }

    /** As {@link #launch(Map, List)}, with stdout sent elsewhere (e.g. a pipe the caller reads). */
    PeerProcess launch(Map<String, String> environment, List<String> command, ProcessBuilder.Redirect standardOutput) {
        PeerProcess process = PeerProcess.start(peerName, directory, file(peerName + ".log"), environment, command,
                standardOutput);
        processes.add(process);
        return process;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        OPEN.remove(this);
        try {
            for (PeerProcess process : processes.reversed()) {
                process.stop();
            }
        } finally {
            try {
                archiveLogs();
            } finally {
                deleteDirectory();
            }
        }
    }

    private void archiveLogs() {
        Path target = PeerOutput.directory().resolve(directory.getFileName());
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path log : files.filter(Files::isRegularFile).filter(this::isArchived).toList()) {
                Path copy = target.resolve(directory.relativize(log).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(log, copy, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the logs of " + peerName + " to " + target, e);
        }
    }

    private boolean isArchived(Path file) {
        return file.getFileName().toString().endsWith(".log") || keptDirectories.stream().anyMatch(file::startsWith);
    }

    private void deleteDirectory() {
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
