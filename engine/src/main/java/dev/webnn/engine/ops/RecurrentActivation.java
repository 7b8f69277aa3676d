package dev.webnn.engine.ops;

import java.util.Locale;

/** MLRecurrentNetworkActivation: the activation functions gru, gruCell, lstm and lstmCell may apply to their gates. */
public enum RecurrentActivation {
    RELU,
    SIGMOID,
    TANH;

    /** The enum value as WebIDL spells it, e.g. "sigmoid". */
    public String webnnName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The activation for a WebIDL enum value, or null when there is none of that name. */
    public static RecurrentActivation fromWebnnName(String name) {
        for (RecurrentActivation a : values()) {
            if (a.webnnName().equals(name)) {
                return a;
            }
        }
        return null;
    }
}
