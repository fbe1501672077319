package dirt.web;

import static dirt.web.Fixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import dirt.web.browser.Browser;
import dirt.web.browser.BrowserExtension;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A database only its members may read ({@code _security}), in headless Chromium: the site asks to sign in with
 * CouchDB's cookie session and shows the records to a member. Needs a CouchDB with an admin: on an admin party
 * (the default pouchdb-server) every viewer is an admin, and pouchdb-server does not restrict reads to members, so the
 * class is skipped there.
 */
@ExtendWith({CouchServerExtension.class, BrowserExtension.class})
class SiteSignInTest {
    private static final String PASSWORD = "s3cret-pa55";

    private CouchAdmin admin;
    private TestSite site;
    private String member;

    @BeforeEach
    void members_only_database_with_one_record(TestCouch couch, Browser browser) {
        admin = new CouchAdmin(couch);
        assumeTrue(admin.enforcesSecurity(), "needs a CouchDB with an admin (DIRT_TEST_COUCH_URL with credentials):"
                + " on an admin party every viewer is an admin, and pouchdb-server does not restrict reads to members");
        CouchDatabase db = couch.database();
        member = "member-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createUser(member, PASSWORD);
        admin.membersOnly(db, member);
        db.bulkDocs(List.of(record("r1", 100), record("r2", 200)));
        site = TestSite.serve(couch, db);
        browser.driver().manage().deleteAllCookies();
    }

    @AfterEach
    void tearDown() {
        if (site != null) {
            site.close();
        }
        admin.close();
    }

    @Test
    void the_page_asks_an_anonymous_viewer_to_sign_in_and_shows_a_member_the_records(Browser browser) {
        browser.open(site.url());
        browser.visible(By.id("sign-in"));
        assertThat(browser.driver().findElement(By.id("sign-in-why")).getText())
                .isEqualTo("This database is not open to anonymous readers: sign in with your CouchDB name and"
                        + " password.");
        assertThat(browser.driver().findElement(By.id("grid")).isDisplayed()).isFalse();
        browser.screenshot("sign-in");

        signIn(browser, member, PASSWORD);

        browser.waitUntil(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
        browser.waitForAttributes("table#grid tr[data-id]", "data-id", List.of("r2", "r1"));
        assertThat(browser.visible(By.id("session")).getText()).isEqualTo("signed in as " + member + " · sign out");
        assertThat(browser.driver().findElement(By.id("sign-in")).isDisplayed()).isFalse();
        browser.screenshot("signed-in");

        browser.click(By.id("sign-out"));
        browser.visible(By.id("sign-in"));
        assertThat(browser.driver().findElement(By.id("session")).isDisplayed()).isFalse();
    }

    @Test
    void a_wrong_password_says_so_and_the_form_stays(Browser browser) {
        browser.open(site.url() + "record.html?id=r1");
        browser.visible(By.id("sign-in"));

        signIn(browser, member, "not-" + PASSWORD);

        assertThat(browser.waitForText(By.id("sign-in-error"), "Sign-in failed").getText())
                .isEqualTo("Sign-in failed: Name or password is incorrect.");
        assertThat(browser.driver().findElement(By.id("sign-in")).isDisplayed()).isTrue();
        assertThat(browser.driver().findElement(By.id("tasks")).isDisplayed()).isFalse();
    }

    @Test
    void someone_signed_in_who_is_not_a_member_is_told_who_they_are_and_why_nothing_shows(Browser browser) {
        String stranger = "stranger-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createUser(stranger, PASSWORD);
        browser.open(site.url() + "nodes.html");
        browser.visible(By.id("sign-in"));

        signIn(browser, stranger, PASSWORD);

        assertThat(browser.waitForText(By.id("sign-in-why"), "You are signed in as").getText())
                .startsWith("You are signed in as " + stranger + ", who may not read this database (")
                .endsWith("). Sign in as someone who may, or ask an admin to add you to the database\u2019s members.");
        assertThat(browser.visible(By.id("session-name")).getText()).isEqualTo(stranger);
    }

    private static void signIn(Browser browser, String name, String password) {
        browser.driver().findElement(By.id("sign-in-name")).clear();
        browser.driver().findElement(By.id("sign-in-name")).sendKeys(name);
        browser.driver().findElement(By.id("sign-in-password")).sendKeys(password);
        browser.click(By.id("sign-in-submit"));
    }
}
