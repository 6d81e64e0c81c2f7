package io.priokit.spring.boot3;

import io.priokit.PriokitClient;
import io.priokit.spring.boot.PriokitAutoConfiguration;
import io.priokit.spring.boot.PriokitProperties;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code prioticket} health indicator on Spring Boot 3's actuator; the client, properties and
 * Micrometer binding come from {@link PriokitAutoConfiguration}, which runs on Spring Boot 3 as on 4.
 */
@SuppressWarnings("exports") // the actuator is an optional module: see module-info
@AutoConfiguration(after = PriokitAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnBean(PriokitClient.class)
@ConditionalOnEnabledHealthIndicator("prioticket")
public class PriokitBoot3HealthAutoConfiguration {

  /** Created by Spring Boot's auto-configuration. */
  public PriokitBoot3HealthAutoConfiguration() {}

  /**
   * The indicator, unless the application has one of that name.
   *
   * @param client the client whose API to check
   * @param properties the {@code priokit.health.*} properties
   * @return the indicator
   */
  @Bean
  @ConditionalOnMissingBean(name = "prioticketHealthIndicator")
  public PrioticketHealthIndicator prioticketHealthIndicator(PriokitClient client, PriokitProperties properties) {
    return new PrioticketHealthIndicator(client, properties.getHealth().getTimeout(),
        properties.getHealth().getRefreshAfter());
  }
}
