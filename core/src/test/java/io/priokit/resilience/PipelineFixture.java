package io.priokit.resilience;

import io.priokit.Environment;
import io.priokit.FairUsePolicy;
import io.priokit.PriokitClient;
import io.priokit.testkit.ScriptedTransport;
import io.priokit.testkit.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;

/** A client over a scripted transport in virtual time: the pipeline's policies with nothing else. */
abstract class PipelineFixture {

  protected static final String STATUS = "/system/status";
  protected static final String PING = "/system/ping";
  protected static final String TOKEN = "/oauth2/token";
  protected static final String SECRET = "s3cr3t-Client-Secret-7Q";

  protected final VirtualTime time = new VirtualTime();
  protected final ScriptedTransport api = new ScriptedTransport();
  private final List<PriokitClient> clients = new ArrayList<>();

  /** A client with no fair-use limits (tests of those set their own) and the given changes. */
  protected PriokitClient client(Consumer<PriokitClient.Builder> changes) {
    PriokitClient.Builder builder = PriokitClient.builder()
        .environment(Environment.SANDBOX)
        .transport(api)
        .timeSource(time)
        .fairUse(FairUsePolicy.disabled());
    changes.accept(builder);
    PriokitClient client = builder.build();
    clients.add(client);
    return client;
  }

  protected PriokitClient client() {
    return client(builder -> { });
  }

  @AfterEach
  void closeClients() {
    clients.forEach(PriokitClient::close);
  }
}
