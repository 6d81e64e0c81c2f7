package io.priokit.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application that only adds priokit's starter and a transport: the client, the
 * {@code prioticket} health indicator and the {@code priokit.*} meters come from four properties in
 * {@code application.properties}. Run it with {@code PRIOTICKET_CLIENT_ID} and
 * {@code PRIOTICKET_CLIENT_SECRET} set, then open {@code /actuator/health} and
 * {@code /actuator/metrics}.
 */
@SpringBootApplication
public class PrioticketStatusApplication {

  /**
   * Starts the application.
   *
   * @param args Spring Boot's arguments, such as {@code --priokit.environment=staging}
   */
  public static void main(String[] args) {
    SpringApplication.run(PrioticketStatusApplication.class, args);
  }
}
