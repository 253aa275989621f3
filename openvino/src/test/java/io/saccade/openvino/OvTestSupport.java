package io.saccade.openvino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Shared by the OpenVINO tests: the doubling model and compiling C at test time. */
final class OvTestSupport {
    /**
     * OpenVINO IR v11 of {@code output = input + input} for an f32 [1,4] input: needs no weights file, so a real
     * runtime can read it as it is, and it is what the C stub pretends to run.
     */
    static final String DOUBLING_IR = """
        <?xml version="1.0"?>
        <net name="saccade_double" version="11">
          <layers>
            <layer id="0" name="input" type="Parameter" version="opset1">
              <data shape="1,4" element_type="f32"/>
              <output>
                <port id="0" precision="FP32" names="input"><dim>1</dim><dim>4</dim></port>
              </output>
            </layer>
            <layer id="1" name="double" type="Add" version="opset1">
              <data auto_broadcast="numpy"/>
              <input>
                <port id="0" precision="FP32"><dim>1</dim><dim>4</dim></port>
                <port id="1" precision="FP32"><dim>1</dim><dim>4</dim></port>
              </input>
              <output>
                <port id="2" precision="FP32" names="output"><dim>1</dim><dim>4</dim></port>
              </output>
            </layer>
            <layer id="2" name="output/sink" type="Result" version="opset1">
              <input>
                <port id="0" precision="FP32"><dim>1</dim><dim>4</dim></port>
              </input>
            </layer>
          </layers>
          <edges>
            <edge from-layer="0" from-port="0" to-layer="1" to-port="0"/>
            <edge from-layer="0" from-port="0" to-layer="1" to-port="1"/>
            <edge from-layer="1" from-port="2" to-layer="2" to-port="0"/>
          </edges>
        </net>
        """;

    private OvTestSupport() {
    }

    /**
     * @param dir where to write.
     * @return {@code dir/double.xml}, holding {@link #DOUBLING_IR}.
     * @throws IOException if writing fails.
     */
    static Path writeDoublingModel(final Path dir) throws IOException {
        return Files.writeString(dir.resolve("double.xml"), DOUBLING_IR, StandardCharsets.UTF_8);
    }

    /** @return the C stub source, src/test/c/openvino_c_stub.c of this module. */
    static Path stubSource() {
        return Path.of(System.getProperty("basedir", "."), "src", "test", "c", "openvino_c_stub.c");
    }

    /** Skips the calling test, saying why, unless gcc runs. */
    static void requireGcc() {
        try {
            final Process gcc = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
            gcc.getInputStream().readAllBytes();
            if (gcc.waitFor() != 0) {
                abort("gcc --version failed, and these tests compile C at test time");
            }
        } catch (final IOException ex) {
            abort("gcc is not installed (" + ex.getMessage() + "), and these tests compile C at test time");
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
            abort("interrupted while looking for gcc");
        }
    }

    /**
     * Compiles C into a shared library, failing the test with gcc's output if it does not compile.
     *
     * @param source the C file.
     * @param output the library to write.
     * @param flags  extra gcc arguments after the source, e.g. {@code -DSTUB_LAYOUT=2022} or {@code -lfoo}.
     * @return {@code output}.
     * @throws IOException          if gcc cannot be run.
     * @throws InterruptedException if interrupted.
     */
    static Path compileLibrary(final Path source, final Path output, final String... flags)
        throws IOException, InterruptedException {
        Files.createDirectories(output.getParent());
        final List<String> command = new ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-std=c11", "-O1", "-Wall",
            "-Wextra"));
        command.addAll(List.of("-o", output.toString(), source.toString()));
        command.addAll(List.of(flags));
        final Process gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, gcc.waitFor(), () -> String.join(" ", command) + "\n" + log);
        return output;
    }
}
