package io.saccade.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the shape the README's module table and {@code docs/architecture.md} describe: which module may use which,
 * services never importing each other, no service creating threads for its loops (they run on the agent runtime),
 * a README in every module, and a written reason at the top of every class that outgrew ~150 code lines or ~25
 * imports. Reads the sources of the checkout it is built from.
 */
class CodebaseShapeTest {
    private static final Path ROOT = Path.of(System.getProperty("saccade.root", ".."));

    /** Each module's allowed compile-scope dependencies on other Saccade modules: the README's table. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
        Map.entry("protocol", Set.of()),
        Map.entry("native", Set.of("protocol")),
        Map.entry("openvino", Set.of("protocol", "native")),
        Map.entry("broker", Set.of("protocol")),
        Map.entry("runtime", Set.of("protocol", "native")),
        Map.entry("node-registry", Set.of("protocol", "native")),
        Map.entry("robot-agent", Set.of("protocol", "native", "runtime")),
        Map.entry("preprocess", Set.of("protocol", "native", "runtime", "node-registry")),
        Map.entry("accelerator-service", Set.of("protocol", "native", "openvino", "runtime", "node-registry")),
        Map.entry("coordinator", Set.of("protocol", "native", "runtime")),
        Map.entry("k8s-arm", Set.of("protocol")),
        Map.entry("demo", Set.of("protocol", "runtime")),
        Map.entry("bench", Set.of("protocol", "native", "openvino", "runtime", "node-registry", "robot-agent",
            "preprocess", "accelerator-service", "coordinator")));

    /** The services: none may depend on another. */
    private static final Set<String> SERVICES = Set.of("robot-agent", "preprocess", "accelerator-service",
        "coordinator");

    /** Which module each top-level package belongs to. */
    private static final Map<String, String> PACKAGES = Map.ofEntries(
        Map.entry("io.saccade.protocol", "protocol"),
        Map.entry("io.saccade.os", "native"),
        Map.entry("io.saccade.openvino", "openvino"),
        Map.entry("io.saccade.broker", "broker"),
        Map.entry("io.saccade.runtime", "runtime"),
        Map.entry("io.saccade.registry", "node-registry"),
        Map.entry("io.saccade.robot", "robot-agent"),
        Map.entry("io.saccade.preprocess", "preprocess"),
        Map.entry("io.saccade.accelerator", "accelerator-service"),
        Map.entry("io.saccade.coordinator", "coordinator"),
        Map.entry("io.saccade.k8s", "k8s-arm"),
        Map.entry("io.saccade.demo", "demo"),
        Map.entry("io.saccade.bench", "bench"));

    /** Code that creates a thread. Only the runtime does that for services; tools may (benchmarks, the demo). */
    private static final Pattern THREAD = Pattern.compile(
        "new Thread\\(|Thread\\.of(?:Platform|Virtual)\\(|Executors\\.new|\\.newThread\\(");
    private static final Set<String> MAY_CREATE_THREADS = Set.of("runtime", "bench", "demo", "broker");
    private static final Pattern SHUTDOWN_HOOK = Pattern.compile("addShutdownHook\\(new Thread\\(");

    private static final Pattern DEPENDENCY = Pattern.compile(
        "<dependency>\\s*<groupId>io\\.saccade</groupId>\\s*<artifactId>saccade-([\\w-]+)</artifactId>(.*?)"
            + "</dependency>", Pattern.DOTALL);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(io\\.saccade\\.\\w+)\\.",
        Pattern.MULTILINE);
    private static final int MAX_CODE_LINES = 150;
    private static final int MAX_IMPORTS = 25;
    private static final String SIZE_REASON = "Large because";

    @Test
    void shouldHaveEveryModuleInTheTableAndAReadmeInEach() {
        assertEquals(new TreeSet<>(ALLOWED.keySet()), new TreeSet<>(modules()), "modules of the root pom");
        for (final String module : modules()) {
            assertTrue(Files.isRegularFile(ROOT.resolve(module).resolve("README.md")), module + " has no README.md");
        }
    }

    @Test
    void shouldDependOnlyOnTheModulesTheTableAllows() {
        final Map<String, Set<String>> actual = new TreeMap<>();
        for (final String module : modules()) {
            actual.put(module, compileDependencies(module));
        }
        for (final Map.Entry<String, Set<String>> entry : actual.entrySet()) {
            final Set<String> extra = new TreeSet<>(entry.getValue());
            extra.removeAll(ALLOWED.get(entry.getKey()));
            assertTrue(extra.isEmpty(), entry.getKey() + " depends on " + extra + ", which the module table does not "
                + "allow");
            if (SERVICES.contains(entry.getKey())) {
                final Set<String> services = new TreeSet<>(entry.getValue());
                services.retainAll(SERVICES);
                assertTrue(services.isEmpty(), entry.getKey() + " depends on the services " + services);
            }
        }
    }

    @Test
    void shouldImportOnlyFromItselfAndTheModulesItMayUse() {
        final List<String> violations = new ArrayList<>();
        for (final String module : modules()) {
            for (final Path file : mainSources(module)) {
                final Matcher imports = IMPORT.matcher(read(file));
                while (imports.find()) {
                    final String from = PACKAGES.get(imports.group(1));
                    if (from == null || !from.equals(module) && !ALLOWED.get(module).contains(from)) {
                        violations.add(ROOT.relativize(file) + " imports " + imports.group(1) + " (" + from + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void shouldRunEveryServiceLoopOnTheAgentRuntime() {
        final List<String> violations = new ArrayList<>();
        for (final String module : modules()) {
            for (final Path file : mainSources(module)) {
                final String code = SHUTDOWN_HOOK.matcher(read(file)).replaceAll("");
                if (!MAY_CREATE_THREADS.contains(module) && THREAD.matcher(code).find()) {
                    violations.add(ROOT.relativize(file).toString());
                }
            }
        }
        assertEquals(List.of(), violations, "these create threads themselves; run the loop as an Agent instead");
    }

    @Test
    void shouldSayWhyAClassIsLargeAtItsTop() {
        final List<String> violations = new ArrayList<>();
        for (final String module : modules()) {
            for (final Path file : mainSources(module)) {
                final String source = read(file);
                final long imports = source.lines().filter(line -> line.startsWith("import ")).count();
                final long code = source.lines().map(String::strip).filter(line -> !line.isEmpty()
                    && !line.startsWith("//") && !line.startsWith("*") && !line.startsWith("/*")).count();
                final int body = source.indexOf("\npublic ") < 0 ? source.length() : source.indexOf("\npublic ");
                if ((code > MAX_CODE_LINES || imports > MAX_IMPORTS) && !source.substring(0, body)
                    .contains(SIZE_REASON)) {
                    violations.add(ROOT.relativize(file) + " (" + code + " code lines, " + imports + " imports)");
                }
            }
        }
        assertEquals(List.of(), violations, "split these, or say \"" + SIZE_REASON + " ...\" in the class comment");
    }

    private static List<String> modules() {
        final Matcher modules = Pattern.compile("<module>([\\w-]+)</module>").matcher(read(ROOT.resolve("pom.xml")));
        final List<String> names = new ArrayList<>();
        while (modules.find()) {
            names.add(modules.group(1));
        }
        return names;
    }

    private static Set<String> compileDependencies(final String module) {
        final String pom = read(ROOT.resolve(module).resolve("pom.xml"));
        final int management = pom.indexOf("</dependencyManagement>");
        final Matcher dependencies = DEPENDENCY.matcher(management < 0 ? pom : pom.substring(management));
        final Set<String> found = new TreeSet<>();
        while (dependencies.find()) {
            final String rest = dependencies.group(2);
            if (!rest.contains("<scope>test</scope>")) {
                found.add(dependencies.group(1));
            }
        }
        return found;
    }

    private static List<Path> mainSources(final String module) {
        final Path main = ROOT.resolve(module).resolve("src/main/java");
        if (!Files.isDirectory(main)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(main)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String read(final Path file) {
        try {
            return Files.readString(file);
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
