package dev.webnn.js;

/** The kind of global a realm imitates, as wptserve's test wrappers describe it with {@code self.GLOBAL}. */
public enum Scope {
    WINDOW, DEDICATED_WORKER, SHARED_WORKER, SERVICE_WORKER;

    public boolean isWorker() {
        return this != WINDOW;
    }
}
