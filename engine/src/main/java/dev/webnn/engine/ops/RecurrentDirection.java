package dev.webnn.engine.ops;

import java.util.Locale;

/** MLRecurrentNetworkDirection: which way gru and lstm walk the time steps. */
public enum RecurrentDirection {
    FORWARD,
    BACKWARD,
    /** Forward and backward; weights, biases and states then carry two directions, forward first. */
    BOTH;

    public int numDirections() {
        return this == BOTH ? 2 : 1;
    }

    public String webnnName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The direction for a WebIDL enum value, or null when there is none of that name. */
    public static RecurrentDirection fromWebnnName(String name) {
        for (RecurrentDirection d : values()) {
            if (d.webnnName().equals(name)) {
                return d;
            }
        }
        return null;
    }
}
