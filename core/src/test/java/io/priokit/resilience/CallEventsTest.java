package io.priokit.resilience;

import static io.priokit.testkit.ScriptedTransport.hang;
import static io.priokit.testkit.ScriptedTransport.respond;
import static io.priokit.testkit.ScriptedTransport.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.priokit.ClientCredentials;
import io.priokit.FairUsePolicy;
import io.priokit.PriokitClient;
import io.priokit.RetryPolicy;
import io.priokit.error.ServiceUnavailableException;
import io.priokit.observe.AttemptFinished;
import io.priokit.observe.AttemptStarted;
import io.priokit.observe.CallFinished;
import io.priokit.observe.CallListener;
import io.priokit.observe.CallOutcome;
import io.priokit.observe.CallStarted;
import io.priokit.observe.GuardTripped;
import io.priokit.observe.PriokitListener;
import io.priokit.observe.RetryScheduled;
import io.priokit.observe.TraceHeaders;
import io.priokit.testkit.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A call's start and end, the listener of one call, and the trace headers a listener adds. */
class CallEventsTest extends PipelineFixture {

  private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  @Test
  void aCallIsBracketedByItsStartAndItsEndWithTheOutcomeStatusAttemptsAndLatency() {
    api.then(STATUS, respond(503, "", "Retry-After", "2"), respond(200, "{}"));
    Recorder recorder = new Recorder();

    time.runUntilDone(client(builder -> builder.listener(recorder)).async().status()).join();

    assertThat(recorder.events).containsExactly("call GET /system/status scripted", "attempt 1", "finished 1 503",
        "retry 1", "attempt 2", "finished 2 200", "end SUCCESS 200 2");
    CallFinished end = recorder.finished.get(0);
    assertThat(end.latency()).isEqualTo(Duration.ofSeconds(2));
    assertThat(end.errorType()).isEmpty();
    assertThat(end.appReference()).isEqualTo(recorder.started.get(0).appReference());
  }

  @Test
  void aFailedCallEndsWithItsOutcomeStatusAndErrorType() {
    api.always(STATUS, respond(503, ""));
    Recorder recorder = new Recorder();

    assertThatThrownBy(() -> client(builder -> builder.listener(recorder).retryPolicy(RetryPolicy.none())).status())
        .isInstanceOf(ServiceUnavailableException.class);

    CallFinished end = recorder.finished.get(0);
    assertThat(end.outcome()).isEqualTo(CallOutcome.API_ERROR);
    assertThat(end.statusCode()).isEqualTo(503);
    assertThat(end.attempts()).isEqualTo(1);
    assertThat(end.errorType()).hasValue("ServiceUnavailableException");
    assertThat(end.failureCause()).containsInstanceOf(ServiceUnavailableException.class);
  }

  @Test
  void aRefusedCallEndsRejectedWithTheGuardHeardByTheCallsListener() {
    api.always(STATUS, respond(400, "{}"));
    Recorder recorder = new Recorder();
    PriokitClient client = client(builder -> builder.listener(recorder).retryPolicy(RetryPolicy.none())
        .fairUse(new FairUsePolicy(1, 0)));
    assertThatThrownBy(client::status).isInstanceOf(io.priokit.error.InvalidRequestException.class);

    assertThatThrownBy(client::status).isInstanceOf(io.priokit.error.RequestRejectedException.class);

    assertThat(recorder.finished).extracting(CallFinished::outcome)
        .containsExactly(CallOutcome.API_ERROR, CallOutcome.REJECTED);
    assertThat(recorder.finished.get(1).attempts()).isZero();
    assertThat(recorder.events).contains("guard FAIR_USE_GUARD");
  }

  @Test
  void eachCallHasItsOwnListenerAndTokenRequestsGoToTheClients() {
    api.then(TOKEN, token("tok-1", 3600)).always(STATUS, respond(200, "{}"));
    List<String> clientWide = new CopyOnWriteArrayList<>();
    List<String> perCall = new CopyOnWriteArrayList<>();
    PriokitListener listener = new PriokitListener() {
      @Override
      public CallListener callStarted(CallStarted event) {
        String call = event.appReference();
        return new CallListener() {
          @Override
          public void attemptStarted(AttemptStarted attempt) {
            perCall.add(call + " " + attempt.path());
          }

          @Override
          public void callFinished(CallFinished end) {
            perCall.add(call + " end " + end.outcome());
          }
        };
      }

      @Override
      public void attemptStarted(AttemptStarted attempt) {
        clientWide.add(attempt.path());
      }
    };
    PriokitClient client = client(builder -> builder.listener(listener)
        .credentials(ClientCredentials.of("id", SECRET)).appReferences(new java.util.function.Supplier<>() {
          private int next;

          @Override
          public synchronized String get() {
            return "ref-" + ++next;
          }
        }));

    client.status();
    client.status();

    assertThat(clientWide).containsExactly(TOKEN);
    // The token request, made during the first call, took ref-2.
    assertThat(perCall).containsExactly("ref-1 /system/status", "ref-1 end SUCCESS", "ref-3 /system/status",
        "ref-3 end SUCCESS");
  }

  @Test
  void aCancelledCallEndsOnceAsCancelled() {
    api.always(STATUS, hang());
    Recorder recorder = new Recorder();
    CompletableFuture<?> call = client(builder -> builder.listener(recorder)).async().status();

    call.cancel(true);

    assertThat(recorder.finished).singleElement().satisfies(end -> {
      assertThat(end.outcome()).isEqualTo(CallOutcome.CANCELLED);
      assertThat(end.statusCode()).isZero();
      assertThat(end.attempts()).isEqualTo(1);
    });
  }

  @Test
  void closingTheClientEndsItsCallsOnceAsTransportErrors() {
    api.always(STATUS, hang());
    Recorder recorder = new Recorder();
    PriokitClient client = client(builder -> builder.listener(recorder));
    CompletableFuture<?> call = client.async().status();

    client.close();

    assertThat(call).isCompletedExceptionally();
    assertThat(recorder.finished).singleElement().satisfies(end -> {
      assertThat(end.outcome()).isEqualTo(CallOutcome.TRANSPORT_ERROR);
      assertThat(end.errorType()).hasValue("TransportException");
    });
  }

  @Test
  void traceHeadersAreAddedToEveryAttempt() {
    api.then(STATUS, respond(503, ""), respond(200, "{}"));
    PriokitListener tracing = new PriokitListener() {
      @Override
      public void addTraceHeaders(AttemptStarted attempt, TraceHeaders headers) {
        headers.put("traceparent", TRACEPARENT);
        headers.put("TraceState", "vendor=attempt-" + attempt.attempt());
        headers.put("baggage", "tenant=acme");
      }
    };

    time.runUntilDone(client(builder -> builder.listener(tracing)).async().status()).join();

    assertThat(api.requests(STATUS)).hasSize(2).allSatisfy(request -> {
      assertThat(request.headers()).containsEntry("traceparent", TRACEPARENT).containsEntry("baggage", "tenant=acme")
          .containsKey("App-Reference");
    });
    assertThat(api.requests(STATUS)).extracting(request -> request.headers().get("tracestate"))
        .containsExactly("vendor=attempt-1", "vendor=attempt-2");
  }

  @Test
  void aListenerCannotAddAnyHeaderButTraceContext() {
    api.then(TOKEN, token("tok-1", 3600)).always(STATUS, respond(200, "{}"));
    List<String> refused = new CopyOnWriteArrayList<>();
    PriokitListener hostile = new PriokitListener() {
      @Override
      public void addTraceHeaders(AttemptStarted attempt, TraceHeaders headers) {
        if (!attempt.path().equals(STATUS)) {
          return;
        }
        for (String name : List.of("Authorization", "App-Name", "X-Forwarded-For", "Cookie")) {
          try {
            headers.put(name, "evil");
          } catch (IllegalArgumentException refusal) {
            refused.add(name);
          }
        }
      }
    };

    client(builder -> builder.listener(hostile).credentials(ClientCredentials.of("id", SECRET))).status();

    assertThat(refused).containsExactly("Authorization", "App-Name", "X-Forwarded-For", "Cookie");
    assertThat(api.requests(STATUS)).singleElement().satisfies(request -> {
      assertThat(request.headers()).containsEntry("Authorization", "Bearer tok-1").doesNotContainKeys(
          "X-Forwarded-For", "Cookie");
      assertThat(request.headers().get("App-Name")).isEqualTo("priokit");
    });
  }

  @Test
  void aTraceHeaderThatCouldSplitTheRequestIsRefusedWithoutBeingQuoted() {
    api.always(STATUS, respond(200, "{}"));
    PriokitListener injecting = new PriokitListener() {
      @Override
      public void addTraceHeaders(AttemptStarted attempt, TraceHeaders headers) {
        headers.put("baggage", "ok=1");
        headers.put("traceparent", "00-abc\r\nAuthorization: Bearer stolen-SECRET-value");
      }
    };

    try (LogCapture logs = new LogCapture()) {
      assertThat(client(builder -> builder.listener(injecting)).status().statusCode()).isEqualTo(200);

      assertThat(api.requests(STATUS)).singleElement().satisfies(request -> {
        assertThat(request.headers()).containsEntry("baggage", "ok=1").doesNotContainKey("traceparent");
        assertThat(request.headers().values()).noneMatch(value -> value.contains("stolen"));
      });
      assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("control character"))
          .noneSatisfy(line -> assertThat(line).contains("stolen-SECRET-value"));
    }
  }

  /** Writes each event of every call in a line. */
  private static final class Recorder implements PriokitListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<CallStarted> started = new CopyOnWriteArrayList<>();
    final List<CallFinished> finished = new CopyOnWriteArrayList<>();

    @Override
    public CallListener callStarted(CallStarted event) {
      started.add(event);
      events.add("call " + event.method() + " " + event.path() + " " + event.transport());
      return this;
    }

    @Override
    public void attemptStarted(AttemptStarted event) {
      events.add("attempt " + event.attempt());
    }

    @Override
    public void attemptFinished(AttemptFinished event) {
      events.add("finished " + event.attempt() + " " + event.statusCode());
    }

    @Override
    public void retryScheduled(RetryScheduled event) {
      events.add("retry " + event.failedAttempt());
    }

    @Override
    public void guardTripped(GuardTripped event) {
      events.add("guard " + event.reason());
    }

    @Override
    public void callFinished(CallFinished event) {
      finished.add(event);
      events.add("end " + event.outcome() + " " + event.statusCode() + " " + event.attempts());
    }
  }
}
