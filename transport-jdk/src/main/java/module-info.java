/** priokit's transport over the JDK's own {@code java.net.http.HttpClient}. */
module io.priokit.transport.jdk {
  requires transitive io.priokit.core;
  requires static com.google.guice;

  exports io.priokit.transport.jdk;

  provides io.priokit.spi.HttpTransportFactory with io.priokit.transport.jdk.JdkTransportFactory;
}
