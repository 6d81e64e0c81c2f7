package io.priokit.simulator.junit;

import io.priokit.simulator.PrioticketSimulator;
import io.priokit.simulator.RecordedRequest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test a fresh, started {@link PrioticketSimulator} and stops it after the test. Ask for
 * one as a parameter of the test method, of a {@code @BeforeEach} or {@code @AfterEach} method (all of
 * them get the same simulator within one test), or of the test class's constructor:
 *
 * <pre>{@code
 * @ExtendWith(PrioticketSimulatorExtension.class)
 * class StatusTest {
 *   @Test
 *   void aServiceUnavailableIsRetried(PrioticketSimulator api) {
 *     api.scenario(Scenario.failing(503).times(1));
 *     PriokitClient client = PriokitClient.builder().environment(api.environment()).build();
 *     assertThat(client.status().attempts()).isEqualTo(2);
 *     assertThat(api.requests("/system/status")).hasSize(2);
 *   }
 * }
 * }</pre>
 *
 * <p>When a test fails, the simulator's scenario and every request it received (with
 * {@code Authorization} redacted) are published as a report entry named {@code prioticket-simulator},
 * which build tools print beside the failure.
 */
public final class PrioticketSimulatorExtension implements ParameterResolver, AfterEachCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PrioticketSimulatorExtension.class);
  private static final String KEY = "simulator";

  /** Creates the extension; JUnit does so for {@code @ExtendWith}. */
  public PrioticketSimulatorExtension() {
    // Nothing to set up: each test's simulator lives in that test's store.
  }

  /**
   * Whether the parameter asks for a simulator.
   *
   * @param parameter the parameter
   * @param context the test's context
   * @return true for a {@link PrioticketSimulator} parameter
   */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PrioticketSimulator.class;
  }

  /**
   * The test's simulator, started on first request.
   *
   * @param parameter the parameter
   * @param context the test's context
   * @return the simulator of this test
   * @throws ParameterResolutionException outside a single test, such as in a {@code @BeforeAll} method
   */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (context.getTestMethod().isEmpty()) {
      throw new ParameterResolutionException("A PrioticketSimulator lives for one test: ask for it in a test method,"
          + " a @BeforeEach or @AfterEach method, or the constructor of a class with the default per-method"
          + " lifecycle; for one simulator across a class, call PrioticketSimulator.start() in @BeforeAll.");
    }
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    PrioticketSimulator simulator = store.get(KEY, PrioticketSimulator.class);
    if (simulator == null) {
      simulator = PrioticketSimulator.start();
      store.put(KEY, simulator);
    }
    return simulator;
  }

  /**
   * Resolves constructor parameters in the context of the test about to run, so that a simulator
   * taken by the constructor is that test's own and stops with it.
   *
   * @param rootContext the root context
   * @return {@link ExtensionContextScope#TEST_METHOD}
   */
  @Override
  public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
    return ExtensionContextScope.TEST_METHOD;
  }

  /**
   * Stops the test's simulator; after a failure, first publishes what it received.
   *
   * @param context the test's context
   */
  @Override
  public void afterEach(ExtensionContext context) {
    PrioticketSimulator simulator = context.getStore(NAMESPACE).remove(KEY, PrioticketSimulator.class);
    if (simulator == null) {
      return;
    }
    try {
      if (context.getExecutionException().isPresent()) {
        context.publishReportEntry("prioticket-simulator", simulator + "\n" + simulator.requests().stream()
            .map(RecordedRequest::toString).collect(Collectors.joining("\n")));
      }
    } finally {
      simulator.close();
    }
  }
}
