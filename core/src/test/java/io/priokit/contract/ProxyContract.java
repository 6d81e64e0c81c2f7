package io.priokit.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.priokit.PriokitClient;
import io.priokit.RetryPolicy;
import io.priokit.error.AuthenticationFailedException;
import io.priokit.error.TransportException;
import io.priokit.net.ProxyOptions;
import io.priokit.spi.HttpTransportFactory;
import io.priokit.system.HealthResponse;
import io.priokit.testkit.LogCapture;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole client through a real HTTP proxy ({@link TinyProxy}) to an HTTPS API (WireMock, which
 * records every request that reaches it): tunnels with and without Basic credentials, a proxy
 * refusing them, no-proxy hosts, the JVM's proxy properties only when asked, and where each secret
 * goes. A transport's test class extends this and supplies only {@link #transportFactory()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ProxyContract {

  protected static final String BASE_PATH = "/v3.8/distributor";
  protected static final String STATUS = BASE_PATH + "/system/status";
  protected static final String PING = BASE_PATH + "/system/ping";
  protected static final String TOKEN = BASE_PATH + "/oauth2/token";

  protected static final String PROXY_USER = "svc-prio";
  protected static final String PROXY_PASSWORD = "TpS3cretProxy9b2x";
  protected static final String CLIENT_SECRET = "proxied-Secret-4d4d";
  protected static final String ACCESS_TOKEN = "proxied-token-8a8a";

  @RegisterExtension
  protected static final WireMockExtension API = WireMockExtension.newInstance()
      .options(Wire.wireMockConfig().containerThreads(20).jettyAcceptors(1))
      .build();

  private static final RetryPolicy QUICK_RETRIES =
      RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(10));

  private TinyProxy open;
  private TinyProxy guarded;
  private final List<PriokitClient> clients = new ArrayList<>();

  /** How to create the transport under test. */
  protected abstract HttpTransportFactory transportFactory();

  /** The facades every case runs through; a transport module may add its own. */
  protected List<Facade> facades() {
    return List.of(Facade.BLOCKING, Facade.ASYNC);
  }

  /**
   * A logger of the HTTP library that prints request headers as they are when enabled; see
   * {@link ClientContract#isTransportHeaderLogger}.
   */
  protected boolean isTransportHeaderLogger(String line) {
    return false;
  }

  /**
   * Fresh proxies for each case, on new ports: a transport that keeps its connections for the next
   * client with the same settings (the JDK's, on JDK 17) would otherwise pass a case through a tunnel
   * an earlier case opened.
   */
  @BeforeEach
  void startProxies() {
    open = TinyProxy.start();
    guarded = TinyProxy.start(PROXY_USER, PROXY_PASSWORD);
  }

  /** Closes the case's clients, then its proxies. */
  @AfterEach
  void closeClientsAndProxies() {
    clients.forEach(PriokitClient::close);
    clients.clear();
    if (open != null) {
      open.close();
    }
    if (guarded != null) {
      guarded.close();
    }
  }

  Stream<Facade> facadeStream() {
    return facades().stream();
  }

  /** A client of the transport under test that trusts the test CA, through the proxy, with the changes. */
  protected PriokitClient client(URI baseUri, ProxyOptions proxy, Consumer<PriokitClient.Builder> changes) {
    PriokitClient.Builder builder = Wire.TLS.configure(PriokitClient.builder()).baseUri(baseUri).proxy(proxy)
        .transport(transportFactory()).callTimeout(Duration.ofSeconds(10)).retryPolicy(QUICK_RETRIES);
    changes.accept(builder);
    PriokitClient client = builder.build();
    clients.add(client);
    return client;
  }

  /** The API's base URI over HTTPS on {@code 127.0.0.1}. */
  protected static URI api() {
    return Wire.TLS.uri(API, BASE_PATH);
  }

  private ProxyOptions guardedProxy() {
    return guarded.options().credentials(PROXY_USER, PROXY_PASSWORD).build();
  }

  private static void apiWithTokens() {
    API.stubFor(post(urlPathEqualTo(TOKEN)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"access_token\":\"" + ACCESS_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
    API.stubFor(get(urlPathEqualTo(STATUS)).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"status\":\"OK\"}")));
  }

  private static Consumer<PriokitClient.Builder> withCredentials() {
    return builder -> builder.credentials("proxied-client", CLIENT_SECRET);
  }

  private static String proxyBasic() {
    return Base64.getEncoder().encodeToString((PROXY_USER + ":" + PROXY_PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  private static String clientBasic() {
    return Base64.getEncoder().encodeToString(("proxied-client:" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
  }

  /** Every header of every request that reached the API, as {@code name: value} lines. */
  private static List<String> headersTheApiSaw() {
    List<String> headers = new ArrayList<>();
    for (LoggedRequest request : API.findAll(anyRequestedFor(anyUrl()))) {
      request.getHeaders().all().forEach(header -> header.values()
          .forEach(value -> headers.add(header.key() + ": " + value)));
    }
    return headers;
  }

  // ---------------------------------------------------------------- through the proxy

  @ParameterizedTest(name = "through {0}")
  @MethodSource("facadeStream")
  void callsReachTheApiThroughAProxyThatAsksForNoCredentials(Facade facade) {
    apiWithTokens();
    long tunnelsBefore = open.tunnelsRequestedTo("127.0.0.1", API.getHttpsPort());

    HealthResponse status = facade.status(client(api(), open.options().build(), withCredentials()));

    assertThat(status.body().string("status")).hasValue("OK");
    assertThat(open.tunnelsRequestedTo("127.0.0.1", API.getHttpsPort())).isGreaterThan(tunnelsBefore);
    API.verify(1, getRequestedFor(urlPathEqualTo(STATUS)));
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("facadeStream")
  void callsReachTheApiThroughAProxyThatAsksForCredentials(Facade facade) {
    apiWithTokens();
    long openedBefore = guarded.tunnelsOpenedTo("127.0.0.1");
    long requestedBefore = guarded.tunnelsRequestedTo("127.0.0.1", API.getHttpsPort());

    HealthResponse status = facade.status(client(api(), guardedProxy(), withCredentials()));

    assertThat(status.body().string("status")).hasValue("OK");
    long opened = guarded.tunnelsOpenedTo("127.0.0.1") - openedBefore;
    assertThat(opened).as("tunnels the proxy opened").isPositive();
    assertThat(guarded.tunnelsRequestedTo("127.0.0.1", API.getHttpsPort()) - requestedBefore)
        .as("tunnels asked for: the credentials went with each CONNECT, none waited for a 407").isEqualTo(opened);
    assertThat(headersTheApiSaw()).as("what reached the API")
        .noneSatisfy(header -> assertThat(header).containsIgnoringCase("Proxy-Authorization"))
        .noneSatisfy(header -> assertThat(header).contains(proxyBasic()));
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("facadeStream")
  void wrongProxyCredentialsFailAtOnceNamingTheProxy(Facade facade) {
    apiWithTokens();
    ProxyOptions wrong = guarded.options().credentials(PROXY_USER, "not-" + PROXY_PASSWORD).build();

    TransportException error = catchThrowableOfType(TransportException.class,
        () -> facade.status(client(api(), wrong, withCredentials())));

    assertThat(error.reason()).as("%s", error).isEqualTo(TransportException.Reason.PROXY_AUTHENTICATION_FAILED);
    assertThat(error.isRetryable()).isFalse();
    assertThat(error.attempts()).isEqualTo(1);
    assertThat(error.getMessage()).contains("127.0.0.1:" + guarded.port(), PROXY_USER)
        .doesNotContain(PROXY_PASSWORD);
    API.verify(0, anyRequestedFor(anyUrl()));
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("facadeStream")
  void missingProxyCredentialsFailAtOnceNamingTheProxy(Facade facade) {
    apiWithTokens();

    TransportException error = catchThrowableOfType(TransportException.class,
        () -> facade.status(client(api(), guarded.options().build(), withCredentials())));

    assertThat(error.reason()).as("%s", error).isEqualTo(TransportException.Reason.PROXY_AUTHENTICATION_FAILED);
    assertThat(error.attempts()).isEqualTo(1);
    assertThat(error.getMessage()).contains("127.0.0.1:" + guarded.port(), "asks for credentials");
    API.verify(0, anyRequestedFor(anyUrl()));
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("facadeStream")
  void noProxyHostsAreReachedDirectly(Facade facade) {
    API.stubFor(get(urlPathEqualTo(PING)).willReturn(aResponse().withStatus(200)));
    ProxyOptions proxy = guarded.options().credentials(PROXY_USER, PROXY_PASSWORD).noProxy("localhost").build();
    URI bypassed = URI.create("https://localhost:" + API.getHttpsPort() + BASE_PATH);

    facade.ping(client(bypassed, proxy, builder -> { }));
    facade.ping(client(api(), proxy, builder -> { }));

    assertThat(guarded.tunnelsRequestedTo("localhost", API.getHttpsPort())).as("tunnels to localhost").isZero();
    assertThat(guarded.tunnelsRequestedTo("127.0.0.1", API.getHttpsPort())).as("tunnels to 127.0.0.1").isPositive();
    API.verify(2, getRequestedFor(urlPathEqualTo(PING)));
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("facadeStream")
  void plainHttpGoesThroughTheProxyToo(Facade facade) {
    apiWithTokens();
    URI plain = Wire.PLAIN.uri(API, BASE_PATH);

    facade.status(client(plain, guardedProxy(), withCredentials()));

    // A body (the token request's) too: a proxy may answer 407 before reading it, and reset.
    assertThat(guarded.log()).anySatisfy(line -> assertThat(line).contains("POST " + plain + "/oauth2/token"))
        .anySatisfy(line -> assertThat(line).contains("GET " + plain + "/system/status"));
    API.verify(1, getRequestedFor(urlPathEqualTo(STATUS)));
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("facadeStream")
  void overPlainHttpAProxyAskingForCredentialsFailsAtOnce(Facade facade) {
    API.stubFor(get(urlPathEqualTo(PING)).willReturn(aResponse().withStatus(200)));

    TransportException error = catchThrowableOfType(TransportException.class,
        () -> facade.ping(client(Wire.PLAIN.uri(API, BASE_PATH), guarded.options().build(), builder -> { })));

    assertThat(error.reason()).as("%s", error).isEqualTo(TransportException.Reason.PROXY_AUTHENTICATION_FAILED);
    assertThat(error.attempts()).isEqualTo(1);
    API.verify(0, anyRequestedFor(anyUrl()));
  }

  // ---------------------------------------------------------------- the JVM's proxy properties

  @Test
  void theJvmsProxyPropertiesAreFollowedWhenAsked() {
    API.stubFor(get(urlPathEqualTo(PING)).willReturn(aResponse().withStatus(200)));
    long tunnelsBefore = open.tunnelsRequestedTo("127.0.0.1", API.getHttpsPort());

    withJvmProxy(open, () -> client(api(), ProxyOptions.fromSystemProperties(), builder -> { }).ping());

    assertThat(open.tunnelsRequestedTo("127.0.0.1", API.getHttpsPort())).isEqualTo(tunnelsBefore + 1);
  }

  @Test
  void theJvmsProxyPropertiesAreIgnoredUnlessAsked() {
    API.stubFor(get(urlPathEqualTo(PING)).willReturn(aResponse().withStatus(200)));
    long tunnelsBefore = open.tunnelsRequestedTo("127.0.0.1", API.getHttpsPort());

    withJvmProxy(open, () -> client(api(), ProxyOptions.direct(), builder -> { }).ping());

    assertThat(open.tunnelsRequestedTo("127.0.0.1", API.getHttpsPort())).isEqualTo(tunnelsBefore);
    API.verify(1, getRequestedFor(urlPathEqualTo(PING)));
  }

  private static void withJvmProxy(TinyProxy proxy, Runnable call) {
    Map<String, String> before = new java.util.HashMap<>();
    for (String name : List.of("https.proxyHost", "https.proxyPort", "http.nonProxyHosts")) {
      before.put(name, System.getProperty(name));
    }
    System.setProperty("https.proxyHost", "127.0.0.1");
    System.setProperty("https.proxyPort", String.valueOf(proxy.port()));
    // The JDK's default list names localhost and 127.*; an empty one sends loopback through the proxy too.
    System.setProperty("http.nonProxyHosts", "");
    try {
      call.run();
    } finally {
      before.forEach((name, value) -> {
        if (value == null) {
          System.clearProperty(name);
        } else {
          System.setProperty(name, value);
        }
      });
    }
  }

  // ---------------------------------------------------------------- where the secrets go

  @ParameterizedTest(name = "through {0}")
  @MethodSource("facadeStream")
  void theProxysCredentialsNeverAnswerTheApisOwnChallenge(Facade facade) {
    API.stubFor(get(urlPathEqualTo(PING)).willReturn(aResponse().withStatus(401)
        .withHeader("WWW-Authenticate", "Basic realm=\"api\"").withBody("{\"error\":\"UNAUTHORIZED\"}")));

    assertThatThrownBy(() -> facade.ping(client(api(), guardedProxy(), builder -> { })))
        .isInstanceOf(AuthenticationFailedException.class);

    API.verify(1, getRequestedFor(urlPathEqualTo(PING)));
    assertThat(headersTheApiSaw()).noneSatisfy(header -> assertThat(header).contains(proxyBasic()))
        .noneSatisfy(header -> assertThat(header).startsWithIgnoringCase("Authorization"));
  }

  @Test
  void theProxySeesOnlyTheTunnelAndItsOwnCredentials() throws IOException {
    apiWithTokens();
    try (RecordingRelay relay = RecordingRelay.to(guarded.port())) {
      ProxyOptions throughRelay = ProxyOptions.http("127.0.0.1", relay.port())
          .credentials(PROXY_USER, PROXY_PASSWORD).build();

      client(api(), throughRelay, withCredentials()).status();

      String toTheProxy = relay.sentByClients();
      assertThat(toTheProxy).contains("CONNECT 127.0.0.1:" + API.getHttpsPort())
          .contains(proxyBasic())
          .doesNotContain(ACCESS_TOKEN, CLIENT_SECRET, clientBasic(), "Bearer", "App-Reference");
    }
  }

  @Test
  void noSecretReachesALogAtTrace() {
    apiWithTokens();
    API.stubFor(get(urlPathEqualTo(PING)).willReturn(aResponse().withStatus(200)));
    try (LogCapture logs = new LogCapture()) {
      client(api(), guardedProxy(), withCredentials()).status();
      client(Wire.PLAIN.uri(API, BASE_PATH), guardedProxy(), withCredentials()).status();
      client(URI.create("https://localhost:" + API.getHttpsPort() + BASE_PATH),
          guarded.options().credentials(PROXY_USER, PROXY_PASSWORD).noProxy("localhost").build(), withCredentials())
          .status();
      ProxyOptions wrong = guarded.options().credentials(PROXY_USER, PROXY_PASSWORD + "-wrong").build();
      assertThatThrownBy(() -> client(api(), wrong, withCredentials()).status())
          .isInstanceOf(TransportException.class);
      assertThatThrownBy(() -> client(api(), guarded.options().build(), withCredentials()).ping())
          .isInstanceOf(TransportException.class);

      assertThat(logs.linesFrom("io.priokit")).isNotEmpty();
      assertThat(logs.lines()).filteredOn(line -> !isTransportHeaderLogger(line))
          .noneSatisfy(line -> assertThat(line).containsAnyOf(PROXY_PASSWORD, proxyBasic(),
              Base64.getEncoder().encodeToString((PROXY_USER + ":" + PROXY_PASSWORD + "-wrong")
                  .getBytes(StandardCharsets.UTF_8)),
              CLIENT_SECRET, clientBasic(), ACCESS_TOKEN));
    }
  }
}
