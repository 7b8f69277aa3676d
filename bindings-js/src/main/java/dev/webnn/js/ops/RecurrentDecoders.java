package dev.webnn.js.ops;


import dev.webnn.engine.ops.Op;

/** Builds the engine op records of the Recurrent family: gru, gruCell, lstm, lstmCell. */
public final class RecurrentDecoders {
    private RecurrentDecoders() {
    }

    /** The op for this builder method, or null when the method is not of this family. */
    public static Op create(String name, Attributes attributes, String label) {
        return switch (name) {
            default -> null;
        };
    }
}
