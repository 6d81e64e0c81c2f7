package io.priokit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.priokit.contract.TestCertificates;
import io.priokit.error.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsOptionsTest {

  private final TestCertificates certificates = TestCertificates.get();

  @Test
  void theDefaultsAreTheJvmsTrustTls13And12AndHttp2WhereAgreed() throws Exception {
    TlsOptions defaults = TlsOptions.defaults();

    assertThat(defaults.sslContext()).isSameAs(SSLContext.getDefault());
    assertThat(defaults.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
    assertThat(defaults.httpVersion()).isEqualTo(HttpVersionPolicy.NEGOTIATE);
  }

  @Test
  void aTrustStoreFileMakesAContextOfItsOwn() {
    TlsOptions tls = TlsOptions.builder()
        .trustStore(certificates.trustStore(), "PKCS12", TestCertificates.PASSWORD).build();

    assertThat(tls.sslContext()).isNotNull().isNotSameAs(TlsOptions.defaults().sslContext());
    assertThat(tls.toString()).contains("trust store " + certificates.trustStore(), "PKCS12")
        .doesNotContain(TestCertificates.PASSWORD);
  }

  @Test
  void optionsAreEqualWhenTheyMakeTheSameConnections() throws Exception {
    SSLContext context = certificates.trustingTestCa().sslContext();

    assertThat(TlsOptions.builder().build()).isEqualTo(TlsOptions.defaults())
        .hasSameHashCodeAs(TlsOptions.defaults());
    assertThat(TlsOptions.builder().sslContext(context).httpVersion(HttpVersionPolicy.HTTP_1_1).build())
        .isEqualTo(TlsOptions.builder().sslContext(context).httpVersion(HttpVersionPolicy.HTTP_1_1).build())
        .isNotEqualTo(TlsOptions.builder().sslContext(context).build())
        .isNotEqualTo(TlsOptions.builder().sslContext(SSLContext.getInstance("TLS")).build());
    assertThat(TlsOptions.builder().protocols("TLSv1.3").build()).isNotEqualTo(TlsOptions.defaults());
    assertThat(TlsOptions.builder().trustStore(certificates.trustStore(), "PKCS12", TestCertificates.PASSWORD).build())
        .as("stores read twice may hold other certificates")
        .isNotEqualTo(TlsOptions.builder().trustStore(certificates.trustStore(), "PKCS12", TestCertificates.PASSWORD)
            .build());
  }

  @Test
  void aWrongPasswordSaysSoWithoutRepeatingIt() {
    assertThatThrownBy(() -> TlsOptions.builder().trustStore(certificates.trustStore(), "PKCS12", "not-the-pw-x1"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("cannot read the trust store " + certificates.trustStore() + " as PKCS12")
        .hasMessageNotContaining("not-the-pw-x1");
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path directory) {
    Path missing = directory.resolve("missing.p12");

    assertThatThrownBy(() -> TlsOptions.builder().keyStore(missing, "PKCS12", "pw"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining(missing + " does not exist");
  }

  @Test
  void anUnknownStoreTypeIsRefused() {
    assertThatThrownBy(() -> TlsOptions.builder().trustStore(certificates.trustStore(), "PKCS99", "pw"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("unknown trust store type 'PKCS99'");
  }

  @Test
  void aStoreWithNothingToTrustOrPresentIsRefused() throws Exception {
    KeyStore empty = KeyStore.getInstance("PKCS12");
    empty.load(null, null);

    assertThatThrownBy(() -> TlsOptions.builder().trustStore(empty))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("holds no certificate");
    assertThatThrownBy(() -> TlsOptions.builder().keyStore(certificates.trustStore(), "PKCS12",
            TestCertificates.PASSWORD))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("holds no private key");
  }

  @Test
  void onlyTls12And13AreAllowed() {
    assertThat(TlsOptions.builder().protocols("TLSv1.2").build().protocols()).containsExactly("TLSv1.2");
    assertThatThrownBy(() -> TlsOptions.builder().protocols("TLSv1.1"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'TLSv1.1' is not allowed");
    assertThatThrownBy(() -> TlsOptions.builder().protocols())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("No TLS protocol");
  }

  @Test
  void anSslContextReplacesTheStoresAndMayNotBeMixedWithThem() {
    SSLContext context = certificates.clientContext();

    assertThat(TlsOptions.builder().sslContext(context).build().sslContext()).isSameAs(context);
    assertThatThrownBy(() -> TlsOptions.builder().sslContext(context)
            .trustStore(certificates.trustStore(), "PKCS12", TestCertificates.PASSWORD).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("sslContext(...) replaces");
  }

  @Test
  void aCorruptFileIsRefused(@TempDir Path directory) throws IOException {
    Path corrupt = Files.writeString(directory.resolve("corrupt.p12"), "not a key store");

    assertThatThrownBy(() -> TlsOptions.builder().trustStore(corrupt, "PKCS12", "pw"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("cannot read the trust store " + corrupt);
  }
}
