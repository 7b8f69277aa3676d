package dev.webnn.js;

/** Optional parts of a realm's global beyond the web basics (timers, console, events, location) and WebNN. */
public enum WebApi {
    /** URL, URLSearchParams, fetch() with Headers, Request and Response over the granted loaders. */
    FETCH,
    /**
     * Shims for the API shapes of older WebNN drafts that published samples still use (descriptors with
     * {@code dimensions}/{@code type}, activations without an input, {@code context.compute()}, ...). Each shape
     * accepted is reported once through the realm's diagnostics. README "Compatibility" lists them.
     */
    LEGACY_WEBNN
}
