package org.lyncrunbooks.backupset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

    private static final String SHA = "a".repeat(64);

    @TempDir
    Path dir;

    @Test
    void writesTheContractFormat() throws Exception {
        Path file = dir.resolve("manifest.json");
        writeSample(file);

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.get("formatVersion").asInt()).isEqualTo(1);
        assertThat(json.get("setId").asText()).isEqualTo("20261126T020000Z");
        assertThat(json.get("startedAt").asText()).isEqualTo("2026-11-26T02:00:00Z");
        assertThat(json.get("completedAt").asText()).isEqualTo("2026-11-26T02:10:00Z");
        assertThat(json.get("topologySha256").asText()).isEqualTo(SHA);
        JsonNode item = json.get("items").get(0);
        assertThat(item.get("itemId").asText()).isEqualTo("sql:sql01.contoso.local_rtc:LcsCDR");
        assertThat(item.get("kind").asText()).isEqualTo("sqlserver-database");
        assertThat(item.get("source").asText()).isEqualTo("sql01.contoso.local\\rtc/LcsCDR");
        assertThat(item.get("files").get(0).get("path").asText()).isEqualTo("sql/sql01.contoso.local_rtc/LcsCDR.bak");
        assertThat(item.get("files").get(0).get("size").asLong()).isEqualTo(123);
        assertThat(json.get("items").get(1).get("skipped").get(0).get("reason").asText()).contains("Meeting.Active");
        assertThat(json.get("excluded").get(0).get("name").asText()).isEqualTo("rtcdyn");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void readsBackWhatItWrote() {
        Path file = dir.resolve("manifest.json");
        writeSample(file);
        List<String> seen = new ArrayList<>();

        ManifestReader.read(file, new ManifestReader.Visitor() {
            @Override
            public void header(Manifest.Header header) {
                seen.add("header " + header.setId());
            }

            @Override
            public void file(String itemId, Manifest.File f) {
                seen.add("file " + itemId + " " + f.path() + " " + f.size());
            }

            @Override
            public void skipped(String itemId, Manifest.Skipped s) {
                seen.add("skipped " + s.path());
            }

            @Override
            public void item(Manifest.Item item) {
                seen.add("item " + item.itemId() + " files=" + item.fileCount() + " bytes=" + item.bytes());
            }

            @Override
            public void excluded(Manifest.Excluded e) {
                seen.add("excluded " + e.name());
            }
        });

        assertThat(seen).containsExactly(
                "header 20261126T020000Z",
                "file sql:sql01.contoso.local_rtc:LcsCDR sql/sql01.contoso.local_rtc/LcsCDR.bak 123",
                "item sql:sql01.contoso.local_rtc:LcsCDR files=1 bytes=123",
                "file filestore:fs filestore/fs/a.txt 5",
                "file filestore:fs filestore/fs/b/c.txt 7",
                "skipped filestore/fs/m/Meeting.Active",
                "item filestore:fs files=2 bytes=12",
                "excluded rtcdyn");
    }

    @Test
    void leavesNoManifestWhenNotCommitted() {
        Path file = dir.resolve("manifest.json");
        try (ManifestWriter writer = ManifestWriter.open(file, header())) {
            writer.beginItem(item("x"));
        }

        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void refusesAnotherFormatVersion() throws Exception {
        Path file = dir.resolve("manifest.json");
        Files.writeString(file, "{\"formatVersion\": 2, \"setId\": \"x\", \"items\": []}");

        assertThatThrownBy(() -> ManifestReader.header(file))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("formatVersion 2 is not supported");
    }

    @Test
    void refusesAFileEntryWithoutAValidHash() throws Exception {
        Path file = dir.resolve("manifest.json");
        Files.writeString(file, "{\"formatVersion\": 1, \"setId\": \"x\", \"items\": [{\"itemId\": \"a\", "
                + "\"files\": [{\"path\": \"p\", \"size\": 1, \"sha256\": \"xyz\"}]}]}");

        assertThatThrownBy(() -> ManifestReader.read(file, new ManifestReader.Visitor() { }))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("lowercase hex sha256");
    }

    private static void writeSample(Path file) {
        try (ManifestWriter writer = ManifestWriter.open(file, header())) {
            writer.beginItem(new Manifest.Item("sql:sql01.contoso.local_rtc:LcsCDR", "sqlserver-database",
                    "sql01.contoso.local\\rtc/LcsCDR", "BACKUP DATABASE … WITH CHECKSUM",
                    Instant.parse("2026-11-26T02:01:00Z"), Instant.parse("2026-11-26T02:02:00Z")));
            writer.file(new Manifest.File("sql/sql01.contoso.local_rtc/LcsCDR.bak", 123, SHA));
            writer.endItem();
            writer.beginItem(item("filestore:fs"));
            writer.file(new Manifest.File("filestore/fs/a.txt", 5, SHA));
            writer.file(new Manifest.File("filestore/fs/b/c.txt", 7, SHA));
            writer.skipped(new Manifest.Skipped("filestore/fs/m/Meeting.Active", "Meeting.Active: locked while a meeting runs"));
            writer.endItem();
            writer.excluded(new Manifest.Excluded("rtcdyn", "sql01.contoso.local\\rtc/rtcdyn", "transient; rebuilt by the pool (D1)"));
            writer.commit();
        }
    }

    private static Manifest.Header header() {
        return new Manifest.Header(1, "20261126T020000Z", Instant.parse("2026-11-26T02:00:00Z"),
                Instant.parse("2026-11-26T02:10:00Z"), SHA);
    }

    private static Manifest.Item item(String id) {
        return new Manifest.Item(id, "file-store", "\\\\fs\\share", "copy", Instant.EPOCH, Instant.EPOCH);
    }
}
