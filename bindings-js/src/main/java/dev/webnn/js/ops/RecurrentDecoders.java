package dev.webnn.js.ops;

import dev.webnn.engine.ValidationError;
import dev.webnn.engine.ops.Gru;
import dev.webnn.engine.ops.GruCell;
import dev.webnn.engine.ops.Lstm;
import dev.webnn.engine.ops.LstmCell;
import dev.webnn.engine.ops.Op;
import dev.webnn.engine.ops.RecurrentActivation;
import dev.webnn.engine.ops.RecurrentDirection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Builds the engine op records of the Recurrent family: gru, gruCell, lstm, lstmCell. recurrent.js has already
 * applied the WebIDL defaults and checked the enums; {@code activations} is present only when the caller gave it.
 */
public final class RecurrentDecoders {
    private RecurrentDecoders() {
    }

    /** The op for this builder method, or null when the method is not of this family. */
    public static Op create(String name, Attributes attributes, String label) {
        return switch (name) {
            case "gru" -> new Gru(attributes.integer("steps"), attributes.integer("hiddenSize"),
                    attributes.bool("resetAfter"), attributes.bool("returnSequence"),
                    direction(attributes, label), gruLayout(attributes, label), activations(attributes, label));
            case "gruCell" -> new GruCell(attributes.integer("hiddenSize"), attributes.bool("resetAfter"),
                    gruLayout(attributes, label), activations(attributes, label));
            case "lstm" -> new Lstm(attributes.integer("steps"), attributes.integer("hiddenSize"),
                    attributes.bool("returnSequence"), direction(attributes, label), lstmLayout(attributes, label),
                    activations(attributes, label));
            case "lstmCell" -> new LstmCell(attributes.integer("hiddenSize"), lstmLayout(attributes, label),
                    activations(attributes, label));
            default -> null;
        };
    }

    private static RecurrentDirection direction(Attributes attributes, String label) {
        return named(attributes, "direction", RecurrentDirection::fromWebnnName, "MLRecurrentNetworkDirection", label);
    }

    private static Gru.Layout gruLayout(Attributes attributes, String label) {
        return named(attributes, "layout", Gru.Layout::fromWebnnName, "MLGruWeightLayout", label);
    }

    private static Lstm.Layout lstmLayout(Attributes attributes, String label) {
        return named(attributes, "layout", Lstm.Layout::fromWebnnName, "MLLstmWeightLayout", label);
    }

    /** The activations as given, or null for the op's defaults. */
    private static List<RecurrentActivation> activations(Attributes attributes, String label) {
        if (!attributes.has("activations")) {
            return null;
        }
        List<RecurrentActivation> out = new ArrayList<>();
        for (String value : attributes.strings("activations")) {
            out.add(known(RecurrentActivation.fromWebnnName(value), value, "MLRecurrentNetworkActivation", label));
        }
        return out;
    }

    private static <T> T named(Attributes attributes, String member, Function<String, T> lookup, String enumName,
                               String label) {
        String value = attributes.string(member);
        return known(lookup.apply(value), value, enumName, label);
    }

    private static <T> T known(T value, String name, String enumName, String label) {
        if (value == null) {
            throw new ValidationError(label, "'" + name + "' is not a valid value for enumeration " + enumName + ".");
        }
        return value;
    }
}
