package io.saccade.runtime.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemGenerationException;

/**
 * A throw-away certificate authority and a broker certificate it signed for 127.0.0.1 and localhost, made in the
 * test and written as PEM: what the cluster's TLS listener gets from a Secret.
 *
 * @param ca         the CA's certificate.
 * @param serverCert the broker's certificate.
 * @param serverKey  the broker's private key.
 */
public record TestCertificates(Path ca, Path serverCert, Path serverKey) {
    /**
     * @param directory where the PEM files go.
     * @param name      a prefix for the files and the CA's name, so that two authorities can sit side by side.
     * @return the files.
     * @throws IOException              when they cannot be written.
     * @throws GeneralSecurityException when a key cannot be made.
     */
    public static TestCertificates make(final Path directory, final String name)
        throws IOException, GeneralSecurityException {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        final KeyPair caKeys = generator.generateKeyPair();
        final KeyPair serverKeys = generator.generateKeyPair();
        final X500Name caName = new X500Name("CN=" + name + " test CA");
        final Instant now = Instant.now();
        try {
            final X509CertificateHolder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE,
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), caName,
                caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate()));
            final X509CertificateHolder server = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO,
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
                new X500Name("CN=localhost"), serverKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName,
                        "localhost")}))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate()));
            Files.createDirectories(directory);
            return new TestCertificates(pem(directory.resolve(name + "-ca.crt"), ca),
                pem(directory.resolve(name + "-server.crt"), server),
                pem(directory.resolve(name + "-server.key"), new JcaPKCS8Generator(serverKeys.getPrivate(), null)));
        } catch (final OperatorCreationException | PemGenerationException ex) {
            throw new GeneralSecurityException("cannot sign a test certificate", ex);
        }
    }

    /** @return the files as Mosquitto's TLS listener takes them. */
    public MosquittoBroker.Tls listener() {
        return new MosquittoBroker.Tls(ca, serverCert, serverKey);
    }

    private static Path pem(final Path file, final Object object) throws IOException {
        final StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return Files.writeString(file, text.toString());
    }
}
