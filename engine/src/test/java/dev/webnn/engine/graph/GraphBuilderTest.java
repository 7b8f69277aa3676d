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
import dev.webnn.engine.backend.OpSupportLimits;
import dev.webnn.engine.backend.TensorLimits;
import dev.webnn.engine.backend.reference.ReferenceBackend;
import dev.webnn.engine.ops.ElementwiseBinary;
import dev.webnn.engine.ops.Gather;
import dev.webnn.engine.ops.Matmul;
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

    @Test
    void anOpWhoseOutputRankExceedsTheBackendsRangeIsATypeErrorNamingItsLabel() {
        OpSupportLimits limits = new ReferenceBackend().opSupportLimits();
        int maxRank = limits.ops().get("gather").get("output").maxRank();
        GraphBuilder bounded = new GraphBuilder(limits, () -> true);
        // gather replaces the axis by the indices' shape: rank 3 input, rank 3 indices -> rank 5, then 7, then 9.
        Operand x = bounded.input("x", OperandDescriptor.of(DataType.FLOAT32, 1, 1, 1));
        Operand indices = bounded.input("i", OperandDescriptor.of(DataType.INT32, 1, 1, 1));
        Operand rank5 = bounded.addOperation(new Gather(0), List.of(x, indices), "g1").get(0);
        Operand rank7 = bounded.addOperation(new Gather(0), List.of(rank5, indices), "g2").get(0);
        assertEquals(7, rank7.descriptor().rank());
        assertEquals(8, maxRank, "the reference backend advertises ranks up to 8");
        ValidationError e = assertThrows(ValidationError.class,
                () -> bounded.addOperation(new Gather(0), List.of(rank7, indices), "g3"));
        assertTrue(e.getMessage().startsWith("[g3] ") && e.getMessage().contains("'output' has rank 9"),
                e.getMessage());
        // Without a context's limits nothing is held back.
        Operand free = builder.input("x", OperandDescriptor.of(DataType.FLOAT32, 1, 1, 1, 1, 1, 1, 1, 1, 1));
        assertEquals(9, builder.relu(free).descriptor().rank());
    }

    @Test
    void inputRanksAreHeldToTheRangeOfTheOperandTheyFeed() {
        // A backend that runs add only up to rank 2 for 'b': the validator accepts a rank-3 b, the limits do not.
        TensorLimits upTo3 = new TensorLimits(java.util.Set.of(DataType.FLOAT32), 0, 3);
        TensorLimits upTo2 = new TensorLimits(java.util.Set.of(DataType.FLOAT32), 0, 2);
        OpSupportLimits limits = new OpSupportLimits(1 << 20, "nchw", upTo3, upTo3, upTo3,
                Map.of("add", Map.of("a", upTo3, "b", upTo2, "output", upTo3)));
        GraphBuilder bounded = new GraphBuilder(limits, () -> true);
        Operand matrix = bounded.input("m", OperandDescriptor.of(DataType.FLOAT32, 2, 2));
        Operand cube = bounded.input("c", OperandDescriptor.of(DataType.FLOAT32, 1, 2, 2));
        assertEquals(3, bounded.addOperation(new ElementwiseBinary(ElementwiseBinary.Kind.ADD),
                List.of(cube, matrix), "fits").get(0).descriptor().rank());
        ValidationError e = assertThrows(ValidationError.class, () -> bounded.addOperation(
                new ElementwiseBinary(ElementwiseBinary.Kind.ADD), List.of(matrix, cube), "tooDeep"));
        assertTrue(e.getMessage().startsWith("[tooDeep] ") && e.getMessage().contains("'b' has rank 3"),
                e.getMessage());
    }
}
