package io.priokit.redis;

/**
 * The Redis keys of one fleet: all under one prefix in braces, which Redis Cluster reads as a hash tag,
 * so that every key of the fleet lives in one slot and a script may touch several at once.
 *
 * @param prefix the text between the braces, naming the API, the client and the egress
 */
record FleetKeys(String prefix) {

  /** The keys a budget script touches: requests, client errors, permits held, hold after a 429. */
  String[] budget() {
    return new String[] {key("requests"), key("client-errors"), key("permits"), key("hold")};
  }

  /** The keys of a shared health stream: its lease, and its last observation. */
  String[] health(String stream) {
    return new String[] {key("health:" + stream + ":lease"), key("health:" + stream + ":observation")};
  }

  /** The name the fleet's budget goes by in logs and events. */
  String name() {
    return "redis {" + prefix + "}";
  }

  private String key(String name) {
    return "{" + prefix + "}:" + name;
  }
}
