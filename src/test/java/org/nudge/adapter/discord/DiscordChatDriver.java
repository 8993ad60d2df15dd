package org.nudge.adapter.discord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nudge.scenario.ChatDriver;

/**
 * The shared scenarios on Discord: a typed command is turned into the slash-command interaction
 * Discord would send (sub-commands and typed options, from the same table Nudge registers), the
 * reply is read from the interaction callback, and the outbox is dispatched after each command so
 * DMs and channel posts can be read from the fake's records.
 */
final class DiscordChatDriver implements ChatDriver {

  private static final Map<String, String> USERS =
      Map.of(
          "lead", DiscordHarness.LEAD,
          "maria", DiscordHarness.MARIA,
          "alice", DiscordHarness.ALICE,
          "sam", DiscordHarness.SAM);
  private static final Map<String, String> CHANNELS =
      Map.of("mentoring", FakeDiscord.MENTORING, "general", FakeDiscord.GENERAL);

  private final DiscordHarness nudge;

  DiscordChatDriver(DiscordHarness nudge) {
    this.nudge = nudge;
  }

  @Override
  public String command(String user, String text) {
    List<String> words = new ArrayList<>(List.of(text.strip().substring(1).split("\\s+")));
    String name = words.remove(0);
    SlashCommands.Command command =
        SlashCommands.ALL.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    String group = null;
    String sub = null;
    List<SlashCommands.Option> declared = command.options();
    Optional<SlashCommands.Group> g =
        command.groups().stream()
            .filter(x -> !words.isEmpty() && x.name().equals(words.get(0)))
            .findFirst();
    List<SlashCommands.Sub> subs = command.subs();
    if (g.isPresent()) {
      group = words.remove(0);
      subs = g.get().subs();
    }
    if (!subs.isEmpty()) {
      String word = words.isEmpty() ? "" : words.get(0);
      Optional<SlashCommands.Sub> s = subs.stream().filter(x -> x.word().equals(word)).findFirst();
      if (s.isPresent() && !word.isEmpty()) {
        words.remove(0);
      } else {
        s = subs.stream().filter(x -> x.word().isEmpty()).findFirst();
      }
      sub = s.orElseThrow().name();
      declared = s.get().options();
    }
    Map<String, Object> options = fill(declared, words);
    try {
      return nudge.run(USERS.get(user), name, group, sub, options);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      nudge.dispatcher.drain();
    }
  }

  /**
   * Typed words into options: people and channels by their marks, flags by their word, text in
   * order.
   */
  private static Map<String, Object> fill(List<SlashCommands.Option> declared, List<String> words) {
    Map<String, Object> options = new LinkedHashMap<>();
    List<String> rest = new ArrayList<>(words);
    for (SlashCommands.Option o : declared) {
      switch (o.kind()) {
        case USER ->
            take(rest, "@")
                .ifPresent(h -> options.put(o.name(), DiscordHarness.user(USERS.get(h))));
        case CHANNEL ->
            take(rest, "#")
                .ifPresent(h -> options.put(o.name(), DiscordHarness.channel(CHANNELS.get(h))));
        case FLAG -> {
          if (rest.remove(o.word())) {
            options.put(o.name(), true);
          }
        }
        default -> {}
      }
    }
    // An option with a word ("every weekly") takes the word after it.
    for (SlashCommands.Option o : declared) {
      int at =
          o.kind() == SlashCommands.Kind.FLAG || o.word() == null ? -1 : rest.indexOf(o.word());
      if (at >= 0 && at + 1 < rest.size()) {
        rest.remove(at);
        options.put(o.name(), rest.remove(at));
      }
    }
    List<SlashCommands.Option> texts =
        declared.stream()
            .filter(
                o -> o.kind() == SlashCommands.Kind.TEXT || o.kind() == SlashCommands.Kind.NUMBER)
            .filter(o -> o.word() == null)
            .toList();
    for (int i = 0; i < texts.size() && !rest.isEmpty(); i++) {
      SlashCommands.Option o = texts.get(i);
      boolean last = i == texts.size() - 1;
      String value = last ? String.join(" ", rest) : rest.remove(0);
      if (last) {
        rest.clear();
      }
      options.put(o.name(), o.kind() == SlashCommands.Kind.NUMBER ? Integer.valueOf(value) : value);
    }
    return options;
  }

  /**
   * The first word that is a known handle with this mark ({@code @maria}); a #tag is left alone.
   */
  private static Optional<String> take(List<String> words, String mark) {
    for (String w : words) {
      String handle = w.substring(1);
      if (w.startsWith(mark) && (USERS.containsKey(handle) || CHANNELS.containsKey(handle))) {
        words.remove(w);
        return Optional.of(handle);
      }
    }
    return Optional.empty();
  }

  @Override
  public List<String> dmsTo(String user) {
    return shown(FakeDiscord.dmChannel(USERS.get(user)));
  }

  @Override
  public List<String> channelPosts(String channel) {
    return shown(CHANNELS.get(channel));
  }

  /** What people read in each message posted to a channel or DM: its text and embeds. */
  private List<String> shown(String channelId) {
    return nudge.posts(channelId).stream()
        .map(
            post -> {
              StringBuilder text = new StringBuilder(post.path("content").asText(""));
              post.path("embeds")
                  .forEach(
                      e -> {
                        text.append(' ').append(e.path("title").asText(""));
                        text.append(' ').append(e.path("description").asText(""));
                        e.path("fields")
                            .forEach(
                                f ->
                                    text.append('\n')
                                        .append(f.path("name").asText(""))
                                        .append('\n')
                                        .append(f.path("value").asText("")));
                      });
              return plain(text.toString().strip());
            })
        .toList();
  }

  /** Discord markdown back to plain words, so scenarios assert on what people read. */
  private static String plain(String text) {
    return text.replace("**", "");
  }
}
