package io.priokit.spring.boot3.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Spring Boot 3 application with nothing of its own, in a package of its own as an application's is. */
@SpringBootApplication
public class TestApplication {}
