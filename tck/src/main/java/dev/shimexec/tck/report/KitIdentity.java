package dev.shimexec.tck.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Which kit produced a report: its version, and the SHA-256 of the jar it ran from, so that a report can
 * be traced to the exact kit build.
 *
 * @param version the kit's version, such as {@code 0.1.0}
 * @param jarSha256 the SHA-256 of the kit jar in lower-case hex, or {@link #UNPACKAGED} when the kit ran
 *     from a directory of classes
 * @param jar the kit jar, when the kit ran from one
 */
public record KitIdentity(String version, String jarSha256, Optional<Path> jar) {

    /** The {@link #jarSha256} of a kit that did not run from a jar. */
    public static final String UNPACKAGED = "unpackaged";

    public KitIdentity {
        Objects.requireNonNull(version, "version must not be null");
        Objects.requireNonNull(jarSha256, "jarSha256 must not be null");
        Objects.requireNonNull(jar, "jar must not be null");
    }

    /** The identity of the kit that holds {@code anchor}, normally the runner's main class. */
    public static KitIdentity of(Class<?> anchor) {
        Optional<Path> jar = jarOf(anchor);
        return new KitIdentity(versionOf(anchor), jar.map(KitIdentity::sha256).orElse(UNPACKAGED), jar);
    }

    /** The kit's version, from the properties the build writes, or {@code unknown}. */
    static String versionOf(Class<?> anchor) {
        try (InputStream in = anchor.getResourceAsStream("/dev/shimexec/tck/kit.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version", "");
                if (!version.isBlank() && !version.startsWith("${")) {
                    return version;
                }
            }
        } catch (IOException e) {
            // Fall back to the manifest below.
        }
        String version = anchor.getPackage() == null ? null : anchor.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }

    private static Optional<Path> jarOf(Class<?> anchor) {
        CodeSource source = anchor.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar")
                    ? Optional.of(path.toAbsolutePath()) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The SHA-256 of {@code file} in lower-case hex, or {@link #UNPACKAGED} if it cannot be read. */
    static String sha256(Path file) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            return UNPACKAGED;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
