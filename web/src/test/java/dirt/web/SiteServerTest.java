package dirt.web;

import static dirt.web.Fixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dirt.DirtException;
import dirt.store.couch.Attachment;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.DocRef;
import dirt.store.couch.TestCouch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SiteServer over HTTP, no browser: its pages and their headers, and what its proxy passes on to CouchDB. */
@ExtendWith(CouchServerExtension.class)
class SiteServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> PAGES = List.of("index.html", "records.html", "record.html", "task.html",
            "nodes.html", "schedules.html");

    private TestCouch couch;
    private CouchDatabase db;
    private CouchAdmin admin;
    private TestSite site;

    @BeforeEach
    void setUp(TestCouch couch) {
        this.couch = couch;
        this.db = couch.database();
        this.admin = new CouchAdmin(couch);
    }

    @AfterEach
    void tearDown() {
        if (site != null) {
            site.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void every_page_carries_the_shared_header_and_a_strict_content_security_policy() throws Exception {
        site = TestSite.open(couch, db);

        for (String page : PAGES) {
            HttpResponse<String> response = get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(page).contains("text/html; charset=utf-8");
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(page)
                    .contains(Pages.CONTENT_SECURITY_POLICY);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).contains("no-referrer");
            assertThat(response.headers().firstValue("Cache-Control")).contains("no-cache");
            assertThat(response.body()).as(page).contains("<nav aria-label=\"Site\">", "id=\"nav-nodes\"",
                    "id=\"nav-schedules\"", "<main id=\"main\">", "<form id=\"sign-in\"")
                    .doesNotContain("#include", "style=", "<script>");
        }
    }

    @Test
    void the_root_is_the_grid_and_the_scripts_and_style_sheet_have_their_types() throws Exception {
        site = TestSite.open(couch, db);

        assertThat(get("").body()).isEqualTo(get("index.html").body()).contains("<table id=\"grid\"");
        assertThat(get("records.html").body()).contains("<table id=\"records\"");
        for (String script : List.of("lib/couch.js", "lib/ui.js", "pages/grid.js", "pages/records.js",
                "pages/record.js", "pages/task.js", "pages/nodes.js", "pages/schedules.js")) {
            assertThat(get(script).headers().firstValue("Content-Type")).as(script)
                    .contains("text/javascript; charset=utf-8");
            assertThat(get(script).body()).as(script).doesNotContain("style=\"").doesNotContain("innerHTML =",
                    "outerHTML =", "insertAdjacentHTML", "document.write");
        }
        assertThat(get("lib/html.js").body()).as("the one place markup is set")
                .contains("element.innerHTML = content.text");
        assertThat(get("dirt.css").headers().firstValue("Content-Type")).contains("text/css; charset=utf-8");
        assertThat(get("header.html").statusCode()).isEqualTo(404);
        assertThat(get("nothing.html").statusCode()).isEqualTo(404);
    }

    @Test
    void the_proxy_reads_documents_and_views_of_the_database() throws Exception {
        site = TestSite.open(couch, db);
        db.bulkDocs(List.of(record("r1", 100)));

        HttpResponse<String> doc = get("db/r1");
        HttpResponse<String> view = get("db/_design/dirt/_view/records?descending=true");

        assertThat(doc.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(doc.body()).path("description").asText()).isEqualTo("revision r1");
        assertThat(doc.headers().firstValue("ETag")).isPresent();
        assertThat(JSON.readTree(view.body()).path("rows").get(0).path("id").asText()).isEqualTo("r1");
        assertThat(JSON.readTree(get("db/").body()).path("db_name").asText()).isEqualTo(db.name());
    }

    @Test
    void a_task_attachment_is_served_sandboxed_so_its_script_never_runs_as_the_site() throws Exception {
        site = TestSite.open(couch, db);
        DocRef task = db.put(Fixtures.task("t1", "r1", "report", 100));
        String html = "<!doctype html><p>report</p><script>document.cookie</script>";
        db.putAttachment(task.id(), task.rev(), "x.html",
                new Attachment("text/html", html.getBytes(StandardCharsets.UTF_8)));

        HttpResponse<String> response = get("db/t1/x.html");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(html);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/html"));
        assertThat(response.headers().firstValue("Content-Security-Policy")).contains("sandbox");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void an_anonymous_read_of_a_members_only_database_is_refused_although_dirt_has_admin_credentials()
            throws Exception {
        assumeTrue(admin.enforcesSecurity(), "needs a CouchDB with an admin (DIRT_TEST_COUCH_URL with credentials):"
                + " on an admin party every viewer is an admin, and pouchdb-server does not restrict reads to members");
        admin.membersOnly(db, "someone");
        db.bulkDocs(List.of(record("r1", 100)));
        site = TestSite.serve(couch, db);

        assertThat(get("db/r1").statusCode()).isEqualTo(401);
        assertThat(get("db/_design/dirt/_view/records").statusCode()).isEqualTo(401);
        assertThat(get("db/_changes?feed=longpoll&timeout=1000").statusCode()).isEqualTo(401);
        assertThat(get("db/r1").headers().firstValue("WWW-Authenticate")).as("no browser password dialog").isEmpty();
    }

    @Test
    void a_write_through_the_proxy_is_refused_with_405_and_writes_nothing() throws Exception {
        site = TestSite.open(couch, db);

        for (String method : List.of("PUT", "POST", "DELETE", "PATCH")) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("db/r9"))
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString("{\"type\": \"record\"}")));
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).contains("GET, HEAD");
        }
        assertThat(db.get("r9")).isEmpty();
    }

    @Test
    void a_path_outside_what_the_site_reads_is_refused_with_400() throws Exception {
        site = TestSite.open(couch, db);

        for (String path : List.of("db/../_users", "db/%2E%2E/_all_dbs", "db/a%2F..%2F..%2F_users", "db/_security",
                "db/_design/other", "db/_design%2Fdirt", "db/_local/x", "db/_changes?feed=continuous",
                "db/r1//x", "db/r1/a%2F..%2Fb")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("reason").asText()).as(path).isNotBlank();
        }
    }

    @Test
    void signing_in_passes_couchdbs_session_cookie_through_without_a_domain() throws Exception {
        assumeTrue(admin.enforcesSecurity(), "needs a CouchDB with an admin: an admin party has no users");
        admin.createUser("siteuser", "pa55word");
        site = TestSite.serve(couch, db);

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("_session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"siteuser\",\"password\":\"pa55word\"}")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
                .startsWith("AuthSession=").doesNotContainIgnoringCase("domain="));
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        JsonNode session = JSON.readTree(send(HttpRequest.newBuilder(uri("_session")).header("Cookie", cookie))
                .body());
        assertThat(session.path("userCtx").path("name").asText()).isEqualTo("siteuser");
    }

    @Test
    void signing_in_from_another_site_or_with_a_form_body_is_refused() throws Exception {
        site = TestSite.open(couch, db);

        HttpResponse<String> crossSite = send(HttpRequest.newBuilder(uri("_session"))
                .header("Content-Type", "application/json").header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"a\",\"password\":\"b\"}")));
        HttpResponse<String> form = send(HttpRequest.newBuilder(uri("_session"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=a&password=b")));

        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(form.statusCode()).isEqualTo(415);
    }

    @Test
    void on_a_loopback_address_a_request_for_another_host_name_is_refused() throws Exception {
        site = TestSite.open(couch, db);
        int port = URI.create(site.url()).getPort();

        assertThat(rawGet(port, "evil.example:" + port)).startsWith("HTTP/1.1 403 ");
        assertThat(rawGet(port, "localhost:" + port)).startsWith("HTTP/1.1 200 ");
        assertThat(SiteServer.loopbackHost("127.0.0.1:5985")).isTrue();
        assertThat(SiteServer.loopbackHost("[::1]:5985")).isTrue();
        assertThat(SiteServer.loopbackHost("LOCALHOST")).isTrue();
        assertThat(SiteServer.loopbackHost("127.0.0.1.evil.example:5985")).isFalse();
        assertThat(SiteServer.loopbackHost(null)).isFalse();
    }

    @Test
    void a_port_that_is_taken_fails_with_a_clear_message() {
        site = TestSite.open(couch, db);
        InetSocketAddress taken = new InetSocketAddress("127.0.0.1", URI.create(site.url()).getPort());

        assertThatThrownBy(() -> SiteServer.start(couch.config(), db.name(), taken))
                .isInstanceOf(DirtException.class)
                .hasMessageStartingWith("cannot serve the web site: address=\"127.0.0.1:" + taken.getPort()
                        + "\" cause=\"")
                .hasMessageEndingWith("— stop what listens there, or choose another address with --listen HOST:PORT");
    }

    /** The status line of a GET of the front page sent with {@code Host: host} (HttpClient will not set Host). */
    private static String rawGet(int port, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    private URI uri(String path) {
        return URI.create(site.url() + path);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
