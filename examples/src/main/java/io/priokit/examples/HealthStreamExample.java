package io.priokit.examples;

import io.priokit.PriokitClient;
import io.priokit.RetryPolicy;
import io.priokit.simulator.Scenario;
import io.priokit.system.HealthState;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Watching the API's health as a stream: a {@link Flow.Subscriber} gets each change of state (UP,
 * DEGRADED, DOWN with the cause) while a simulator flaps between up and down.
 */
public final class HealthStreamExample {

  private HealthStreamExample() {}

  /** @param args none: this example makes the simulator flap */
  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) throws Exception {
    try (Target target = Target.from(new String[0], out);
        PriokitClient client = PriokitClient.builder()
            .environment(target.environment())
            .transport("jdk")
            .retryPolicy(RetryPolicy.none())
            .build()) {
      target.simulator().scenario(Scenario.flapping(Duration.ofMillis(400)));
      CountDownLatch fourChanges = new CountDownLatch(4);
      client.watchHealth(Duration.ofMillis(100)).subscribe(new Flow.Subscriber<>() {
        private Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription granted) {
          subscription = granted;
          granted.request(1);
        }

        @Override
        public void onNext(HealthState state) {
          out.printf(Locale.ROOT, "%s at %s%s%n", state.health(), state.observedAt(),
              state.failure().map(cause -> ": " + cause.getClass().getSimpleName()).orElse(""));
          fourChanges.countDown();
          if (fourChanges.getCount() == 0) {
            subscription.cancel();
          } else {
            subscription.request(1);
          }
        }

        @Override
        public void onError(Throwable failure) {
          out.println("stream failed: " + failure);
        }

        @Override
        public void onComplete() {
          out.println("stream ended");
        }
      });
      return fourChanges.await(30, TimeUnit.SECONDS) ? 0 : 1;
    }
  }
}
