package io.priokit.transport.jdk;

import io.priokit.spi.HttpTransport;
import io.priokit.spi.HttpTransportFactory;
import io.priokit.spi.TransportOptions;

/** Creates {@link JdkHttpTransport}s; registered with {@link java.util.ServiceLoader} as {@code jdk}. */
public final class JdkTransportFactory implements HttpTransportFactory {

  /** For {@link java.util.ServiceLoader}; prefer {@link JdkHttpTransport#factory()}. */
  public JdkTransportFactory() {}

  @Override
  public String name() {
    return "jdk";
  }

  @Override
  public HttpTransport create(TransportOptions options) {
    return JdkHttpTransport.create(options);
  }
}
