package org.lyncrunbooks.lab;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.lyncrunbooks.sqlserver.SqlServerClient;

/**
 * The lab's {@code .bak} format: a full backup of one database as the H2 statements that recreate it.
 *
 * <pre>
 * "LYNCLAB-SQLBAK/1\n"                 magic
 * int + JSON                           header: instance, database, product version, start/finish, payload SHA-256
 * long + bytes                         payload: gzip of (int length + UTF-8 statement)*
 * 32 bytes                             SHA-256 of everything before it
 * </pre>
 *
 * The trailing checksum covers every byte, so a flipped byte anywhere or a truncated file fails verification,
 * like {@code RESTORE VERIFYONLY … WITH CHECKSUM}.
 */
final class SqlBackupFile {

    private static final byte[] MAGIC = "LYNCLAB-SQLBAK/1\n".getBytes(StandardCharsets.US_ASCII);
    static final String FORMAT = "lync-runbooks lab SQL Server backup, version 1";

    private SqlBackupFile() {
    }

    /**
     * The backup header, as RESTORE HEADERONLY would list it, with the database's files as RESTORE FILELISTONLY lists
     * them (logical name, type D for data or L for log, the path the file had on the backed-up
     * instance, size; {@code files} is null in backups written before the lab recorded them).
     */
    record Header(String format, String instance, String database, String productVersion, Instant backupStartDate,
                  Instant backupFinishDate, String payloadSha256, long payloadLength,
                  List<SqlServerClient.BackupFile> files) {
    }

    /** A verified backup: its header and the statements that recreate the database. */
    record Contents(Header header, List<String> statements) {
    }

    /** The backup did not verify; the message says why. */
    static final class InvalidBackupException extends Exception {
        InvalidBackupException(String message) {
            super(message);
        }
    }

    static void write(Path file, ObjectMapper json, String instance, String database, String productVersion,
                      Instant started, List<String> statements, List<SqlServerClient.BackupFile> files)
            throws IOException {
        ByteArrayOutputStream payloadBytes = new ByteArrayOutputStream();
        try (DataOutputStream payload = new DataOutputStream(new GZIPOutputStream(payloadBytes))) {
            for (String statement : statements) {
                byte[] utf8 = statement.getBytes(StandardCharsets.UTF_8);
                payload.writeInt(utf8.length);
                payload.write(utf8);
            }
        }
        byte[] payload = payloadBytes.toByteArray();
        Header header = new Header(FORMAT, instance, database, productVersion, started, Instant.now(),
                HexFormat.of().formatHex(sha256().digest(payload)), payload.length, files);
        byte[] headerBytes = json.writeValueAsBytes(header);

        ByteArrayOutputStream all = new ByteArrayOutputStream(payload.length + headerBytes.length + 64);
        DataOutputStream out = new DataOutputStream(all);
        out.write(MAGIC);
        out.writeInt(headerBytes.length);
        out.write(headerBytes);
        out.writeLong(payload.length);
        out.write(payload);
        out.write(sha256().digest(all.toByteArray()));
        out.flush();

        Path tmp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".partial");
        try {
            Files.write(tmp, all.toByteArray());
            StateFiles.moveInto(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static Contents read(Path file, ObjectMapper json) throws InvalidBackupException, IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < MAGIC.length + 4 + 8 + 32 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new InvalidBackupException("the media family is incorrectly formed (not a lab backup file, or truncated)");
        }
        byte[] expected = Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length);
        MessageDigest digest = sha256();
        digest.update(bytes, 0, bytes.length - 32);
        if (!MessageDigest.isEqual(expected, digest.digest())) {
            throw new InvalidBackupException("the checksum does not match (the file is damaged or truncated)");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length,
                bytes.length - MAGIC.length - 32))) {
            int headerLength = in.readInt();
            if (headerLength <= 0 || headerLength > bytes.length) {
                throw new InvalidBackupException("the header length is invalid");
            }
            Header header = json.readValue(in.readNBytes(headerLength), Header.class);
            if (!FORMAT.equals(header.format())) {
                throw new InvalidBackupException("unknown backup format '" + header.format() + "'");
            }
            long payloadLength = in.readLong();
            if (payloadLength != header.payloadLength() || payloadLength < 0 || payloadLength > bytes.length) {
                throw new InvalidBackupException("the payload length does not match the header");
            }
            byte[] payload = in.readNBytes((int) payloadLength);
            if (!HexFormat.of().formatHex(sha256().digest(payload)).equals(header.payloadSha256())) {
                throw new InvalidBackupException("the payload checksum does not match the header");
            }
            List<String> statements = new ArrayList<>();
            try (DataInputStream p = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(payload)))) {
                while (true) {
                    int length;
                    try {
                        length = p.readInt();
                    } catch (EOFException end) {
                        break;
                    }
                    statements.add(new String(p.readNBytes(length), StandardCharsets.UTF_8));
                }
            }
            return new Contents(header, statements);
        } catch (EOFException e) {
            throw new InvalidBackupException("the file ends early");
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new InvalidBackupException("the header cannot be read: " + e.getOriginalMessage());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
