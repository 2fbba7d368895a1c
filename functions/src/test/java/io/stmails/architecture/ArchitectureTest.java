package io.stmails.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The architecture DESIGN.md describes, checked on the compiled main code: packages without import
 * cycles, a domain of plain Java, and handlers that decode, delegate and encode without reaching a
 * store themselves.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.stmails");

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching("io.stmails.(**)").namingSlices("$1")
                .should().beFreeOfCycles()
                .check(MAIN);
    }

    @Test
    void theDomainIsPlainJavaWithoutAwsOrMail() {
        noClasses().that().resideInAPackage("io.stmails.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "software.amazon..", "com.amazonaws..", "jakarta.mail..", "org.eclipse.angus..")
                .because("the domain is plain Java; AWS and mail adapters sit behind small interfaces (DESIGN.md)")
                .check(MAIN);
    }

    @Test
    void theDomainDependsOnNoOtherPartOfStmails() {
        noClasses().that().resideInAPackage("io.stmails.domain..")
                .should().dependOnClassesThat(stmailsOutside("io.stmails.domain"))
                .because("every other package builds on the domain, never the other way round")
                .check(MAIN);
    }

    @Test
    void handlersDelegateAndNeverReachAStore() {
        noClasses().that().resideInAPackage("io.stmails.handler..").and().haveSimpleNameEndingWith("Handler")
                .should().dependOnClassesThat(repositories())
                .because("a handler decodes, delegates to the one object its wiring hands it, and encodes (DESIGN.md)")
                .check(MAIN);
    }

    /** The store interfaces and their DynamoDB implementations: what reads and writes the tables. */
    private static DescribedPredicate<JavaClass> repositories() {
        return DescribedPredicate.describe("are store repositories", type ->
                type.getPackageName().startsWith("io.stmails.store")
                        && (type.getSimpleName().endsWith("Store") || type.getSimpleName().endsWith("History")
                        || type.getSimpleName().startsWith("Dynamo")));
    }

    private static DescribedPredicate<JavaClass> stmailsOutside(String packageName) {
        return DescribedPredicate.describe("are stmails classes outside " + packageName, type ->
                type.getPackageName().startsWith("io.stmails.") && !type.getPackageName().equals(packageName)
                        && !type.getPackageName().startsWith(packageName + "."));
    }
}
