package dev.webnn.engine.ops;


/** MLRecurrentNetworkActivation: the activation functions gru, gruCell, lstm and lstmCell may apply to their gates. */
public enum RecurrentActivation implements WebIdlEnum {
    RELU,
    SIGMOID,
    TANH;

    /** The activation for a WebIDL enum value, or null when there is none of that name. */
    public static RecurrentActivation fromWebnnName(String name) {
        return WebIdlEnum.fromWebnnName(RecurrentActivation.class, name);
    }
}
