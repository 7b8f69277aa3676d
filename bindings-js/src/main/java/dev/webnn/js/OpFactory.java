package dev.webnn.js;

import dev.webnn.engine.ValidationError;
import dev.webnn.engine.ops.Op;
import dev.webnn.js.ops.Attributes;
import dev.webnn.js.ops.DataMovementDecoders;
import dev.webnn.js.ops.ElementwiseDecoders;
import dev.webnn.js.ops.LinearAlgebraDecoders;
import dev.webnn.js.ops.RecurrentDecoders;
import dev.webnn.js.ops.ReductionDecoders;

/** Maps an MLGraphBuilder method name and its converted options to the engine's op record, family by family. */
final class OpFactory {
    private OpFactory() {
    }

    static Op create(String name, Attributes attributes, String label) {
        Op op = ElementwiseDecoders.create(name, attributes, label);
        if (op == null) {
            op = ReductionDecoders.create(name, attributes, label);
        }
        if (op == null) {
            op = LinearAlgebraDecoders.create(name, attributes, label);
        }
        if (op == null) {
            op = RecurrentDecoders.create(name, attributes, label);
        }
        if (op == null) {
            op = DataMovementDecoders.create(name, attributes, label);
        }
        if (op == null) {
            throw new ValidationError(label, "the operator '" + name + "' is not supported yet");
        }
        return op;
    }
}
