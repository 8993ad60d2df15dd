package org.nudge.adapter.slack;

import org.nudge.engine.imports.RosterFile;
import org.nudge.engine.model.Inbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a file a person shared in the DM with Nudge, the way Slack documents it: {@code
 * files.info} for the file's size and {@code url_private_download}, then a GET of that URL with the
 * bot token in the Authorization header (scope {@code files:read}). A file larger than Nudge reads
 * is not downloaded at all.
 */
final class SlackFiles {

  private static final Logger log = LoggerFactory.getLogger(SlackFiles.class);

  private final SlackApi api;

  SlackFiles(SlackApi api) {
    this.api = api;
  }

  /** The file as an upload for the engine, or the sentence saying why it couldn't be read. */
  record Fetched(Inbound.Upload upload, String problem) {}

  Fetched fetch(SlackPayloads.DirectMessage message) {
    try {
      SlackApi.FileInfo info = api.fileInfo(message.fileId());
      if (info.size() > RosterFile.MAX_BYTES) {
        return new Fetched(
            null,
            "That file is larger than 5 MB, so I didn't read it; a CSV file of pairs is much"
                + " smaller, so split it and send the parts one at a time.");
      }
      byte[] content = api.download(info.downloadUrl(), RosterFile.MAX_BYTES);
      return new Fetched(new Inbound.Upload(message.user(), info.name(), content, null), null);
    } catch (SlackCallFailed e) {
      log.warn("A file shared in a DM could not be fetched: {} {}", e.method(), e.error());
      if (e.error().equals("missing_scope") || e.error().equals("not_allowed_token_type")) {
        return new Fetched(
            null,
            "I can't open files yet: Nudge's Slack app needs the files:read scope; ask a Slack"
                + " admin to reinstall it with the current manifest, then send the file again.");
      }
      return new Fetched(
          null, "I couldn't fetch your file from Slack; please send it again in a minute.");
    }
  }
}
