package io.saccade.runtime;

import io.saccade.runtime.net.UdpTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What {@code --version} prints for every Saccade command: the build's version and the platform the JVM runs on, so
 * an operator (or the image smoke test) sees at once which build and which architecture answered.
 *
 * <pre>
 * saccade preprocess 0.1.0-SNAPSHOT
 * linux aarch64, Java 25.0.5+8-1-deb13u1-Debian (Debian)
 * UDP: epoll, recvmmsg
 * </pre>
 *
 * The third line loads Netty's epoll native, so it also tells whether this architecture's native made it into the
 * image.
 */
public final class SaccadeVersion implements IVersionProvider {
    private static final String VERSION = load();

    @Spec
    private CommandSpec spec;

    /** @return the version the build stamped into this module, e.g. {@code 0.1.0-SNAPSHOT} */
    public static String version() {
        return VERSION;
    }

    /** @return operating system, CPU architecture as the JVM sees it, JVM version and vendor */
    public static String platform() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT) + " " + System.getProperty("os.arch")
            + ", Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")";
    }

    @Override
    public String[] getVersion() {
        return new String[] {spec.qualifiedName() + " " + VERSION, platform(), "UDP: " + UdpTransport.io()};
    }

    private static String load() {
        try (InputStream in = SaccadeVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from saccade-runtime; rebuild it");
            }
            final Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
