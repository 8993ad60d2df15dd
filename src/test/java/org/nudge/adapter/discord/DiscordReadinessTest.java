package org.nudge.adapter.discord;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Discord's part in /healthz")
class DiscordReadinessTest {

  @Test
  @DisplayName("Discord counts as connected once started, and no longer once stopped")
  void connectedWhileTheGatewayIsUp() throws Exception {
    try (DiscordHarness harness = new DiscordHarness()) {
      assertThat(harness.adapter.connected()).isTrue();

      harness.adapter.close();

      assertThat(harness.adapter.connected()).isFalse();
    }
  }
}
