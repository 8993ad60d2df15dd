package org.nudge.adapter.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Slack's Socket Mode end on loopback: greets each connection with {@code hello}, sends the
 * envelopes a test gives it, and records what the app sends back (acks with their payloads).
 */
final class FakeSocketModeServer extends WebSocketServer {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch connected = new CountDownLatch(1);
  private final List<WebSocket> sockets = new CopyOnWriteArrayList<>();
  private final List<JsonNode> acks = new CopyOnWriteArrayList<>();

  FakeSocketModeServer() {
    super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    setReuseAddr(true);
  }

  void startAndWait() throws InterruptedException {
    start();
    if (!started.await(5, TimeUnit.SECONDS)) {
      throw new AssertionError("The fake Socket Mode server did not start");
    }
  }

  String url() {
    return "ws://127.0.0.1:" + getPort() + "/link/?ticket=test";
  }

  void awaitConnection() throws InterruptedException {
    if (!connected.await(5, TimeUnit.SECONDS)) {
      throw new AssertionError("Nudge did not connect over Socket Mode");
    }
  }

  /** Closes every connection as Slack does when it moves the app to another server. */
  void dropConnections() {
    sockets.forEach(socket -> socket.close(1001, "going away"));
  }

  void send(String envelope) {
    sockets.forEach(socket -> socket.send(envelope));
  }

  /** The ack for an envelope, once the app has sent it. */
  JsonNode awaitAck(String envelopeId, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      for (JsonNode ack : acks) {
        if (ack.path("envelope_id").asText().equals(envelopeId)) {
          return ack;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("No ack for " + envelopeId + "; acks were " + acks);
  }

  @Override
  public void onOpen(WebSocket socket, ClientHandshake handshake) {
    sockets.add(socket);
    socket.send(
        "{\"type\":\"hello\",\"num_connections\":1,"
            + "\"debug_info\":{\"host\":\"fake-socket-mode\",\"approximate_connection_time\":18060},"
            + "\"connection_info\":{\"app_id\":\"A0NUDGE\"}}");
    connected.countDown();
  }

  @Override
  public void onClose(WebSocket socket, int code, String reason, boolean remote) {
    sockets.remove(socket);
  }

  @Override
  public void onMessage(WebSocket socket, String message) {
    try {
      acks.add(JSON.readTree(message));
    } catch (IOException e) {
      throw new AssertionError("Not JSON: " + message, e);
    }
  }

  @Override
  public void onError(WebSocket socket, Exception e) {
    // A test that needs the connection fails on its own awaits.
  }

  @Override
  public void onStart() {
    started.countDown();
  }
}
