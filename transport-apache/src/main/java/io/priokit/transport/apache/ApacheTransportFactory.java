package io.priokit.transport.apache;

import io.priokit.spi.HttpTransport;
import io.priokit.spi.HttpTransportFactory;
import io.priokit.spi.TransportOptions;

/** Creates {@link ApacheHttpTransport}s; registered with {@link java.util.ServiceLoader} as {@code apache}. */
public final class ApacheTransportFactory implements HttpTransportFactory {

  /** For {@link java.util.ServiceLoader}; prefer {@link ApacheHttpTransport#factory()}. */
  public ApacheTransportFactory() {}

  @Override
  public String name() {
    return "apache";
  }

  @Override
  public HttpTransport create(TransportOptions options) {
    return ApacheHttpTransport.create(options);
  }
}
