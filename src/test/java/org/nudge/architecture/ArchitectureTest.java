package org.nudge.architecture;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package layout is the architecture; these rules keep it that way. */
@AnalyzeClasses(packages = "org.nudge", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule engineKnowsNoPlatform =
      noClasses()
          .that()
          .resideInAPackage("org.nudge.engine..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.slack..", "net.dv8tion..", "org.quartz..")
          .because("the engine is platform-neutral (docs/architecture.md, Layers)");

  @ArchTest
  static final ArchRule engineKnowsNoStorageOrAdapters =
      noClasses()
          .that()
          .resideInAPackage("org.nudge.engine..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.nudge.adapter..",
              "org.nudge.storage..",
              "org.nudge.scheduling..",
              "org.nudge.app..",
              "org.nudge.config..",
              "org.nudge.http..",
              "org.jdbi..",
              "org.flywaydb..",
              "com.zaxxer..",
              "java.sql..")
          .because("adapters, storage and scheduling depend on the engine, never the reverse");

  @ArchTest
  static final ArchRule adaptersAreIndependent =
      slices()
          .matching("org.nudge.adapter.(*)..")
          .should()
          .notDependOnEachOther()
          .because("each chat platform adapter only translates for its own platform");

  @ArchTest
  static final ArchRule adaptersDoNotReachIntoTheApp =
      noClasses()
          .that()
          .resideInAPackage("org.nudge.adapter..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.nudge.app..")
          .because(
              "the app wires adapters around the engine; an adapter that used the app would turn"
                  + " the wiring into a cycle (docs/architecture.md)");

  @ArchTest
  static final ArchRule theAppRunsNoSql =
      noClasses()
          .that()
          .resideInAPackage("org.nudge.app..")
          .should()
          .accessClassesThat()
          .resideInAnyPackage("org.jdbi..", "java.sql..")
          .because(
              "only storage speaks SQL; the app asks the engine's ports (docs/architecture.md)");

  @ArchTest
  static final ArchRule storageIsNotAnAdapter =
      noClasses()
          .that()
          .resideInAPackage("org.nudge.storage..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.nudge.adapter..", "com.slack..", "net.dv8tion..")
          .because("storage serves every platform alike");

  @ArchTest
  static final ArchRule onlyThePrivacyGateQueuesMessages =
      noClasses()
          .that()
          .doNotHaveFullyQualifiedName("org.nudge.engine.privacy.PrivacyGate")
          .and()
          .areNotAssignableTo("org.nudge.engine.domain.Outbox")
          .should()
          .callMethodWhere(
              target(nameMatching("enqueue(All)?"))
                  .and(target(owner(assignableTo("org.nudge.engine.domain.Outbox")))))
          .because(
              "every outgoing message passes the privacy gate, which checks who may read it"
                  + " (docs/architecture.md, The privacy gate)");
}
