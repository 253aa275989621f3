package io.saccade.robot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RobotMainTest {
    @TempDir
    Path dir;

    @Test
    void shouldExplainItselfOnHelp() {
        final StringWriter out = new StringWriter();
        final CommandLine command = new CommandLine(new RobotMain()).setOut(new PrintWriter(out));

        assertEquals(0, command.execute("--help"));
        assertTrue(out.toString().contains("--source=SOURCE"), out.toString());
        assertTrue(out.toString().contains("keygen"), out.toString());
    }

    @Test
    void shouldRefuseInvalidSettingsNamingThem() {
        final String error = runExpecting(2, "--fps", "0");

        assertTrue(error.contains("fps must be 1..240, got 0"), error);
    }

    @Test
    void shouldRefuseAnUnknownSource() {
        assertTrue(runExpecting(2, "--source", "webcam").contains("source: source 'webcam' is none of"));
    }

    @Test
    void shouldSayHowToMakeAMissingKey() {
        final String error = runExpecting(1, "--key-file", dir.resolve("absent.key").toString());

        assertTrue(error.contains("absent.key does not exist; create one with ./saccade keygen"), error);
    }

    private String runExpecting(final int status, final String... args) {
        final java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        final java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals(status, new CommandLine(new RobotMain()).execute(args));
        } finally {
            System.setErr(original);
        }
        return captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
