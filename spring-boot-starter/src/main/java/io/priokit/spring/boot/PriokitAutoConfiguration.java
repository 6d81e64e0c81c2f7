package io.priokit.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.priokit.ClientCredentials;
import io.priokit.Environment;
import io.priokit.FairUsePolicy;
import io.priokit.PriokitClient;
import io.priokit.RetryPolicy;
import io.priokit.error.ConfigurationException;
import io.priokit.micrometer.PriokitMeterObservationHandler;
import io.priokit.micrometer.PriokitMicrometer;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Makes one {@link PriokitClient} from the {@code priokit.*} properties, unless the application
 * declares its own; with the actuator, the {@code prioticket} health indicator, and priokit's
 * observations and meters on the application's registries. Each bean gives way to one of the
 * application's of the same type (the indicator: of the same name).
 */
// After the meter and observation registries, of Spring Boot 4 and of Spring Boot 3 (with
// priokit-spring-boot3-starter): the Micrometer binding depends on them.
@AutoConfiguration(afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration"})
@ConditionalOnClass(PriokitClient.class)
@EnableConfigurationProperties(PriokitProperties.class)
public class PriokitAutoConfiguration {

  /** Where the client id is read when {@code priokit.client-id} is unset, as the health command reads it. */
  static final String CLIENT_ID_VARIABLE = "PRIOTICKET_CLIENT_ID";

  /** Where the client secret is read when {@code priokit.client-secret} is unset. */
  static final String CLIENT_SECRET_VARIABLE = "PRIOTICKET_CLIENT_SECRET";

  /** Created by Spring Boot's auto-configuration. */
  public PriokitAutoConfiguration() {}

  /**
   * The client, closed with the application context.
   *
   * @param properties the {@code priokit.*} properties
   * @param customizers the application's changes to the builder, in their order
   * @param environment where {@code PRIOTICKET_CLIENT_ID} and {@code PRIOTICKET_CLIENT_SECRET} are
   *     read when the properties leave the credentials out
   * @return the client
   * @throws ConfigurationException saying which property to fix, if the properties make no client
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public PriokitClient priokitClient(PriokitProperties properties, ObjectProvider<PriokitClientCustomizer> customizers,
      org.springframework.core.env.Environment environment) {
    PriokitClient.Builder builder = builderFrom(properties, environment);
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  /**
   * A client builder with the properties applied.
   *
   * @param properties the {@code priokit.*} properties
   * @param environment the application's environment, for the credentials' variables
   * @return the builder
   * @throws ConfigurationException saying which property to fix
   */
  static PriokitClient.Builder builderFrom(PriokitProperties properties,
      org.springframework.core.env.Environment environment) {
    PriokitClient.Builder builder = PriokitClient.builder().environment(environment(properties.getEnvironment()));
    credentials(orVariable(properties.getClientId(), environment, CLIENT_ID_VARIABLE),
        orVariable(properties.getClientSecret(), environment, CLIENT_SECRET_VARIABLE), properties.getScope(), builder);
    ifSet(properties.getTransport(), builder::transport);
    ifSet(properties.getConnectTimeout(), builder::connectTimeout);
    ifSet(properties.getCallTimeout(), builder::callTimeout);
    ifSet(properties.getDeadline(), builder::deadline);
    ifSet(properties.getMaxConnections(), builder::maxConnections);
    ifSet(properties.getMaxResponseBytes(), builder::maxResponseBytes);
    ifSet(properties.getAppName(), builder::appName);
    ifSet(properties.getAppVersion(), builder::appVersion);
    builder.allowPlaintext(properties.isAllowPlaintext());
    builder.retryPolicy(retryPolicy(properties.getRetry()));
    builder.fairUse(fairUse(properties.getFairUse()));
    NetOptionsFromProperties.tls(properties.getTls()).ifPresent(builder::tls);
    NetOptionsFromProperties.proxy(properties.getProxy()).ifPresent(builder::proxy);
    return builder;
  }

  private static Environment environment(String environment) {
    if (environment == null || environment.isBlank()) {
      throw new ConfigurationException("No Prioticket environment: set priokit.environment to production, sandbox, "
          + "staging, internal or a base URI such as http://localhost:8080/v3.8/distributor.");
    }
    return environment.contains("://") ? Environment.custom(environment.strip()) : Environment.named(environment);
  }

  /** The property's value, or the environment variable's (the health command's too) when it is unset. */
  private static String orVariable(String property, org.springframework.core.env.Environment environment,
      String variable) {
    return hasText(property) ? property : environment.getProperty(variable);
  }

  private static void credentials(String clientId, String clientSecret, String scope, PriokitClient.Builder builder) {
    boolean id = hasText(clientId);
    boolean secret = hasText(clientSecret);
    if (id != secret) {
      throw new ConfigurationException("priokit." + (id ? "client-id" : "client-secret") + " (or "
          + (id ? CLIENT_ID_VARIABLE : CLIENT_SECRET_VARIABLE) + ") is set but priokit."
          + (id ? "client-secret" : "client-id") + " (or " + (id ? CLIENT_SECRET_VARIABLE : CLIENT_ID_VARIABLE)
          + ") is not: set both for OAuth2 client credentials, or neither.");
    }
    if (id) {
      builder.credentials(hasText(scope) ? ClientCredentials.of(clientId, clientSecret, scope)
          : ClientCredentials.of(clientId, clientSecret));
    }
  }

  private static RetryPolicy retryPolicy(PriokitProperties.Retry retry) {
    RetryPolicy policy = RetryPolicy.defaults();
    if (retry.getMaxAttempts() != null) {
      policy = policy.withMaxAttempts(retry.getMaxAttempts());
    }
    if (retry.getInitialBackoff() != null || retry.getMaxBackoff() != null) {
      policy = policy.withBackoff(
          retry.getInitialBackoff() != null ? retry.getInitialBackoff() : policy.initialBackoff(),
          retry.getMaxBackoff() != null ? retry.getMaxBackoff() : policy.maxBackoff());
    }
    if (retry.getInternalServerError() != null) {
      policy = policy.withRetryInternalServerError(retry.getInternalServerError());
    }
    return policy;
  }

  private static FairUsePolicy fairUse(PriokitProperties.FairUse fairUse) {
    if (!fairUse.isEnabled()) {
      return FairUsePolicy.disabled();
    }
    FairUsePolicy defaults = FairUsePolicy.defaults();
    int clientErrors = fairUse.getClientErrorsPerMinute() != null ? fairUse.getClientErrorsPerMinute()
        : defaults.clientErrorsPerWindow();
    int requests = fairUse.getRequestsPerMinute() != null ? fairUse.getRequestsPerMinute()
        : defaults.requestsPerWindow();
    return new FairUsePolicy(clientErrors, requests);
  }

  private static <T> void ifSet(T value, Consumer<T> setter) {
    if (value instanceof String text ? hasText(text) : value != null) {
      setter.accept(value);
    }
  }

  private static boolean hasText(String text) {
    return text != null && !text.isBlank();
  }

  /** The {@code prioticket} health indicator, with the actuator's health support. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  @ConditionalOnEnabledHealthIndicator("prioticket")
  static class HealthConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "prioticketHealthIndicator")
    PrioticketHealthIndicator prioticketHealthIndicator(PriokitClient client, PriokitProperties properties) {
      return new PrioticketHealthIndicator(client, properties.getHealth().getTimeout(),
          properties.getHealth().getRefreshAfter());
    }
  }

  /** priokit's observations and meters, when the application has a meter registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({MeterRegistry.class, PriokitMicrometer.class})
  @ConditionalOnBean(MeterRegistry.class)
  static class MicrometerConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PriokitMicrometer priokitMicrometer(MeterRegistry meters, ObjectProvider<ObservationRegistry> observations) {
      PriokitMicrometer.Builder builder = PriokitMicrometer.builder().meterRegistry(meters);
      observations.ifAvailable(builder::observationRegistry);
      return builder.build();
    }

    @Bean
    @Order(0)
    PriokitClientCustomizer priokitMicrometerCustomizer(PriokitMicrometer micrometer) {
      return builder -> builder.listener(micrometer);
    }

    /**
     * Times priokit's calls at half the cost of Micrometer's own meter handler, and without its long
     * task timer, which costs microseconds a call with hundreds in flight. Spring Boot puts meter
     * handlers in one first-matching group, in bean order: this one comes first and takes priokit's
     * observations only.
     */
    @Bean
    @Order(0)
    @ConditionalOnMissingBean
    PriokitMeterObservationHandler priokitMeterObservationHandler(MeterRegistry meters) {
      return new PriokitMeterObservationHandler(meters);
    }
  }
}
