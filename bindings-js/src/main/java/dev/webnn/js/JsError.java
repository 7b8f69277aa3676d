package dev.webnn.js;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/** An uncaught JavaScript error, reduced to what a user needs: its name, message and JS stack. */
public final class JsError extends Exception {
    private final String jsName;
    private final String jsMessage;
    private final String jsStack;

    public JsError(String jsName, String jsMessage, String jsStack) {
        super(jsName.isEmpty() ? jsMessage : jsName + ": " + jsMessage);
        this.jsName = jsName;
        this.jsMessage = jsMessage;
        this.jsStack = jsStack;
    }

    public String jsName() {
        return jsName;
    }

    public String jsMessage() {
        return jsMessage;
    }

    /** The JS stack as the engine printed it, or the message alone when there is none. */
    public String jsStack() {
        return jsStack;
    }

    /** Reads a thrown JS value without running any more JS than its own getters. */
    static JsError fromThrown(Value thrown) {
        if (thrown == null || thrown.isNull()) {
            return new JsError("Error", String.valueOf(thrown), String.valueOf(thrown));
        }
        try {
            if (thrown.hasMembers() && thrown.hasMember("message")) {
                String name = asText(thrown.getMember("name"), "Error");
                String message = asText(thrown.getMember("message"), "");
                String stack = asText(thrown.getMember("stack"), name + ": " + message);
                return new JsError(name, message, stack);
            }
            return new JsError("", "Uncaught " + thrown, "Uncaught " + thrown);
        } catch (PolyglotException e) {
            return new JsError("Error", e.getMessage(), e.getMessage());
        }
    }

    static JsError fromPolyglot(PolyglotException e) {
        if (e.isCancelled()) {
            return new JsError("Error", "execution was cancelled", "execution was cancelled");
        }
        if (e.isGuestException() && e.getGuestObject() != null) {
            JsError fromValue = fromThrown(e.getGuestObject());
            if (e.isSyntaxError()) {
                return new JsError("SyntaxError", e.getMessage(), e.getMessage());
            }
            return fromValue;
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return new JsError(e.isSyntaxError() ? "SyntaxError" : "Error", message, message);
    }

    private static String asText(Value v, String fallback) {
        if (v == null || v.isNull()) {
            return fallback;
        }
        return v.isString() ? v.asString() : v.toString();
    }
}
