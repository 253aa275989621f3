package io.saccade.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class SaccadeVersionTest {
    @Command(name = "saccade probe", mixinStandardHelpOptions = true, versionProvider = SaccadeVersion.class)
    static final class Probe implements Runnable {
        @Override
        public void run() {
        }
    }

    @Test
    void shouldCarryTheBuildVersionNotThePlaceholder() {
        assertTrue(SaccadeVersion.version().matches("\\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?"), SaccadeVersion.version());
    }

    @Test
    void shouldPrintCommandVersionAndArchitectureOnVersion() {
        final StringWriter out = new StringWriter();
        final CommandLine line = new CommandLine(new Probe()).setOut(new PrintWriter(out));

        assertEquals(0, line.execute("--version"));

        final String[] lines = out.toString().split("\\R");
        assertEquals("saccade probe " + SaccadeVersion.version(), lines[0]);
        assertTrue(lines[1].startsWith("linux " + System.getProperty("os.arch") + ", Java "), lines[1]);
        assertEquals("UDP: epoll, recvmmsg", lines[2], "this build carries the epoll native of this machine");
    }
}
