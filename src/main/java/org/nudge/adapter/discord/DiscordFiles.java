package org.nudge.adapter.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Discord calls an import needs that JDA doesn't offer as such: downloading an attachment from
 * the URL Discord gave with the interaction, searching a server's members by username ({@code GET
 * /guilds/{guild.id}/members/search}, with the bot token), which needs no privileged intent, and,
 * for a big file, listing them all ({@code GET /guilds/{guild.id}/members}), which needs the Server
 * Members intent enabled for the app.
 */
final class DiscordFiles {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEFAULT_API = "https://discord.com/api/v10/";

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();
  private final String apiUrl;
  private final String token;

  DiscordFiles(String apiUrl, String token) {
    String base = apiUrl == null || apiUrl.isBlank() ? DEFAULT_API : apiUrl;
    this.apiUrl = base.endsWith("/") ? base : base + "/";
    this.token = token;
  }

  /** The attachment's bytes, at most {@code maxBytes} plus one (so a larger file is known). */
  byte[] download(String url, int maxBytes) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build();
    try {
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new IOException("HTTP " + response.statusCode());
        }
        return body.readNBytes(maxBytes + 1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** A member of a server as the search returns it. */
  record Found(String userId, String username, String globalName, String nick) {}

  /** Discord's largest page of {@code GET /guilds/{guild.id}/members}. */
  static final int MEMBERS_PAGE = 1000;

  /**
   * Every member of the server, {@value #MEMBERS_PAGE} a page in order of user id: one call per
   * thousand people instead of one per name. Fails (HTTP 403) when the app hasn't the Server
   * Members intent enabled.
   */
  List<Found> listMembers(String guildId) throws IOException {
    List<Found> all = new ArrayList<>();
    String after = "0";
    while (true) {
      List<Found> page =
          members(
              apiUrl
                  + "guilds/"
                  + guildId
                  + "/members?limit="
                  + MEMBERS_PAGE
                  + "&after="
                  + URLEncoder.encode(after, StandardCharsets.UTF_8));
      all.addAll(page);
      if (page.size() < MEMBERS_PAGE) {
        return all;
      }
      after = page.get(page.size() - 1).userId();
    }
  }

  /** Members whose username or nickname starts with {@code query} (Discord's own matching). */
  List<Found> searchMembers(String guildId, String query) throws IOException {
    return members(
        apiUrl
            + "guilds/"
            + guildId
            + "/members/search?limit=1000&query="
            + URLEncoder.encode(query, StandardCharsets.UTF_8));
  }

  /** The members a GET of {@code url} answers, as an array of guild members. */
  private List<Found> members(String url) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bot " + token)
            .GET()
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode());
      }
      List<Found> found = new ArrayList<>();
      for (JsonNode member : JSON.readTree(response.body())) {
        JsonNode user = member.path("user");
        found.add(
            new Found(
                user.path("id").asText(),
                user.path("username").asText(""),
                user.path("global_name").asText(""),
                member.path("nick").asText("")));
      }
      return found;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
