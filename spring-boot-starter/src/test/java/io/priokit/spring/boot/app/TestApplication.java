package io.priokit.spring.boot.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application with nothing of its own but the starter's auto-configuration. In a package of its
 * own, as an application's is: its component scan must not pick up the starter's classes.
 */
@SpringBootApplication
public class TestApplication {}
