package org.lyncrunbooks.backupset;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes {@code manifest.json} as a stream into a temporary file and moves it into place only on
 * {@link #commit()}: a manifest is either complete or absent. Use: header → items (each: begin, files,
 * skipped, end) → excluded → commit. Each file entry is one line (a set lists tens of thousands of them).
 */
public final class ManifestWriter implements AutoCloseable {

    private static final JsonFactory JSON = new JsonFactory();

    private final Path target;
    private final Path tmp;
    private final FileChannel channel;
    private final JsonGenerator json;
    private final java.io.StringWriter line = new java.io.StringWriter(256);
    private State state = State.ITEMS;
    private boolean committed;

    private enum State { ITEMS, FILES, SKIPPED, EXCLUDED }

    private ManifestWriter(Path target, Manifest.Header header) throws IOException {
        this.target = target;
        this.tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        this.channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        OutputStream out = Channels.newOutputStream(channel);
        this.json = JSON.createGenerator(out, JsonEncoding.UTF8);
        json.useDefaultPrettyPrinter();
        json.writeStartObject();
        json.writeNumberField("formatVersion", header.formatVersion());
        json.writeStringField("setId", header.setId());
        json.writeStringField("startedAt", text(header.startedAt()));
        json.writeStringField("completedAt", text(header.completedAt()));
        json.writeStringField("topologySha256", header.topologySha256());
        json.writeArrayFieldStart("items");
    }

    public static ManifestWriter open(Path target, Manifest.Header header) {
        try {
            return new ManifestWriter(target, header);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    public void beginItem(Manifest.Item item) {
        io(() -> {
            expect(State.ITEMS);
            json.writeStartObject();
            json.writeStringField("itemId", item.itemId());
            json.writeStringField("kind", item.kind());
            json.writeStringField("source", item.source());
            json.writeStringField("tool", item.tool());
            json.writeStringField("startedAt", text(item.startedAt()));
            json.writeStringField("finishedAt", text(item.finishedAt()));
            json.writeArrayFieldStart("files");
            state = State.FILES;
        });
    }

    public void file(Manifest.File file) {
        io(() -> {
            expect(State.FILES);
            line.getBuffer().setLength(0);
            try (JsonGenerator entry = JSON.createGenerator(line)) {
                writeFile(entry, file);
            }
            json.writeRawValue(line.toString());
        });
    }

    /**
     * A file entry exactly as {@link #writeFile} writes it (one JSON object on one line), copied as is: for a caller
     * that logged the entries that way itself and need not parse them again.
     */
    public void fileEntry(String entry) {
        io(() -> {
            expect(State.FILES);
            json.writeRawValue(entry);
        });
    }

    /** Writes one file entry as a compact JSON object: {@code path}, {@code size}, {@code sha256}, {@code reusedFrom}. */
    public static void writeFile(JsonGenerator generator, Manifest.File file) throws IOException {
        generator.writeStartObject();
        generator.writeStringField("path", file.path());
        generator.writeNumberField("size", file.size());
        generator.writeStringField("sha256", file.sha256());
        if (file.reusedFrom() != null) {
            generator.writeStringField("reusedFrom", file.reusedFrom());
        }
        generator.writeEndObject();
    }

    public void skipped(Manifest.Skipped skipped) {
        io(() -> {
            if (state == State.FILES) {
                json.writeEndArray();
                json.writeArrayFieldStart("skipped");
                state = State.SKIPPED;
            }
            expect(State.SKIPPED);
            json.writeStartObject();
            json.writeStringField("path", skipped.path());
            json.writeStringField("reason", skipped.reason());
            json.writeEndObject();
        });
    }

    public void endItem() {
        io(() -> {
            if (state != State.FILES && state != State.SKIPPED) {
                throw new IllegalStateException("no item is open");
            }
            json.writeEndArray();
            json.writeEndObject();
            state = State.ITEMS;
        });
    }

    public void excluded(Manifest.Excluded excluded) {
        io(() -> {
            if (state == State.ITEMS) {
                json.writeEndArray();
                json.writeArrayFieldStart("excluded");
                state = State.EXCLUDED;
            }
            expect(State.EXCLUDED);
            json.writeStartObject();
            json.writeStringField("name", excluded.name());
            json.writeStringField("source", excluded.source());
            json.writeStringField("reason", excluded.reason());
            json.writeEndObject();
        });
    }

    /** Finishes the document, makes it durable, and moves it over {@code manifest.json}. */
    public void commit() {
        io(() -> {
            if (state == State.ITEMS) {
                json.writeEndArray();
                json.writeArrayFieldStart("excluded");
                state = State.EXCLUDED;
            }
            expect(State.EXCLUDED);
            json.writeEndArray();
            json.writeEndObject();
            json.flush();
            channel.force(true);
            json.close();
            AtomicFiles.rename(tmp, target);
            committed = true;
        });
    }

    @Override
    public void close() {
        if (!committed) {
            try {
                json.close();
            } catch (IOException e) {
                // the temporary file is removed below either way
            }
            AtomicFiles.deleteQuietly(tmp);
        }
    }

    private void expect(State expected) {
        if (state != expected) {
            throw new IllegalStateException("manifest writer is at " + state + ", not " + expected);
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private void io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
