package dev.webnn.engine;

import java.util.Objects;

/** The only exception the engine lets escape; its kind decides the JavaScript error. */
public class WebNNException extends RuntimeException {
    private final ErrorKind kind;

    public WebNNException(ErrorKind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public ErrorKind kind() {
        return kind;
    }
}
