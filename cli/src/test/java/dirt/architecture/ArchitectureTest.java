package dirt.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The house rules of dirt's architecture, checked over the compiled classes of every module (the agent's own rules are
 * in the agent module): a change that breaks one fails the build with the classes and the dependency that broke it.
 */
class ArchitectureTest {
    private static final JavaClasses DIRT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dirt");

    @Test
    void no_package_depends_on_a_package_that_depends_back_on_it() {
        slices().matching("dirt.(*)..").should().beFreeOfCycles().check(DIRT);
    }

    @Test
    void nothing_but_the_command_line_depends_on_the_command_line() {
        noClasses().that().resideOutsideOfPackage("dirt.cli..").should().dependOnClassesThat()
                .resideInAPackage("dirt.cli..").check(DIRT);
    }

    @Test
    void matching_and_balancing_are_pure_rules_without_store_transport_or_io() {
        noClasses().that().resideInAnyPackage("dirt.match..", "dirt.balance..", "dirt.node..").should()
                .dependOnClassesThat().resideInAnyPackage("dirt.store..", "dirt.transport..", "dirt.serve..",
                        "dirt.farm..", "java.io..", "java.net..", "java.nio..")
                .because("a task is matched and a node chosen from values alone, so the rules are tested without I/O")
                .check(DIRT);
    }

    @Test
    void only_the_ssh_transport_speaks_jsch() {
        noClasses().that().resideOutsideOfPackage("dirt.transport.ssh..").should().dependOnClassesThat()
                .resideInAPackage("com.jcraft.jsch..").check(DIRT);
    }

    @Test
    void only_the_couchdb_client_the_site_proxy_and_the_webhook_channel_speak_http() {
        noClasses().that().resideOutsideOfPackages("dirt.store.couch..", "dirt.web..")
                .and().doNotHaveFullyQualifiedName("dirt.notify.WebhookChannel")
                .should().dependOnClassesThat().resideInAPackage("java.net.http..")
                .because("CouchDB is reached through dirt.store.couch; the site's proxy and webhooks are the other"
                        + " two edges that speak HTTP")
                .check(DIRT);
    }

    @Test
    void only_the_metrics_package_speaks_micrometer() {
        noClasses().that().resideOutsideOfPackage("dirt.metrics..").should().dependOnClassesThat()
                .resideInAnyPackage("io.micrometer..", "io.prometheus..").check(DIRT);
    }

    @Test
    void only_the_command_line_speaks_picocli() {
        noClasses().that().resideOutsideOfPackage("dirt.cli..").should().dependOnClassesThat()
                .resideInAPackage("picocli..").check(DIRT);
    }
}
