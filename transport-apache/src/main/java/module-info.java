/** priokit's transport over Apache HttpClient 5's async client. */
module io.priokit.transport.apache {
  requires transitive io.priokit.core;
  requires org.apache.httpcomponents.client5.httpclient5;
  requires org.apache.httpcomponents.core5.httpcore5;
  requires org.apache.httpcomponents.core5.httpcore5.h2;
  requires org.slf4j;
  requires static com.google.guice;

  exports io.priokit.transport.apache;

  provides io.priokit.spi.HttpTransportFactory with io.priokit.transport.apache.ApacheTransportFactory;
}
