package io.priokit.resilience;

import static io.priokit.testkit.ScriptedTransport.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.priokit.FairUsePolicy;
import io.priokit.PriokitClient;
import io.priokit.RetryPolicy;
import io.priokit.error.InvalidRequestException;
import io.priokit.error.RequestRejectedException;
import io.priokit.error.ServiceUnavailableException;
import io.priokit.observe.GuardTripped;
import io.priokit.observe.PriokitListener;
import io.priokit.system.SystemStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The fair-use guard and the client-side rate limit, in virtual time. */
class FairUseTest extends PipelineFixture {

  @Test
  void theGuardRefusesToSendOnceTooManyClientErrorsCameWithinAMinute() {
    api.always(STATUS, respond(400, "{\"error\":\"INVALID_REQUEST\"}"));
    List<GuardTripped> trips = new ArrayList<>();
    PriokitClient client = client(builder -> builder.fairUse(new FairUsePolicy(3, 0))
        .listener(new PriokitListener() {
          @Override
          public void guardTripped(GuardTripped event) {
            trips.add(event);
          }
        }));
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(client::status).isInstanceOf(InvalidRequestException.class);
      time.advance(Duration.ofSeconds(10));
    }

    assertThatThrownBy(client::status).isInstanceOfSatisfying(RequestRejectedException.class, error -> {
      assertThat(error.reason()).isEqualTo(RequestRejectedException.Reason.FAIR_USE_GUARD);
      assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(30));
      assertThat(error.attempts()).isZero();
      assertThat(error.isRetryable()).isFalse();
      assertThat(error.getMessage()).contains("3 responses with a 4xx status within a minute", "30s");
    });
    assertThat(api.requests(STATUS)).hasSize(3);
    assertThat(trips).singleElement().satisfies(trip -> assertThat(trip.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
  }

  @Test
  void theGuardLetsCallsThroughAgainOnceTheErrorsAgeOut() {
    api.then(STATUS, respond(400, ""), respond(400, "")).always(STATUS, respond(200, "{}"));
    PriokitClient client = client(builder -> builder.fairUse(new FairUsePolicy(2, 0)));
    assertThatThrownBy(client::status).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(client::status).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(client::status).isInstanceOf(RequestRejectedException.class);

    time.advance(Duration.ofSeconds(60));

    assertThat(client.status().statusCode()).isEqualTo(200);
  }

  @Test
  void serverErrorsDoNotCountTowardTheGuard() {
    api.always(STATUS, respond(503, ""));
    PriokitClient client = client(builder -> builder.fairUse(new FairUsePolicy(2, 0)).retryPolicy(RetryPolicy.none()));

    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(client::status).isInstanceOf(ServiceUnavailableException.class);
    }
    assertThat(api.requests(STATUS)).hasSize(5);
  }

  @Test
  void theRateLimitMakesACallWaitForItsTurn() {
    api.always(STATUS, respond(200, "{}"));
    PriokitClient client = client(builder -> builder.fairUse(new FairUsePolicy(0, 2)));
    client.async().status().join();
    time.advance(Duration.ofSeconds(15));
    client.async().status().join();

    CompletableFuture<SystemStatus> third = client.async().status();

    assertThat(third).isNotDone();
    assertThat(api.requests(STATUS)).hasSize(2);
    time.advance(Duration.ofSeconds(45));
    assertThat(third).isCompleted();
    assertThat(api.requests(STATUS)).hasSize(3);
  }

  @Test
  void theRateLimitRefusesACallWhoseTurnComesAfterItsDeadline() {
    api.always(STATUS, respond(200, "{}"));
    PriokitClient client = client(builder -> builder.fairUse(new FairUsePolicy(0, 2)).deadline(Duration.ofSeconds(10)));
    client.status();
    client.status();

    assertThatThrownBy(client::status).isInstanceOfSatisfying(RequestRejectedException.class, error -> {
      assertThat(error.reason()).isEqualTo(RequestRejectedException.Reason.RATE_LIMIT);
      assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(60));
    });
    assertThat(api.requests(STATUS)).hasSize(2);
  }

  @Test
  void aClientBuiltWithoutAPolicyHasTheGuardOn() {
    api.always(STATUS, respond(400, ""));
    PriokitClient client = PriokitClient.builder().environment(io.priokit.Environment.SANDBOX).transport(api)
        .timeSource(time).build();
    for (int i = 0; i < 50; i++) {
      assertThatThrownBy(client::status).isInstanceOf(InvalidRequestException.class);
    }

    assertThatThrownBy(client::status).isInstanceOfSatisfying(RequestRejectedException.class,
        error -> assertThat(error.reason()).isEqualTo(RequestRejectedException.Reason.FAIR_USE_GUARD));
    assertThat(api.requests(STATUS)).hasSize(50);
    client.close();
  }

  @Test
  void aClientBuiltWithoutAPolicyKeepsToAThousandRequestsAMinute() {
    api.always(STATUS, respond(200, "{}"));
    PriokitClient client = PriokitClient.builder().environment(io.priokit.Environment.SANDBOX).transport(api)
        .timeSource(time).deadline(Duration.ofSeconds(5)).build();
    for (int i = 0; i < 1000; i++) {
      client.status();
    }

    assertThatThrownBy(client::status).isInstanceOfSatisfying(RequestRejectedException.class,
        error -> assertThat(error.reason()).isEqualTo(RequestRejectedException.Reason.RATE_LIMIT));
    assertThat(api.requests(STATUS)).hasSize(1000);
    client.close();
  }
}
