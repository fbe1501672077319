package dirt.web.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The fixture's own behaviour, run through the JUnit engine so that a failing test can be observed. */
class BrowserExtensionTest {

    @Test
    void failing_test_leaves_a_screenshot_named_after_it() throws Exception {
        Path expected = BrowserExtension.screenshotFolder().resolve("FailingPage.fails_on_a_page-failed.png");
        Files.deleteIfExists(expected);

        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(FailingPage.class))
                .execute().testEvents();

        tests.assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        assertThat(expected).isRegularFile();
        assertThat(Files.size(expected)).isPositive();
        assertThat(BrowserExtension.screenshotFolder().resolve("FailingPage.passes_on_a_page-failed.png"))
                .doesNotExist();
    }

    @Test
    void tests_of_one_class_share_one_browser() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(SameBrowser.class)).execute().testEvents()
                .assertStatistics(stats -> stats.started(2).succeeded(2));
    }

    /** Run only through the test kit: surefire skips member classes. */
    @ExtendWith(BrowserExtension.class)
    static class FailingPage {
        @Test
        void fails_on_a_page(Browser browser) {
            browser.open("data:text/html,<title>broken</title><p>this page fails its test</p>");
            assertThat(browser.title()).isEqualTo("not broken");
        }

        @Test
        void passes_on_a_page(Browser browser) {
            browser.open("data:text/html,<title>fine</title>");
            assertThat(browser.title()).isEqualTo("fine");
        }
    }

    @ExtendWith(BrowserExtension.class)
    @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class)
    static class SameBrowser {
        private static Browser first;

        @Test
        void a_first(Browser browser) {
            first = browser;
        }

        @Test
        void b_second(Browser browser) {
            assertThat(browser).isSameAs(first);
        }
    }
}
