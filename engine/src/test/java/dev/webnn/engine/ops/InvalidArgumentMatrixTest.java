package dev.webnn.engine.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.webnn.engine.DataType;
import dev.webnn.engine.ErrorKind;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import dev.webnn.engine.WebNNException;
import dev.webnn.engine.backend.reference.ReferenceBackend;
import dev.webnn.engine.graph.GraphBuilder;
import dev.webnn.engine.graph.Operand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every operator against each class of invalid argument that applies to it. Each row changes one thing in a call
 * the validator accepts (checked first, so the error comes from that change); the spec answers every such call
 * with a TypeError, which the engine raises as a ValidationError whose message starts with the op's [label].
 * An "applies" is read off the spec's tables: an op whose input may have any type has no wrong-type row, one whose
 * output never outgrows its inputs has no overflow row.
 */
class InvalidArgumentMatrixTest {
    /** The classes of invalid argument the issue names; operand ownership and use after build are the builder's. */
    enum Invalid { WRONG_RANK, WRONG_DATA_TYPE, BAD_AXIS, OVERFLOWING_SHAPE, OPTION_OPERAND_SIZE, BAD_SHAPE }

    private static final long MAX = OperandDescriptor.MAX_DIMENSION;

    record Row(Invalid invalid, Op op, List<OperandDescriptor> inputs) {
    }

    /** One op: a call its validator accepts, and the invalid variants of it. */
    static final class Case {
        final String name;
        final Op op;
        final List<OperandDescriptor> inputs;
        final List<Row> rows = new ArrayList<>();

        Case(String name, Op op, OperandDescriptor... inputs) {
            this.name = name;
            this.op = op;
            this.inputs = Arrays.asList(inputs);
        }

        /** The valid call with input {@code position} replaced. */
        Case with(Invalid invalid, int position, OperandDescriptor replacement) {
            List<OperandDescriptor> changed = new ArrayList<>(inputs);
            changed.set(position, replacement);
            rows.add(new Row(invalid, op, changed));
            return this;
        }

        /** The valid inputs given to another form of the op. */
        Case with(Invalid invalid, Op changedOp) {
            rows.add(new Row(invalid, changedOp, inputs));
            return this;
        }

        Case with(Invalid invalid, Op changedOp, OperandDescriptor... changedInputs) {
            rows.add(new Row(invalid, changedOp, Arrays.asList(changedInputs)));
            return this;
        }
    }

    private static OperandDescriptor f32(long... shape) {
        return OperandDescriptor.of(DataType.FLOAT32, shape);
    }

    private static OperandDescriptor d(DataType type, long... shape) {
        return OperandDescriptor.of(type, shape);
    }

    private static long[] shape(long... dims) {
        return dims;
    }

    private static List<Long> list(long... values) {
        return Arrays.stream(values).boxed().toList();
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (ElementwiseBinary.Kind kind : ElementwiseBinary.Kind.values()) {
            // a: any type; b: same type as a; the shapes broadcast bidirectionally.
            cases.add(new Case(kind.name().toLowerCase(), new ElementwiseBinary(kind), f32(2, 3), f32(2, 3))
                    .with(Invalid.WRONG_DATA_TYPE, 1, d(DataType.INT32, 2, 3))
                    .with(Invalid.BAD_SHAPE, 1, f32(4))
                    .with(Invalid.OVERFLOWING_SHAPE, new ElementwiseBinary(kind), d(DataType.UINT8, MAX, 1),
                            d(DataType.UINT8, 1, MAX)));
        }
        // The spec's element-wise logical algorithm: logicalNot/And/Or/Xor take uint8 only, isNaN and isInfinite
        // float32 or float16 only, the comparisons any type; b has a's type and broadcasts with it.
        Set<String> uint8Only = Set.of("logicalNot", "logicalAnd", "logicalOr", "logicalXor");
        for (ElementwiseLogical.Kind kind : ElementwiseLogical.Kind.values()) {
            String name = kind.methodName();
            Case c;
            if (kind.arity() == 1) {
                boolean uint8 = uint8Only.contains(name);
                c = new Case(name, new ElementwiseLogical(kind), uint8 ? d(DataType.UINT8, 2, 3) : f32(2, 3))
                        .with(Invalid.WRONG_DATA_TYPE, 0, d(DataType.INT32, 2, 3));
            } else {
                c = new Case(name, new ElementwiseLogical(kind), d(DataType.UINT8, 2, 3), d(DataType.UINT8, 2, 3))
                        .with(Invalid.WRONG_DATA_TYPE, 1, d(DataType.INT8, 2, 3))
                        .with(Invalid.BAD_SHAPE, 1, d(DataType.UINT8, 4))
                        .with(Invalid.OVERFLOWING_SHAPE, new ElementwiseLogical(kind), d(DataType.UINT8, MAX, 1),
                                d(DataType.UINT8, 1, MAX));
                if (uint8Only.contains(name)) {
                    c.with(Invalid.WRONG_DATA_TYPE, new ElementwiseLogical(kind), f32(2, 3), f32(2, 3));
                }
            }
            cases.add(c);
        }
        // Element-wise unary: identity takes any type; abs, neg, sign and relu float32/16 and int64/32/8, so
        // uint32 is refused; the rest float32/16 only, so int32 is refused.
        Set<String> signed = Set.of("abs", "neg", "sign", "relu");
        for (ElementwiseUnary.Kind kind : ElementwiseUnary.Kind.values()) {
            Case c = new Case(kind.methodName(), new ElementwiseUnary(kind), f32(2, 3));
            if (kind != ElementwiseUnary.Kind.IDENTITY) {
                c.with(Invalid.WRONG_DATA_TYPE, 0,
                        d(signed.contains(kind.methodName()) ? DataType.UINT32 : DataType.INT32, 2, 3));
            }
            cases.add(c);
        }
        for (ScalarActivation.Kind kind : ScalarActivation.Kind.values()) {
            cases.add(new Case(kind.methodName(), new ScalarActivation(kind, 1, 0), f32(2, 3))
                    .with(Invalid.WRONG_DATA_TYPE, 0, d(DataType.INT32, 2, 3)));
        }
        cases.add(new Case("clamp", new Clamp(null, null), f32(2, 3)));
        cases.add(new Case("cast", new Cast(DataType.INT8), f32(2, 3)));
        cases.add(new Case("prelu", new Prelu(), f32(2, 3), f32(3))
                .with(Invalid.WRONG_DATA_TYPE, new Prelu(), d(DataType.UINT8, 2, 3), d(DataType.UINT8, 3))
                .with(Invalid.WRONG_DATA_TYPE, 1, d(DataType.FLOAT16, 3))
                .with(Invalid.BAD_SHAPE, 1, f32(4))
                // The spec broadcasts slope and input bidirectionally.
                .with(Invalid.OVERFLOWING_SHAPE, new Prelu(), f32(1, MAX), f32(MAX, 1)));
        cases.add(new Case("where", new Where(), d(DataType.UINT8, 2, 3), f32(2, 3), f32(2, 3))
                .with(Invalid.WRONG_DATA_TYPE, 0, f32(2, 3))
                .with(Invalid.WRONG_DATA_TYPE, 2, d(DataType.INT32, 2, 3))
                .with(Invalid.OVERFLOWING_SHAPE, new Where(), d(DataType.UINT8, MAX, 1), d(DataType.UINT8, 1, MAX),
                        d(DataType.UINT8, 1)));
        cases.add(new Case("quantizeLinear", new QuantizeLinear(), f32(2, 3), f32(2, 3), d(DataType.INT8, 2, 3))
                .with(Invalid.WRONG_DATA_TYPE, 0, d(DataType.INT32, 2, 3))
                .with(Invalid.WRONG_RANK, 1, f32(3)));
        cases.add(new Case("dequantizeLinear", new DequantizeLinear(), d(DataType.INT8, 2, 3), f32(2, 3),
                d(DataType.INT8, 2, 3))
                .with(Invalid.WRONG_DATA_TYPE, 0, f32(2, 3))
                .with(Invalid.WRONG_RANK, 1, f32(3)));

        Gemm gemm = new Gemm(1, 1, false, false);
        cases.add(new Case("gemm", gemm, f32(2, 3), f32(3, 4), f32(2, 4))
                .with(Invalid.WRONG_RANK, 0, f32(1, 2, 3))
                .with(Invalid.WRONG_DATA_TYPE, 1, d(DataType.INT32, 3, 4))
                .with(Invalid.OPTION_OPERAND_SIZE, 2, f32(3, 3)));
        cases.add(new Case("matmul", new Matmul(), f32(2, 3), f32(3, 4))
                .with(Invalid.WRONG_RANK, 0, f32(3))
                .with(Invalid.WRONG_DATA_TYPE, new Matmul(), d(DataType.INT32, 2, 3), d(DataType.INT32, 3, 4))
                .with(Invalid.BAD_SHAPE, 1, f32(4, 4))
                .with(Invalid.OVERFLOWING_SHAPE, new Matmul(), f32(MAX, 1, 1, 1), f32(1, MAX, 1, 1)));
        Conv2d conv = new Conv2d(null, null, null, 1, InputLayout.NCHW, Conv2d.FilterLayout.OIHW);
        cases.add(new Case("conv2d", conv, f32(1, 2, 5, 5), f32(3, 2, 3, 3), f32(3))
                .with(Invalid.WRONG_RANK, 0, f32(2, 5, 5))
                .with(Invalid.WRONG_DATA_TYPE, conv, d(DataType.INT32, 1, 2, 5, 5), d(DataType.INT32, 3, 2, 3, 3),
                        null)
                .with(Invalid.OPTION_OPERAND_SIZE, 2, f32(4)));
        ConvTranspose2d convTranspose = new ConvTranspose2d(null, null, null, null, null, 1, InputLayout.NCHW,
                ConvTranspose2d.FilterLayout.IOHW);
        cases.add(new Case("convTranspose2d", convTranspose, f32(1, 2, 3, 3), f32(2, 3, 3, 3), f32(3))
                .with(Invalid.WRONG_RANK, 1, f32(2, 3, 3))
                .with(Invalid.WRONG_DATA_TYPE, 0, d(DataType.FLOAT16, 1, 2, 3, 3))
                .with(Invalid.OPTION_OPERAND_SIZE, 2, f32(2))
                // (3 - 1) * stride + 3 exceeds the largest dimension.
                .with(Invalid.OVERFLOWING_SHAPE, new ConvTranspose2d(null, list(MAX, MAX), null, null, null, 1,
                        InputLayout.NCHW, ConvTranspose2d.FilterLayout.IOHW)));
        for (Pool2d.Kind kind : Pool2d.Kind.values()) {
            Case c = new Case(kind.methodName(), Pool2d.defaults(kind), f32(1, 2, 4, 4))
                    .with(Invalid.WRONG_RANK, 0, f32(2, 4, 4));
            if (kind != Pool2d.Kind.MAX_POOL2D) { // maxPool2d takes any type, the others float32/16
                c.with(Invalid.WRONG_DATA_TYPE, 0, d(DataType.INT32, 1, 2, 4, 4));
            }
            cases.add(c);
        }
        cases.add(new Case("resample2d", new Resample2d(Resample2d.Mode.LINEAR, null, null, null), f32(1, 2, 4, 4))
                .with(Invalid.WRONG_RANK, 0, f32(2, 4, 4))
                .with(Invalid.WRONG_DATA_TYPE, 0, d(DataType.INT32, 1, 2, 4, 4))
                .with(Invalid.BAD_AXIS, new Resample2d(Resample2d.Mode.LINEAR, null, null, list(3, 4)))
                .with(Invalid.OVERFLOWING_SHAPE,
                        new Resample2d(Resample2d.Mode.LINEAR, List.of(4e9, 4e9), null, null)));

        cases.add(new Case("reshape", new Reshape(shape(3, 2)), f32(2, 3))
                .with(Invalid.BAD_SHAPE, new Reshape(shape(4, 2)))
                .with(Invalid.OVERFLOWING_SHAPE, new Reshape(shape(MAX, MAX, 6))));
        cases.add(new Case("expand", new Expand(shape(4, 2, 3)), f32(2, 3))
                .with(Invalid.BAD_SHAPE, new Expand(shape(2, 4)))
                .with(Invalid.OVERFLOWING_SHAPE, new Expand(shape(MAX, MAX, 2, 3))));
        cases.add(new Case("pad", new Pad(shape(1, 1), shape(1, 1), Pad.Mode.CONSTANT, 0.0), f32(2, 3))
                .with(Invalid.WRONG_RANK, 0, f32(2, 3, 4))
                .with(Invalid.OVERFLOWING_SHAPE, new Pad(shape(MAX, 0), shape(0, 0), Pad.Mode.CONSTANT, 0.0)));
        cases.add(new Case("slice", new Slice(shape(0, 1), shape(2, 2), null), f32(2, 3))
                .with(Invalid.WRONG_RANK, 0, f32(2, 3, 4))
                .with(Invalid.BAD_SHAPE, new Slice(shape(0, 2), shape(2, 2), null)));
        cases.add(new Case("split", new Split(2, null, 0), f32(4, 3))
                .with(Invalid.WRONG_RANK, 0, f32())
                .with(Invalid.BAD_AXIS, new Split(2, null, 2)));
        cases.add(new Case("transpose", new Transpose(shape(1, 0)), f32(2, 3))
                .with(Invalid.WRONG_RANK, 0, f32(2, 3, 4))
                .with(Invalid.BAD_AXIS, new Transpose(shape(2, 0))));
        cases.add(new Case("tile", new Tile(shape(2, 2)), f32(2, 3))
                .with(Invalid.WRONG_RANK, 0, f32(2, 3, 4))
                .with(Invalid.OVERFLOWING_SHAPE, new Tile(shape(MAX, 1))));
        cases.add(new Case("reverse", new Reverse(shape(1)), f32(2, 3))
                .with(Invalid.BAD_AXIS, new Reverse(shape(2))));
        cases.add(new Case("triangular", new Triangular(true, 0), f32(2, 3))
                .with(Invalid.WRONG_RANK, 0, f32(3)));
        cases.add(new Case("concat", new Concat(0), f32(2, 3), f32(4, 3))
                .with(Invalid.WRONG_RANK, 1, f32(4, 3, 1))
                .with(Invalid.WRONG_DATA_TYPE, 1, d(DataType.INT32, 4, 3))
                .with(Invalid.BAD_AXIS, new Concat(2))
                .with(Invalid.OVERFLOWING_SHAPE, new Concat(0), d(DataType.UINT8, MAX), d(DataType.UINT8, 2)));
        cases.add(new Case("gather", new Gather(0), f32(3, 4), d(DataType.INT32, 2))
                .with(Invalid.WRONG_RANK, 0, f32())
                .with(Invalid.WRONG_DATA_TYPE, 1, f32(2))
                .with(Invalid.BAD_AXIS, new Gather(2))
                // uint8 [2^31, 2^31] gathered by [2^31, 4] indices on axis 0 has 2^64 elements.
                .with(Invalid.OVERFLOWING_SHAPE, new Gather(0), d(DataType.UINT8, 1L << 31, 1L << 31),
                        d(DataType.INT32, 1L << 31, 4)));
        cases.add(new Case("gatherElements", new GatherElements(0), f32(3, 3), d(DataType.INT32, 2, 3))
                .with(Invalid.WRONG_RANK, 1, d(DataType.INT32, 6))
                .with(Invalid.WRONG_DATA_TYPE, 1, f32(2, 3))
                .with(Invalid.BAD_AXIS, new GatherElements(2)));
        cases.add(new Case("gatherND", new GatherND(), f32(2, 3), d(DataType.INT32, 4, 2))
                .with(Invalid.WRONG_RANK, 1, d(DataType.INT32))
                .with(Invalid.WRONG_DATA_TYPE, 1, f32(4, 2))
                .with(Invalid.BAD_SHAPE, 1, d(DataType.INT32, 4, 3)));
        cases.add(new Case("scatterElements", new ScatterElements(0), f32(3, 3), d(DataType.INT32, 2, 3), f32(2, 3))
                .with(Invalid.WRONG_RANK, 1, d(DataType.INT32, 6))
                .with(Invalid.WRONG_DATA_TYPE, 1, f32(2, 3))
                .with(Invalid.WRONG_DATA_TYPE, 2, d(DataType.INT32, 2, 3))
                .with(Invalid.BAD_AXIS, new ScatterElements(2)));
        cases.add(new Case("scatterND", new ScatterND(), f32(4, 3), d(DataType.INT32, 2, 1), f32(2, 3))
                .with(Invalid.WRONG_RANK, 2, f32(6))
                .with(Invalid.WRONG_DATA_TYPE, 1, f32(2, 1))
                .with(Invalid.WRONG_DATA_TYPE, 2, d(DataType.INT32, 2, 3)));

        for (ArgMinMax.Kind kind : ArgMinMax.Kind.values()) {
            String name = kind == ArgMinMax.Kind.ARG_MIN ? "argMin" : "argMax";
            cases.add(new Case(name, new ArgMinMax(kind, 0, false, DataType.INT32), f32(2, 3))
                    .with(Invalid.WRONG_RANK, 0, f32())
                    .with(Invalid.WRONG_DATA_TYPE, new ArgMinMax(kind, 0, false, DataType.FLOAT32))
                    .with(Invalid.BAD_AXIS, new ArgMinMax(kind, 2, false, DataType.INT32)));
        }
        for (Reduce.Kind kind : Reduce.Kind.values()) {
            Case c = new Case(kind.methodName(), new Reduce(kind, null, false), f32(2, 3))
                    .with(Invalid.BAD_AXIS, new Reduce(kind, list(2), false))
                    .with(Invalid.BAD_AXIS, new Reduce(kind, list(1, 1), false));
            // reduceMax and reduceMin take any type; the others at most float32/16 and 32/64-bit integers.
            if (kind != Reduce.Kind.REDUCE_MAX && kind != Reduce.Kind.REDUCE_MIN) {
                c.with(Invalid.WRONG_DATA_TYPE, 0, d(DataType.INT8, 2, 3));
            }
            cases.add(c);
        }
        cases.add(new Case("cumulativeSum", new CumulativeSum(1, false, false), f32(2, 3))
                .with(Invalid.WRONG_RANK, new CumulativeSum(0, false, false), f32())
                .with(Invalid.WRONG_DATA_TYPE, 0, d(DataType.INT8, 2, 3))
                .with(Invalid.BAD_AXIS, new CumulativeSum(2, false, false)));
        cases.add(new Case("softmax", new Softmax(1), f32(2, 3))
                .with(Invalid.WRONG_RANK, new Softmax(0), f32())
                .with(Invalid.WRONG_DATA_TYPE, 0, d(DataType.INT32, 2, 3))
                .with(Invalid.BAD_AXIS, new Softmax(2)));
        cases.add(new Case("batchNormalization", new BatchNormalization(1, 1e-5), f32(2, 3, 4), f32(3), f32(3), null,
                null)
                .with(Invalid.WRONG_RANK, 1, f32(3, 1))
                .with(Invalid.WRONG_DATA_TYPE, new BatchNormalization(1, 1e-5), d(DataType.INT32, 2, 3, 4),
                        d(DataType.INT32, 3), d(DataType.INT32, 3), null, null)
                .with(Invalid.BAD_AXIS, new BatchNormalization(3, 1e-5))
                .with(Invalid.OPTION_OPERAND_SIZE, 3, f32(4)));
        cases.add(new Case("instanceNormalization", new InstanceNormalization(1e-5, InputLayout.NCHW),
                f32(1, 2, 3, 3), f32(2), null)
                .with(Invalid.WRONG_RANK, 0, f32(2, 3, 3))
                .with(Invalid.WRONG_DATA_TYPE, 1, d(DataType.FLOAT16, 2))
                .with(Invalid.OPTION_OPERAND_SIZE, 1, f32(3)));
        cases.add(new Case("layerNormalization", new LayerNormalization(null, 1e-5), f32(2, 3), f32(3), null)
                .with(Invalid.WRONG_DATA_TYPE, new LayerNormalization(null, 1e-5), d(DataType.INT32, 2, 3), null,
                        null)
                .with(Invalid.BAD_AXIS, new LayerNormalization(list(2), 1e-5), f32(2, 3), null, null)
                .with(Invalid.OPTION_OPERAND_SIZE, 1, f32(2)));

        // steps 2, batch 3, input size 5, hidden size 4; gru has 3 gates, lstm 4.
        cases.add(new Case("gru", new Gru(2, 4), f32(2, 3, 5), f32(1, 12, 5), f32(1, 12, 4), f32(1, 12), null, null)
                .with(Invalid.WRONG_RANK, 0, f32(3, 5))
                .with(Invalid.WRONG_DATA_TYPE, 1, d(DataType.FLOAT16, 1, 12, 5))
                .with(Invalid.OPTION_OPERAND_SIZE, 3, f32(1, 9)));
        cases.add(new Case("gruCell", new GruCell(4), f32(3, 5), f32(12, 5), f32(12, 4), f32(3, 4), f32(12), null)
                .with(Invalid.WRONG_RANK, 3, f32(3, 4, 1))
                .with(Invalid.WRONG_DATA_TYPE, 2, d(DataType.FLOAT16, 12, 4))
                .with(Invalid.OPTION_OPERAND_SIZE, 4, f32(4)));
        cases.add(new Case("lstm", new Lstm(2, 4), f32(2, 3, 5), f32(1, 16, 5), f32(1, 16, 4), null, null,
                f32(1, 12), null, null)
                .with(Invalid.WRONG_RANK, 1, f32(16, 5))
                .with(Invalid.WRONG_DATA_TYPE, 0, d(DataType.INT32, 2, 3, 5))
                .with(Invalid.OPTION_OPERAND_SIZE, 5, f32(1, 16)));
        cases.add(new Case("lstmCell", new LstmCell(4), f32(3, 5), f32(16, 5), f32(16, 4), f32(3, 4), f32(3, 4),
                null, null, null)
                .with(Invalid.WRONG_RANK, 4, f32(12))
                .with(Invalid.WRONG_DATA_TYPE, 3, d(DataType.FLOAT16, 3, 4))
                .with(Invalid.OPTION_OPERAND_SIZE, 7, f32(16)));
        return cases;
    }

    private static String label(Case c, Row row) {
        return c.name + "-" + row.invalid().name().toLowerCase();
    }

    @TestFactory
    Stream<DynamicTest> everyInvalidVariantIsATypeErrorNamingTheLabel() {
        return cases().stream().flatMap(c -> Stream.concat(
                Stream.of(dynamicTest(c.name + " valid call", () -> {
                    List<OperandDescriptor> outputs = c.op.validate("valid", c.inputs);
                    assertFalse(outputs.isEmpty(), c.name);
                })),
                c.rows.stream().map(row -> dynamicTest(label(c, row), () -> {
                    String label = label(c, row);
                    ValidationError e = assertThrows(ValidationError.class,
                            () -> row.op().validate(label, row.inputs()), label);
                    assertEquals(ErrorKind.TYPE, e.kind());
                    assertTrue(e.getMessage().startsWith("[" + label + "] "), e.getMessage());
                }))));
    }

    /**
     * The two classes the builder owns, per op: an operand of another builder is a TypeError naming the label, and
     * any call after build() is an InvalidStateError.
     */
    @TestFactory
    Stream<DynamicTest> everyOpRefusesForeignOperandsAndUseAfterBuild() {
        return cases().stream().flatMap(c -> Stream.of(
                dynamicTest(c.name + " operand from another builder", () -> {
                    GraphBuilder builder = contextBuilder();
                    GraphBuilder other = contextBuilder();
                    List<Operand> operands = inputsOf(builder, c.inputs);
                    operands.set(0, inputsOf(other, c.inputs).get(0));
                    ValidationError e = assertThrows(ValidationError.class,
                            () -> builder.addOperation(c.op, operands, c.name + "-foreign"));
                    assertTrue(e.getMessage().startsWith("[" + c.name + "-foreign] "), e.getMessage());
                }),
                dynamicTest(c.name + " use after build", () -> {
                    GraphBuilder builder = contextBuilder();
                    List<Operand> operands = inputsOf(builder, c.inputs);
                    Operand first = builder.addOperation(c.op, operands, "before").get(0);
                    builder.build(Map.of("out", first));
                    WebNNException e = assertThrows(WebNNException.class,
                            () -> builder.addOperation(c.op, operands, "after"));
                    assertEquals(ErrorKind.INVALID_STATE, e.kind(), e.getMessage());
                })));
    }

    @Test
    void theMatrixCoversEveryOperatorTheBackendAdvertises() {
        Set<String> advertised = new TreeSet<>(new ReferenceBackend().opSupportLimits().ops().keySet());
        Map<String, Case> byName = new LinkedHashMap<>();
        cases().forEach(c -> byName.put(c.name, c));
        assertEquals(95, advertised.size(), "the spec has 95 builder ops");
        assertEquals(advertised, new TreeSet<>(byName.keySet()));
        for (Case c : byName.values()) {
            assertEquals(c.name, c.op.opName());
        }
        // The classes that apply to some op appear somewhere in the matrix.
        Set<Invalid> seen = EnumSet.noneOf(Invalid.class);
        byName.values().forEach(c -> c.rows.forEach(r -> seen.add(r.invalid())));
        assertEquals(EnumSet.allOf(Invalid.class), seen);
    }

    private static GraphBuilder contextBuilder() {
        return new GraphBuilder(new ReferenceBackend().opSupportLimits(), () -> true);
    }

    private static List<Operand> inputsOf(GraphBuilder builder, List<OperandDescriptor> descriptors) {
        List<Operand> operands = new ArrayList<>();
        Function<Integer, String> name = i -> "in" + i;
        for (int i = 0; i < descriptors.size(); i++) {
            operands.add(descriptors.get(i) == null ? null : builder.input(name.apply(i), descriptors.get(i)));
        }
        return operands;
    }
}
