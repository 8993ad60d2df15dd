package org.nudge.engine.domain;

/** The repositories available inside one transaction. */
public interface Tx {

  Members members();

  Programs programs();

  Pairs pairs();

  Journal journal();

  Outbox outbox();

  Conversations conversations();

  KeyValues keyValues();
}
