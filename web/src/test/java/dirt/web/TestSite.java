package dirt.web;

import dirt.store.couch.CouchDatabase;
import dirt.store.couch.TestCouch;
import java.net.InetSocketAddress;

/**
 * The site of a test database as a browser sees it: the design document installed, the database open to anonymous
 * readers (CouchDB 3 makes new databases admin-only) and {@link SiteServer} serving it on a free loopback port.
 */
final class TestSite implements AutoCloseable {
    private final SiteServer server;

    private TestSite(SiteServer server) {
        this.server = server;
    }

    /** The site of {@code db}, readable by anyone. */
    static TestSite open(TestCouch couch, CouchDatabase db) {
        new CouchAdmin(couch).openToReaders(db);
        return serve(couch, db);
    }

    /** The site of {@code db}, with the database's {@code _security} left as it is. */
    static TestSite serve(TestCouch couch, CouchDatabase db) {
        Site.install(TestCouch.store(db), "demo");
        return new TestSite(SiteServer.start(couch.config(), db.name(), new InetSocketAddress("127.0.0.1", 0)));
    }

    /** The front page's URL, ending in a slash: {@code url() + "record.html?id=r1"} is the record page. */
    String url() {
        return server.url().toString();
    }

    @Override
    public void close() {
        server.close();
    }
}
