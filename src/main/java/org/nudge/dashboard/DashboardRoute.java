package org.nudge.dashboard;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nudge.engine.EngineSettings;
import org.nudge.engine.dashboard.DashboardLinks;
import org.nudge.engine.dashboard.DashboardPage;
import org.nudge.engine.dashboard.DashboardView;
import org.nudge.engine.digest.DigestBuilder;
import org.nudge.engine.domain.Store;
import org.nudge.http.HttpAnswer;
import org.nudge.http.HttpCall;
import org.nudge.http.HttpHost;
import org.nudge.http.Route;

/**
 * {@code GET /dashboard?p=<program>&t=<token>}: a program's dashboard for the lead a signed link
 * was given to. The link is checked before anything is read; an expired, altered or foreign one
 * gets a plain 403 page that says how to get a new one. Every answer forbids caching (the page
 * names pairs) and carries a strict Content-Security-Policy: nothing loads from anywhere, and the
 * page's one style and one script run only with this response's nonce. Templates are jte,
 * precompiled at build time, escaping everything they print.
 */
public final class DashboardRoute implements Route {

  public static final String PATH = "/dashboard";

  private static final TemplateEngine TEMPLATES =
      TemplateEngine.createPrecompiled(
          null,
          ContentType.Html,
          DashboardRoute.class.getClassLoader(),
          "org.nudge.dashboard.templates");

  private final Store store;
  private final Clock clock;
  private final DashboardLinks links;
  private final DashboardPage page;
  private final SecureRandom random = new SecureRandom();

  public DashboardRoute(Store store, Clock clock, DashboardLinks links, DashboardPage page) {
    this.store = store;
    this.clock = clock;
    this.links = links;
    this.page = page;
  }

  /** Serves the dashboard on {@code host}, with what the engine's settings say about links. */
  public static void mount(HttpHost host, Store store, Clock clock, EngineSettings settings) {
    host.mount(
        "GET",
        PATH,
        new DashboardRoute(
            store,
            clock,
            new DashboardLinks(settings.dashboard()),
            new DashboardPage(new DigestBuilder(settings.rhythm().unansweredBeforeTaper()))));
  }

  @Override
  public HttpAnswer handle(HttpCall call) {
    Map<String, String> query = query(call.query());
    long programId;
    int pageNumber;
    try {
      programId = Long.parseLong(query.getOrDefault("p", ""));
      pageNumber = Integer.parseInt(query.getOrDefault("page", "1"));
    } catch (NumberFormatException e) {
      return forbidden();
    }
    String token = query.get("t");
    Optional<DashboardView> view =
        store.inTransaction(
            tx ->
                links
                    .verify(tx.keyValues(), programId, token, clock.instant())
                    .flatMap(grant -> page.view(tx, programId, clock.instant(), pageNumber)));
    if (view.isEmpty()) {
      return forbidden();
    }
    return page(view.get(), programId, token);
  }

  /** The page of {@code view}, as answered to a link for {@code programId} with {@code token}. */
  public HttpAnswer page(DashboardView view, long programId, String token) {
    byte[] bytes = new byte[18];
    random.nextBytes(bytes);
    String nonce = Base64.getEncoder().encodeToString(bytes);
    String base =
        PATH + "?p=" + programId + "&t=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    Map<String, Object> params = new HashMap<>();
    params.put("view", view);
    params.put("sparks", Spark.of(view.chart()));
    params.put("nonce", nonce);
    params.put("previous", view.page() > 1 ? base + "&page=" + (view.page() - 1) : null);
    params.put("next", view.page() < view.pages() ? base + "&page=" + (view.page() + 1) : null);
    StringOutput html = new StringOutput(256 * 1024);
    TEMPLATES.render("dashboard.jte", params, html);
    return new HttpAnswer(200, "text/html; charset=utf-8", headers(nonce), html.toString());
  }

  /** One page for every refusal, so it tells nothing about which check failed. */
  static HttpAnswer forbidden() {
    return new HttpAnswer(
        403,
        "text/html; charset=utf-8",
        headers(null),
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
            + " content=\"width=device-width, initial-scale=1\"><title>Link not valid</title></head>"
            + "<body><h1>This dashboard link isn't valid</h1><p>It has expired (links work for 15"
            + " minutes), was changed, or is for another program. Ask Nudge for a new one with"
            + " <code>/nudge dashboard</code>.</p></body></html>");
  }

  static Map<String, List<String>> headers(String nonce) {
    String scripts = nonce == null ? "'none'" : "'nonce-" + nonce + "'";
    return Map.of(
        "Content-Security-Policy",
        List.of(
            "default-src 'none'; style-src "
                + scripts
                + "; script-src "
                + scripts
                + "; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
        "Cache-Control",
        List.of("no-store"),
        "X-Content-Type-Options",
        List.of("nosniff"),
        "Referrer-Policy",
        List.of("no-referrer"),
        "X-Frame-Options",
        List.of("DENY"));
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    for (String part : raw.split("&")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        try {
          out.putIfAbsent(
              URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          // A malformed escape: that parameter is left out, and the link fails its check.
        }
      }
    }
    return out;
  }
}
