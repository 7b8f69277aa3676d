package dev.webnn.engine.ops;


/** MLRecurrentNetworkDirection: which way gru and lstm walk the time steps. */
public enum RecurrentDirection implements WebIdlEnum {
    FORWARD,
    BACKWARD,
    /** Forward and backward; weights, biases and states then carry two directions, forward first. */
    BOTH;

    public int numDirections() {
        return this == BOTH ? 2 : 1;
    }

    /** The direction for a WebIDL enum value, or null when there is none of that name. */
    public static RecurrentDirection fromWebnnName(String name) {
        return WebIdlEnum.fromWebnnName(RecurrentDirection.class, name);
    }
}
