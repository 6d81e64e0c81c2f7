/**
 * priokit's fair-use budget and health poller shared by a fleet through Redis (Lettuce): every
 * instance behind one egress IP stays within the API's per-IP limits together.
 */
@SuppressWarnings("requires-automatic")
module io.priokit.redis {
  requires transitive io.priokit.core;
  requires lettuce.core;
  requires static com.google.guice;

  exports io.priokit.redis;
}
