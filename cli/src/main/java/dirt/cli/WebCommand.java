package dirt.cli;

import dirt.DirtException;
import dirt.config.WebSettings;
import dirt.web.SiteServer;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "web",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the project's web site until Ctrl-C: the pages, and the database read with each viewer's own"
                    + " CouchDB session (they sign in on the page when the database is not open to anonymous"
                    + " readers). The site never writes and never uses dirt's own credentials.",
            "Run 'dirt push' (or 'dirt serve') once first: it installs the views the pages read."
        })
final class WebCommand implements Callable<Integer> {
    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "Where to serve the site (default: [web] listen in settings.toml, else 127.0.0.1:5985)."
                    + " An address other than loopback lets other machines in.")
    String listen;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var cli = CliContext.of(spec);
        var settings = cli.settings();
        WebSettings web = listen == null ? settings.web() : parseListen(listen);
        InetSocketAddress address = new InetSocketAddress(web.host(), web.port());
        if (address.isUnresolved()) {
            throw new DirtException("cannot serve the web site: host=\"" + web.host() + "\" is not known — use an"
                    + " address of this machine, e.g. --listen 127.0.0.1:" + web.port());
        }
        try (SiteServer site = SiteServer.start(CliContext.address(settings), address)) {
            cli.out().printf("dirt web: the site of project \"%s\", database \"%s\" at %s%n",
                    settings.project().name(), settings.couch().database(), site.couchUrl());
            cli.out().printf("open %s (Ctrl-C stops)%n", site.url());
            if (SiteServer.reachableByOthers(address)) {
                cli.err().printf("warning: %s is reachable from other machines; each viewer still sees only what"
                        + " CouchDB lets them read (see the database's _security)%n", web.listen());
            }
            cli.out().flush();
            cli.err().flush();
            awaitStop();
        }
        return ExitCodes.OK;
    }

    /** The site's URL for people, e.g. {@code http://127.0.0.1:5985/} (a wildcard address shows as localhost). */
    static String siteUrl(WebSettings web) {
        String host = web.host().equals("0.0.0.0") || web.host().equals("::") ? "localhost"
                : web.host().contains(":") ? "[" + web.host() + "]" : web.host();
        return "http://" + host + ":" + web.port() + "/";
    }

    private WebSettings parseListen(String value) {
        try {
            return WebSettings.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "invalid --listen: " + e.getMessage());
        }
    }

    /** Waits for Ctrl-C or SIGTERM (a shutdown hook), or until this thread is interrupted. */
    private static void awaitStop() {
        var stopped = new CountDownLatch(1);
        var hook = new Thread(stopped::countDown, "dirt-web-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook has run
            }
        }
    }
}
