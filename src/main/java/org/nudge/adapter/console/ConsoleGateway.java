package org.nudge.adapter.console;

import java.io.PrintStream;
import java.time.Clock;
import org.nudge.engine.delivery.ChatGateway;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;

/** Delivers outbox messages by printing them, headed with who receives them. */
final class ConsoleGateway implements ChatGateway {

  private final PrintStream out;

  ConsoleGateway(PrintStream out, Clock clock) {
    this.out = out;
  }

  @Override
  public String platform() {
    return ConsoleAdapter.PLATFORM;
  }

  @Override
  public Delivery deliver(ConversationRef to, Message message) {
    String header =
        to instanceof ConversationRef.Direct direct
            ? "[dm to " + direct.user().userId() + "]"
            : "[#" + ((ConversationRef.Channel) to).channelId() + "]";
    out.println(ConsoleRenderer.render(header, message));
    return new Delivery.Delivered();
  }
}
