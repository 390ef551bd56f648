package org.lyncrunbooks.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The application in a JVM of its own, so that a test can kill it the hard way (SIGKILL, no shutdown hooks)
 * and start it again on the same database and folders. It is driven over its REST API as a lab user.
 */
public final class ApplicationProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final LabHttp http;
    private final String baseUrl;

    private ApplicationProcess(Process process, int port, Path log) {
        this.process = process;
        this.baseUrl = "http://127.0.0.1:" + port;
        this.http = new LabHttp(baseUrl);
        this.log = log;
    }

    public static ApplicationProcess start(Map<String, String> properties, Path log) {
        return launch(properties, Map.of(), log).awaitReady();
    }

    /**
     * Starts the application with {@code properties} as command-line arguments and {@code environment} added to
     * the inherited environment, without waiting for it: several nodes can be started at the same moment.
     */
    public static ApplicationProcess launch(Map<String, String> properties, Map<String, String> environment, Path log) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath(),
                "org.lyncrunbooks.Application",
                "--server.port=" + port));
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            return new ApplicationProcess(builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the REST API answers; fails with the end of the log if the application exits instead. */
    public ApplicationProcess awaitReady() {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited with " + process.exitValue() + ":\n" + tail(log));
            }
            try {
                return get("/engine-rest/engine", null).statusCode() == 200;
            } catch (UncheckedIOException notYetListening) {
                return false;
            }
        });
        return this;
    }

    /**
     * The test JVM's class path with failsafe's manifest-only booter jar expanded: given that jar alone, Spring's
     * classpath scanning would see every resource twice (through the manifest and through the jar entries) and
     * deploy each process twice.
     */
    private static String classPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.contains("surefirebooter") && entry.endsWith(".jar")) {
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(entry)) {
                    String manifestPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
                    for (String url : manifestPath.trim().split("\\s+")) {
                        entries.add(Path.of(URI.create(url)).toString());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                entries.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = java.nio.file.Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /** SIGKILL: no shutdown hook runs, no lock is released, nothing is flushed. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
    }

    public HttpResponse<String> get(String path, String user) {
        return send(http.request(path).GET(), user);
    }

    public HttpResponse<String> post(String path, String json, String user) {
        return send(http.request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), user);
    }

    public HttpResponse<String> put(String path, String json, String user) {
        return send(http.request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)), user);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the application exits by itself and returns its exit code. */
    public int awaitExit(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> !process.isAlive());
        return process.exitValue();
    }

    /** Everything the application wrote so far. */
    public String output() {
        try {
            return java.nio.file.Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL of the application, {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return baseUrl;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String user) {
        return http.send(user, request);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }
}
