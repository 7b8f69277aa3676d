package dev.webnn.js.ops;

import dev.webnn.engine.ValidationError;
import dev.webnn.engine.ops.Concat;
import dev.webnn.engine.ops.Expand;
import dev.webnn.engine.ops.Gather;
import dev.webnn.engine.ops.GatherElements;
import dev.webnn.engine.ops.GatherND;
import dev.webnn.engine.ops.Op;
import dev.webnn.engine.ops.Pad;
import dev.webnn.engine.ops.Reshape;
import dev.webnn.engine.ops.Reverse;
import dev.webnn.engine.ops.ScatterElements;
import dev.webnn.engine.ops.ScatterND;
import dev.webnn.engine.ops.Slice;
import dev.webnn.engine.ops.Split;
import dev.webnn.engine.ops.Tile;
import dev.webnn.engine.ops.Transpose;
import dev.webnn.engine.ops.Triangular;
import java.math.BigInteger;

/** Builds the engine op records of the Data-movement family: reshape, concat, slice, transpose, gather, scatter and the rest. */
public final class DataMovementDecoders {
    private DataMovementDecoders() {
    }

    /** The op for this builder method, or null when the method is not of this family. */
    public static Op create(String name, Attributes attributes, String label) {
        return switch (name) {
            case "reshape" -> new Reshape(attributes.longs("newShape"));
            case "concat" -> new Concat(attributes.integer("axis"));
            case "expand" -> new Expand(attributes.longs("newShape"));
            case "pad" -> pad(attributes, label);
            case "slice" -> new Slice(attributes.longs("starts"), attributes.longs("sizes"), optionalLongs(attributes, "strides"));
            case "split" -> attributes.has("splits")
                    ? Split.bySizes(attributes.longs("splits"), attributes.integer("axis"))
                    : Split.evenly(attributes.integer("splitCount"), attributes.integer("axis"));
            case "transpose" -> new Transpose(optionalLongs(attributes, "permutation"));
            case "tile" -> new Tile(attributes.longs("repetitions"));
            case "reverse" -> new Reverse(optionalLongs(attributes, "axes"));
            case "triangular" -> new Triangular(attributes.bool("upper"), attributes.integer("diagonal"));
            case "gather" -> new Gather(attributes.integer("axis"));
            case "gatherElements" -> new GatherElements(attributes.integer("axis"));
            case "gatherND" -> new GatherND();
            case "scatterElements" -> new ScatterElements(attributes.integer("axis"));
            case "scatterND" -> new ScatterND();
            default -> null;
        };
    }

    private static Pad pad(Attributes attributes, String label) {
        Pad.Mode mode = Pad.Mode.fromWebnnName(attributes.string("mode"));
        if (mode == null) {
            throw new ValidationError(label, "unknown padding mode '" + attributes.string("mode") + "'");
        }
        // The shim passes a bigint MLNumber as its decimal digits, so values beyond 2^53 stay exact.
        Number value = attributes.has("valueBigInt")
                ? new BigInteger(attributes.string("valueBigInt"))
                : (Number) attributes.number("value");
        return new Pad(attributes.longs("beginningPadding"), attributes.longs("endingPadding"), mode, value);
    }

    private static long[] optionalLongs(Attributes attributes, String name) {
        return attributes.has(name) ? attributes.longs(name) : null;
    }
}
