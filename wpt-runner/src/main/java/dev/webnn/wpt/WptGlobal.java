package dev.webnn.wpt;

/** The globals a {@code .any.js} test can run in, with the URL suffix wptserve serves each at. */
public enum WptGlobal {
    WINDOW("window", ".any.html"),
    DEDICATED_WORKER("dedicatedworker", ".any.worker.html"),
    SHARED_WORKER("sharedworker", ".any.sharedworker.html"),
    SERVICE_WORKER("serviceworker", ".any.serviceworker.html");

    private final String metaName;
    private final String anySuffix;

    WptGlobal(String metaName, String anySuffix) {
        this.metaName = metaName;
        this.anySuffix = anySuffix;
    }

    /** The name used in {@code // META: global=}. */
    public String metaName() {
        return metaName;
    }

    /** What replaces {@code .any.js} in the test URL. */
    public String anySuffix() {
        return anySuffix;
    }

    public boolean isWorker() {
        return this != WINDOW;
    }
}
