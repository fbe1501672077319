package dirt.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    /** Jackson's types, and the temporary bridge from them to dirt.json. */
    private static final DescribedPredicate<JavaClass> JACKSON_OR_BRIDGE = resideInAPackage("com.fasterxml..")
            .or(nameMatching("dirt\\.json\\.JacksonBridge(\\$.*)?")).as("are Jackson types or dirt.json.JacksonBridge");

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
    void dirt_json_streams_with_jackson_core_and_only_the_temporary_bridge_knows_jacksons_trees() {
        noClasses().that(resideInAPackage("dirt.json..")
                        .and(not(nameMatching("dirt\\.json\\.JacksonBridge(\\$.*)?"))))
                .should().dependOnClassesThat(resideInAPackage("com.fasterxml..")
                        .and(not(resideInAPackage("com.fasterxml.jackson.core.."))))
                .because("JSON is read and written with jackson-core's streaming parser and generator, without trees")
                .check(DIRT);
    }

    @Test
    void the_store_interface_speaks_dirts_own_types_not_jacksons() {
        noClasses().that().resideInAPackage("dirt.store").should().dependOnClassesThat()
                .resideInAPackage("com.fasterxml..")
                .because("Store speaks dirt's own types (dirt.json); Jackson trees and HTTP stay inside dirt.store.couch")
                .check(DIRT);
    }

    @Test
    void notify_schedule_retention_and_localcouch_work_on_dirt_json_not_jackson() {
        classes().that().resideInAnyPackage("dirt.notify..", "dirt.schedule..", "dirt.retention..",
                        "dirt.localcouch..")
                .should(notDependOnJacksonOutsideDeprecatedBridges(
                        // dirt.task.TaskTally counts Jackson trees only, for now: until it reads JsonObject
                        "Method <dirt.schedule.Scheduler.lastRun("))
                .because("documents, claims, webhook payloads and local files are dirt.json values; only the"
                        + " @Deprecated bridges kept for callers outside convert to Jackson trees")
                .check(DIRT);
    }

    @Test
    void the_converted_domain_packages_speak_dirt_json_not_jackson() {
        noClasses().that().resideInAnyPackage("dirt.match..", "dirt.balance..", "dirt.health..")
                .should().dependOnClassesThat(JACKSON_OR_BRIDGE)
                .because("documents and facts are dirt.json values; Jackson trees stay inside dirt.store.couch")
                .check(DIRT);
    }

    @Test
    void transport_and_farm_speak_dirt_json_not_jackson() {
        noClasses().that().resideInAnyPackage("dirt.transport..", "dirt.farm..")
                .should().dependOnClassesThat(JACKSON_OR_BRIDGE)
                .because("the agent's requests and replies, a run's kwargs and results and a node's facts are dirt.json"
                        + " values; the agent's reply lines are read with Json.parseLarge")
                .check(DIRT);
    }

    @Test
    void the_command_line_and_the_site_speak_dirt_json_not_jackson() {
        noClasses().that().resideInAnyPackage("dirt.cli..", "dirt.web..").should().dependOnClassesThat(
                        JACKSON_OR_BRIDGE)
                .because("user input, --json output and documents are dirt.json values; Jackson stays in dirt.json and"
                        + " dirt.store.couch")
                .check(DIRT);
    }

    @Test
    void config_speaks_jackson_only_to_parse_the_toml_file() {
        classes().that().resideInAPackage("dirt.config..").and(not(name("dirt.config.SettingsLoader")))
                .should(notDependOnJacksonOutsideDeprecatedBridges())
                .because("SettingsLoader reads settings.toml with jackson-dataformat-toml and converts its tree to"
                        + " dirt.json in one place; the rest of dirt.config reads dirt.json")
                .check(DIRT);
    }

    @Test
    void the_settings_loader_uses_only_the_toml_mapper_and_its_tree_and_no_bridge() {
        noClasses().that().haveFullyQualifiedName("dirt.config.SettingsLoader")
                .should().dependOnClassesThat(resideInAPackage("com.fasterxml..")
                        .and(not(resideInAnyPackage("com.fasterxml.jackson.dataformat.toml..",
                                "com.fasterxml.jackson.core..")))
                        .and(not(name("com.fasterxml.jackson.databind.JsonNode")))
                        .or(name("dirt.json.JacksonBridge")))
                .because("the TOML mapper's tree is converted to dirt.json by SettingsLoader itself")
                .check(DIRT);
    }

    /**
     * Does not depend on a Jackson type or on the temporary {@code JacksonBridge}, other than from a member marked
     * {@code @Deprecated} (a bridge kept until callers outside have moved) or from the code units named by
     * {@code allowed} (the start of their description, such as {@code "Method <dirt.x.Y.z("}).
     */
    private static ArchCondition<JavaClass> notDependOnJacksonOutsideDeprecatedBridges(String... allowed) {
        DescribedPredicate<JavaClass> jackson = resideInAPackage("com.fasterxml..")
                .or(name("dirt.json.JacksonBridge"));
        return new ArchCondition<>("not depend on Jackson or JacksonBridge outside @Deprecated bridges") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                List<String> exempt = new ArrayList<>(List.of(allowed));
                javaClass.getMembers().stream().filter(member -> member.isAnnotatedWith(Deprecated.class))
                        .forEach(member -> exempt.add(member.getDescription() + " "));
                for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
                    String description = dependency.getDescription();
                    if (jackson.test(dependency.getTargetClass()) && exempt.stream().noneMatch(description::startsWith)) {
                        events.add(SimpleConditionEvent.violated(dependency, description));
                    }
                }
            }
        };
    }

    @Test
    void tasks_nodes_and_records_use_jackson_only_in_their_deprecated_bridges() {
        codeUnits().that().areDeclaredInClassesThat().resideInAnyPackage("dirt.task..", "dirt.node..", "dirt.record..")
                .and().areNotAnnotatedWith(Deprecated.class)
                .should(useNoJacksonTypeNorBridge())
                .because("their documents are dirt.json values; the Jackson-typed methods kept for callers outside"
                        + " are @Deprecated bridges until those callers moved")
                .check(DIRT);
    }

    @Test
    void serve_works_on_dirt_json_and_bridges_only_where_it_calls_the_transport() {
        // Until dirt.transport speaks dirt.json: the run request's kwargs (Execution.request), the run's result
        // (Execution.ended reads RunOutcome.result()) and a node's resource sample (NodeHealth.sample).
        DescribedPredicate<JavaCodeUnit> transportCalls = DescribedPredicate.describe("call dirt.transport",
                unit -> List.of("dirt.serve.run.Execution.request(", "dirt.serve.run.Execution.ended(",
                        "dirt.serve.run.NodeHealth.sample(").stream().anyMatch(unit.getFullName()::startsWith));
        codeUnits().that().areDeclaredInClassesThat().resideInAPackage("dirt.serve..").and(not(transportCalls))
                .should(useNoJacksonTypeNorBridge())
                .because("task, slot and node documents go through serve as dirt.json values, parsed once; only the"
                        + " calls into dirt.transport convert, until dirt.transport speaks dirt.json")
                .check(DIRT);
        classes().that().resideInAPackage("dirt.serve..")
                .should(notDependOnJacksonOutsideDeprecatedBridges("Method <dirt.serve.run.Execution.request(",
                        "Method <dirt.serve.run.Execution.ended(", "Method <dirt.serve.run.NodeHealth.sample("))
                .because("no field, constant or signature of dirt.serve holds a Jackson type")
                .check(DIRT);
    }

    /** Uses no Jackson type nor the bridge: not as a parameter or return type, not by a call, nor by what a call returns. */
    private static ArchCondition<JavaCodeUnit> useNoJacksonTypeNorBridge() {
        return new ArchCondition<>("use no Jackson type nor dirt.json.JacksonBridge") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                Set<JavaClass> used = new HashSet<>(unit.getRawParameterTypes());
                used.add(unit.getRawReturnType());
                for (JavaAccess<?> access : unit.getAccessesFromSelf()) {
                    used.add(access.getTargetOwner());
                    if (access instanceof JavaCodeUnitAccess<?> call) {
                        used.add(call.getTarget().getRawReturnType());
                    }
                }
                used.stream().filter(JACKSON_OR_BRIDGE).forEach(type -> events.add(SimpleConditionEvent
                        .violated(unit, unit.getFullName() + " uses " + type.getName())));
            }
        };
    }
}
