package org.nudge.adapter.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.SlackFilesUploadV2Exception;
import com.slack.api.methods.request.files.FilesUploadV2Request.FilesUploadV2RequestBuilder;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.conversations.ConversationsOpenResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.User;
import com.slack.api.webhook.WebhookResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The few Slack Web API calls Nudge makes, each turning Slack's answer into a value or a {@link
 * SlackCallFailed} sorted into "try later" and "will never work". The only place that holds the bot
 * token; nothing here logs a request or response body.
 */
final class SlackApi {

  /** Errors that say Slack itself had trouble; the same call may work in a moment. */
  private static final Set<String> TRANSIENT =
      Set.of(
          "ratelimited",
          "rate_limited",
          "internal_error",
          "fatal_error",
          "service_unavailable",
          "request_timeout",
          "team_added_to_org");

  private final Slack slack;
  private final MethodsClient methods;

  private final String botToken;
  private final java.net.http.HttpClient http =
      java.net.http.HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(java.net.http.HttpClient.Redirect.NORMAL)
          .build();

  SlackApi(Slack slack, String botToken) {
    this.slack = slack;
    this.methods = slack.methods(botToken);
    this.botToken = botToken;
  }

  /** A file shared with Nudge, as {@code files.info} describes it. */
  record FileInfo(String id, String name, long size, String downloadUrl) {}

  /** What Slack says about a file; needs the {@code files:read} scope. */
  FileInfo fileInfo(String fileId) throws SlackCallFailed {
    com.slack.api.model.File file =
        call("files.info", () -> methods.filesInfo(r -> r.file(fileId))).getFile();
    if (file == null || file.getUrlPrivateDownload() == null) {
      throw new SlackCallFailed("files.info", "file_not_found", false, null);
    }
    return new FileInfo(
        file.getId(),
        file.getName(),
        file.getSize() == null ? 0 : file.getSize(),
        file.getUrlPrivateDownload());
  }

  /**
   * Downloads a private file with the bot token in the Authorization header, as Slack's docs ask;
   * at most {@code maxBytes} plus one are read, so a larger file is known to be too large.
   */
  byte[] download(String url, int maxBytes) throws SlackCallFailed {
    java.net.http.HttpRequest request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + botToken)
            .GET()
            .build();
    try {
      java.net.http.HttpResponse<java.io.InputStream> response =
          http.send(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
      try (java.io.InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new SlackCallFailed(
              "file download",
              "http_" + response.statusCode(),
              response.statusCode() >= 500 || response.statusCode() == 429,
              null);
        }
        return body.readNBytes(maxBytes + 1);
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new SlackCallFailed("file download", "io", true, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SlackCallFailed("file download", "interrupted", true, null);
    }
  }

  /** The user with this e-mail address, if any; needs {@code users:read.email}. */
  Optional<User> userByEmail(String email) throws SlackCallFailed {
    try {
      return Optional.ofNullable(
          call("users.lookupByEmail", () -> methods.usersLookupByEmail(r -> r.email(email)))
              .getUser());
    } catch (SlackCallFailed e) {
      if (e.error().equals("users_not_found")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Every user of the workspace, page by page ({@code users.list}, 200 a page). */
  List<User> allUsers() throws SlackCallFailed {
    List<User> users = new ArrayList<>();
    String cursor = null;
    do {
      String page = cursor;
      var response =
          call(
              "users.list",
              () -> methods.usersList(r -> r.limit(200).cursor(page == null ? null : page)));
      if (response.getMembers() != null) {
        users.addAll(response.getMembers());
      }
      cursor =
          response.getResponseMetadata() == null
              ? null
              : response.getResponseMetadata().getNextCursor();
    } while (cursor != null && !cursor.isEmpty());
    return users;
  }

  /** Who the bot is; fails when the token is wrong or Slack can't be reached. */
  AuthTestResponse authTest() throws SlackCallFailed {
    return call("auth.test", () -> methods.authTest(r -> r));
  }

  /** The id of the direct conversation with {@code userId}, opening it if needed. */
  String openDirect(String userId) throws SlackCallFailed {
    ConversationsOpenResponse response =
        call("conversations.open", () -> methods.conversationsOpen(r -> r.users(List.of(userId))));
    return response.getChannel().getId();
  }

  /**
   * The id of the group DM of {@code userIds} and Nudge (Slack adds the bot itself), opening it if
   * needed; needs the {@code mpim:write} scope.
   */
  String openGroup(List<String> userIds) throws SlackCallFailed {
    ConversationsOpenResponse response =
        call("conversations.open", () -> methods.conversationsOpen(r -> r.users(userIds)));
    return response.getChannel().getId();
  }

  /** Posts one rendered message (fallback text plus blocks) to a channel or DM channel. */
  void postMessage(String channel, BlockKit.Rendered message) throws SlackCallFailed {
    postMessage(channel, message, null);
  }

  /** As {@link #postMessage(String, BlockKit.Rendered)}, in the thread of {@code threadTs}. */
  void postMessage(String channel, BlockKit.Rendered message, String threadTs)
      throws SlackCallFailed {
    call(
        "chat.postMessage",
        () ->
            methods.chatPostMessage(
                r ->
                    r.channel(channel)
                        .threadTs(threadTs)
                        .text(message.fallback())
                        .blocksAsString(message.blocksJson())
                        .unfurlLinks(false)
                        .unfurlMedia(false)));
  }

  /**
   * Uploads a text file into a channel or DM channel with {@code files.uploadV2}: the SDK asks
   * {@code files.getUploadURLExternal} for an upload URL, sends the bytes there, and shares the
   * file with {@code files.completeUploadExternal}. Needs the {@code files:write} scope.
   */
  void uploadFile(String channel, String fileName, String title, String content)
      throws SlackCallFailed {
    upload(channel, r -> r.filename(fileName).title(title).content(content));
  }

  /**
   * Uploads a picture the same way, with its alt text (Slack reads {@code alt_txt}, at most 1,000
   * characters, to screen readers).
   */
  void uploadImage(String channel, String fileName, String title, byte[] png, String altText)
      throws SlackCallFailed {
    String alt = altText.length() > 1000 ? altText.substring(0, 999) + "…" : altText;
    upload(channel, r -> r.filename(fileName).title(title).fileData(png).altTxt(alt));
  }

  private void upload(String channel, UnaryOperator<FilesUploadV2RequestBuilder> file)
      throws SlackCallFailed {
    try {
      call(
          "files.uploadV2",
          () -> methods.filesUploadV2(r -> file.apply(r.channel(channel)).requestFileInfo(false)));
    } catch (SlackFilesUploadV2Exception e) {
      // The SDK's multi-step upload failed part way: name the step Slack refused.
      for (var url : e.getGetURLResponses()) {
        if (!url.isOk()) {
          String error = url.getError() == null ? "unknown_error" : url.getError();
          throw new SlackCallFailed(
              "files.getUploadURLExternal", error, TRANSIENT.contains(error), null);
        }
      }
      if (e.getCompleteResponse() != null && !e.getCompleteResponse().isOk()) {
        String error = e.getCompleteResponse().getError();
        throw new SlackCallFailed(
            "files.completeUploadExternal",
            error == null ? "unknown_error" : error,
            TRANSIENT.contains(error),
            null);
      }
      throw new SlackCallFailed("files.uploadV2", "upload_failed", true, null);
    }
  }

  /** Opens a modal; the trigger id is good for 3 seconds after the user's click or command. */
  void openView(String triggerId, String viewJson) throws SlackCallFailed {
    call("views.open", () -> methods.viewsOpen(r -> r.triggerId(triggerId).viewAsString(viewJson)));
  }

  /** A user's name and timezone, or empty when Slack does not know them. */
  Optional<User> userInfo(String userId) throws SlackCallFailed {
    try {
      UsersInfoResponse response = call("users.info", () -> methods.usersInfo(r -> r.user(userId)));
      return Optional.ofNullable(response.getUser());
    } catch (SlackCallFailed e) {
      if (e.error().equals("user_not_found")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Posts to an interaction's {@code response_url} (an ephemeral reply after the ack). The URL
   * comes from Slack's own payload, so it carries no token of ours.
   */
  void respond(String responseUrl, String json) throws SlackCallFailed {
    WebhookResponse response;
    try {
      response = slack.send(responseUrl, json);
    } catch (IOException e) {
      throw new SlackCallFailed("response_url", "io", true, null);
    }
    int code = response.getCode() == null ? 0 : response.getCode();
    if (code == 429) {
      throw new SlackCallFailed("response_url", "http_429", true, null);
    }
    if (code >= 500) {
      throw new SlackCallFailed("response_url", "http_" + code, true, null);
    }
    if (code != 200) {
      throw new SlackCallFailed("response_url", "http_" + code, false, null);
    }
  }

  /** One Web API call with its outcome sorted. */
  private static <T extends SlackApiTextResponse> T call(String method, ApiCall<T> call)
      throws SlackCallFailed {
    T response;
    try {
      response = call.run();
    } catch (SlackApiException e) {
      int status = e.getResponse().code();
      Duration retryAfter = retryAfter(e.getResponse().header("Retry-After"));
      boolean again = status == 429 || status >= 500 || status == 408;
      throw new SlackCallFailed(method, "http_" + status, again, retryAfter);
    } catch (IOException e) {
      throw new SlackCallFailed(method, "io", true, null);
    }
    if (!response.isOk()) {
      String error = response.getError() == null ? "unknown_error" : response.getError();
      throw new SlackCallFailed(method, error, TRANSIENT.contains(error), null);
    }
    return response;
  }

  static Duration retryAfter(String header) {
    if (header == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.strip());
      return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @FunctionalInterface
  private interface ApiCall<T> {
    T run() throws IOException, SlackApiException;
  }
}
