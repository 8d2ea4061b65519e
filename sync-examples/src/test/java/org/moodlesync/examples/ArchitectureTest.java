package org.moodlesync.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published boundary of the library, checked on the compiled classes of every module.
 *
 * <p>API packages are every {@code org.moodlesync} package whose name has no {@code internal} segment;
 * implementation lives in {@code org.moodlesync.core.internal..} and {@code org.moodlesync.jooq.internal..}
 * and may change in any release. The façades ({@code SyncEngine}, {@code JooqMoodle}) call into the internal
 * packages, but no internal type may appear in what a host can see of them.
 */
class ArchitectureTest {

  private static JavaClasses library;
  private static JavaClasses hostExamples;

  @BeforeAll
  static void importClasses() {
    library = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ArchitectureTest::isNoTestJar)
        .importPackages("org.moodlesync.api", "org.moodlesync.core", "org.moodlesync.jooq");
    hostExamples = new ClassFileImporter().importPackages("org.moodlesync.examples.host");
  }

  /**
   * A reactor build ({@code verify}) puts sync-jooq's test jar on this module's class path; the predefined option
   * only recognises test-classes folders, so test jars are left out here.
   */
  private static boolean isNoTestJar(com.tngtech.archunit.core.importer.Location location) {
    return !location.contains("-tests.jar");
  }

  @Test
  void noInternalTypeAppearsInAPublicSignatureOfTheApi() {
    ArchRuleDefinition.classes()
        .that().arePublic()
        .and().resideOutsideOfPackage("..internal..")
        .should(exposeNoInternalType())
        .check(library);
  }

  @Test
  void theApiModuleDependsOnNoImplementationNorOnJooqCsvOrJdbc() {
    noClasses().that().resideInAPackage("org.moodlesync.api..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "..internal..", "org.moodlesync.core..", "org.moodlesync.jooq..",
            "org.jooq..", "org.apache.commons.csv..", "java.sql..", "com.zaxxer..")
        .check(library);
  }

  @Test
  void theJooqModuleNeverUsesTheCoreModule() {
    noClasses().that().resideInAPackage("org.moodlesync.jooq..")
        .should().dependOnClassesThat().resideInAPackage("org.moodlesync.core..")
        .check(library);
  }

  @Test
  void oneModuleNeverReachesIntoAnotherModulesInternals() {
    noClasses().that().resideInAPackage("org.moodlesync.core..")
        .should().dependOnClassesThat().resideInAPackage("org.moodlesync.jooq.internal..")
        .check(library);
  }

  @Test
  void packagesFormNoCycle() {
    // jOOQ's generated schema (Tables <-> tables) is cyclic by design and is not our code.
    JavaClasses ours = library.that(DescribedPredicate.not(
        JavaClass.Predicates.resideInAPackage("org.moodlesync.jooq.schema..")));
    slices().matching("org.moodlesync.(**)").should().beFreeOfCycles().check(ours);
  }

  @Test
  void theHostApplicationExamplesUseOnlyPublishedPackages() {
    ArchRule rule = noClasses()
        .should().dependOnClassesThat().resideInAPackage("org.moodlesync..internal..");
    rule.check(hostExamples);
  }

  /** Public and protected members of an API class, its supertypes and its public fields name no internal type. */
  private static ArchCondition<JavaClass> exposeNoInternalType() {
    return new ArchCondition<>("expose no internal type in a public signature") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        List<String> leaks = new ArrayList<>();
        Stream.concat(type.getRawSuperclass().stream(), type.getRawInterfaces().stream())
            .filter(ArchitectureTest::isInternal)
            .forEach(s -> leaks.add("extends/implements " + s.getName()));
        for (JavaCodeUnit unit : type.getCodeUnits()) {
          if (!isVisible(unit.getModifiers())) {
            continue;
          }
          List<JavaType> involved = new ArrayList<>(unit.getParameterTypes());
          involved.add(unit.getReturnType());
          involved.stream()
              .flatMap(t -> t.getAllInvolvedRawTypes().stream())
              .filter(ArchitectureTest::isInternal)
              .forEach(t -> leaks.add(unit.getFullName() + " uses " + t.getName()));
        }
        for (JavaField field : type.getFields()) {
          if (isVisible(field.getModifiers()) && field.getType().getAllInvolvedRawTypes().stream()
              .anyMatch(ArchitectureTest::isInternal)) {
            leaks.add(field.getFullName());
          }
        }
        leaks.forEach(l -> events.add(SimpleConditionEvent.violated(type, type.getName() + ": " + l)));
      }
    };
  }

  private static boolean isVisible(java.util.Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }

  private static boolean isInternal(JavaClass type) {
    return type.getPackageName().contains(".internal");
  }
}
