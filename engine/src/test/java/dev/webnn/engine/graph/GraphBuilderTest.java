package dev.webnn.engine.graph;

import static dev.webnn.engine.Bytes.f32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webnn.engine.DataType;
import dev.webnn.engine.ErrorKind;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import dev.webnn.engine.WebNNException;
import dev.webnn.engine.ops.ElementwiseBinary;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class GraphBuilderTest {
    private static final OperandDescriptor F32_2 = OperandDescriptor.of(DataType.FLOAT32, 2);

    private final GraphBuilder builder = new GraphBuilder(48);

    private static void assertKind(ErrorKind kind, Executable call) {
        WebNNException e = assertThrows(WebNNException.class, call);
        assertEquals(kind, e.kind(), e.getMessage());
    }

    @Test
    void inputNamesMustBeNonEmptyAndUniqueWithinAGraph() {
        assertKind(ErrorKind.TYPE, () -> builder.input("", F32_2));
        Operand first = builder.input("x", F32_2);
        builder.input("x", F32_2); // accepted: alike names are refused only when one graph needs both inputs
        Operand other = builder.input("y", F32_2);
        assertEquals(java.util.Set.of("x", "y"), builder.build(Map.of("out", builder.add(first, other))).inputs().keySet());
    }

    @Test
    void aGraphCannotHaveTwoInputsOfOneName() {
        Operand first = builder.input("x", F32_2);
        Operand second = builder.input("x", F32_2);
        assertKind(ErrorKind.TYPE, () -> builder.build(Map.of("out", builder.add(first, second))));
    }

    @Test
    void tensorsLargerThanTheLimitAreRejected() {
        assertKind(ErrorKind.TYPE, () -> builder.input("big", OperandDescriptor.of(DataType.FLOAT32, 13)));
        Operand column = builder.input("c", OperandDescriptor.of(DataType.FLOAT32, 4, 1));
        Operand row = builder.input("r", OperandDescriptor.of(DataType.FLOAT32, 1, 4));
        // The 4x4 float32 result needs 64 bytes.
        ValidationError e = assertThrows(ValidationError.class, () -> builder.addOperation(
                new ElementwiseBinary(ElementwiseBinary.Kind.ADD), List.of(column, row), "outer"));
        assertTrue(e.getMessage().startsWith("[outer] "), e.getMessage());
    }

    @Test
    void constantBytesMustMatchTheDescriptor() {
        assertKind(ErrorKind.TYPE, () -> builder.constant(F32_2, ByteBuffer.allocate(7)));
        ByteBuffer bytes = f32(1, 2);
        Operand c = builder.constant(F32_2, bytes);
        bytes.putFloat(0, 99f);
        Operand out = builder.relu(c);
        Graph graph = builder.build(Map.of("out", out));
        assertEquals(1f, graph.constants().get(c).getFloat(0), "the builder must copy constant bytes");
    }

    @Test
    void operandsFromAnotherBuilderAreRejected() {
        Operand mine = builder.input("x", F32_2);
        Operand theirs = new GraphBuilder(48).input("y", F32_2);
        assertKind(ErrorKind.TYPE, () -> builder.add(mine, theirs));
        assertKind(ErrorKind.TYPE, () -> builder.build(Map.of("out", new GraphBuilder(48).relu(
                new GraphBuilder(48).input("z", F32_2)))));
    }

    @Test
    void buildRejectsBadOutputsWithoutMarkingTheBuilderBuilt() {
        Operand x = builder.input("x", F32_2);
        assertKind(ErrorKind.TYPE, () -> builder.build(Map.of()));
        assertKind(ErrorKind.TYPE, () -> builder.build(Map.of("out", x)));
        assertKind(ErrorKind.TYPE, () -> builder.build(Map.of("", builder.relu(x))));
        assertFalse(builder.isBuilt());
    }

    @Test
    void everyMethodThrowsInvalidStateAfterBuild() {
        Operand x = builder.input("x", F32_2);
        Operand y = builder.relu(x);
        builder.build(Map.of("y", y));
        assertTrue(builder.isBuilt());
        assertKind(ErrorKind.INVALID_STATE, () -> builder.relu(x));
        assertKind(ErrorKind.INVALID_STATE, () -> builder.input("z", F32_2));
        assertKind(ErrorKind.INVALID_STATE, () -> builder.constant(DataType.FLOAT32, 1.0));
        assertKind(ErrorKind.INVALID_STATE, () -> builder.build(Map.of("y", y)));
    }

    @Test
    void buildKeepsOnlyWhatTheOutputsNeed() {
        Operand x = builder.input("x", F32_2);
        Operand unused = builder.input("unused", F32_2);
        Operand scale = builder.constant(F32_2, f32(2, 3));
        Operand dead = builder.add(unused, unused);
        Operand out = builder.mul(builder.relu(x), scale);
        Graph graph = builder.build(Map.of("out", out));
        assertEquals(List.of("x"), List.copyOf(graph.inputs().keySet()));
        assertEquals(2, graph.operations().size());
        assertEquals("relu", graph.operations().get(0).op().opName());
        assertEquals("mul", graph.operations().get(1).op().opName());
        assertEquals(List.of(scale), List.copyOf(graph.constants().keySet()));
        assertEquals(Map.of("out", F32_2), graph.outputDescriptors());
        assertEquals(Map.of("x", F32_2), graph.inputDescriptors());
        assertFalse(graph.operations().stream().anyMatch(op -> op.outputs().contains(dead)));
    }

    @Test
    void constantBuffersAreReadOnly() {
        Operand c = builder.constant(F32_2, f32(1, 2));
        Graph graph = builder.build(Map.of("out", builder.relu(c)));
        assertTrue(graph.constants().get(c).isReadOnly());
    }
}
