package dirt.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The agent jar is shipped to every node: it needs the JDK (its {@code com.sun.management} included, from the JDK's
 * {@code jdk.management} module) and dirt's task API, nothing else.
 */
class AgentDependenciesTest {
    @Test
    void the_agent_depends_on_the_jdk_and_the_task_api_only() {
        classes().that().resideInAPackage("dirt.agent..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "javax..", "jdk..", "com.sun.management..", "dirt.agent..", "dirt.api..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dirt.agent"));
    }
}
