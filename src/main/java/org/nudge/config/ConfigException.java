package org.nudge.config;

/** A configuration problem, said in one sentence that names the key. */
public final class ConfigException extends RuntimeException {

  private final String key;

  public ConfigException(String key, String problem) {
    super("Configuration key " + key + " " + problem + ".");
    this.key = key;
  }

  public String key() {
    return key;
  }
}
