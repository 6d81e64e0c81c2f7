package io.priokit.spring.boot3;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.priokit.PriokitClient;
import io.priokit.contract.TestCertificates;
import io.priokit.contract.TlsEchoServer;
import io.priokit.micrometer.PriokitMicrometer;
import io.priokit.simulator.PrioticketSimulator;
import io.priokit.simulator.junit.PrioticketSimulatorExtension;
import io.priokit.spring.boot.PriokitAutoConfiguration;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * On Spring Boot 3.5: the starter's client, properties and Micrometer binding, and this module's
 * indicator, with their back-off conditions.
 */
@ExtendWith(PrioticketSimulatorExtension.class)
class Boot3AutoConfigurationTest {

  private final PrioticketSimulator api;
  private final ApplicationContextRunner runner;

  Boot3AutoConfigurationTest(PrioticketSimulator api) {
    this.api = api;
    this.runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PriokitAutoConfiguration.class, PriokitBoot3HealthAutoConfiguration.class))
        .withPropertyValues("priokit.environment=" + api.baseUri(), "priokit.app-name=boot3");
  }

  @Test
  void theStartersClientWorksOnSpringBoot3() {
    runner.run(context -> {
      assertThat(context.getBean(PriokitClient.class).ping().statusCode()).isEqualTo(200);
      assertThat(api.requests("/system/ping").get(0).header("App-Name")).hasValue("boot3");
    });
  }

  @Test
  void theIndicatorIsNamedPrioticketAndReportsTheApi() {
    runner.run(context -> {
      assertThat(context).hasBean("prioticketHealthIndicator");
      HealthIndicator indicator = context.getBean(HealthIndicator.class);
      assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
      assertThat(indicator.health().getDetails()).containsEntry("httpStatus", 200L).containsEntry("transport", "jdk");
    });
  }

  @Test
  void theIndicatorCanBeTurnedOffOrGivesWay() {
    runner.withPropertyValues("management.health.prioticket.enabled=false").run(context ->
        assertThat(context).hasSingleBean(PriokitClient.class).doesNotHaveBean(HealthIndicator.class));
    HealthIndicator mine = () -> org.springframework.boot.actuate.health.Health.outOfService().build();
    runner.withBean("prioticketHealthIndicator", HealthIndicator.class, () -> mine).run(context ->
        assertThat(context.getBean("prioticketHealthIndicator")).isSameAs(mine));
  }

  @Test
  void withoutTheActuatorThereIsNoIndicatorButTheClient() {
    runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run(context ->
        assertThat(context).hasSingleBean(PriokitClient.class).doesNotHaveBean("prioticketHealthIndicator"));
  }

  @Test
  void theTlsPropertiesReachTheClientOnSpringBoot3() throws IOException {
    TestCertificates certificates = TestCertificates.get();
    try (TlsEchoServer server = TlsEchoServer.start(true, "TLSv1.3", "TLSv1.2")) {
      runner.withPropertyValues("priokit.environment=" + server.baseUri(),
          "priokit.tls.trust-store.location=" + certificates.trustStore(),
          "priokit.tls.trust-store.password=" + TestCertificates.PASSWORD,
          "priokit.tls.key-store.location=" + certificates.clientKeyStore(),
          "priokit.tls.key-store.password=" + TestCertificates.PASSWORD,
          "priokit.tls.protocols=TLSv1.2").run(context -> {
            assertThat(context.getBean(HealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
            assertThat(context.getBean(PriokitClient.class).status().body().text())
                .isEqualTo("protocol=TLSv1.2;client=CN=priokit-test-client");
          });
    }
  }

  @Test
  void withAMeterRegistryCallsAreObserved() {
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
      assertThat(context).hasSingleBean(PriokitMicrometer.class);
      context.getBean(PriokitClient.class).status();
      assertThat(context.getBean(MeterRegistry.class).get("priokit.calls").timer().count()).isEqualTo(1);
    });
  }
}
