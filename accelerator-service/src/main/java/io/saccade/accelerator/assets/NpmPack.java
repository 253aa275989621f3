package io.saccade.accelerator.assets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Downloads an npm package tarball with the npm client ({@code npm pack}), without installing anything. */
final class NpmPack {
    private final String spec;

    NpmPack(final String spec) {
        this.spec = spec;
    }

    /**
     * @param directory where tarballs are kept.
     * @param sha256    the tarball's expected SHA-256.
     * @return the verified tarball.
     * @throws AssetException when npm is missing or fails, or the tarball does not verify.
     */
    Path fetch(final Path directory, final String sha256) throws AssetException {
        final Path tarball = directory.resolve(tarballName());
        if (AssetStore.isVerified(tarball, sha256)) {
            return tarball;
        }
        try {
            Files.createDirectories(directory);
            final Process npm = new ProcessBuilder("npm", "pack", spec, "--silent", "--pack-destination",
                directory.toString()).redirectErrorStream(true).start();
            final String output = new String(npm.getInputStream().readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new AssetException("npm pack " + spec + " failed: " + output.strip(), null);
            }
        } catch (final IOException ex) {
            throw new AssetException("cannot run npm to fetch " + spec + " (install Node.js and npm): "
                + ex.getMessage(), ex);
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssetException("interrupted fetching " + spec, ex);
        }
        if (!AssetStore.isVerified(tarball, sha256)) {
            throw new AssetException("npm package " + spec + " does not match its recorded SHA-256 " + sha256, null);
        }
        return tarball;
    }

    /** npm names the tarball after the package: {@code @scope/name@1.0} becomes {@code scope-name-1.0.tgz}. */
    String tarballName() {
        final int at = spec.lastIndexOf('@');
        final String name = spec.substring(0, at).replace("@", "").replace('/', '-');
        return name + "-" + spec.substring(at + 1) + ".tgz";
    }
}
