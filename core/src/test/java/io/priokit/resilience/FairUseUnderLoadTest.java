package io.priokit.resilience;

import static io.priokit.testkit.ScriptedTransport.hang;
import static io.priokit.testkit.ScriptedTransport.respond;
import static io.priokit.testkit.ScriptedTransport.token;
import static org.assertj.core.api.Assertions.assertThat;

import io.priokit.ClientCredentials;
import io.priokit.FairUsePolicy;
import io.priokit.PriokitClient;
import io.priokit.RetryPolicy;
import io.priokit.error.LimitReachedException;
import io.priokit.error.RequestRejectedException;
import io.priokit.spi.FairUseBudget;
import io.priokit.spi.TransportFailure;
import io.priokit.spi.TransportRequest;
import io.priokit.spi.TransportResponse;
import io.priokit.system.SystemStatus;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The fair-use budget under concurrent calls, in virtual time: requests in flight count against the
 * 4xx guard until their answer is known, a 429 holds every caller back, and calls holding a token the
 * API just rejected take a fresh one rather than send it.
 */
class FairUseUnderLoadTest extends PipelineFixture {

  private static final ClientCredentials CREDENTIALS = ClientCredentials.of("client-7", SECRET, "system");

  @Test
  void aThousandConcurrentCallsAnswered400SendNoMoreThanTheGuardAllows() {
    api.always(STATUS, respond(400, "{\"error\":\"INVALID_REQUEST\"}"));
    PriokitClient client = client(builder -> builder.fairUse(FairUsePolicy.defaults()));

    Map<String, Long> outcomes = outcomes(startAsync(client, 1_000));

    assertThat(api.requests(STATUS)).hasSize(50);
    assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(
        Map.of("InvalidRequestException", 50L, "RequestRejectedException", 950L));
  }

  @Test
  void requestsInFlightTakeTheGuardsRoomSoNoMoreThanItsLimitAreSentAtOnce() {
    api.always(STATUS, hang());
    PriokitClient client = client(builder -> builder.fairUse(FairUsePolicy.defaults()));

    List<CompletableFuture<SystemStatus>> calls = startAsync(client, 100);

    assertThat(api.requests(STATUS)).hasSize(50);
    assertThat(calls).noneMatch(CompletableFuture::isDone);
    api.exchanges().forEach(exchange -> exchange.complete(response(400)));

    assertThat(api.requests(STATUS)).as("none sent once the 4xx answers filled the guard").hasSize(50);
    assertThat(outcomes(calls)).containsExactlyInAnyOrderEntriesOf(
        Map.of("InvalidRequestException", 50L, "RequestRejectedException", 50L));
    assertThat(calls.get(99)).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
        .isInstanceOfSatisfying(RequestRejectedException.class, rejected -> {
          assertThat(rejected.reason()).isEqualTo(RequestRejectedException.Reason.FAIR_USE_GUARD);
          assertThat(rejected.retryAfter()).isEqualTo(Duration.ofMinutes(1));
          assertThat(rejected.getMessage()).contains("50 responses with a 4xx status", "counting requests in flight");
        });
  }

  @Test
  void aRequestThatSucceedsGivesItsRoomToTheFirstCallInLine() {
    api.always(STATUS, hang());
    PriokitClient client = client(builder -> builder.fairUse(new FairUsePolicy(2, 0)));
    List<CompletableFuture<SystemStatus>> calls = startAsync(client, 4);
    assertThat(api.requests(STATUS)).hasSize(2);

    api.exchanges().get(1).complete(response(200));
    assertThat(api.requests(STATUS)).hasSize(3);
    api.exchanges().get(2).complete(response(200));

    assertThat(calls.get(1)).isCompleted();
    assertThat(calls.get(2)).as("the first in line went first").isCompleted();
    assertThat(calls.get(3)).isNotDone();
  }

  @Test
  void aRequestThatEndsWithoutAResponseGivesItsRoomBack() {
    api.then(STATUS, hang()).always(STATUS, respond(200, "{}"));
    PriokitClient client = client(builder -> builder.fairUse(new FairUsePolicy(1, 0)).retryPolicy(RetryPolicy.none()));
    CompletableFuture<SystemStatus> first = client.async().status();
    CompletableFuture<SystemStatus> second = client.async().status();
    assertThat(api.requests(STATUS)).hasSize(1);

    api.exchanges().get(0).completeExceptionally(
        new TransportFailure(TransportFailure.Kind.CONNECTION_CLOSED, "reset", null));

    assertThat(first).isCompletedExceptionally();
    assertThat(second).isCompleted();
    assertThat(api.requests(STATUS)).hasSize(2);
  }

  @Test
  void aCallWaitingForRoomIsRefusedWhenItsDeadlineComesAndTheRequestsInFlightAreNotDone() {
    api.always(STATUS, hang());
    FairUseBudget shared = FairUseBudget.local(new FairUsePolicy(1, 0), time);
    PriokitClient patient = client(builder -> builder.fairUse(new FairUsePolicy(1, 0))
        .fairUseBudget((policy, context) -> shared).deadline(Duration.ofSeconds(60)));
    PriokitClient hurried = client(builder -> builder.fairUse(new FairUsePolicy(1, 0))
        .fairUseBudget((policy, context) -> shared).deadline(Duration.ofSeconds(10)));
    patient.async().status();

    CompletableFuture<SystemStatus> waiting = hurried.async().status();
    time.advance(Duration.ofSeconds(9));
    assertThat(waiting).isNotDone();
    time.advance(Duration.ofSeconds(1));

    assertThat(waiting).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
        .isInstanceOfSatisfying(RequestRejectedException.class, rejected -> {
          assertThat(rejected.reason()).isEqualTo(RequestRejectedException.Reason.FAIR_USE_GUARD);
          assertThat(rejected.retryAfter()).as("when the request in flight must end").isEqualTo(Duration.ofSeconds(50));
        });
    assertThat(api.requests(STATUS)).hasSize(1);
  }

  @Test
  void aCancelledCallLeavesTheLineAndIsNeverSent() {
    api.always(STATUS, hang());
    PriokitClient client = client(builder -> builder.fairUse(new FairUsePolicy(1, 0)));
    client.async().status();
    CompletableFuture<SystemStatus> cancelled = client.async().status();
    CompletableFuture<SystemStatus> next = client.async().status();

    cancelled.cancel(true);
    api.exchanges().get(0).complete(response(200));
    assertThat(api.requests(STATUS)).hasSize(2);
    api.exchanges().get(1).complete(response(200));

    assertThat(next).as("the request sent after the first was the next call's").isCompleted();
    assertThat(api.requests(STATUS)).hasSize(2);
  }

  @Test
  void aCallStoppedWhileWaitingForItsTurnGivesTheTurnBack() {
    api.always(STATUS, respond(200, "{}"));
    PriokitClient client = client(builder -> builder.fairUse(new FairUsePolicy(0, 1)));
    client.async().status();
    CompletableFuture<SystemStatus> cancelled = client.async().status();

    cancelled.cancel(true);
    CompletableFuture<SystemStatus> next = client.async().status();
    time.advance(Duration.ofSeconds(60));

    assertThat(next).as("given the turn the cancelled call left").isCompleted();
    assertThat(api.requests(STATUS)).hasSize(2);
  }

  @Test
  void roomComesBackWhenARecorded4xxAgesOutEvenWithNothingSettled() {
    api.then(STATUS, respond(400, "")).always(STATUS, hang());
    PriokitClient client = client(builder -> builder.fairUse(new FairUsePolicy(2, 0, Duration.ofSeconds(10)))
        .retryPolicy(RetryPolicy.none()));
    client.async().status();
    time.advance(Duration.ofSeconds(2));
    client.async().status();
    CompletableFuture<SystemStatus> waiting = client.async().status();
    assertThat(api.requests(STATUS)).hasSize(2);

    time.advance(Duration.ofSeconds(8));

    assertThat(api.requests(STATUS)).as("sent once the 400 left the ten-second window").hasSize(3);
    assertThat(waiting).isNotDone();
  }

  @Test
  void a429HoldsEveryCallerBackForItsRetryAfter() {
    api.then(STATUS, respond(429, "", "Retry-After", "5")).always(STATUS, respond(200, "{}"));
    PriokitClient client = client(builder -> builder.fairUse(FairUsePolicy.defaults()).retryPolicy(RetryPolicy.none()));
    assertThat(client.async().status()).isCompletedExceptionally();

    CompletableFuture<SystemStatus> next = client.async().status();
    time.advance(Duration.ofMillis(4_999));
    assertThat(next).isNotDone();
    assertThat(api.requests(STATUS)).hasSize(1);
    time.advance(Duration.ofMillis(1));

    assertThat(next).isCompleted();
  }

  @Test
  void a429WithoutRetryAfterHoldsCallersBackForASecond() {
    api.then(STATUS, respond(429, "")).always(STATUS, respond(200, "{}"));
    PriokitClient client = client(builder -> builder.fairUse(FairUsePolicy.defaults()).retryPolicy(RetryPolicy.none()));
    client.async().status();

    CompletableFuture<SystemStatus> next = client.async().status();
    time.advance(Duration.ofMillis(999));
    assertThat(next).isNotDone();
    time.advance(Duration.ofMillis(1));

    assertThat(next).isCompleted();
  }

  @Test
  void aHoldAfter429ThatEndsAfterTheDeadlineIsRefusedAtOnce() {
    api.then(STATUS, respond(429, "", "Retry-After", "30")).always(STATUS, respond(200, "{}"));
    PriokitClient client = client(builder -> builder.fairUse(FairUsePolicy.defaults()).retryPolicy(RetryPolicy.none())
        .deadline(Duration.ofSeconds(10)));
    client.async().status();

    CompletableFuture<SystemStatus> next = client.async().status();

    assertThat(next).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
        .isInstanceOfSatisfying(RequestRejectedException.class, rejected -> {
          assertThat(rejected.reason()).isEqualTo(RequestRejectedException.Reason.THROTTLED);
          assertThat(rejected.retryAfter()).isEqualTo(Duration.ofSeconds(30));
          assertThat(rejected.getMessage()).contains("429 Too Many Requests", "30s");
        });
    assertThat(api.requests(STATUS)).hasSize(1);
  }

  @Test
  void aRetryThatAnotherCallers429WouldHoldPastTheDeadlineEndsWithTheCallsOwn429() {
    api.then(STATUS, hang(), respond(429, "{\"error\":\"TOO_MANY\",\"error_reference\":\"r-429\"}", "Retry-After", "1"));
    PriokitClient client = client(builder -> builder.fairUse(FairUsePolicy.defaults()).deadline(Duration.ofSeconds(3)));
    CompletableFuture<SystemStatus> other = client.async().status();
    CompletableFuture<SystemStatus> call = client.async().status();
    time.advance(Duration.ofMillis(500));

    api.exchanges().get(0).complete(TransportResponse.of(429,
        HttpHeaders.of(Map.of("Retry-After", List.of("30")), (name, value) -> true), new byte[0]));
    time.advance(Duration.ofMillis(500));

    assertThat(call).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
        .isInstanceOfSatisfying(LimitReachedException.class, limited -> {
          assertThat(limited.errorReference()).hasValue("r-429");
          assertThat(limited.retryAfter()).hasValue(Duration.ofSeconds(1));
          assertThat(limited.attempts()).isEqualTo(1);
          assertThat(limited.isRetryable()).as("no retry of this call could change it").isFalse();
        });
    assertThat(api.requests(STATUS)).hasSize(2);
    assertThat(other).as("its own 30 s wait cannot end before its deadline either: it fails at once")
        .failsWithin(Duration.ZERO).withThrowableThat().havingCause()
        .isInstanceOfSatisfying(LimitReachedException.class,
            limited -> assertThat(limited.retryAfter()).hasValue(Duration.ofSeconds(30)));
  }

  @Test
  void aHoldAfter429IsNoLongerThanTheWindowWhateverTheServerAsks() {
    api.then(STATUS, respond(429, "", "Retry-After", "86400")).always(STATUS, respond(200, "{}"));
    PriokitClient client = client(builder -> builder.fairUse(FairUsePolicy.defaults()).retryPolicy(RetryPolicy.none())
        .deadline(Duration.ofMinutes(5)));
    client.async().status();

    CompletableFuture<SystemStatus> next = client.async().status();
    time.advance(Duration.ofMinutes(1));

    assertThat(next).isCompleted();
  }

  @Test
  void callsHoldingATokenTheApiRejectedWhileTheyWaitedTakeAFreshOneInsteadOfSendingIt() {
    api.then(TOKEN, token("t-1", 3600), token("t-2", 3600))
        .then(STATUS, hang())
        .always(STATUS, answerByToken(Map.of("Bearer t-1", 401, "Bearer t-2", 200)));
    PriokitClient client = client(builder -> builder.credentials(CREDENTIALS)
        .fairUse(new FairUsePolicy(50, 2, Duration.ofSeconds(30))).deadline(Duration.ofMinutes(10)));
    CompletableFuture<SystemStatus> first = client.async().status();
    CompletableFuture<SystemStatus> waiting = client.async().status();
    assertThat(api.requests(STATUS)).as("the second waits for a turn of the rate limit").hasSize(1);

    api.exchanges().get(1).complete(response(401));
    time.runUntilDone(CompletableFuture.allOf(first, waiting));

    assertThat(first).isCompleted();
    assertThat(waiting).isCompleted();
    assertThat(api.requests(STATUS)).extracting(request -> request.headers().get("Authorization"))
        .as("t-1 sent once, by the call that learnt it was rejected").containsExactly("Bearer t-1", "Bearer t-2",
            "Bearer t-2");
  }

  @Test
  void theWindowIsThePolicysSoRecorded4xxAgeOutWhenItEnds() {
    api.then(STATUS, respond(400, ""), respond(400, "")).always(STATUS, respond(200, "{}"));
    PriokitClient client = client(builder -> builder.fairUse(new FairUsePolicy(2, 0, Duration.ofSeconds(10))));
    client.async().status();
    client.async().status();

    assertThat(client.async().status()).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
        .isInstanceOfSatisfying(RequestRejectedException.class,
            rejected -> assertThat(rejected.retryAfter()).isEqualTo(Duration.ofSeconds(10)));
    time.advance(Duration.ofSeconds(10));

    assertThat(client.async().status()).isCompleted();
  }

  @Test
  void clientsGivenOneBudgetShareItsLimits() {
    api.always(STATUS, respond(400, ""));
    FairUseBudget shared = FairUseBudget.local(new FairUsePolicy(3, 0), time);
    PriokitClient first = client(builder -> builder.fairUse(new FairUsePolicy(3, 0)).fairUseBudget((policy, c) -> shared));
    PriokitClient second = client(builder -> builder.fairUse(new FairUsePolicy(3, 0)).fairUseBudget((policy, c) -> shared));

    List<CompletableFuture<SystemStatus>> calls = new ArrayList<>(startAsync(first, 2));
    calls.addAll(startAsync(second, 2));

    assertThat(api.requests(STATUS)).hasSize(3);
    assertThat(outcomes(calls)).containsEntry("InvalidRequestException", 3L).containsEntry("RequestRejectedException", 1L);
  }

  // ---------------------------------------------------------------- helpers

  private static List<CompletableFuture<SystemStatus>> startAsync(PriokitClient client, int calls) {
    List<CompletableFuture<SystemStatus>> started = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      started.add(client.async().status());
    }
    return started;
  }

  private static Map<String, Long> outcomes(List<CompletableFuture<SystemStatus>> calls) {
    assertThat(calls).allMatch(CompletableFuture::isDone);
    return calls.stream().collect(Collectors.groupingBy(call -> call.handle((status, failure) -> failure == null
        ? "ok" : TransportFailure.unwrap(failure).getClass().getSimpleName()).join(), TreeMap::new,
        Collectors.counting()));
  }

  private static Function<TransportRequest, CompletableFuture<TransportResponse>> answerByToken(
      Map<String, Integer> statuses) {
    return request -> CompletableFuture.completedFuture(
        response(statuses.getOrDefault(request.headers().get("Authorization"), 401)));
  }

  private static TransportResponse response(int status) {
    return TransportResponse.of(status, HttpHeaders.of(Map.of(), (name, value) -> true),
        (status == 200 ? "{}" : "{\"error\":\"E" + status + "\"}").getBytes(StandardCharsets.UTF_8));
  }

}
