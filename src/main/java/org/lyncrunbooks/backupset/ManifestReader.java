package org.lyncrunbooks.backupset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads {@code manifest.json} as a stream, handing each part to a {@link Visitor}: the header first, then every
 * file (with its item id) and each item once its object is complete, then the excluded databases. A manifest
 * that is not format version 1 or not well-formed is refused with {@link ManifestException}.
 */
public final class ManifestReader {

    private static final JsonFactory JSON = new JsonFactory();

    private ManifestReader() {
    }

    /** Receives the manifest's parts in document order. */
    public interface Visitor {
        default void header(Manifest.Header header) {
        }

        default void file(String itemId, Manifest.File file) {
        }

        default void skipped(String itemId, Manifest.Skipped skipped) {
        }

        default void item(Manifest.Item item) {
        }

        default void excluded(Manifest.Excluded excluded) {
        }
    }

    public static Manifest.Header header(Path manifest) {
        Manifest.Header[] header = new Manifest.Header[1];
        read(manifest, new Visitor() {
            @Override
            public void header(Manifest.Header h) {
                header[0] = h;
            }
        });
        return header[0];
    }

    public static void read(Path manifest, Visitor visitor) {
        try (InputStream in = Files.newInputStream(manifest); JsonParser p = JSON.createParser(in)) {
            new Parse(manifest, p, visitor).document();
        } catch (NoSuchFileException e) {
            throw new ManifestException(manifest + ": no manifest");
        } catch (IOException e) {
            throw new ManifestException(manifest + ": not a readable manifest: " + e.getMessage(), e);
        }
    }

    private static final class Parse {
        private final Path file;
        private final JsonParser p;
        private final Visitor visitor;

        Parse(Path file, JsonParser p, Visitor visitor) {
            this.file = file;
            this.p = p;
            this.visitor = visitor;
        }

        void document() throws IOException {
            expect(p.nextToken(), JsonToken.START_OBJECT, "document");
            Integer version = null;
            String setId = null;
            Instant started = null;
            Instant completed = null;
            String topology = null;
            boolean headerSent = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "formatVersion" -> {
                        version = p.getValueAsInt(-1);
                        if (version != Manifest.FORMAT_VERSION) {
                            throw new ManifestException(file + ": formatVersion " + p.getText()
                                    + " is not supported (this version reads " + Manifest.FORMAT_VERSION + ")");
                        }
                    }
                    case "setId" -> setId = p.getValueAsString();
                    case "startedAt" -> started = instant(p.getValueAsString(), "startedAt");
                    case "completedAt" -> completed = instant(p.getValueAsString(), "completedAt");
                    case "topologySha256" -> topology = p.getValueAsString();
                    case "items" -> {
                        headerSent = sendHeader(headerSent, version, setId, started, completed, topology);
                        expect(p.currentToken(), JsonToken.START_ARRAY, "items");
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            item();
                        }
                    }
                    case "excluded" -> {
                        headerSent = sendHeader(headerSent, version, setId, started, completed, topology);
                        expect(p.currentToken(), JsonToken.START_ARRAY, "excluded");
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            excluded();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            sendHeader(headerSent, version, setId, started, completed, topology);
        }

        private boolean sendHeader(boolean sent, Integer version, String setId, Instant started, Instant completed,
                                   String topology) {
            if (!sent) {
                if (version == null || setId == null) {
                    throw new ManifestException(file + ": formatVersion and setId must come first");
                }
                visitor.header(new Manifest.Header(version, setId, started, completed, topology));
            }
            return true;
        }

        private void item() throws IOException {
            String itemId = null;
            String kind = null;
            String source = null;
            String tool = null;
            Instant started = null;
            Instant finished = null;
            long files = 0;
            long bytes = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "itemId" -> itemId = p.getValueAsString();
                    case "kind" -> kind = p.getValueAsString();
                    case "source" -> source = p.getValueAsString();
                    case "tool" -> tool = p.getValueAsString();
                    case "startedAt" -> started = instant(p.getValueAsString(), "startedAt");
                    case "finishedAt" -> finished = instant(p.getValueAsString(), "finishedAt");
                    case "files" -> {
                        requireItemId(itemId);
                        expect(p.currentToken(), JsonToken.START_ARRAY, "files");
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            Manifest.File f = fileEntry();
                            files++;
                            bytes += f.size();
                            visitor.file(itemId, f);
                        }
                    }
                    case "skipped" -> {
                        requireItemId(itemId);
                        expect(p.currentToken(), JsonToken.START_ARRAY, "skipped");
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            String path = null;
                            String reason = null;
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String f = p.currentName();
                                p.nextToken();
                                if (f.equals("path")) {
                                    path = p.getValueAsString();
                                } else if (f.equals("reason")) {
                                    reason = p.getValueAsString();
                                } else {
                                    p.skipChildren();
                                }
                            }
                            visitor.skipped(itemId, new Manifest.Skipped(path, reason));
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            requireItemId(itemId);
            visitor.item(new Manifest.Item(itemId, kind, source, tool, started, finished, files, bytes));
        }

        private Manifest.File fileEntry() throws IOException {
            String path = null;
            Long size = null;
            String sha = null;
            String reusedFrom = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "path" -> path = p.getValueAsString();
                    case "size" -> size = p.getValueAsLong(-1);
                    case "sha256" -> sha = p.getValueAsString();
                    case "reusedFrom" -> reusedFrom = p.getValueAsString();
                    default -> p.skipChildren();
                }
            }
            if (path == null || size == null || size < 0 || !isLowercaseSha256(sha)) {
                throw new ManifestException(file + ": a file entry needs path, size and a lowercase hex sha256 (near "
                        + p.currentLocation() + ")");
            }
            return new Manifest.File(path, size, sha, reusedFrom);
        }

        /** 64 lowercase hex digits; checked by hand, a regular expression per file costs more than the parse. */
        private static boolean isLowercaseSha256(String sha) {
            if (sha == null || sha.length() != 64) {
                return false;
            }
            for (int i = 0; i < 64; i++) {
                char c = sha.charAt(i);
                if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                    return false;
                }
            }
            return true;
        }

        private void excluded() throws IOException {
            String name = null;
            String source = null;
            String reason = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "name" -> name = p.getValueAsString();
                    case "source" -> source = p.getValueAsString();
                    case "reason" -> reason = p.getValueAsString();
                    default -> p.skipChildren();
                }
            }
            visitor.excluded(new Manifest.Excluded(name, source, reason));
        }

        private void requireItemId(String itemId) {
            if (itemId == null) {
                throw new ManifestException(file + ": an item's itemId must come before its files (near "
                        + p.currentLocation() + ")");
            }
        }

        private Instant instant(String text, String field) {
            if (text == null) {
                return null;
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new ManifestException(file + ": " + field + " '" + text + "' is not an ISO-8601 instant");
            }
        }

        private void expect(JsonToken actual, JsonToken expected, String what) {
            if (actual != expected) {
                throw new ManifestException(file + ": " + what + " must be " + expected + " but is " + actual);
            }
        }
    }
}
