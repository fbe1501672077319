package dirt.cli;

import dirt.json.JsonObject;
import dirt.notify.Notifier;
import dirt.retention.Pruner;
import dirt.serve.Server;
import dirt.store.Store;
import dirt.web.Site;
import java.util.ArrayList;
import java.util.List;

/**
 * The design documents of a project's database, which {@code dirt push} and {@code dirt serve} install: the site's,
 * serve's, the notifications' and retention's. Installing them is one read and at most one write, whatever their
 * number (serve starts sooner on a busy database).
 */
final class DesignDocuments {
    private DesignDocuments() {}

    static List<JsonObject> of(String projectName) {
        List<JsonObject> documents = new ArrayList<>();
        documents.add(Site.designDocument(projectName));
        documents.addAll(Server.designDocuments());
        documents.add(Notifier.designDocument());
        documents.add(Pruner.designDocument());
        return documents;
    }

    /** Writes those that are missing or differ; whether it wrote any. Writing takes a database admin. */
    static boolean install(Store store, String projectName) {
        return !store.ensureDocuments(of(projectName)).isEmpty();
    }
}
