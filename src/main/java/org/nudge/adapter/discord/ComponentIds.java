package org.nudge.adapter.discord;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.nudge.engine.model.Form;

/**
 * The custom ids Nudge gives Discord components, and the small caches behind them. A button's
 * custom id carries the engine's action id and value ({@code b|id|value}) when they fit Discord's
 * 100 characters; otherwise a token into a cache. A form button ({@code f|id}) opens the form from
 * the cache at once, since a modal must be the first answer to a click; on a cache miss (restart,
 * another node) the click goes to the engine, which answers with the form again. The caches are
 * only caches: losing them costs a round trip or an "expired" sentence, never data.
 */
final class ComponentIds {

  static final int MAX = 100;
  private static final int CACHE_SIZE = 2_000;

  private final Map<String, String[]> actions = lru();
  private final Map<String, Form> forms = lru();

  private static <V> Map<String, V> lru() {
    return Collections.synchronizedMap(
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
            return size() > CACHE_SIZE;
          }
        });
  }

  /** A decoded custom id: what kind of component, the engine's id, and the value if any. */
  record Decoded(Kind kind, String id, String value) {}

  enum Kind {
    BUTTON,
    CHOICE,
    FORM,
    MODAL,
    UNKNOWN
  }

  String button(String id, String value) {
    String v = value == null ? "" : value;
    String plain = "b|" + id + "|" + v;
    if (plain.length() <= MAX && !id.contains("|")) {
      return plain;
    }
    String token = UUID.randomUUID().toString();
    actions.put(token, new String[] {id, v});
    return "k|" + token;
  }

  String choice(String id) {
    return fit("c|" + id);
  }

  /** A button that opens {@code form}; {@code recipient} is the user id, or "*" in a channel. */
  String openForm(String id, Form form, String recipient) {
    forms.put(recipient + "/" + id, form);
    return fit("f|" + id);
  }

  String modal(String formId) {
    return fit("m|" + formId);
  }

  /** The form a form button offered this user, if still cached. */
  Optional<Form> cachedForm(String id, String userId) {
    Form form = forms.get(userId + "/" + id);
    return Optional.ofNullable(form != null ? form : forms.get("*/" + id));
  }

  Decoded decode(String customId) {
    if (customId == null || customId.length() < 2 || customId.charAt(1) != '|') {
      return new Decoded(Kind.UNKNOWN, customId, "");
    }
    String rest = customId.substring(2);
    switch (customId.charAt(0)) {
      case 'b' -> {
        int bar = rest.indexOf('|');
        return bar < 0
            ? new Decoded(Kind.BUTTON, rest, "")
            : new Decoded(Kind.BUTTON, rest.substring(0, bar), rest.substring(bar + 1));
      }
      case 'k' -> {
        String[] known = actions.get(rest);
        return known == null
            ? new Decoded(Kind.UNKNOWN, rest, "")
            : new Decoded(Kind.BUTTON, known[0], known[1]);
      }
      case 'c' -> {
        // A long choice is split over several menus, "c|id|2" and so on: one engine choice.
        return new Decoded(Kind.CHOICE, rest.replaceFirst("\\|\\d+$", ""), "");
      }
      case 'f' -> {
        return new Decoded(Kind.FORM, rest, "");
      }
      case 'm' -> {
        return new Decoded(Kind.MODAL, rest, "");
      }
      default -> {
        return new Decoded(Kind.UNKNOWN, customId, "");
      }
    }
  }

  private static String fit(String customId) {
    if (customId.length() > MAX) {
      throw new IllegalArgumentException(
          "A Discord custom id is at most " + MAX + " characters: " + customId);
    }
    return customId;
  }
}
