package io.priokit.examples;

import io.priokit.PriokitClient;
import io.priokit.transport.vertx.PrioticketHealthCheck;
import io.priokit.transport.vertx.VertxHttpTransport;
import io.priokit.transport.vertx.VertxSystemHealth;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * A Vert.x application: a verticle checks Prioticket through the {@code Future} facade (its handlers
 * run on the verticle's event loop) and through a Vert.x Health Checks procedure, as an
 * application's health endpoint would.
 */
public final class VertxVerticleExample {

  private VertxVerticleExample() {}

  /** A verticle that reports Prioticket's status once it starts. */
  static final class ReadinessVerticle extends VerticleBase {
    private final PriokitClient client;
    private final Promise<String> report = Promise.promise();

    ReadinessVerticle(PriokitClient client) {
      this.client = client;
    }

    @Override
    public Future<?> start() {
      VertxSystemHealth prioticket = VertxSystemHealth.of(client, vertx);
      HealthChecks checks = PrioticketHealthCheck.register(HealthChecks.create(vertx), prioticket);
      return prioticket.status()
          .compose(status -> checks.checkStatus().map(result -> "status " + status.statusCode() + " in "
              + status.latency().toMillis() + " ms on " + Thread.currentThread().getName()
              + "; health check " + (CheckResult.isUp(result) ? "UP" : "DOWN") + " " + result.toJson()))
          .onComplete(report);
    }

    Future<String> report() {
      return report.future();
    }
  }

  /** @param args nothing, {@code --base-uri URI}, or an environment name */
  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) throws Exception {
    Vertx vertx = Vertx.vertx();
    try (Target target = Target.from(args, out);
        PriokitClient client = PriokitClient.builder()
            .environment(target.environment())
            .transport(VertxHttpTransport.factory(vertx))
            .build()) {
      ReadinessVerticle verticle = new ReadinessVerticle(client);
      vertx.deployVerticle(verticle).await(30, TimeUnit.SECONDS);
      out.println(verticle.report().await(30, TimeUnit.SECONDS));
      return 0;
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
