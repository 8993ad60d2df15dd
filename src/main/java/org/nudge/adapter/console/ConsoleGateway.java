package org.nudge.adapter.console;

import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import org.nudge.engine.delivery.ChatGateway;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.UserRef;

/** Delivers outbox messages by printing them, headed with who receives them. */
final class ConsoleGateway implements ChatGateway {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);

  private static final ZoneId UTC = ZoneId.of("UTC");

  private final PrintStream out;
  private final Clock clock;
  private final Function<UserRef, ZoneId> zones;

  private final ChartFiles charts;

  ConsoleGateway(PrintStream out, Clock clock, Function<UserRef, ZoneId> zones, ChartFiles charts) {
    this.out = out;
    this.clock = clock;
    this.zones = zones;
    this.charts = charts;
  }

  @Override
  public String platform() {
    return ConsoleAdapter.PLATFORM;
  }

  /** A pair's space in the console is just a label of both handles: {@code [group maria+alice]}. */
  @Override
  public SpaceOpening openSpace(SpaceToOpen space) {
    return new SpaceOpening.Opened(space.mentor().userId() + "+" + space.mentee().userId());
  }

  @Override
  public Delivery deliver(ConversationRef to, Message message) {
    // Each delivered message opens with the recipient's local time, so a simulated week reads
    // like a week: a prompt lands at 15:00 in Kolkata, not at the server's hour.
    ZoneId zone = to instanceof ConversationRef.Direct direct ? zones.apply(direct.user()) : UTC;
    String when = "[" + WHEN.format(clock.instant().atZone(zone)) + " " + zone.getId() + "] ";
    String header;
    if (to instanceof ConversationRef.Direct direct) {
      header = when + "[dm to " + direct.user().userId() + "]";
    } else if (to instanceof ConversationRef.PairSpace space) {
      header = when + "[group " + space.conversationId() + "]";
    } else {
      header = when + "[#" + ((ConversationRef.Channel) to).channelId() + "]";
    }
    out.println(ConsoleRenderer.render(header, message, charts));
    return new Delivery.Delivered();
  }
}
