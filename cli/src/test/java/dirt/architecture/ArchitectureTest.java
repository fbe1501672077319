package dirt.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The house rules of dirt's architecture, checked over the compiled classes of every module (the agent's own rules are
 * in the agent module): a change that breaks one fails the build with the classes and the dependency that broke it.
 */
class ArchitectureTest {
    /**
     * dirt's production classes, wherever the build put them: a module's {@code target/classes} or its jar, but not
     * its tests ({@code target/test-classes}, or the {@code -tests.jar} other modules' tests use).
     */
    private static final ImportOption PRODUCTION = location -> !location.contains("/test-classes/")
            && !location.matches(Pattern.compile(".*-tests\\.jar.*"));
    private static final JavaClasses DIRT = new ClassFileImporter().withImportOption(PRODUCTION)
            .importPackages("dirt");

    @Test
    void the_rules_see_every_module_and_no_tests() {
        assertThat(DIRT.containPackage("dirt.cli")).isTrue();
        assertThat(DIRT.containPackage("dirt.serve")).isTrue();
        assertThat(DIRT.containPackage("dirt.web")).isTrue();
        assertThat(DIRT.stream().map(JavaClass::getSimpleName)).noneMatch(name -> name.endsWith("Test"));
    }

    @Test
    void no_package_depends_on_a_package_that_depends_back_on_it() {
        slices().matching("dirt.(*)..").should().beFreeOfCycles().check(DIRT);
    }

    @Test
    void the_steps_of_serve_depend_on_each_other_without_cycles() {
        slices().matching("dirt.serve.(*)..").should().beFreeOfCycles().check(DIRT);
    }

    @Test
    void each_step_of_serve_uses_only_the_steps_after_it() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("feed").definedBy("dirt.serve.feed..")
                .layer("backlog").definedBy("dirt.serve.backlog..")
                .layer("claim").definedBy("dirt.serve.claim..")
                .layer("run").definedBy("dirt.serve.run..")
                .layer("writeback").definedBy("dirt.serve.writeback..")
                .layer("serve").definedBy("dirt.serve")
                .whereLayer("feed").mayOnlyBeAccessedByLayers("serve")
                .whereLayer("backlog").mayOnlyBeAccessedByLayers("serve", "feed")
                .whereLayer("claim").mayOnlyBeAccessedByLayers("serve", "feed", "backlog")
                .whereLayer("run").mayOnlyBeAccessedByLayers("serve", "feed", "backlog", "claim")
                .whereLayer("writeback").mayOnlyBeAccessedByLayers("serve", "feed", "backlog", "claim", "run")
                .because("a task document goes feed → backlog → claim → run → writeback: a step may use the steps after"
                        + " it, never one before it")
                .check(DIRT);
    }

    @Test
    void the_steps_of_serve_use_only_its_shared_values_not_the_server_or_the_dispatcher() {
        noClasses().that().resideInAPackage("dirt.serve.*..").should().dependOnClassesThat(
                resideInAPackage("dirt.serve").and(not(nameMatching(
                        "dirt\\.serve\\.(ServeEvents|ServeState|ServerId|ServeViews)(\\$.*)?"))))
                .because("Server and the Dispatcher wire and drive the steps, which tell them back through events and"
                        + " interfaces")
                .check(DIRT);
    }

    @Test
    void outside_serve_only_its_own_package_is_seen() {
        noClasses().that().resideOutsideOfPackage("dirt.serve..").should().dependOnClassesThat()
                .resideInAPackage("dirt.serve.*..").check(DIRT);
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
    void only_the_couchdb_client_and_the_site_proxy_speak_http() {
        noClasses().that().resideOutsideOfPackages("dirt.store.couch..", "dirt.web..")
                .should().dependOnClassesThat().resideInAPackage("java.net.http..")
                .because("CouchDB, and the webhooks' receivers through dirt.webhook.WebhookClient, are reached through"
                        + " dirt.store.couch; the site's proxy is the other edge that speaks HTTP")
                .check(DIRT);
    }

    @Test
    void outside_dirt_store_couch_only_its_client_and_server_are_used() {
        noClasses().that().resideOutsideOfPackage("dirt.store.couch..").should().dependOnClassesThat(
                        resideInAPackage("dirt.store.couch..").and(not(nameMatching(
                                "dirt\\.store\\.couch\\.(CouchServer|CouchClient|CouchConfig|CouchDatabase)"))))
                .because("the rest of dirt sees Database and Store; dirt.localcouch probes the server it starts and"
                        + " the site is told where CouchDB is. The package's other public classes are public for tests")
                .check(DIRT);
    }

    @Test
    void the_command_line_sees_the_database_as_dirt_store_types_not_couchdb_ones() {
        noClasses().that().resideInAPackage("dirt.cli..").should().dependOnClassesThat(
                        resideInAPackage("dirt.store.couch..").and(not(name("dirt.store.couch.CouchServer"))))
                .because("commands read and write through Database and Store; CouchDB's client, queries and JSON"
                        + " shapes stay in dirt.store.couch")
                .check(DIRT);
    }

    @Test
    void only_the_command_lines_context_opens_the_database_on_couchdb() {
        noClasses().that().resideInAPackage("dirt.cli..").and().doNotHaveFullyQualifiedName("dirt.cli.CliContext")
                .should().dependOnClassesThat().resideInAPackage("dirt.store.couch..")
                .because("CliContext opens the project's database (CouchServer.open), the one place that knows it is"
                        + " CouchDB")
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

    @Test
    void dirt_json_depends_on_nothing_of_dirt_but_the_root_exception() {
        noClasses().that().resideInAPackage("dirt.json..").should().dependOnClassesThat(
                        resideInAPackage("dirt..").and(not(resideInAPackage("dirt.json.."))).and(not(name(
                                "dirt.DirtException"))))
                .because("dirt's JSON values are the vocabulary of Store and every document: they use nothing above"
                        + " them")
                .check(DIRT);
    }

    @Test
    void jackson_is_spoken_only_by_dirt_json_the_couchdb_client_and_the_settings_loader() {
        noClasses().that().resideOutsideOfPackages("dirt.json..", "dirt.store.couch..")
                .and().doNotHaveFullyQualifiedName("dirt.config.SettingsLoader")
                .should().dependOnClassesThat().resideInAPackage("com.fasterxml..")
                .because("documents, user input, agent messages and --json output are dirt.json values; Jackson is the"
                        + " streaming engine under dirt.json, CouchDB's client, and settings.toml's reader")
                .check(DIRT);
    }

    @Test
    void dirt_json_streams_with_jackson_core_and_builds_no_jackson_tree() {
        noClasses().that().resideInAPackage("dirt.json..").should().dependOnClassesThat(
                        resideInAPackage("com.fasterxml..").and(not(resideInAPackage("com.fasterxml.jackson.core.."))))
                .because("JSON is read and written with jackson-core's streaming parser and generator, without trees")
                .check(DIRT);
    }

    @Test
    void the_settings_loader_uses_only_the_toml_mapper_and_its_tree() {
        noClasses().that().haveFullyQualifiedName("dirt.config.SettingsLoader")
                .should().dependOnClassesThat(resideInAPackage("com.fasterxml..")
                        .and(not(resideInAnyPackage("com.fasterxml.jackson.dataformat.toml..",
                                "com.fasterxml.jackson.core..")))
                        .and(not(name("com.fasterxml.jackson.databind.JsonNode"))))
                .because("the TOML mapper's tree is converted to dirt.json by SettingsLoader itself")
                .check(DIRT);
    }

    @Test
    void only_the_couchdb_client_converts_jackson_trees() {
        noClasses().that().resideOutsideOfPackage("dirt.store.couch..").should().dependOnClassesThat()
                .haveFullyQualifiedName("dirt.store.couch.JacksonBridge")
                .because("JacksonBridge serves CouchDB's own JSON shapes and the client's tree-typed methods for tests")
                .check(DIRT);
    }
}
