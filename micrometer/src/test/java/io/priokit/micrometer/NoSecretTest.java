package io.priokit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.priokit.PriokitClient;
import io.priokit.RetryPolicy;
import io.priokit.error.AuthenticationFailedException;
import io.priokit.simulator.PrioticketSimulator;
import io.priokit.simulator.RecordedRequest;
import io.priokit.simulator.Scenario;
import io.priokit.simulator.junit.PrioticketSimulatorExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * The client secret, its Basic credential and the access tokens appear in no meter, tag, span
 * (name, attribute, event, status) or log line, whatever the calls meet.
 */
@ExtendWith(PrioticketSimulatorExtension.class)
class NoSecretTest {

  private static final String CLIENT_ID = "client-7";
  private static final String SECRET = "s3cr3t-Micrometer-Q9";

  @Test
  void noSecretOrTokenInAnyMeterSpanOrLogLine(PrioticketSimulator api) {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ListAppender<ILoggingEvent> logs = captureLogs();
    try (Tracing tracing = new Tracing(meters)) {
      api.credentials(CLIENT_ID, SECRET);
      PriokitMicrometer micrometer = PriokitMicrometer.builder().observationRegistry(tracing.observations)
          .meterRegistry(meters).build();
      try (PriokitClient client = client(api, micrometer, SECRET);
          PriokitClient wrongSecret = client(api, micrometer, SECRET + "-old")) {
        HealthWatch watch = micrometer.watchHealth(client, Duration.ofMillis(20));
        client.status();
        api.expireTokens();
        client.status();
        api.scenario(Scenario.failing(503).times(2));
        client.status();
        api.scenario(Scenario.failing(401));
        assertThatThrownBy(client::status).isInstanceOf(AuthenticationFailedException.class);
        api.scenario(Scenario.healthy());
        assertThatThrownBy(wrongSecret::status).isInstanceOf(AuthenticationFailedException.class);
        watch.close();
      }

      Set<String> tokens = tokensSent(api);
      assertThat(tokens).as("tokens the simulator issued and received").hasSizeGreaterThanOrEqualTo(2);
      List<String> secrets = new ArrayList<>(tokens);
      secrets.add(SECRET);
      secrets.add(basic(SECRET));
      secrets.add(basic(SECRET + "-old"));

      List<String> seen = new ArrayList<>();
      meters.getMeters().forEach(meter -> seen.add(describe(meter)));
      tracing.spans.getFinishedSpanItems().forEach(span -> seen.add(describe(span)));
      logs.list.forEach(event -> seen.add(event.getFormattedMessage() + " " + thrown(event)));

      assertThat(seen).as("meters, spans and log lines").hasSizeGreaterThan(20)
          .anySatisfy(line -> assertThat(line).contains("priokit.token.fetches"))
          .anySatisfy(line -> assertThat(line).contains("AuthenticationFailedException"))
          .noneSatisfy(line -> assertThat(line).containsAnyOf(secrets.toArray(String[]::new)));
    } finally {
      stopCapturing(logs);
    }
  }

  private static PriokitClient client(PrioticketSimulator api, PriokitMicrometer micrometer, String secret) {
    return PriokitClient.builder().environment(api.environment()).transport("jdk").credentials(CLIENT_ID, secret)
        .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)))
        .listener(micrometer).build();
  }

  private static Set<String> tokensSent(PrioticketSimulator api) {
    Set<String> tokens = new TreeSet<>();
    for (RecordedRequest request : api.requests("/system/status")) {
      request.header("Authorization").filter(value -> value.startsWith("Bearer "))
          .ifPresent(value -> tokens.add(value.substring("Bearer ".length())));
    }
    return tokens;
  }

  private static String basic(String secret) {
    return Base64.getEncoder().encodeToString((CLIENT_ID + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  private static String describe(Meter meter) {
    StringBuilder text = new StringBuilder(meter.getId().toString());
    meter.measure().forEach(measurement -> text.append(' ').append(measurement));
    return text.toString();
  }

  private static String describe(SpanData span) {
    return span.getName() + " " + span.getAttributes() + " " + span.getStatus() + " " + span.getEvents();
  }

  private static String thrown(ILoggingEvent event) {
    return event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage();
  }

  /** Every priokit log line at every level, kept off the console. */
  private static ListAppender<ILoggingEvent> captureLogs() {
    Logger priokit = (Logger) LoggerFactory.getLogger("io.priokit");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    priokit.addAppender(appender);
    priokit.setAdditive(false);
    priokit.setLevel(Level.TRACE);
    return appender;
  }

  private static void stopCapturing(ListAppender<ILoggingEvent> appender) {
    Logger priokit = (Logger) LoggerFactory.getLogger("io.priokit");
    priokit.detachAppender(appender);
    priokit.setAdditive(true);
    priokit.setLevel(Level.ERROR);
  }
}
