package org.nudge.scenario;

import java.util.List;
import java.util.Map;

/**
 * A chat platform as a scenario sees it: people, identified by handles the scenario picks ({@code
 * "lead"}, {@code "maria"}), type commands as they would in chat and read what reached them. Each
 * platform's test implements it on its real adapter (console, Slack, Discord), so one scenario runs
 * everywhere. Command text uses {@code @handle} for people and {@code #handle} for channels; the
 * driver turns them into the platform's own mentions.
 */
public interface ChatDriver {

  /**
   * {@code user} types {@code text} (like {@code /win shipped it --share}) where commands are typed
   * (a server channel, a Slack channel, the terminal); returns what only they saw in reply.
   */
  String command(String user, String text);

  /** Everything delivered to {@code user}'s direct conversation so far, oldest first. */
  List<String> dmsTo(String user);

  /** Everything posted to {@code channel} so far, oldest first. */
  List<String> channelPosts(String channel);

  /**
   * {@code user} types {@code text}, a command whose answer is a form (a modal where the platform
   * has them), fills in its fields with {@code values} by field id and submits it; returns what
   * only they saw in reply to the submission.
   */
  String submitForm(String user, String text, Map<String, String> values);
}
