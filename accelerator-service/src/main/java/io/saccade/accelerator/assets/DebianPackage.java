package io.saccade.accelerator.assets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A file out of a Debian package, fetched with {@code apt-get download} (no installation, no root needed) and read
 * with {@code dpkg-deb --fsys-tarfile}.
 */
final class DebianPackage {
    private final String name;

    DebianPackage(final String name) {
        this.name = name;
    }

    /**
     * @param directory where .deb files are kept.
     * @param path      the file inside the package, without the leading slash.
     * @return the file's bytes.
     * @throws AssetException when apt-get or dpkg-deb are missing or fail, or the package lacks the file.
     */
    byte[] extract(final Path directory, final String path) throws AssetException {
        final Path deb = download(directory);
        try {
            final Process dpkg = new ProcessBuilder("dpkg-deb", "--fsys-tarfile", deb.toString()).start();
            try (TarArchiveInputStream tar = new TarArchiveInputStream(dpkg.getInputStream())) {
                for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    if (entry.getName().replaceFirst("^\\./", "").equals(path)) {
                        final byte[] bytes = tar.readAllBytes();
                        dpkg.destroy();
                        return bytes;
                    }
                }
            }
            throw new AssetException("package " + name + " (" + deb + ") has no /" + path, null);
        } catch (final IOException ex) {
            throw new AssetException("cannot read " + deb + " with dpkg-deb: " + ex.getMessage(), ex);
        }
    }

    private Path download(final Path directory) throws AssetException {
        final Path existing = find(directory);
        if (existing != null) {
            return existing;
        }
        try {
            Files.createDirectories(directory);
            final Process apt = new ProcessBuilder("apt-get", "download", "-q", name).directory(directory.toFile())
                .redirectErrorStream(true).start();
            final String output;
            try (InputStream in = apt.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!apt.waitFor(10, TimeUnit.MINUTES) || apt.exitValue() != 0) {
                throw new AssetException("apt-get download " + name + " failed: " + output.strip(), null);
            }
        } catch (final IOException ex) {
            throw new AssetException("cannot run apt-get to fetch the Debian package " + name + ": " + ex.getMessage(),
                ex);
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssetException("interrupted fetching " + name, ex);
        }
        final Path downloaded = find(directory);
        if (downloaded == null) {
            throw new AssetException("apt-get download " + name + " left no .deb in " + directory, null);
        }
        return downloaded;
    }

    private Path find(final Path directory) throws AssetException {
        if (!Files.isDirectory(directory)) {
            return null;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().startsWith(name + "_")
                && file.getFileName().toString().endsWith(".deb")).findFirst().orElse(null);
        } catch (final IOException ex) {
            throw new AssetException("cannot list " + directory + ": " + ex.getMessage(), ex);
        }
    }
}
