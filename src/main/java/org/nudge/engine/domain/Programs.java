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

  /**
   * Sets where the program's pairs hear from Nudge ({@link Program#DM} or {@link Program#GROUP}),
   * and lets the leads be told again if the platform refuses a space.
   */
  void setPairSpace(long programId, String pairSpace);

  /**
   * Records that the program's leads are being told the platform refused a pair space; true only
   * the first time since a lead last set the space, so that notice goes out once (on any node).
   */
  boolean firstSpaceRefusal(long programId, Instant now);
}
