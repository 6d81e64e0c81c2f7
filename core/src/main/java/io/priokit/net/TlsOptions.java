package io.priokit.net;

import io.priokit.error.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a client makes TLS connections: which certificates it trusts, the certificate it presents if
 * the server asks for one, the TLS versions it allows and the HTTP version it speaks. Every transport
 * honours the same options. The server's host name is always verified against its certificate: no
 * option turns that off.
 *
 * <pre>{@code
 * TlsOptions tls = TlsOptions.builder()
 *     .trustStore(Path.of("/etc/pki/corporate-ca.p12"), "PKCS12", trustStorePassword)
 *     .build();
 * PriokitClient client = PriokitClient.builder().environment(Environment.SANDBOX).tls(tls).build();
 * }</pre>
 *
 * <p>A class with a builder rather than a record: {@link Builder#build()} reads the stores once, so a
 * wrong path or password fails when the client is configured rather than on its first call, and
 * options can be added later without breaking callers. Passwords never appear in {@link #toString()}
 * or in a message.
 */
public final class TlsOptions {

  private static final List<String> ALLOWED_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
  private static final TlsOptions DEFAULTS = new Builder().build();

  private final SSLContext sslContext;
  private final String trust;
  private final String clientCertificate;
  private final List<String> protocols;
  private final HttpVersionPolicy httpVersion;

  private TlsOptions(SSLContext sslContext, String trust, String clientCertificate, List<String> protocols,
      HttpVersionPolicy httpVersion) {
    this.sslContext = sslContext;
    this.trust = trust;
    this.clientCertificate = clientCertificate;
    this.protocols = protocols;
    this.httpVersion = httpVersion;
  }

  /**
   * The defaults: the JVM's trust (its {@code cacerts}, or {@code javax.net.ssl.trustStore}), no client
   * certificate, TLS 1.3 and 1.2, and HTTP/2 where the server agrees.
   *
   * @return the default options
   */
  public static TlsOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The context connections are made with: the one given to {@link Builder#sslContext}, one made
   * from the stores given, or the JVM's default.
   *
   * @return the TLS context
   */
  public SSLContext sslContext() {
    if (sslContext != null) {
      return sslContext;
    }
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException noTls) {
      throw new IllegalStateException("this JVM has no default TLS context", noTls);
    }
  }

  /**
   * The TLS versions a connection may use, such as {@code TLSv1.3}, most preferred first.
   *
   * @return the TLS protocol names
   */
  public List<String> protocols() {
    return protocols;
  }

  /**
   * Whether HTTP/2 is offered to the server.
   *
   * @return the HTTP version policy
   */
  public HttpVersionPolicy httpVersion() {
    return httpVersion;
  }

  /**
   * Whether the options make the same connections: the same {@code SSLContext} instance (or both the
   * JVM's default), TLS versions and HTTP version. Options built from key stores hold a context of
   * their own, so they equal only themselves: reading the same files again may find other
   * certificates. Transports may share a connection pool between clients of equal options.
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof TlsOptions that && sslContext == that.sslContext && protocols.equals(that.protocols)
        && httpVersion == that.httpVersion;
  }

  @Override
  public int hashCode() {
    return Objects.hash(System.identityHashCode(sslContext), protocols, httpVersion);
  }

  /** Says where trust and the client certificate come from; never a password. */
  @Override
  public String toString() {
    return "TlsOptions[trust=" + trust + ", clientCertificate=" + clientCertificate + ", protocols=" + protocols
        + ", httpVersion=" + httpVersion + "]";
  }

  /** Builds {@link TlsOptions}. Each method replaces what an earlier call of it set. */
  public static final class Builder {

    private KeyStore trustStore;
    private String trustSource = "the JVM's default";
    private KeyStore keyStore;
    private char[] keyPassword;
    private String keySource = "none";
    private SSLContext sslContext;
    private List<String> protocols = ALLOWED_PROTOCOLS;
    private HttpVersionPolicy httpVersion = HttpVersionPolicy.NEGOTIATE;

    private Builder() {}

    /**
     * Trusts the certificates in a trust store file, in place of the JVM's: for a private CA, or the
     * CA of a TLS-inspecting proxy. Include the public roots too if some hosts are reached directly.
     *
     * @param path the file
     * @param type its type, such as {@code PKCS12} or {@code JKS}
     * @param password its password, or {@code null} to read it without checking its integrity
     * @return this builder
     * @throws ConfigurationException if the file cannot be read as such a store, or holds no certificate
     */
    public Builder trustStore(Path path, String type, String password) {
      KeyStore store = load(path, type, password, "trust store");
      return trustStore(store, "trust store " + path + " (" + type + ")");
    }

    /**
     * Trusts the certificates in a key store already loaded, in place of the JVM's.
     *
     * @param trustStore the certificates to trust
     * @return this builder
     * @throws ConfigurationException if it holds no certificate
     */
    public Builder trustStore(KeyStore trustStore) {
      return trustStore(Objects.requireNonNull(trustStore, "trustStore"), "a trust store given");
    }

    /**
     * Presents the private key and certificate in a key store file when the server asks for a client
     * certificate (mutual TLS). The key's password must be the store's, as PKCS12 makes it.
     *
     * @param path the file
     * @param type its type, such as {@code PKCS12} or {@code JKS}
     * @param password the store's and the key's password
     * @return this builder
     * @throws ConfigurationException if the file cannot be read as such a store, or holds no private key
     */
    public Builder keyStore(Path path, String type, String password) {
      Objects.requireNonNull(password, "password");
      KeyStore store = load(path, type, password, "key store");
      return keyStore(store, password, "key store " + path + " (" + type + ")");
    }

    /**
     * Presents the private key and certificate in a key store already loaded when the server asks for
     * a client certificate.
     *
     * @param keyStore the store
     * @param password the key's password
     * @return this builder
     * @throws ConfigurationException if it holds no private key
     */
    public Builder keyStore(KeyStore keyStore, String password) {
      Objects.requireNonNull(password, "password");
      return keyStore(Objects.requireNonNull(keyStore, "keyStore"), password, "a key store given");
    }

    /**
     * Connects with a context made elsewhere, for full control of trust and keys (a hardware key, a
     * trust manager of your own). Replaces {@link #trustStore} and {@link #keyStore}, which may then not
     * be set. The protocols and HTTP version still apply, and so does host name verification.
     *
     * @param sslContext an initialised context
     * @return this builder
     */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
      return this;
    }

    /**
     * The TLS versions a connection may use; {@code TLSv1.3} and {@code TLSv1.2} by default. Older
     * versions are not allowed.
     *
     * @param protocols {@code TLSv1.3}, {@code TLSv1.2} or both, most preferred first
     * @return this builder
     * @throws ConfigurationException for none, or for any other version
     */
    public Builder protocols(String... protocols) {
      return protocols(List.of(protocols));
    }

    /**
     * The TLS versions a connection may use, as {@link #protocols(String...)}.
     *
     * @param protocols {@code TLSv1.3}, {@code TLSv1.2} or both, most preferred first
     * @return this builder
     * @throws ConfigurationException for none, or for any other version
     */
    public Builder protocols(List<String> protocols) {
      Set<String> chosen = new LinkedHashSet<>();
      for (String protocol : protocols) {
        if (!ALLOWED_PROTOCOLS.contains(protocol)) {
          throw new ConfigurationException("TLS protocol '" + protocol + "' is not allowed: choose "
              + String.join(" and/or ", ALLOWED_PROTOCOLS) + ".");
        }
        chosen.add(protocol);
      }
      if (chosen.isEmpty()) {
        throw new ConfigurationException("No TLS protocol chosen: allow TLSv1.3, TLSv1.2 or both.");
      }
      this.protocols = List.copyOf(chosen);
      return this;
    }

    /**
     * Whether to offer HTTP/2; {@link HttpVersionPolicy#NEGOTIATE} by default.
     *
     * @param httpVersion the policy
     * @return this builder
     */
    public Builder httpVersion(HttpVersionPolicy httpVersion) {
      this.httpVersion = Objects.requireNonNull(httpVersion, "httpVersion");
      return this;
    }

    /**
     * Builds the options, making the context from the stores given.
     *
     * @return the options
     * @throws ConfigurationException if {@link #sslContext} was combined with a store, or the stores
     *     cannot make a context
     */
    public TlsOptions build() {
      if (sslContext != null && (trustStore != null || keyStore != null)) {
        throw new ConfigurationException("TLS: sslContext(...) replaces trustStore(...) and keyStore(...); "
            + "put the trust and key material in the context instead.");
      }
      if (sslContext != null) {
        return new TlsOptions(sslContext, "an SSLContext given", "as the SSLContext given has it", protocols,
            httpVersion);
      }
      if (trustStore == null && keyStore == null) {
        return new TlsOptions(null, trustSource, keySource, protocols, httpVersion);
      }
      return new TlsOptions(context(), trustSource, keySource, protocols, httpVersion);
    }

    private Builder trustStore(KeyStore store, String source) {
      if (count(store, false) == 0) {
        throw new ConfigurationException("TLS: " + source + " holds no certificate, so it would trust no server.");
      }
      this.trustStore = store;
      this.trustSource = source;
      return this;
    }

    private Builder keyStore(KeyStore store, String password, String source) {
      if (count(store, true) == 0) {
        throw new ConfigurationException("TLS: " + source + " holds no private key to present as a client "
            + "certificate.");
      }
      this.keyStore = store;
      this.keyPassword = password.toCharArray();
      this.keySource = source;
      return this;
    }

    private SSLContext context() {
      try {
        KeyManager[] keys = null;
        if (keyStore != null) {
          KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
          factory.init(keyStore, keyPassword);
          keys = factory.getKeyManagers();
        }
        TrustManager[] trusted = null;
        if (trustStore != null) {
          TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
          factory.init(trustStore);
          trusted = factory.getTrustManagers();
        }
        // Null managers are the JVM's defaults, as SSLContext.init defines them.
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, trusted, null);
        return context;
      } catch (GeneralSecurityException unusable) {
        throw new ConfigurationException("TLS: cannot make a context from " + trustSource + " and " + keySource
            + ": " + unusable.getMessage(), unusable);
      }
    }

    /** Counts the store's key entries, or its certificate entries and key entries with certificates. */
    private static int count(KeyStore store, boolean keysOnly) {
      try {
        int found = 0;
        for (String alias : Collections.list(store.aliases())) {
          if (keysOnly ? store.isKeyEntry(alias) : store.getCertificate(alias) != null) {
            found++;
          }
        }
        return found;
      } catch (KeyStoreException notLoaded) {
        throw new ConfigurationException("TLS: the key store given was not loaded.", notLoaded);
      }
    }

    private static KeyStore load(Path path, String type, String password, String what) {
      Objects.requireNonNull(path, "path");
      if (type == null || type.isBlank()) {
        throw new ConfigurationException("TLS: give the type of the " + what + " " + path
            + ", such as PKCS12 or JKS.");
      }
      KeyStore store;
      try {
        store = KeyStore.getInstance(type);
      } catch (KeyStoreException unknown) {
        throw new ConfigurationException("TLS: unknown " + what + " type '" + type + "' for " + path
            + ": use PKCS12 or JKS.", unknown);
      }
      try (InputStream in = Files.newInputStream(path)) {
        store.load(in, password == null ? null : password.toCharArray());
        return store;
      } catch (NoSuchFileException missing) {
        throw new ConfigurationException("TLS: the " + what + " " + path + " does not exist.", missing);
      } catch (IOException | GeneralSecurityException unreadable) {
        // The JDK says why (a wrong password, a corrupt file) without the password itself.
        throw new ConfigurationException("TLS: cannot read the " + what + " " + path + " as " + type + ": "
            + reason(unreadable), unreadable);
      }
    }

    private static String reason(Exception failure) {
      List<String> reasons = new ArrayList<>();
      for (Throwable cause = failure; cause != null && reasons.size() < 3; cause = cause.getCause()) {
        if (cause.getMessage() != null && !reasons.contains(cause.getMessage())) {
          reasons.add(cause.getMessage());
        }
      }
      return reasons.isEmpty() ? failure.getClass().getSimpleName() : String.join(": ", reasons);
    }
  }
}
