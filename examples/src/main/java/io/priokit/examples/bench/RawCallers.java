package io.priokit.examples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.io.CloseMode;

/**
 * The baselines: each HTTP library used by hand, as a careful developer would for this one GET: the
 * library's own client with the same pool size, a request built per call with the headers the API
 * asks for ({@code Accept}, {@code Accept-Encoding}, {@code App-Name}, {@code App-Version} and a
 * fresh {@code App-Reference} from {@link UUID#randomUUID()}), the body read whole and parsed with
 * Jackson. The same GET priokit sends, then, without priokit.
 */
final class RawCallers {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RawCallers() {}

  /** The request headers of one call, a fresh {@code App-Reference} included. */
  static Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    headers.put("Accept-Encoding", "gzip");
    headers.put("App-Name", "priokit-bench");
    headers.put("App-Version", "1.0");
    headers.put("App-Reference", UUID.randomUUID().toString());
    return headers;
  }

  static URI status(URI baseUri) {
    return URI.create(baseUri + "/system/status");
  }

  static Object parse(byte[] body) {
    try {
      JsonNode tree = JSON.readTree(body);
      return tree.get("status").asText();
    } catch (IOException malformed) {
      throw new UncheckedIOException(malformed);
    }
  }

  /** {@code java.net.http.HttpClient} as it comes: {@code HttpClient.newHttpClient()}. */
  static final class Jdk implements StatusCaller {
    private final HttpClient client = HttpClient.newHttpClient();
    private final URI status;

    Jdk(URI baseUri) {
      status = status(baseUri);
    }

    private HttpRequest request() {
      HttpRequest.Builder request = HttpRequest.newBuilder(status).version(HttpClient.Version.HTTP_1_1).GET();
      headers().forEach(request::header);
      return request.build();
    }

    @Override
    public Object call() throws Exception {
      return parse(client.send(request(), HttpResponse.BodyHandlers.ofByteArray()).body());
    }

    @Override
    public CompletableFuture<?> callAsync() {
      return client.sendAsync(request(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(r -> parse(r.body()));
    }

    @Override
    public void close() {
      if (client instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception ignored) {
          // nothing to do on JDK 17, where the client has no close()
        }
      }
    }
  }

  /** Apache HttpClient 5's async client, started, with a pool of the same size. */
  static final class Apache implements StatusCaller {
    private final CloseableHttpAsyncClient client;
    private final URI status;

    Apache(URI baseUri, int maxConnections) {
      this.status = status(baseUri);
      client = HttpAsyncClients.custom()
          .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
              .setMaxConnTotal(maxConnections).setMaxConnPerRoute(maxConnections).build())
          .build();
      client.start();
    }

    @Override
    public Object call() throws Exception {
      return callAsync().get(60, TimeUnit.SECONDS);
    }

    @Override
    public CompletableFuture<?> callAsync() {
      CompletableFuture<Object> done = new CompletableFuture<>();
      SimpleHttpRequest request = SimpleHttpRequest.create("GET", status);
      headers().forEach(request::addHeader);
      client.execute(request, new FutureCallback<SimpleHttpResponse>() {
        @Override
        public void completed(SimpleHttpResponse response) {
          done.complete(parse(response.getBodyBytes()));
        }

        @Override
        public void failed(Exception failure) {
          done.completeExceptionally(failure);
        }

        @Override
        public void cancelled() {
          done.cancel(false);
        }
      });
      return done;
    }

    @Override
    public void close() {
      client.close(CloseMode.GRACEFUL);
    }
  }

  /** Vert.x's HTTP client on a {@code Vertx} of its own, with a pool of the same size. */
  static final class Vertx implements StatusCaller {
    private final io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    private final HttpClientAgent client;
    private final String status;

    Vertx(URI baseUri, int maxConnections) {
      client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
          new PoolOptions().setHttp1MaxSize(maxConnections));
      status = status(baseUri).toString();
    }

    @Override
    public Object call() throws Exception {
      return callAsync().get(60, TimeUnit.SECONDS);
    }

    @Override
    public CompletableFuture<?> callAsync() {
      RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(status);
      headers().forEach(options::putHeader);
      return client.request(options)
          .compose(request -> request.send().compose(HttpClientResponse::body))
          .map(Buffer::getBytes)
          .map(RawCallers::parse)
          .toCompletionStage().toCompletableFuture();
    }

    @Override
    public void close() throws Exception {
      client.close().await(10, TimeUnit.SECONDS);
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
