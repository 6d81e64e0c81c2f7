package io.priokit.redis;

import io.priokit.FairUsePolicy;
import io.priokit.PriokitClient;
import io.priokit.RetryPolicy;
import io.priokit.error.PriokitException;
import io.priokit.observe.BudgetModeChanged;
import io.priokit.observe.PriokitListener;
import io.priokit.spi.FairUseBudgetFactory;
import io.priokit.spi.TransportFailure;
import io.priokit.system.HealthState;
import io.priokit.transport.jdk.JdkHttpTransport;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One instance of a fleet, in a JVM of its own: a client on the fleet's Redis budget that either
 * hammers the API for a while from many callers at once, or watches its health. It reports on
 * standard output, one line per event, for {@link FleetTest} to read:
 * {@code mode LOCAL_SHARE|SHARED}, {@code health UP|DEGRADED|DOWN}, {@code warm} once a first call
 * has been made (a run of calls then starts at a line on standard input), and at the end of a run
 * {@code outcomes {ok=…, RequestRejectedException=…}}.
 *
 * <p>Arguments, as {@code name=value}: {@code mode} ({@code calls} or {@code health}), {@code redis},
 * {@code api} (base URI), {@code instances} (expected), {@code window} (ms; the poll interval in
 * health mode), {@code rate}, {@code guard}, {@code callers}, {@code seconds}, and optionally
 * {@code budget=local} for the client's own budget in place of Redis's (for the benchmark) and
 * {@code timeout} (ms to wait for Redis, a second by default).
 */
public final class FleetWorker {

  private FleetWorker() {}

  /** Runs one instance; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = new java.util.HashMap<>();
    for (String arg : args) {
      options.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    Duration window = Duration.ofMillis(Long.parseLong(options.get("window")));
    FairUsePolicy policy = new FairUsePolicy(Integer.parseInt(options.get("guard")),
        Integer.parseInt(options.get("rate")), window);
    Duration runFor = Duration.ofSeconds(Long.parseLong(options.get("seconds")));
    boolean local = "local".equals(options.get("budget"));
    try (RedisFairUse fleet = RedisFairUse.builder().uri(options.get("redis")).egress("fleet-test")
            .expectedInstances(Integer.parseInt(options.get("instances")))
            .timeout(Duration.ofMillis(Long.parseLong(options.getOrDefault("timeout", "1000"))))
            .recheckEvery(Duration.ofMillis(250)).build();
        PriokitClient client = PriokitClient.builder()
            .baseUri(options.get("api"))
            .transport(JdkHttpTransport.factory())
            .fairUse(policy)
            .fairUseBudget(local ? FairUseBudgetFactory.local() : fleet)
            .retryPolicy(RetryPolicy.none())
            .deadline(Duration.ofSeconds(5))
            .callTimeout(Duration.ofSeconds(2))
            .listener(new PriokitListener() {
              @Override
              public void budgetModeChanged(BudgetModeChanged event) {
                report("mode " + event.mode() + " " + event.reason());
              }
            })
            .build()) {
      report("started");
      if (options.get("mode").equals("health")) {
        watch(client, window, runFor);
      } else {
        // A process's first request opens connections and loads classes: it arrives late, where the
        // rest arrive as they leave. It goes first and alone, and the run starts when told.
        client.async().status().handle((status, failure) -> null).join();
        report("warm");
        new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))
            .readLine();
        hammer(client, Integer.parseInt(options.get("callers")), runFor);
      }
    }
  }

  /** Calls from many callers at once until the time is up, then reports how the calls ended. */
  private static void hammer(PriokitClient client, int callers, Duration runFor) throws InterruptedException {
    Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    long end = System.nanoTime() + runFor.toNanos();
    CountDownLatch done = new CountDownLatch(callers);
    for (int i = 0; i < callers; i++) {
      loop(client, outcomes, end, done);
    }
    done.await();
    Map<String, Long> counted = new TreeMap<>();
    outcomes.forEach((outcome, count) -> counted.put(outcome, count.get()));
    report("outcomes " + counted);
    report("throughput " + String.format(java.util.Locale.ROOT, "%.1f",
        counted.getOrDefault("ok", 0L) / (runFor.toNanos() / 1e9)));
  }

  private static void loop(PriokitClient client, Map<String, AtomicLong> outcomes, long end, CountDownLatch done) {
    if (System.nanoTime() >= end) {
      done.countDown();
      return;
    }
    CompletableFuture<?> call = client.async().status();
    call.whenComplete((status, failure) -> {
      Throwable cause = failure == null ? null : TransportFailure.unwrap(failure);
      String outcome = cause == null ? "ok" : cause instanceof PriokitException ? cause.getClass().getSimpleName()
          : "unexpected " + cause;
      outcomes.computeIfAbsent(outcome, key -> new AtomicLong()).incrementAndGet();
      // Refusals come back at once: pause a little rather than spin.
      CompletableFuture.delayedExecutor(cause == null ? 0 : 100, java.util.concurrent.TimeUnit.MILLISECONDS)
          .execute(() -> loop(client, outcomes, end, done));
    });
  }

  /** Watches the API's health until the time is up, reporting each state. */
  private static void watch(PriokitClient client, Duration interval, Duration runFor) throws InterruptedException {
    client.watchHealth(interval).subscribe(new Flow.Subscriber<HealthState>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(HealthState state) {
        report("health " + state.health());
      }

      @Override
      public void onError(Throwable failure) {
        report("health-error " + failure);
      }

      @Override
      public void onComplete() {}
    });
    Thread.sleep(runFor.toMillis());
  }

  private static synchronized void report(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
