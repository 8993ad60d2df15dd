package org.nudge.engine.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Mentoring programs of a workspace. Names are unique per workspace, compared case-insensitively.
 */
public interface Programs {

  Program create(String platform, String workspace, String name, String channelId, Instant now);

  Optional<Program> byName(String platform, String workspace, String name);

  Optional<Program> byId(long id);

  List<Program> all(String platform, String workspace);

  void setChannel(long programId, String channelId);

  /** Sets where the leads' part of the digest goes; null sends it to each lead's DM. */
  void setLeadsChannel(long programId, String channelId);
}
