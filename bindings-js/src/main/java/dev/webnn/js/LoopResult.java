package dev.webnn.js;

/** How {@link Realm#runEventLoop} ended. */
public enum LoopResult {
    /** The caller's condition became true. */
    DONE,
    /** Nothing is pending: no task, timer or host operation can run JS again. */
    IDLE,
    /** The time given ran out; the realm was cancelled and must be closed. */
    TIMEOUT
}
