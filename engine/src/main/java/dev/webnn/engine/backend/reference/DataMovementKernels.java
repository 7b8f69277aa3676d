package dev.webnn.engine.backend.reference;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.backend.TensorLimits;
import dev.webnn.engine.ops.Concat;
import dev.webnn.engine.ops.Expand;
import dev.webnn.engine.ops.Gather;
import dev.webnn.engine.ops.GatherElements;
import dev.webnn.engine.ops.GatherND;
import dev.webnn.engine.ops.Pad;
import dev.webnn.engine.ops.Reshape;
import dev.webnn.engine.ops.Reverse;
import dev.webnn.engine.ops.ScatterElements;
import dev.webnn.engine.ops.ScatterND;
import dev.webnn.engine.ops.Shapes;
import dev.webnn.engine.ops.Slice;
import dev.webnn.engine.ops.Split;
import dev.webnn.engine.ops.Tile;
import dev.webnn.engine.ops.Transpose;
import dev.webnn.engine.ops.Triangular;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reference kernels that move data: reshape, concat, slice, transpose, gather, scatter and the rest.
 *
 * <p>Every kernel here only copies elements, so each one is written as an index map: for every output element,
 * the flat index of the source element it copies. The source is the input's values, with extra values (a pad
 * constant, a zero, other inputs, updates) appended after them when the op needs them. That one {@link #pick}
 * then serves every data type, 4-bit and 64-bit ones included, without touching a value.
 *
 * <p>Index operands may hold values outside [-size, size). WebNN leaves them to the implementation and WPT
 * expects them clamped, so an index is first taken from the end when negative and then clamped into
 * [0, size).
 */
final class DataMovementKernels {
    private DataMovementKernels() {
    }

    static void register(KernelTable table) {
        table.kernel(Reshape.class, (op, in, out) -> List.of(in.get(0).reshaped(out.get(0))));
        table.kernel(Concat.class, (op, in, out) -> List.of(concat((int) op.axis(), in, out.get(0))));
        table.kernel(Expand.class, (op, in, out) -> List.of(expand(in.get(0), out.get(0))));
        table.kernel(Pad.class, (op, in, out) -> List.of(pad(op, in.get(0), out.get(0))));
        table.kernel(Slice.class, (op, in, out) -> List.of(slice(op.starts(), op.effectiveStrides(), in.get(0), out.get(0))));
        table.kernel(Split.class, (op, in, out) -> split((int) op.axis(), in.get(0), out));
        table.kernel(Transpose.class, (op, in, out) -> List.of(transpose(op, in.get(0), out.get(0))));
        table.kernel(Tile.class, (op, in, out) -> List.of(tile(in.get(0), out.get(0))));
        table.kernel(Reverse.class, (op, in, out) -> List.of(reverse(op, in.get(0))));
        table.kernel(Triangular.class, (op, in, out) -> List.of(triangular(op, in.get(0))));
        table.kernel(Gather.class, (op, in, out) -> List.of(gather((int) op.axis(), in.get(0), in.get(1), out.get(0))));
        table.kernel(GatherElements.class,
                (op, in, out) -> List.of(gatherElements((int) op.axis(), in.get(0), in.get(1), out.get(0))));
        table.kernel(GatherND.class, (op, in, out) -> List.of(gatherND(in.get(0), in.get(1), out.get(0))));
        table.kernel(ScatterElements.class,
                (op, in, out) -> List.of(scatterElements((int) op.axis(), in.get(0), in.get(1), in.get(2))));
        table.kernel(ScatterND.class, (op, in, out) -> List.of(scatterND(in.get(0), in.get(1), in.get(2))));

        TensorLimits any = table.anyRank(KernelTable.ALL_TYPES);
        TensorLimits atLeast1 = new TensorLimits(KernelTable.ALL_TYPES, 1, KernelTable.MAX_RANK);
        TensorLimits indices = table.anyRank(Gather.INDICES_TYPES);
        TensorLimits indicesAtLeast1 = new TensorLimits(Gather.INDICES_TYPES, 1, KernelTable.MAX_RANK);
        for (String name : List.of("reshape", "expand", "slice", "transpose", "tile", "reverse")) {
            table.limits(name, "input", any, "output", any);
        }
        table.limits("concat", "inputs", atLeast1, "output", atLeast1);
        table.limits("pad", "input", atLeast1, "output", atLeast1);
        table.limits("split", "input", atLeast1, "outputs", atLeast1);
        TensorLimits matrices = new TensorLimits(KernelTable.ALL_TYPES, 2, KernelTable.MAX_RANK);
        table.limits("triangular", "input", matrices, "output", matrices);
        table.limits("gather", "input", atLeast1, "indices", indices, "output", any);
        table.limits("gatherElements", "input", atLeast1, "indices", indicesAtLeast1, "output", atLeast1);
        table.limits("gatherND", "input", atLeast1, "indices", indicesAtLeast1, "output", any);
        table.limits("scatterElements", "input", atLeast1, "indices", indicesAtLeast1, "updates", atLeast1,
                "output", atLeast1);
        table.limits("scatterND", "input", atLeast1, "indices", indicesAtLeast1, "updates", any, "output", atLeast1);
    }

    // ---- the kernels ----

    private static TensorData concat(int axis, List<TensorData> inputs, OperandDescriptor out) {
        long[] outShape = out.shape();
        long inner = product(outShape, axis + 1, outShape.length);
        long outer = product(outShape, 0, axis);
        int[] map = new int[count(out)];
        int next = 0;
        int inputStart = 0;
        for (TensorData input : inputs) {
            long block = input.descriptor().dim(axis) * inner;
            long outBlock = outShape[axis] * inner;
            for (long o = 0; o < outer; o++) {
                for (long e = 0; e < block; e++) {
                    map[(int) (o * outBlock + next + e)] = (int) (inputStart + o * block + e);
                }
            }
            next += (int) block;
            inputStart += input.size();
        }
        return pick(joined(inputs), map, out);
    }

    private static TensorData expand(TensorData input, OperandDescriptor out) {
        return pick(input, Broadcasting.indices(input.descriptor().shape(), out.shape()), out);
    }

    private static TensorData pad(Pad op, TensorData input, OperandDescriptor out) {
        long[] inShape = input.descriptor().shape();
        long[] begin = op.beginningPadding();
        int fill = input.size();
        int[] map = mapEach(out, (coordinate, d) -> {
            long at = coordinate - begin[d];
            long size = inShape[d];
            if (at >= 0 && at < size) {
                return at;
            }
            return switch (op.mode()) {
                case CONSTANT -> -1;
                case EDGE -> at < 0 ? 0 : size - 1;
                case REFLECTION -> mirror(at, size, false);
                case SYMMETRIC -> mirror(at, size, true);
            };
        }, inShape, fill);
        return pick(joined(List.of(input, op.valueAs(out.dataType()))), map, out);
    }

    /**
     * Folds a coordinate outside [0, size) back inside by mirroring at the edges, as often as needed. Reflection
     * mirrors around the edge element (period 2·(size-1)); symmetric mirrors after it, repeating it (period 2·size).
     */
    private static long mirror(long at, long size, boolean repeatEdge) {
        if (size == 1) {
            return 0;
        }
        long period = repeatEdge ? 2 * size : 2 * (size - 1);
        long folded = Math.floorMod(at, period);
        if (folded < size) {
            return folded;
        }
        return repeatEdge ? period - 1 - folded : period - folded;
    }

    private static TensorData slice(long[] starts, long[] strides, TensorData input, OperandDescriptor out) {
        int[] map = mapEach(out, (coordinate, d) -> starts[d] + coordinate * strides[d],
                input.descriptor().shape(), 0);
        return pick(input, map, out);
    }

    private static List<TensorData> split(int axis, TensorData input, List<OperandDescriptor> outputs) {
        List<TensorData> results = new ArrayList<>(outputs.size());
        long[] starts = new long[input.descriptor().rank()];
        long[] strides = new long[starts.length];
        Arrays.fill(strides, 1);
        for (OperandDescriptor out : outputs) {
            results.add(slice(starts, strides, input, out));
            starts[axis] += out.dim(axis);
        }
        return results;
    }

    private static TensorData transpose(Transpose op, TensorData input, OperandDescriptor out) {
        long[] inShape = input.descriptor().shape();
        int[] order = op.permutationFor(inShape.length);
        long[] inStrides = Shapes.strides(inShape);
        int[] map = new int[count(out)];
        long[] coordinates = new long[order.length];
        long[] outShape = out.shape();
        for (int i = 0; i < map.length; i++) {
            unravel(i, outShape, coordinates);
            long index = 0;
            for (int d = 0; d < order.length; d++) {
                index += coordinates[d] * inStrides[order[d]];
            }
            map[i] = (int) index;
        }
        return pick(input, map, out);
    }

    private static TensorData tile(TensorData input, OperandDescriptor out) {
        long[] inShape = input.descriptor().shape();
        return pick(input, mapEach(out, (coordinate, d) -> coordinate % inShape[d], inShape, 0), out);
    }

    private static TensorData reverse(Reverse op, TensorData input) {
        OperandDescriptor d = input.descriptor();
        long[] shape = d.shape();
        boolean[] reversed = op.reversedFor(shape.length);
        return pick(input, mapEach(d, (coordinate, dim) -> reversed[dim] ? shape[dim] - 1 - coordinate : coordinate,
                shape, 0), d);
    }

    private static TensorData triangular(Triangular op, TensorData input) {
        OperandDescriptor d = input.descriptor();
        long rows = d.dim(d.rank() - 2);
        long columns = d.dim(d.rank() - 1);
        int zero = input.size();
        int[] map = new int[zero];
        for (int i = 0; i < map.length; i++) {
            long row = i / columns % rows;
            long column = i % columns;
            map[i] = op.keeps(row, column) ? i : zero;
        }
        return pick(joined(List.of(input, zeroOf(d.dataType()))), map, d);
    }

    private static TensorData gather(int axis, TensorData input, TensorData indices, OperandDescriptor out) {
        long[] inShape = input.descriptor().shape();
        long inner = product(inShape, axis + 1, inShape.length);
        long axisSize = inShape[axis];
        long[] index = indices.integers();
        int[] map = new int[count(out)];
        // The output is [outer][index count][inner]: each index picks one inner block of the input.
        for (int i = 0; i < map.length; i++) {
            long innerOffset = i % inner;
            long k = i / inner % index.length;
            long o = i / inner / index.length;
            map[i] = (int) ((o * axisSize + clampIndex(index[(int) k], axisSize)) * inner + innerOffset);
        }
        return pick(input, map, out);
    }

    private static TensorData gatherElements(int axis, TensorData input, TensorData indices, OperandDescriptor out) {
        long[] inShape = input.descriptor().shape();
        long[] inStrides = Shapes.strides(inShape);
        long[] index = indices.integers();
        long[] outShape = out.shape();
        long[] coordinates = new long[outShape.length];
        int[] map = new int[count(out)];
        for (int i = 0; i < map.length; i++) {
            unravel(i, outShape, coordinates);
            coordinates[axis] = clampIndex(index[i], inShape[axis]);
            map[i] = (int) dot(coordinates, inStrides);
        }
        return pick(input, map, out);
    }

    private static TensorData gatherND(TensorData input, TensorData indices, OperandDescriptor out) {
        long[] offsets = sliceOffsets(input.descriptor(), indices);
        long sliceSize = out.elementCount() / offsets.length;
        int[] map = new int[count(out)];
        for (int i = 0; i < map.length; i++) {
            map[i] = (int) (offsets[(int) (i / sliceSize)] + i % sliceSize);
        }
        return pick(input, map, out);
    }

    private static TensorData scatterElements(int axis, TensorData input, TensorData indices, TensorData updates) {
        OperandDescriptor d = input.descriptor();
        long[] inShape = d.shape();
        long[] inStrides = Shapes.strides(inShape);
        long[] index = indices.integers();
        long[] indicesShape = indices.descriptor().shape();
        long[] coordinates = new long[indicesShape.length];
        int[] map = identity(input.size());
        for (int k = 0; k < index.length; k++) {
            unravel(k, indicesShape, coordinates);
            coordinates[axis] = clampIndex(index[k], inShape[axis]);
            map[(int) dot(coordinates, inStrides)] = input.size() + k;
        }
        return pick(joined(List.of(input, updates)), map, d);
    }

    private static TensorData scatterND(TensorData input, TensorData indices, TensorData updates) {
        OperandDescriptor d = input.descriptor();
        long[] offsets = sliceOffsets(d, indices);
        int sliceSize = updates.size() / offsets.length;
        int[] map = identity(input.size());
        for (int s = 0; s < offsets.length; s++) {
            for (int e = 0; e < sliceSize; e++) {
                map[(int) offsets[s] + e] = input.size() + s * sliceSize + e;
            }
        }
        return pick(joined(List.of(input, updates)), map, d);
    }

    /**
     * For gatherND and scatterND: the flat input offset where the slice addressed by each coordinate tuple (the
     * indices' last dimension) begins.
     */
    private static long[] sliceOffsets(OperandDescriptor input, TensorData indices) {
        long[] inShape = input.shape();
        long[] inStrides = Shapes.strides(inShape);
        long[] index = indices.integers();
        OperandDescriptor indicesDescriptor = indices.descriptor();
        int tupleSize = (int) indicesDescriptor.dim(indicesDescriptor.rank() - 1);
        long[] offsets = new long[index.length / tupleSize];
        for (int t = 0; t < offsets.length; t++) {
            long offset = 0;
            for (int c = 0; c < tupleSize; c++) {
                offset += clampIndex(index[t * tupleSize + c], inShape[c]) * inStrides[c];
            }
            offsets[t] = offset;
        }
        return offsets;
    }

    // ---- index maps ----

    /** One output coordinate mapped to one input coordinate, dimension by dimension; -1 marks "take the fill". */
    @FunctionalInterface
    private interface CoordinateMap {
        long apply(long outputCoordinate, int dimension);
    }

    /**
     * The index map of an op that maps each output coordinate independently per dimension. An output element with
     * any coordinate mapped to -1 takes the element at {@code fill} instead.
     */
    private static int[] mapEach(OperandDescriptor out, CoordinateMap coordinateMap, long[] inShape, int fill) {
        long[] outShape = out.shape();
        long[] inStrides = Shapes.strides(inShape);
        long[] coordinates = new long[outShape.length];
        int[] map = new int[count(out)];
        for (int i = 0; i < map.length; i++) {
            unravel(i, outShape, coordinates);
            long index = 0;
            for (int d = 0; d < outShape.length && index >= 0; d++) {
                long at = coordinateMap.apply(coordinates[d], d);
                index = at < 0 ? -1 : index + at * inStrides[d];
            }
            map[i] = index < 0 ? fill : (int) index;
        }
        return map;
    }

    /** A new tensor of descriptor {@code out} whose element i is {@code source}'s element map[i]. */
    private static TensorData pick(TensorData source, int[] map, OperandDescriptor out) {
        if (out.dataType().isFloat()) {
            double[] from = source.floats();
            double[] values = new double[map.length];
            for (int i = 0; i < map.length; i++) {
                values[i] = from[map[i]];
            }
            return TensorData.ofFloats(out, values);
        }
        long[] from = source.integers();
        long[] values = new long[map.length];
        for (int i = 0; i < map.length; i++) {
            values[i] = from[map[i]];
        }
        return TensorData.ofIntegers(out, values);
    }

    /** The values of tensors of one data type one after another, as a 1-D tensor. */
    private static TensorData joined(List<TensorData> parts) {
        DataType type = parts.get(0).descriptor().dataType();
        int total = 0;
        for (TensorData part : parts) {
            total = Math.addExact(total, part.size());
        }
        OperandDescriptor flat = OperandDescriptor.of(type, total);
        int at = 0;
        if (type.isFloat()) {
            double[] values = new double[total];
            for (TensorData part : parts) {
                System.arraycopy(part.floats(), 0, values, at, part.size());
                at += part.size();
            }
            return TensorData.ofFloats(flat, values);
        }
        long[] values = new long[total];
        for (TensorData part : parts) {
            System.arraycopy(part.integers(), 0, values, at, part.size());
            at += part.size();
        }
        return TensorData.ofIntegers(flat, values);
    }

    private static TensorData zeroOf(DataType type) {
        OperandDescriptor scalar = OperandDescriptor.of(type);
        return type.isFloat() ? TensorData.ofFloats(scalar, new double[1]) : TensorData.ofIntegers(scalar, new long[1]);
    }

    /** A negative index counts from the end; what is still outside [0, size) is clamped into it. */
    static long clampIndex(long index, long size) {
        long fromStart = index < 0 ? index + size : index;
        return Math.min(Math.max(fromStart, 0), size - 1);
    }

    private static int[] identity(int n) {
        int[] map = new int[n];
        for (int i = 0; i < n; i++) {
            map[i] = i;
        }
        return map;
    }

    private static int count(OperandDescriptor d) {
        return TensorData.elementCountOf(d);
    }

    private static long product(long[] shape, int from, int to) {
        long p = 1;
        for (int d = from; d < to; d++) {
            p *= shape[d];
        }
        return p;
    }

    private static void unravel(long flat, long[] shape, long[] coordinates) {
        for (int d = shape.length - 1; d >= 0; d--) {
            coordinates[d] = flat % shape[d];
            flat /= shape[d];
        }
    }

    private static long dot(long[] coordinates, long[] strides) {
        long sum = 0;
        for (int d = 0; d < coordinates.length; d++) {
            sum += coordinates[d] * strides[d];
        }
        return sum;
    }
}
