package org.influencebot.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Each module's allowed dependencies, as in the module table of the architecture notes
 * ({@code shared/docs/architecture.md}) plus the store: what a module's production classes may use,
 * listed package by package, so that a new dependency is a decision and not an accident.
 */
@AnalyzeClasses(packages = "org.influencebot",
    importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {
  /** Test classes packaged in a module's test-jar (bot-core's, in a reactor {@code verify}). */
  static final class NoTestJars implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("-tests.jar");
    }
  }

  private static final String[] JAVA = {"java..", "javax.."};
  private static final String[] LOGGING_BINDINGS = {"ch.qos.logback..", "org.slf4j.simple..", "org.apache.logging.."};

  @ArchTest
  static final ArchRule core = classes().that().resideInAPackage("org.influencebot.core..")
      .should().onlyDependOnClassesThat().resideInAnyPackage(allowed(
          "org.influencebot.core..",
          "com.github.benmanes.caffeine..", "okhttp3..", "okio..", "kotlin..", "com.fasterxml.jackson..",
          "org.slf4j", "org.jfree..", "io.github.bucket4j.."))
      .because("bot-core is platform-neutral: no JDA or Telegram type, no other module of this project, no logging binding");

  @ArchTest
  static final ArchRule config = classes().that().resideInAPackage("org.influencebot.config..")
      .should().onlyDependOnClassesThat().resideInAnyPackage(allowed(
          "org.influencebot.config..", "org.influencebot.core..", "com.fasterxml.jackson..", "org.slf4j"))
      .because("config reads settings; it knows the core and nothing of the platforms or the store");

  @ArchTest
  static final ArchRule store = classes().that().resideInAPackage("org.influencebot.store..")
      .should().onlyDependOnClassesThat().resideInAnyPackage(allowed(
          "org.influencebot.store..", "org.influencebot.core..", "org.sqlite..", "org.postgresql..",
          "com.zaxxer.hikari..", "com.github.benmanes.caffeine..", "org.slf4j"))
      .because("the store is reached by the adapters and the launcher, never the other way round");

  @ArchTest
  static final ArchRule discord = noClasses().that().resideInAPackage("org.influencebot.discord..")
      .should().dependOnClassesThat().resideInAnyPackage(concat(LOGGING_BINDINGS,
          "org.influencebot.telegram..", "org.influencebot.app..", "org.telegram..", "org.influencebot.store..",
          "org.influencebot.redis..", "org.influencebot.config.."))
      .because("the Discord adapter knows the core and JDA; not the store, Redis, config, Telegram nor the launcher, "
          + "which hands it what it needs through the core's interfaces");

  @ArchTest
  static final ArchRule telegram = noClasses().that().resideInAPackage("org.influencebot.telegram..")
      .should().dependOnClassesThat().resideInAnyPackage(concat(LOGGING_BINDINGS,
          "org.influencebot.discord..", "org.influencebot.app..", "net.dv8tion..", "org.influencebot.store..",
          "org.influencebot.redis..", "org.influencebot.config.."))
      .because("the Telegram adapter knows the core and TelegramBots; not the store, Redis, config, Discord nor the "
          + "launcher, which hands it what it needs through the core's interfaces");

  @ArchTest
  static final ArchRule adaptersRunEveryCommandThroughTheRunner = noClasses()
      .that().resideInAnyPackage("org.influencebot.discord..", "org.influencebot.telegram..")
      .should().callMethodWhere(target(owner(assignableTo(org.influencebot.core.limit.RequestLimits.class))))
      .orShould().callMethodWhere(target(owner(assignableTo(org.influencebot.core.service.InfluenceService.class)))
          .and(target(nameMatching("summary|refresh|cachedNow"))))
      .because("one command model: limits, lookups and their errors are CommandRunner's, inline mode included");

  @ArchTest
  static final ArchRule noLibraryModuleBindsLogging = noClasses()
      .that().resideOutsideOfPackage("org.influencebot.app..")
      .should().dependOnClassesThat().resideInAnyPackage(LOGGING_BINDINGS)
      .because("only the launcher chooses the logging binding; library modules log through the SLF4J API");

  private static String[] allowed(String... packages) {
    return concat(JAVA, packages);
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = new String[first.length + more.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }
}
