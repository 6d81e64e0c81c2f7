package io.priokit.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The headers of one call: the client's fixed headers and this call's {@code App-Reference}, held in
 * the arrays they were built in. Made once per call, so it is cheaper than a hashed map, which no
 * reader needs: transports iterate over the headers, and lookups are rare.
 */
final class RequestHeaders extends AbstractMap<String, String> {

  private final String[] names;
  private final String[] values;
  private final String lastName;
  private final String lastValue;

  /**
   * @param names the fixed header names, shared by every call and never changed
   * @param values their values, in the same order
   * @param lastName one more header of this call
   * @param lastValue its value
   */
  RequestHeaders(String[] names, String[] values, String lastName, String lastValue) {
    this.names = names;
    this.values = values;
    this.lastName = lastName;
    this.lastValue = lastValue;
  }

  @Override
  public int size() {
    return names.length + 1;
  }

  @Override
  public String get(Object name) {
    if (lastName.equals(name)) {
      return lastValue;
    }
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return values[i];
      }
    }
    return null;
  }

  @Override
  public boolean containsKey(Object name) {
    return get(name) != null;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super String> action) {
    for (int i = 0; i < names.length; i++) {
      action.accept(names[i], values[i]);
    }
    action.accept(lastName, lastValue);
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return RequestHeaders.this.size();
      }

      @Override
      public Iterator<Entry<String, String>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next <= names.length;
          }

          @Override
          public Entry<String, String> next() {
            if (next > names.length) {
              throw new NoSuchElementException();
            }
            int at = next++;
            return at < names.length ? Map.entry(names[at], values[at]) : Map.entry(lastName, lastValue);
          }
        };
      }
    };
  }
}
