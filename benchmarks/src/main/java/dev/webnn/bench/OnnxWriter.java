package dev.webnn.bench;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small writer of ONNX models (ModelProto, opset 17), encoding the protobuf wire format by hand: only the fields
 * the benchmark models need (nodes with int, ints and float attributes; float32 initializers as raw data; float32
 * graph inputs and outputs with static shapes).
 */
final class OnnxWriter {
    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();
    private int names;

    /** A fresh value name. */
    String name(String prefix) {
        return prefix + "_" + names++;
    }

    /** A float32 initializer; returns its name. */
    String initializer(float[] values, long... dims) {
        String name = name("w");
        Message t = new Message();
        for (long d : dims) {
            t.varint(1, d);
        }
        t.varint(2, 1);
        t.string(8, name);
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        t.bytes(9, raw.array());
        initializers.add(t.toBytes());
        return name;
    }

    void input(String name, long... dims) {
        inputs.add(valueInfo(name, dims));
    }

    void output(String name, long... dims) {
        outputs.add(valueInfo(name, dims));
    }

    /** A node; attributes as name, value pairs where a value is a Long, a long[] or a Float. */
    String node(String opType, List<String> in, Object... attributes) {
        String out = name(opType.toLowerCase());
        Message n = new Message();
        for (String i : in) {
            n.string(1, i);
        }
        n.string(2, out);
        n.string(3, out);
        n.string(4, opType);
        for (int a = 0; a < attributes.length; a += 2) {
            Message attribute = new Message();
            attribute.string(1, (String) attributes[a]);
            Object value = attributes[a + 1];
            if (value instanceof Long l) {
                attribute.varint(3, l);
                attribute.varint(20, 2);
            } else if (value instanceof long[] ls) {
                for (long l : ls) {
                    attribute.varint(8, l);
                }
                attribute.varint(20, 7);
            } else if (value instanceof Float f) {
                attribute.fixed32(2, Float.floatToIntBits(f));
                attribute.varint(20, 1);
            } else {
                throw new IllegalArgumentException("attribute " + value);
            }
            n.bytes(5, attribute.toBytes());
        }
        nodes.add(n.toBytes());
        return out;
    }

    byte[] toBytes() {
        Message graph = new Message();
        nodes.forEach(n -> graph.bytes(1, n));
        graph.string(2, "benchmark");
        initializers.forEach(t -> graph.bytes(5, t));
        inputs.forEach(v -> graph.bytes(11, v));
        outputs.forEach(v -> graph.bytes(12, v));
        Message opset = new Message();
        opset.string(1, "");
        opset.varint(2, 17);
        Message model = new Message();
        model.varint(1, 8);
        model.string(2, "webnn-java-benchmarks");
        model.bytes(7, graph.toBytes());
        model.bytes(8, opset.toBytes());
        return model.toBytes();
    }

    private static byte[] valueInfo(String name, long... dims) {
        Message shape = new Message();
        for (long d : dims) {
            Message dim = new Message();
            dim.varint(1, d);
            shape.bytes(1, dim.toBytes());
        }
        Message tensor = new Message();
        tensor.varint(1, 1);
        tensor.bytes(2, shape.toBytes());
        Message type = new Message();
        type.bytes(1, tensor.toBytes());
        Message info = new Message();
        info.string(1, name);
        info.bytes(2, type.toBytes());
        return info.toBytes();
    }

    /** Protobuf wire format: varint (type 0), 32-bit (type 5) and length-delimited (type 2) fields. */
    private static final class Message {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void varint(int field, long value) {
            raw((long) field << 3);
            raw(value);
        }

        void fixed32(int field, int value) {
            raw((long) field << 3 | 5);
            for (int i = 0; i < 4; i++) {
                out.write(value >>> (8 * i));
            }
        }

        void bytes(int field, byte[] value) {
            raw((long) field << 3 | 2);
            raw(value.length);
            out.writeBytes(value);
        }

        void string(int field, String value) {
            bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        private void raw(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) (value & 0x7F) | 0x80);
                value >>>= 7;
            }
            out.write((int) value);
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }
}
