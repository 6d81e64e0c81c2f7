package io.priokit.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Fresh {@code App-Reference} values: random version-4 UUIDs, cheap enough for every call. */
public final class AppReferences {

  /** The default way of making references: {@link #next()}, whose references need no checking. */
  public static final java.util.function.Supplier<String> RANDOM = AppReferences::next;

  private AppReferences() {}

  /**
   * A new random UUID. Uniqueness, not secrecy, is what a reference needs, so it draws from
   * {@link ThreadLocalRandom} instead of the slower, contended {@link java.security.SecureRandom}.
   *
   * @return a UUID in its usual text form
   */
  public static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low).toString();
  }
}
