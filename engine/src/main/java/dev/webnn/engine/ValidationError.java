package dev.webnn.engine;

/** A TypeError from argument validation, tagged with the label of the operation that failed. */
public final class ValidationError extends WebNNException {
    private final String label;

    public ValidationError(String label, String message) {
        super(ErrorKind.TYPE, message);
        this.label = label == null ? "" : label;
    }

    /**
     * No stack trace: a validation error is an answer to the caller's arguments, not a fault to debug, and bindings
     * raise thousands of them (validation tests probe every bad input), each from deep interpreter stacks.
     */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    public String label() {
        return label;
    }

    @Override
    public String getMessage() {
        return label.isEmpty() ? super.getMessage() : "[" + label + "] " + super.getMessage();
    }
}
