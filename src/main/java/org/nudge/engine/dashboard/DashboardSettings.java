package org.nudge.engine.dashboard;

/**
 * Where dashboard links point and what signs them.
 *
 * @param publicUrl the base people reach Nudge's HTTP host at ({@code NUDGE_PUBLIC_URL})
 * @param key the signing key ({@code NUDGE_DASHBOARD_KEY}), or null to generate one once and keep
 *     it in the database, so every node and every restart signs alike
 */
public record DashboardSettings(String publicUrl, String key) {

  public DashboardSettings {
    if (publicUrl == null || !publicUrl.matches("https?://[^\\s?#]+")) {
      throw new IllegalArgumentException("The public URL must be an http(s) URL.");
    }
    publicUrl = publicUrl.replaceAll("/+$", "");
    if (key != null && key.length() < 16) {
      throw new IllegalArgumentException("The dashboard key must be at least 16 characters.");
    }
  }

  public static DashboardSettings local(int port) {
    return new DashboardSettings("http://localhost:" + port, null);
  }

  @Override
  public String toString() {
    // The key signs every link: it never reaches a log.
    return "DashboardSettings[publicUrl="
        + publicUrl
        + ", key="
        + (key == null ? "generated" : "***")
        + "]";
  }
}
