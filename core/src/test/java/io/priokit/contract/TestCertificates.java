package io.priokit.contract;

import io.priokit.net.TlsOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS material made at test time, once per JVM, with the JDK alone (no keytool process, which costs
 * a second a call): a test CA, and certificates it signed for {@code localhost} and {@code 127.0.0.1}
 * (the servers'), for {@code wrong.example} (a server with another host's certificate) and for a
 * client. EC P-256 keys, valid from yesterday to the day after tomorrow.
 */
public final class TestCertificates {

  /** The password of every store written here. */
  public static final String PASSWORD = "test-store-pw";

  private static final TestCertificates INSTANCE = create();

  private final Issued ca;
  private final Issued server;
  private final Issued wrongName;
  private final Issued client;
  private final Path directory;
  private final TlsOptions trustingTestCa;

  private TestCertificates(Issued ca, Issued server, Issued wrongName, Issued client, Path directory) {
    this.ca = ca;
    this.server = server;
    this.wrongName = wrongName;
    this.client = client;
    this.directory = directory;
    this.trustingTestCa = TlsOptions.builder().trustStore(trustStoreOf(ca.certificate())).build();
  }

  /** The material of this JVM, made on first use. */
  public static TestCertificates get() {
    return INSTANCE;
  }

  /** A PKCS12 file with the server's key and its chain, for servers that read a file (WireMock). */
  public Path serverKeyStore() {
    return directory.resolve("server.p12");
  }

  /** A PKCS12 file with the test CA only, for clients that trust by file. */
  public Path trustStore() {
    return directory.resolve("trust.p12");
  }

  /** A PKCS12 file with the client's key and its chain. */
  public Path clientKeyStore() {
    return directory.resolve("client.p12");
  }

  /** The test CA's certificate. */
  public X509Certificate caCertificate() {
    return ca.certificate();
  }

  /** TLS options that trust the test CA, and nothing else. */
  public TlsOptions trustingTestCa() {
    return trustingTestCa;
  }

  /** A server context with the certificate for {@code localhost} and {@code 127.0.0.1}. */
  public SSLContext serverContext() {
    return context(server, false);
  }

  /** A server context with a certificate for {@code wrong.example}, signed by the same CA. */
  public SSLContext wrongNameServerContext() {
    return context(wrongName, false);
  }

  /** A server context that also trusts client certificates the test CA signed. */
  public SSLContext serverContextTrustingClients() {
    return context(server, true);
  }

  /** A client context that trusts the test CA and presents the client certificate. */
  public SSLContext clientContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(client), trustManagers(), null);
      return context;
    } catch (GeneralSecurityException unexpected) {
      throw new IllegalStateException(unexpected);
    }
  }

  /** A key store holding the client's key and chain, loaded. */
  public KeyStore clientKeys() {
    return keyStoreOf(client);
  }

  // ---------------------------------------------------------------- making the material

  private static TestCertificates create() {
    try {
      Issued ca = issue("priokit test CA", null, Use.CA, List.of());
      Issued server = issue("localhost", ca, Use.SERVER, List.of(dnsName("localhost"), ipAddress("127.0.0.1")));
      Issued wrongName = issue("wrong.example", ca, Use.SERVER, List.of(dnsName("wrong.example")));
      Issued client = issue("priokit-test-client", ca, Use.CLIENT, List.of());
      Path directory = Files.createTempDirectory("priokit-tls");
      directory.toFile().deleteOnExit();
      write(directory.resolve("server.p12"), keyStoreOf(server));
      write(directory.resolve("client.p12"), keyStoreOf(client));
      write(directory.resolve("trust.p12"), trustStoreOf(ca.certificate()));
      return new TestCertificates(ca, server, wrongName, client, directory);
    } catch (IOException | GeneralSecurityException failed) {
      throw new IllegalStateException("cannot make the test TLS material", failed);
    }
  }

  private record Issued(KeyPair keys, X509Certificate certificate, Issued issuer) {
    Certificate[] chain() {
      return issuer == null ? new Certificate[] {certificate}
          : new Certificate[] {certificate, issuer.certificate()};
    }
  }

  private enum Use { CA, SERVER, CLIENT }

  private static Issued issue(String commonName, Issued issuer, Use use, List<byte[]> subjectAltNames)
      throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    byte[] subject = name(commonName);
    byte[] issuerName = issuer == null ? subject : issuer.certificate().getSubjectX500Principal().getEncoded();
    PrivateKey signer = issuer == null ? keys.getPrivate() : issuer.keys().getPrivate();
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);

    ByteArrayOutputStream extensions = new ByteArrayOutputStream();
    extensions.writeBytes(extension("2.5.29.19", true, use == Use.CA ? sequence(bool(true)) : sequence()));
    // Key usage: keyCertSign and cRLSign for the CA, digitalSignature for the others.
    extensions.writeBytes(extension("2.5.29.15", true, use == Use.CA ? bitString(0x06, 1) : bitString(0x80, 7)));
    if (use != Use.CA) {
      extensions.writeBytes(extension("2.5.29.37", false,
          sequence(oid(use == Use.SERVER ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2"))));
    }
    if (!subjectAltNames.isEmpty()) {
      extensions.writeBytes(extension("2.5.29.17", false, sequence(subjectAltNames.toArray(byte[][]::new))));
    }
    byte[] algorithm = sequence(oid("1.2.840.10045.4.3.2"));
    byte[] toBeSigned = sequence(
        tagged(0xa0, integer(BigInteger.TWO)),
        integer(new BigInteger(64, new SecureRandom()).add(BigInteger.ONE)),
        algorithm,
        issuerName,
        sequence(time(now.minusDays(1)), time(now.plusDays(2))),
        subject,
        keys.getPublic().getEncoded(),
        tagged(0xa3, sequence(extensions.toByteArray())));
    Signature signature = Signature.getInstance("SHA256withECDSA");
    signature.initSign(signer);
    signature.update(toBeSigned);
    byte[] signed = signature.sign();
    byte[] encoded = sequence(toBeSigned, algorithm, tagged(0x03, concat(new byte[] {0}, signed)));
    X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(encoded));
    return new Issued(keys, certificate, issuer);
  }

  private static KeyStore keyStoreOf(Issued issued) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("key", issued.keys().getPrivate(), PASSWORD.toCharArray(), issued.chain());
      return store;
    } catch (IOException | GeneralSecurityException unexpected) {
      throw new IllegalStateException(unexpected);
    }
  }

  private static KeyStore trustStoreOf(X509Certificate certificate) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("ca", certificate);
      return store;
    } catch (IOException | GeneralSecurityException unexpected) {
      throw new IllegalStateException(unexpected);
    }
  }

  private SSLContext context(Issued identity, boolean trustClients) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(identity), trustClients ? trustManagers() : null, null);
      return context;
    } catch (GeneralSecurityException unexpected) {
      throw new IllegalStateException(unexpected);
    }
  }

  private static javax.net.ssl.KeyManager[] keyManagers(Issued identity) throws GeneralSecurityException {
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keyStoreOf(identity), PASSWORD.toCharArray());
    return factory.getKeyManagers();
  }

  private javax.net.ssl.TrustManager[] trustManagers() throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trustStoreOf(ca.certificate()));
    return factory.getTrustManagers();
  }

  private static void write(Path file, KeyStore store) throws IOException, GeneralSecurityException {
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD.toCharArray());
    }
    file.toFile().deleteOnExit();
  }

  // ---------------------------------------------------------------- just enough DER for X.509 v3

  private static byte[] dnsName(String name) {
    return tagged(0x82, name.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] ipAddress(String address) {
    try {
      return tagged(0x87, InetAddress.getByName(address).getAddress());
    } catch (IOException notAnAddress) {
      throw new UncheckedIOException(notAnAddress);
    }
  }

  private static byte[] extension(String oid, boolean critical, byte[] value) {
    return critical ? sequence(oid(oid), bool(true), tagged(0x04, value)) : sequence(oid(oid), tagged(0x04, value));
  }

  /** A name with a common name only: {@code SEQUENCE { SET { SEQUENCE { CN, UTF8String } } }}. */
  private static byte[] name(String commonName) {
    return sequence(tagged(0x31, sequence(oid("2.5.4.3"), tagged(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
  }

  private static byte[] time(ZonedDateTime time) {
    return tagged(0x17, DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").format(time)
        .getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] bitString(int bits, int unusedBits) {
    return tagged(0x03, new byte[] {(byte) unusedBits, (byte) bits});
  }

  private static byte[] bool(boolean value) {
    return tagged(0x01, new byte[] {(byte) (value ? 0xff : 0)});
  }

  private static byte[] integer(BigInteger value) {
    return tagged(0x02, value.toByteArray());
  }

  private static byte[] oid(String dotted) {
    String[] arcs = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
    for (int i = 2; i < arcs.length; i++) {
      long arc = Long.parseLong(arcs[i]);
      int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(arc) + 6) / 7);
      for (int group = groups - 1; group >= 0; group--) {
        int septet = (int) (arc >>> (7 * group)) & 0x7f;
        out.write(group == 0 ? septet : septet | 0x80);
      }
    }
    return tagged(0x06, out.toByteArray());
  }

  private static byte[] sequence(byte[]... parts) {
    return tagged(0x30, concat(parts));
  }

  private static byte[] tagged(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      byte[] digits = BigInteger.valueOf(length).toByteArray();
      int skip = digits[0] == 0 ? 1 : 0;
      out.write(0x80 | (digits.length - skip));
      out.write(digits, skip, digits.length - skip);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
