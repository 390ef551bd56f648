package org.lyncrunbooks.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lyncrunbooks.lab.LabFixtures.FE1;
import static org.lyncrunbooks.lab.LabFixtures.POOL;
import static org.lyncrunbooks.lab.LabFixtures.PREAMBLE;
import static org.lyncrunbooks.lab.LabFixtures.TIMEOUT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.lyncshell.Cmdlet;
import org.lyncrunbooks.lyncshell.ShellOutput;
import org.lyncrunbooks.lyncshell.ShellTimeoutException;

class LabShellScriptTest {

    @TempDir
    static Path shared;

    @TempDir
    Path out;

    private static LabFarm farm;
    private LabShell shell;

    @BeforeEach
    void farm() throws IOException {
        if (farm == null) {
            farm = LabFixtures.farm(shared.resolve("farm"));
        }
        shell = new LabShell(farm);
        Files.deleteIfExists(farm.transcriptFile());
        LabFixtures.runOk(shell, Cmdlet.of("Start-CsWindowsService").with("ComputerName", FE1));
        Files.deleteIfExists(farm.transcriptFile());
    }

    @Test
    void runsAWellFormedScriptAndRecordsItInTheTranscript() throws IOException {
        Path file = out.resolve("users.zip");
        Cmdlet export = Cmdlet.of("Export-CsUserData").with("PoolFqdn", POOL).with("FileName", file.toString());

        ShellOutput output = shell.run(LabFixtures.script(export), TIMEOUT);

        assertThat(output.succeeded()).isTrue();
        assertThat(output.stdout()).contains("pool01.lab.contoso.local").contains("12 users");
        assertThat(file).isRegularFile();
        List<JsonNode> transcript = transcript();
        assertThat(transcript).hasSize(1);
        assertThat(transcript.get(0).get("cmdlet").asText()).isEqualTo(export.render());
        assertThat(transcript.get(0).get("exitCode").asInt()).isZero();
        assertThat(transcript.get(0).get("time").asText()).isNotBlank();
    }

    @Test
    void refusesASecondStatementAfterASemicolon() throws IOException {
        Path file = out.resolve("cfg.zip");
        String script = PREAMBLE + "Export-CsConfiguration -FileName '" + file + "'; Stop-CsWindowsService -ComputerName '"
                + FE1 + "'";

        ShellOutput output = shell.run(script, TIMEOUT);

        assertRefusedAndNothingRan(output, file);
    }

    @Test
    void refusesAValueThatClosesItsQuote() throws IOException {
        Path file = out.resolve("cfg.zip");
        // what naive string concatenation of the value "x'; Stop-CsWindowsService -ComputerName 'fe01" would produce
        String script = PREAMBLE + "Export-CsConfiguration -FileName '" + file + "'; Stop-CsWindowsService -ComputerName '"
                + FE1 + "' #'";

        ShellOutput output = shell.run(script, TIMEOUT);

        assertRefusedAndNothingRan(output, file);
    }

    @Test
    void refusesASecondCmdletLine() throws IOException {
        Path file = out.resolve("cfg.zip");
        String script = PREAMBLE + "Export-CsConfiguration -FileName '" + file + "'\nStop-CsWindowsService -ComputerName '"
                + FE1 + "'";

        ShellOutput output = shell.run(script, TIMEOUT);

        assertRefusedAndNothingRan(output, file);
        assertThat(output.stderr()).contains("exactly one cmdlet line");
    }

    @Test
    void refusesAnUnknownPreambleLine() throws IOException {
        Path file = out.resolve("cfg.zip");
        String script = "$ErrorActionPreference = 'Stop'\nRemove-Item -Recurse C:\\\nExport-CsConfiguration -FileName '" + file + "'";

        ShellOutput output = shell.run(script, TIMEOUT);

        assertRefusedAndNothingRan(output, file);
    }

    @Test
    void refusesAnImportModuleLineCarryingAnotherStatement() throws IOException {
        Path file = out.resolve("cfg.zip");
        String script = "$ErrorActionPreference = 'Stop'\nImport-Module Lync; Stop-CsWindowsService -ComputerName '" + FE1
                + "'\nExport-CsConfiguration -FileName '" + file + "'";

        assertRefusedAndNothingRan(shell.run(script, TIMEOUT), file);
    }

    @Test
    void refusesAScriptWithoutTheErrorActionPreferenceLine() throws IOException {
        Path file = out.resolve("cfg.zip");

        assertRefusedAndNothingRan(shell.run("Export-CsConfiguration -FileName '" + file + "'", TIMEOUT), file);
    }

    @Test
    void refusesAPipelineAndAVariable() throws IOException {
        Path file = out.resolve("cfg.zip");

        assertRefusedAndNothingRan(shell.run(PREAMBLE + "Export-CsConfiguration -FileName $env:TEMP", TIMEOUT), file);
        assertRefusedAndNothingRan(shell.run(PREAMBLE + "Export-CsConfiguration -FileName '" + file + "' | Out-Null",
                TIMEOUT), file);
    }

    @Test
    void acceptsAValueHoldingQuotesWhenRenderedByCmdlet() throws IOException {
        Path folder = Files.createDirectories(out.resolve("o'brien ‘quoted’; Stop-CsWindowsService"));
        Path file = folder.resolve("cfg.zip");

        ShellOutput output = LabFixtures.run(shell, Cmdlet.of("Export-CsConfiguration").with("FileName", file.toString()));

        assertThat(output.succeeded()).as(output.stderr()).isTrue();
        assertThat(file).isRegularFile();
        assertThat(farm.serverState(FE1).runningServices()).contains("RTCSRV");
    }

    @Test
    void reportsAnUnknownCmdletLikePowerShell() {
        ShellOutput output = shell.run(PREAMBLE + "Remove-CsUser -Identity 'sip:ken@lab.contoso.local'", TIMEOUT);

        assertThat(output.exitCode()).isEqualTo(1);
        assertThat(output.stderr()).startsWith("Remove-CsUser : The term 'Remove-CsUser' is not recognized as the name "
                + "of a cmdlet");
    }

    @Test
    void bindsParameterNamesCaseInsensitivelyAndRefusesUnknownOnes() {
        Path file = out.resolve("cfg.zip");

        ShellOutput ok = shell.run(PREAMBLE + "Export-CsConfiguration -filename '" + file + "'", TIMEOUT);
        ShellOutput unknown = shell.run(PREAMBLE + "Export-CsConfiguration -FileName '" + file + "' -Bogus", TIMEOUT);
        ShellOutput missing = shell.run(PREAMBLE + "Export-CsUserData -FileName '" + file + "'", TIMEOUT);
        ShellOutput twice = shell.run(PREAMBLE + "Export-CsConfiguration -FileName '" + file + "' -FILENAME 'x'", TIMEOUT);

        assertThat(ok.succeeded()).as(ok.stderr()).isTrue();
        assertThat(unknown.stderr()).startsWith("Export-CsConfiguration : A parameter cannot be found that matches "
                + "parameter name 'Bogus'.");
        assertThat(missing.stderr()).contains("missing mandatory parameters: PoolFqdn.");
        assertThat(twice.stderr()).contains("is specified more than once");
    }

    @Test
    void refusesAUncPathWithTheLabExplanation() {
        ShellOutput output = LabFixtures.run(shell, Cmdlet.of("Export-CsConfiguration")
                .with("FileName", "\\\\backupsrv.lab.contoso.local\\lyncbackup\\cfg.zip"));

        assertThat(output.exitCode()).isEqualTo(1);
        assertThat(output.stderr()).startsWith("Export-CsConfiguration : ")
                .contains("lync.backup.root-unc must equal lync.backup.root");
    }

    @Test
    void refusesRelativePathsAndPathsIntoTheFarm() {
        ShellOutput relative = LabFixtures.run(shell, Cmdlet.of("Export-CsConfiguration").with("FileName", "cfg.zip"));
        ShellOutput intoFarm = LabFixtures.run(shell, Cmdlet.of("Export-CsConfiguration")
                .with("FileName", farm.directory().resolve("topology.yaml").toString()));

        assertThat(relative.stderr()).contains("is not an absolute path");
        assertThat(intoFarm.stderr()).contains("inside the lab farm's own folder");
        assertThat(farm.topologyFile()).content().contains("sites:");
    }

    @Test
    void timesOutWhenTheCmdletDelayExceedsTheTimeout() throws IOException {
        LabFarm slow = new LabFarm(new LabProperties(farm.directory(), 7, 12, 24, Duration.ofSeconds(30)));
        LabShell slowShell = new LabShell(slow);
        Path file = out.resolve("cfg.zip");
        long started = System.nanoTime();

        assertThatThrownBy(() -> slowShell.run(LabFixtures.script(Cmdlet.of("Export-CsConfiguration")
                .with("FileName", file.toString())), Duration.ofMillis(200)))
                .isInstanceOf(ShellTimeoutException.class)
                .hasMessageContaining("did not finish within PT0.2S");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(file).doesNotExist();
        assertThat(transcript()).last().satisfies(entry -> assertThat(entry.has("timedOut")).isTrue());
    }

    @Test
    void waitsForTheCmdletDelayWithinTheTimeout() {
        LabShell slowShell = new LabShell(new LabFarm(new LabProperties(farm.directory(), 7, 12, 24, Duration.ofMillis(300))));
        Path file = out.resolve("cfg.zip");
        long started = System.nanoTime();

        ShellOutput output = LabFixtures.run(slowShell, Cmdlet.of("Export-CsConfiguration").with("FileName", file.toString()));

        assertThat(output.succeeded()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void stopsWaitingWhenTheThreadIsInterrupted() {
        LabShell slowShell = new LabShell(new LabFarm(new LabProperties(farm.directory(), 7, 12, 24, Duration.ofSeconds(30))));
        Path file = out.resolve("cfg.zip");

        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> LabFixtures.run(slowShell, Cmdlet.of("Export-CsConfiguration")
                .with("FileName", file.toString()))).isInstanceOf(ShellTimeoutException.class)
                .satisfies(e -> assertThat(((ShellTimeoutException) e).stderr()).contains("interrupted"));

        assertThat(Thread.interrupted()).isTrue();
        assertThat(file).doesNotExist();
    }

    private void assertRefusedAndNothingRan(ShellOutput output, Path file) throws IOException {
        assertThat(output.exitCode()).isEqualTo(1);
        assertThat(output.stdout()).isEmpty();
        assertThat(output.stderr()).contains("ParserError");
        assertThat(file).doesNotExist();
        assertThat(farm.serverState(FE1).runningServices()).contains("RTCSRV");
        List<JsonNode> transcript = transcript();
        assertThat(transcript).isNotEmpty().allSatisfy(entry -> {
            assertThat(entry.has("cmdlet")).isFalse();
            assertThat(entry.get("refused").asText()).isNotBlank();
            assertThat(entry.get("exitCode").asInt()).isEqualTo(1);
        });
    }

    private List<JsonNode> transcript() throws IOException {
        ObjectMapper json = new ObjectMapper();
        if (!Files.exists(farm.transcriptFile())) {
            return List.of();
        }
        return Files.readAllLines(farm.transcriptFile()).stream().map(line -> {
            try {
                return json.readTree(line);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }
}
