package dev.webnn.engine;

/** The JavaScript error an engine failure surfaces as. */
public enum ErrorKind {
    TYPE("TypeError"),
    INVALID_STATE("InvalidStateError"),
    OPERATION("OperationError"),
    UNKNOWN("UnknownError"),
    NOT_SUPPORTED("NotSupportedError"),
    DATA("DataError"),
    ABORT("AbortError"),
    /** A resource the realm asked for (importScripts, a module) could not be loaded. */
    NETWORK("NetworkError");

    private final String jsName;

    ErrorKind(String jsName) {
        this.jsName = jsName;
    }

    public String jsName() {
        return jsName;
    }

    /** TypeError is an ECMAScript error; every other kind is a DOMException name. */
    public boolean isDomException() {
        return this != TYPE;
    }
}
