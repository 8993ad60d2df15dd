package org.nudge.adapter.discord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nudge.engine.command.CommandSpec.Kind;
import org.nudge.engine.command.CommandSpec.Param;
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
  private final SlashCommands table;

  DiscordChatDriver(DiscordHarness nudge) {
    this.nudge = nudge;
    this.table = new SlashCommands(nudge.features.commands().specs());
  }

  @Override
  public String command(String user, String text) {
    try {
      return nudge.replyText(slash(user, text));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      nudge.dispatcher.drain();
    }
  }

  /** Sends the command as Discord would; returns the interaction's id. */
  private String slash(String user, String text) {
    List<String> words = new ArrayList<>(List.of(text.strip().substring(1).split("\\s+")));
    String name = words.remove(0);
    SlashCommands.Command command = table.command(name).orElseThrow();
    String group = null;
    String sub = null;
    List<Param> declared = command.options();
    Optional<SlashCommands.Group> g =
        command.groups().stream()
            .filter(x -> !words.isEmpty() && x.name().equals(words.get(0)))
            .findFirst();
    List<SlashCommands.Sub> subs = g.isPresent() ? g.get().subs() : command.subs();
    if (g.isPresent()) {
      group = words.remove(0);
    }
    if (!subs.isEmpty()) {
      // The sub-command whose words the typed text starts with, the longest first
      // ("export program" before "export"), else the one that writes no word.
      String typed = String.join(" ", words) + " ";
      SlashCommands.Sub s =
          subs.stream()
              .filter(x -> !x.words().isEmpty() && typed.startsWith(x.words() + " "))
              .max(Comparator.comparingInt(x -> x.words().length()))
              .or(() -> subs.stream().filter(x -> x.words().isEmpty()).findFirst())
              .orElseThrow();
      words.subList(0, s.words().isEmpty() ? 0 : s.words().split(" ").length).clear();
      sub = s.name();
      declared = s.options();
    }
    Map<String, Object> options = fill(declared, words);
    return nudge.slash(USERS.get(user), name, group, sub, options);
  }

  /**
   * The command's first response is a modal (callback type 9); its submission is a modal-submit
   * interaction, whose answer is read like a command's.
   */
  @Override
  public String submitForm(String user, String text, Map<String, String> values) {
    try {
      com.fasterxml.jackson.databind.JsonNode modal = nudge.callback(slash(user, text));
      if (modal.path("type").asInt() != 9) {
        throw new AssertionError("Expected a modal, got " + modal);
      }
      String submitted =
          nudge.modal(USERS.get(user), modal.path("data").path("custom_id").asText(), values);
      return nudge.replyText(submitted);
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
  private static Map<String, Object> fill(List<Param> declared, List<String> words) {
    Map<String, Object> options = new LinkedHashMap<>();
    List<String> rest = new ArrayList<>(words);
    for (Param o : declared) {
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
    for (Param o : declared) {
      int at = o.kind() == Kind.FLAG || o.word() == null ? -1 : rest.indexOf(o.word());
      if (at >= 0 && at + 1 < rest.size()) {
        rest.remove(at);
        options.put(o.name(), rest.remove(at));
      }
    }
    List<Param> texts =
        declared.stream()
            .filter(
                o -> o.kind() == Kind.TEXT || o.kind() == Kind.NUMBER || o.kind() == Kind.CHOICE)
            .filter(o -> o.word() == null)
            .toList();
    for (int i = 0; i < texts.size() && !rest.isEmpty(); i++) {
      Param o = texts.get(i);
      boolean last = i == texts.size() - 1;
      String value = last ? String.join(" ", rest) : rest.remove(0);
      if (last) {
        rest.clear();
      }
      options.put(o.name(), o.kind() == Kind.NUMBER ? Integer.valueOf(value) : value);
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
