package org.lyncrunbooks.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Faults a lab user puts on a cmdlet to see how the runbooks cope (reliability scenario 8): the cmdlet hangs
 * until the caller's timeout, or fails with exit code 1 and its own message on standard error. Kept as files in
 * the farm's folder ({@code faults/<cmdlet>.json}), so every application node using the farm sees them.
 */
final class CmdletFaults {

    /** What a faulty cmdlet does. */
    enum Mode { HANG, FAIL }

    record Fault(Mode mode, String message) {
    }

    private final Path dir;
    private final StateFiles state;

    CmdletFaults(Path farmDirectory, StateFiles state) {
        this.dir = farmDirectory.resolve("faults");
        this.state = state;
    }

    /** The fault on {@code cmdlet}, if any; the name is compared case-insensitively, as PowerShell does. */
    Optional<Fault> of(String cmdlet) {
        Path file = file(cmdlet);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Map<?, ?> stored = state.read(file, Map.class);
        Mode mode = Mode.valueOf(String.valueOf(stored.get("mode")));
        Object message = stored.get("message");
        return Optional.of(new Fault(mode, message == null ? null : message.toString()));
    }

    void set(String cmdlet, Fault fault) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        state.write(file(cmdlet), fault.message() == null ? Map.of("mode", fault.mode().name())
                : Map.of("mode", fault.mode().name(), "message", fault.message()));
    }

    void clear(String cmdlet) {
        try {
            Files.deleteIfExists(file(cmdlet));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(String cmdlet) {
        if (cmdlet == null || !cmdlet.matches("[A-Za-z]+-Cs[A-Za-z]+")) {
            throw new IllegalArgumentException("'" + cmdlet + "' is not a Lync cmdlet name (Verb-CsNoun)");
        }
        return dir.resolve(cmdlet.toLowerCase(Locale.ROOT) + ".json");
    }
}
