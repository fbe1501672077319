package dirt.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dirt.config.EmailSettings;
import dirt.config.NotifyEvent;
import dirt.config.NotifyRule;
import dirt.config.NotifySettings;
import dirt.config.SmtpSecurity;
import dirt.config.WebhookSettings;
import dirt.store.Store;
import dirt.store.couch.CouchClient;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServer;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.JacksonBridge;
import dirt.store.couch.RestartableTestCouch;
import dirt.store.couch.TestCouch;
import dirt.webhook.WebhookClient;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier end to end: the real CouchDB-compatible server, task documents written as serve writes them, GreenMail
 * receiving the emails and a loopback HTTP server receiving the webhooks.
 */
@ExtendWith(CouchServerExtension.class)
class NotifierTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Retry QUICK = new Retry(3, Duration.ofMillis(50), Duration.ofMillis(200));
    private static final NotifySettings DEFAULTS = NotifySettings.defaults();

    @RegisterExtension
    static final GreenMailExtension mail = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    private final WebhookReceiver receiver = new WebhookReceiver();
    private final WebhookClient http = CouchServer.webhookClient();
    private final List<Notifier> started = new ArrayList<>();
    private CouchDatabase db;
    private Store store;

    @BeforeEach
    void database(TestCouch couch) {
        db = couch.database();
        store = TestCouch.store(db);
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Notifier notifier : started) {
            notifier.stop(Duration.ofSeconds(2));
        }
        receiver.close();
    }

    private List<Channel> channels() {
        return List.of(new EmailChannel(new EmailSettings("127.0.0.1", mail.getSmtp().getPort(), SmtpSecurity.NONE,
                Optional.empty(), Optional.empty(), "dirt@example.org", List.of("you@example.org")),
                Clock.systemUTC()), webhook());
    }

    private WebhookChannel webhook() {
        return new WebhookChannel(new WebhookSettings(receiver.url(), Optional.of("s3cret")), http, Clock.systemUTC());
    }

    private Notifier start(String server, NotifySettings settings, List<Channel> channels, Retry retry,
            Duration staleAfter) {
        Notifier notifier = new Notifier(settings, store, "demo", URI.create("http://couch.test/demo/_design/dirt"),
                server, channels, retry, staleAfter, Clock.systemUTC());
        started.add(notifier);
        notifier.start();
        return notifier;
    }

    private Notifier start(String server) {
        return start(server, DEFAULTS, channels(), QUICK, Notifier.STALE_AFTER);
    }

    private void put(ObjectNode doc) {
        db.put(doc);
    }

    private ObjectNode doc(String id) {
        return db.get(id).orElseThrow();
    }

    private List<String> webhookSubjects() {
        return receiver.requests().stream().map(r -> r.json().path("subject").asText()).toList();
    }

    private List<String> emailSubjects() {
        return Arrays.stream(mail.getReceivedMessages()).map(NotifierTest::subject).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitState(String id, String state) {
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(doc(id).path("notified").path("state").asText()).isEqualTo(state));
    }

    @Test
    void a_failed_task_is_emailed_and_posted_once_with_the_end_of_its_stderr_and_a_link() {
        start("n1");

        put(CompletedTask.of("t1").record("r123").failed("command exited with code 2")
                .stderr("compiling\nhello.c:3: error: expected ';'\n").json());

        awaitState("t1", "sent");
        put(CompletedTask.of("sentinel").name("other").failed("x").json());
        awaitState("sentinel", "sent");
        assertThat(webhookSubjects()).containsExactly("[dirt] FAILED compile_hello on r123 (node build7)",
                "[dirt] FAILED other on r1 (node build7)");
        JsonNode payload = receiver.requests().get(0).json();
        assertThat(payload.path("stderr_tail").toString()).isEqualTo("[\"compiling\",\"hello.c:3: error: expected ';'\"]");
        assertThat(payload.path("url").asText()).isEqualTo("http://couch.test/demo/_design/dirt/record.html?id=r123");
        assertThat(emailSubjects()).containsExactly("[dirt] FAILED compile_hello on r123 (node build7)",
                "[dirt] FAILED other on r1 (node build7)");
        ObjectNode t1 = doc("t1");
        assertThat(t1.path("notified").path("kind").asText()).isEqualTo("failed");
        assertThat(t1.path("notified").path("by").asText()).isEqualTo("n1");
        assertThat(t1.path("notified").path("channels").path("email").asText()).isEqualTo("sent");
        assertThat(t1.path("notified").path("channels").path(webhook().id()).asText()).isEqualTo("sent");
        assertThat(t1.path("platform").asText()).as("fields the notifier does not own are kept").isEqualTo("linux");
        assertThat(t1.path("results").path("reason").asText()).isEqualTo("command exited with code 2");
    }

    private static ObjectNode node(String name) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("_id", "node:" + name).put("type", "node")
                .put("name", name).put("enabled", true);
        node.putObject("sys_info").put("cpu_count", 2);
        return node;
    }

    @Test
    void a_node_is_told_once_per_event_its_quarantine_then_its_drift_and_old_drift_not_at_all() {
        start("n1");
        long now = Instant.now().getEpochSecond();
        ObjectNode sick = node("build9");
        ObjectNode mark = sick.putObject("quarantined").put("reason", "failed 3 tries of build within 10 min that"
                + " passed on other nodes").put("since", now - 5);
        mark.putArray("evidence").addObject().put("task", "t1").put("name", "build").put("attempt", 1)
                .put("failed", now - 20).putArray("passed_on").add("build7");
        ObjectNode old = node("build3");
        old.putArray("facts_changed").addObject().put("what", "java_version").put("from", "17").put("to", "21")
                .put("when", now - 3 * 86400);
        put(old);
        put(sick);

        awaitState("node:build9", "sent");
        ObjectNode sampled = doc("node:build9");
        sampled.putObject("resources").putArray("samples").addArray().add(now).add(0.5).add(1).add(2);
        put(sampled);
        ObjectNode drifted = doc("node:build9");
        drifted.putArray("facts_changed").addObject().put("what", "environ.G4INSTALL").put("from", "(set)")
                .putNull("to").put("when", now);
        put(drifted);
        await().atMost(WAIT).until(() -> doc("node:build9").path("notified").path("kind").asText()
                .equals("facts_changed") && doc("node:build9").path("notified").path("state").asText().equals("sent"));
        put(CompletedTask.of("sentinel").name("other").failed("x").json());
        awaitState("sentinel", "sent");

        assertThat(webhookSubjects()).containsExactly(
                "[dirt] QUARANTINED node build9: it fails tasks that pass on other nodes",
                "[dirt] FACTS CHANGED node build9: 1 change(s)", "[dirt] FAILED other on r1 (node build7)");
        JsonNode quarantined = receiver.requests().get(0).json();
        assertThat(quarantined.path("event").asText()).isEqualTo("node_quarantined");
        assertThat(quarantined.path("url").asText()).isEqualTo("http://couch.test/demo/_design/dirt/nodes.html#node-build9");
        assertThat(quarantined.path("quarantined").path("evidence").get(0).path("passed_on").get(0).asText())
                .isEqualTo("build7");
        assertThat(receiver.requests().get(1).json().path("events").get(0).path("line").asText())
                .isEqualTo("fact changed: environ.G4INSTALL: \"(set)\" → null");
        assertThat(emailSubjects()).hasSize(3);
        assertThat(doc("node:build3").has("notified")).as("a change from days ago").isFalse();
    }

    @Test
    void nospam_sends_one_message_for_a_broken_build_and_one_for_its_recovery() {
        start("n1");

        String runs = "PFFFPP";
        for (int i = 0; i < runs.length(); i++) {
            CompletedTask task = CompletedTask.of("t" + i).record("r" + i).completedAt(i);
            put((runs.charAt(i) == 'P' ? task.passed() : task.failed("exit 1")).json());
        }

        put(CompletedTask.of("sentinel").name("other").failed("x").completedAt(99).json());
        awaitState("sentinel", "sent");
        awaitState("t4", "sent");
        assertThat(webhookSubjects()).containsExactlyInAnyOrder("[dirt] FAILED compile_hello on r1 (node build7)",
                "[dirt] RECOVERED compile_hello on r4 (node build7)", "[dirt] FAILED other on r1 (node build7)");
        assertThat(doc("t2").has("notified")).as("a repeated failure is not claimed").isFalse();
    }

    @Test
    void a_broadcast_sends_one_message_for_its_parent_and_none_for_its_node_runs() {
        start("n1");

        put(CompletedTask.of("clean@build7").name("clean").record("r5").failed("exit 1").json()
                .put("parent", "clean").put("on_node", "build7"));
        put(CompletedTask.of("clean").name("clean").record("r5").failed("failed on build7").json());

        put(CompletedTask.of("sentinel").name("other").failed("x").completedAt(99).json());
        awaitState("sentinel", "sent");
        awaitState("clean", "sent");
        assertThat(webhookSubjects()).containsExactlyInAnyOrder("[dirt] FAILED clean on r5 (node build7)",
                "[dirt] FAILED other on r1 (node build7)");
    }

    @Test
    void a_task_skipped_after_a_failed_one_sends_nothing_the_failed_one_says_it() {
        start("n1");

        put(CompletedTask.of("build").name("build").record("r6").failed("exit 2").json());
        ObjectNode skipped = CompletedTask.of("unit").name("unit").record("r6").failed("not run: build failed").json();
        ((ObjectNode) skipped.get("results")).put("skipped", true);
        put(skipped);

        put(CompletedTask.of("sentinel").name("other").failed("x").completedAt(99).json());
        awaitState("sentinel", "sent");
        awaitState("build", "sent");
        assertThat(webhookSubjects()).containsExactlyInAnyOrder("[dirt] FAILED build on r6 (node build7)",
                "[dirt] FAILED other on r1 (node build7)");
    }

    @Test
    void a_cancelled_task_sends_nothing_and_does_not_count_as_the_previous_run() {
        start("n1");

        put(CompletedTask.of("t0").record("r0").completedAt(0).failed("exit 1").json());
        ObjectNode cancelled = CompletedTask.of("t1").record("r1").completedAt(1).failed("cancelled").json();
        ((ObjectNode) cancelled.get("results")).put("cancelled", true);
        put(cancelled);
        put(CompletedTask.of("t2").record("r2").completedAt(2).failed("exit 1").json());

        put(CompletedTask.of("sentinel").name("other").failed("x").completedAt(99).json());
        awaitState("sentinel", "sent");
        assertThat(webhookSubjects()).containsExactlyInAnyOrder("[dirt] FAILED compile_hello on r0 (node build7)",
                "[dirt] FAILED other on r1 (node build7)");
        assertThat(doc("t1").has("notified")).isFalse();
    }

    @Test
    void the_previous_task_of_a_name_is_the_one_that_completed_before_whatever_the_record() {
        start("n1");

        put(CompletedTask.of("newer-record").record("r2").completedAt(10).failed("exit 1").json());
        awaitState("newer-record", "sent");
        put(CompletedTask.of("older-record").record("r1").completedAt(20).passed().json());

        awaitState("older-record", "sent");
        assertThat(doc("older-record").path("notified").path("kind").asText()).isEqualTo("recovered");
        assertThat(doc("older-record").path("notified").path("previous").asText()).isEqualTo("newer-record");
        assertThat(webhookSubjects()).containsExactly("[dirt] FAILED compile_hello on r2 (node build7)",
                "[dirt] RECOVERED compile_hello on r1 (node build7)");
    }

    @Test
    void a_rule_narrows_the_events_of_matching_task_names() {
        NotifySettings lintOnlyRecovers = new NotifySettings(Set.of(NotifyEvent.FAILURE, NotifyEvent.RECOVERY), true,
                false, Optional.empty(), Optional.empty(), List.of(), false,
                List.of(new NotifyRule("lint*", Set.of(NotifyEvent.RECOVERY))));
        start("n1", lintOnlyRecovers, List.of(webhook()), QUICK, Notifier.STALE_AFTER);

        put(CompletedTask.of("l1").name("lint_java").failed("style").completedAt(1).json());
        put(CompletedTask.of("l2").name("lint_java").passed().completedAt(2).json());

        awaitState("l2", "sent");
        assertThat(webhookSubjects()).containsExactly("[dirt] RECOVERED lint_java on r1 (node build7)");
    }

    @Test
    void a_record_summary_is_sent_once_when_the_last_task_of_the_record_completes() {
        NotifySettings summaries = new NotifySettings(Set.of(), true, true, Optional.empty(), Optional.empty(),
                List.of(), false, List.of());
        start("n1", summaries, List.of(webhook()), QUICK, Notifier.STALE_AFTER);
        put(JsonNodeFactory.instance.objectNode().put("_id", "r7").put("type", "record").put("description", "rev"));
        // b exists before a completes: a task added to a record after its last one completed brings a summary of
        // its own (README, known limits), and a notifier may handle a's completion before it sees b
        put(CompletedTask.of("b").name("examples.simple").record("r7").running());
        put(CompletedTask.of("a").record("r7").failed("exit 2").json());

        await("no summary while a task runs").during(Duration.ofMillis(500)).atMost(WAIT)
                .until(() -> receiver.requests().isEmpty());
        ObjectNode b = doc("b");
        put(CompletedTask.of("b").name("examples.simple").record("r7").passed().json().put("_rev",
                b.path("_rev").asText()));

        awaitState("r7", "sent");
        assertThat(webhookSubjects()).containsExactly("[dirt] FAILED record r7: 1 of 2 task(s) failed");
        JsonNode payload = receiver.requests().get(0).json();
        assertThat(payload.path("event").asText()).isEqualTo("record_summary");
        assertThat(payload.path("counts").path("passed").asInt()).isEqualTo(1);
        assertThat(doc("r7").path("description").asText()).isEqualTo("rev");
        assertThat(doc("r7").path("notified").path("tasks").asInt()).isEqualTo(2);
    }

    @Test
    void a_failing_channel_is_retried_a_bounded_number_of_times_and_does_not_stop_the_others() {
        receiver.thenAlways(500);
        start("n1");

        put(CompletedTask.of("t1").failed("exit 1").json());

        awaitState("t1", "failed");
        assertThat(receiver.requests()).hasSize(QUICK.attempts())
                .extracting(r -> r.header("X-Dirt-Delivery")).containsOnly("t1@1700000002");
        assertThat(emailSubjects()).containsExactly("[dirt] FAILED compile_hello on r1 (node build7)");
        JsonNode channels = doc("t1").path("notified").path("channels");
        assertThat(channels.path("email").asText()).isEqualTo("sent");
        assertThat(channels.path(webhook().id()).asText()).startsWith("failed: webhook not delivered: ")
                .contains("status=500");

        put(CompletedTask.of("t2").name("other").failed("exit 1").json());
        await().atMost(WAIT).untilAsserted(() -> assertThat(emailSubjects()).hasSize(2));
    }

    @Test
    void a_slow_webhook_does_not_delay_the_emails() {
        receiver.stallEach(Duration.ofSeconds(4));
        start("n1");

        for (int i = 1; i <= 3; i++) {
            put(CompletedTask.of("t" + i).name("task" + i).failed("exit 1").json());
        }

        // with the channels sharing workers, two stalled webhook posts held back every email for 4 s at least
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(emailSubjects()).hasSize(3));
        assertThat(receiver.requests()).hasSizeLessThan(3);
        await().atMost(WAIT).untilAsserted(() -> assertThat(receiver.requests()).hasSize(3));
    }

    @Test
    void an_outcome_that_could_not_be_written_while_the_database_was_down_is_written_when_it_is_back(
            @TempDir Path dir) throws InterruptedException {
        try (RestartableTestCouch own = RestartableTestCouch.start(dir);
             CouchClient client = CouchClient.create(own.config())) {
            CouchDatabase outage = client.database("outage");
            outage.createIfMissing();
            db = outage;
            store = TestCouch.store(outage);
            receiver.stallEach(Duration.ofSeconds(3));
            Notifier notifier = start("n1", DEFAULTS, List.of(webhook()), QUICK, Notifier.STALE_AFTER);
            put(CompletedTask.of("t1").failed("exit 1").json());
            await().atMost(WAIT).until(() -> !receiver.requests().isEmpty());

            own.stop();
            Thread.sleep(4_000); // the webhook answers meanwhile: the outcome's first writes fail
            own.restart();

            awaitState("t1", "sent");
            notifier.stop(Duration.ofSeconds(2));
            started.remove(notifier);
            start("n1", DEFAULTS, List.of(webhook()), QUICK, Notifier.STALE_AFTER);
            Thread.sleep(2_000);
            assertThat(receiver.requests()).hasSize(1);
            for (Notifier running : List.copyOf(started)) {
                running.stop(Duration.ofSeconds(2));
                started.remove(running);
            }
        }
    }

    @Test
    void a_webhook_that_fails_once_gets_the_message_on_the_next_attempt() {
        receiver.answer(500);
        start("n1", DEFAULTS, List.of(webhook()), QUICK, Notifier.STALE_AFTER);

        put(CompletedTask.of("t1").failed("exit 1").json());

        awaitState("t1", "sent");
        assertThat(receiver.requests()).hasSize(2);
        assertThat(receiver.requests().get(0).text()).isEqualTo(receiver.requests().get(1).text());
    }

    @Test
    void a_restart_notifies_what_completed_while_stopped_and_nothing_twice() throws InterruptedException {
        Notifier first = start("n1");
        put(CompletedTask.of("t1").failed("exit 1").json());
        awaitState("t1", "sent");
        first.stop(Duration.ofSeconds(5));

        put(CompletedTask.of("t2").name("other").failed("exit 1").json());
        start("n1");

        awaitState("t2", "sent");
        put(CompletedTask.of("sentinel").name("third").failed("x").json());
        awaitState("sentinel", "sent");
        assertThat(webhookSubjects()).containsExactly("[dirt] FAILED compile_hello on r1 (node build7)",
                "[dirt] FAILED other on r1 (node build7)", "[dirt] FAILED third on r1 (node build7)");
        assertThat(emailSubjects()).hasSize(3);
    }

    @Test
    void a_stop_while_a_channel_is_retried_records_who_got_it_and_the_next_start_sends_only_the_rest()
            throws InterruptedException {
        receiver.thenAlways(503);
        Notifier first = start("n1", DEFAULTS, channels(), new Retry(10, Duration.ofSeconds(1),
                Duration.ofSeconds(1)), Notifier.STALE_AFTER);
        put(CompletedTask.of("t1").failed("exit 1").json());
        await().atMost(WAIT).until(() -> emailSubjects().size() == 1 && !receiver.requests().isEmpty());

        first.stop(Duration.ofMillis(200));

        assertThat(doc("t1").path("notified").path("state").asText()).isEqualTo("sending");
        assertThat(doc("t1").path("notified").path("channels").path("email").asText()).isEqualTo("sent");
        receiver.thenAlways(200);
        start("n1");
        awaitState("t1", "sent");
        assertThat(emailSubjects()).as("the email is not sent twice").hasSize(1);
        assertThat(receiver.requests().get(receiver.requests().size() - 1).header("X-Dirt-Delivery"))
                .isEqualTo("t1@1700000002");
    }

    @Test
    void a_claim_left_by_a_crash_of_this_server_is_sent_at_its_next_start() {
        put(claimed(CompletedTask.of("t1").failed("exit 1").json(), "n1", Instant.now()));

        start("n1");

        awaitState("t1", "sent");
        assertThat(webhookSubjects()).containsExactly("[dirt] FAILED compile_hello on r1 (node build7)");
        assertThat(doc("t1").path("notified").path("run").asText()).isNotEqualTo("dead-run");
    }

    @Test
    void a_stale_claim_of_a_vanished_server_is_taken_over_and_a_fresh_one_is_left_alone() {
        put(claimed(CompletedTask.of("old").failed("exit 1").json(), "gone", Instant.now().minusSeconds(3600)));
        put(claimed(CompletedTask.of("fresh").name("other").failed("exit 1").json(), "busy", Instant.now()));

        start("n2");

        awaitState("old", "sent");
        assertThat(doc("old").path("notified").path("by").asText()).isEqualTo("n2");
        assertThat(webhookSubjects()).containsExactly("[dirt] FAILED compile_hello on r1 (node build7)");
        assertThat(doc("fresh").path("notified").path("state").asText()).isEqualTo("sending");
    }

    @Test
    void two_servers_on_one_database_notify_each_completion_once() {
        start("a");
        start("b");

        for (int i = 0; i < 5; i++) {
            put(CompletedTask.of("t" + i).name("task" + i).failed("exit 1").json());
        }

        for (int i = 0; i < 5; i++) {
            awaitState("t" + i, "sent");
        }
        assertThat(webhookSubjects()).hasSize(5).doesNotHaveDuplicates();
        assertThat(emailSubjects()).hasSize(5).doesNotHaveDuplicates();
    }

    /** A task document as a notifier that died while sending leaves it: claimed, nothing sent. */
    private static ObjectNode claimed(ObjectNode task, String by, Instant at) {
        dirt.json.JsonObject doc = dirt.store.couch.JacksonBridge.object(task);
        Claim claim = new Claim(doc.number("completed").orElseThrow(), Kind.FAILED, Optional.empty(),
                Claim.State.SENDING, by, "dead-run", at, java.util.Map.of());
        return dirt.store.couch.JacksonBridge.tree(claim.applyTo(doc));
    }
}
