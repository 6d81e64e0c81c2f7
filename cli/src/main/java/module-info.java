/**
 * {@code priokit-health}, the command: checks the Prioticket API once, watches it, or serves its health
 * as Prometheus metrics, Kubernetes probes and a status page. An application, not a library: it exports
 * nothing. The transports are found at run time through {@code io.priokit.spi.HttpTransportFactory}.
 */
module io.priokit.cli {
  requires io.priokit.core;
  requires io.priokit.testkit;
  requires info.picocli;
  requires jdk.httpserver;

  // picocli reads and sets the command's options reflectively.
  opens io.priokit.cli to info.picocli;
}
