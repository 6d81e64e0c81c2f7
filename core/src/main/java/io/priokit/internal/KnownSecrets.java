package io.priokit.internal;

import java.net.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Every secret a client sends: its client secret and Basic credential, and the access tokens it has
 * used lately. Whatever text the client builds from what a server or a library said (an error body,
 * a header, a failure message) goes through {@link #scrub} before a caller or a log sees it, since a
 * server may echo what it was sent.
 */
public final class KnownSecrets {

  /** How many recent tokens are remembered: enough for the refreshes of a long-lived client. */
  private static final int RECENT_TOKENS = 8;

  private static final String HIDDEN = "****";

  private final Set<String> fixed = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedDeque<String> tokens = new ConcurrentLinkedDeque<>();
  private volatile String lastToken;

  /** Remembers a secret for the client's lifetime, such as the client secret. Blank ones are ignored. */
  public void add(String secret) {
    if (secret != null && !secret.isBlank()) {
      fixed.add(secret);
    }
  }

  /** Remembers an access token about to be sent; cheap when it is the same as the last one. */
  void addToken(String token) {
    if (token == null || token.equals(lastToken) || token.isBlank()) {
      return;
    }
    lastToken = token;
    if (!tokens.contains(token)) {
      tokens.addFirst(token);
      while (tokens.size() > RECENT_TOKENS) {
        tokens.pollLast();
      }
    }
  }

  /** Whether nothing is known yet. */
  boolean isEmpty() {
    return fixed.isEmpty() && tokens.isEmpty();
  }

  /**
   * The text with every known secret replaced by {@code ****}, as sent and as a JSON encoder may
   * echo it (with {@code \/} for {@code /}, and escaped quotes and backslashes).
   *
   * @param text any text; {@code null} stays {@code null}
   * @return the scrubbed text
   */
  public String scrub(String text) {
    if (text == null || text.isEmpty() || isEmpty()) {
      return text;
    }
    String scrubbed = text;
    for (String secret : snapshot()) {
      scrubbed = scrubbed.replace(secret, HIDDEN)
          .replace(secret.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"), HIDDEN)
          .replace(secret.replace("\\", "\\\\").replace("\"", "\\\""), HIDDEN);
    }
    return scrubbed;
  }

  /**
   * The headers with every known secret scrubbed from their values, as a server may echo a token in
   * {@code WWW-Authenticate} or any header of its own.
   *
   * @param headers headers as received
   * @return the same headers when none holds a secret, else a scrubbed copy
   */
  public HttpHeaders scrub(HttpHeaders headers) {
    if (isEmpty()) {
      return headers;
    }
    Map<String, List<String>> scrubbed = new LinkedHashMap<>();
    boolean changed = false;
    for (Map.Entry<String, List<String>> header : headers.map().entrySet()) {
      List<String> values = header.getValue().stream().map(this::scrub).toList();
      changed |= !values.equals(header.getValue());
      scrubbed.put(header.getKey(), values);
    }
    return changed ? HttpHeaders.of(scrubbed, (name, value) -> true) : headers;
  }

  /** Longest first, so that a secret containing another is hidden whole. */
  private List<String> snapshot() {
    java.util.ArrayList<String> all = new java.util.ArrayList<>(fixed);
    all.addAll(tokens);
    all.sort((a, b) -> Integer.compare(b.length(), a.length()));
    return all;
  }
}
