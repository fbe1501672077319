package dirt.web.browser;

import dirt.testing.Needed;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a headless Chromium: {@code @ExtendWith(BrowserExtension.class)}, then take a {@link Browser} parameter
 * (test method, {@code @BeforeEach} or constructor). One browser per test class (a {@code @Nested} class shares its
 * outer class's), closed after the class. When a test fails, a screenshot of the page it was on is written to
 * {@code target/screenshots/<Class>.<method>-failed.png}. Without Debian's {@code chromium} and
 * {@code chromium-driver} packages the class is skipped, saying which to install.
 */
public final class BrowserExtension implements BeforeAllCallback, ParameterResolver, AfterTestExecutionCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrowserExtension.class);
    private static final String KEY = "browser";

    /** Where screenshots go: the module's {@code target/screenshots} (surefire runs tests in the module folder). */
    static Path screenshotFolder() {
        return Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("screenshots");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Needed.tool(Files.isExecutable(Browser.CHROMIUM) && Files.isExecutable(Browser.CHROMEDRIVER),
                () -> "browser tests skipped: " + missing() + " — install Debian's packages"
                        + " (apt-get install chromium chromium-driver), or run ./run-tests as root");
        context.getStore(NAMESPACE).getOrComputeIfAbsent(KEY, key -> new ClosingBrowser(
                Browser.start(screenshotFolder())), ClosingBrowser.class);
    }

    private static String missing() {
        StringBuilder missing = new StringBuilder();
        if (!Files.isExecutable(Browser.CHROMIUM)) {
            missing.append(Browser.CHROMIUM).append(" (package chromium) is missing");
        }
        if (!Files.isExecutable(Browser.CHROMEDRIVER)) {
            missing.append(missing.length() > 0 ? ", " : "")
                    .append(Browser.CHROMEDRIVER).append(" (package chromium-driver) is missing");
        }
        return missing.toString();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get(KEY, ClosingBrowser.class).browser();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        ClosingBrowser holder = context.getStore(NAMESPACE).get(KEY, ClosingBrowser.class);
        if (holder == null) {
            return;
        }
        String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName()
                + "-failed";
        try {
            Path file = holder.browser().screenshot(name);
            context.publishReportEntry("screenshot", file.toString());
        } catch (RuntimeException e) {
            context.getExecutionException().get().addSuppressed(e);
        }
    }

    /** Closes the browser when JUnit drops the class's store. */
    private record ClosingBrowser(Browser browser) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            browser.close();
        }
    }
}
