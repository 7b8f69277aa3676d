package dev.webnn.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class TensorDataTest {
    private static ByteBuffer bytes(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length);
        for (int v : values) {
            b.put((byte) v);
        }
        return b.flip();
    }

    private static byte[] array(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Test
    void int4DecodesLowNibbleFirstAndSignExtends() {
        TensorData d = TensorData.decode(OperandDescriptor.of(DataType.INT4, 3), bytes(0x21, 0x0F));
        assertArrayEquals(new long[] {1, 2, -1}, d.integers());
        TensorData u = TensorData.decode(OperandDescriptor.of(DataType.UINT4, 3), bytes(0x21, 0x0F));
        assertArrayEquals(new long[] {1, 2, 15}, u.integers());
    }

    @Test
    void int4EncodesLowNibbleFirstWithAZeroPadNibble() {
        TensorData d = TensorData.ofIntegers(OperandDescriptor.of(DataType.INT4, 3), new long[] {-8, 7, -1});
        assertArrayEquals(new byte[] {0x78, 0x0F}, array(d.toBytes()));
    }

    @Test
    void integersWrapToTheirWidth() {
        TensorData d = TensorData.ofIntegers(OperandDescriptor.of(DataType.INT8, 3), new long[] {128, 255, -129});
        assertArrayEquals(new long[] {-128, -1, 127}, d.integers());
        TensorData u = TensorData.ofIntegers(OperandDescriptor.of(DataType.UINT32, 1), new long[] {-1});
        assertArrayEquals(new long[] {0xFFFF_FFFFL}, u.integers());
    }

    @Test
    void floatsRoundToTheirType() {
        TensorData h = TensorData.ofFloats(OperandDescriptor.of(DataType.FLOAT16, 2), new double[] {1.0 / 3, 70000});
        // 1/3 in float16 is 0x3555 = 1365/4096; 70000 overflows float16.
        assertArrayEquals(new double[] {1365.0 / 4096, Double.POSITIVE_INFINITY}, h.floats());
        ByteBuffer encoded = h.toBytes();
        assertEquals((short) 0x3555, encoded.getShort(0));
        assertEquals((short) 0x7C00, encoded.getShort(2));
    }

    @Test
    void decodesLittleEndianFromTheBufferPosition() {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 99).putLong(4, -2L);
        b.position(4);
        TensorData u = TensorData.decode(OperandDescriptor.of(DataType.UINT64, 1), b);
        assertArrayEquals(new long[] {-2L}, u.integers());
        assertEquals(4, b.position());
    }
}
