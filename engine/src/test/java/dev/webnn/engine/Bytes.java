package dev.webnn.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Little-endian encoders and decoders written independently of TensorData, for tests. */
public final class Bytes {
    private Bytes() {
    }

    public static ByteBuffer f32(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.flip();
    }

    public static ByteBuffer f16(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putShort(Float.floatToFloat16(v));
        }
        return b.flip();
    }

    public static ByteBuffer i8(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length);
        for (int v : values) {
            b.put((byte) v);
        }
        return b.flip();
    }

    public static ByteBuffer i32(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.flip();
    }

    public static ByteBuffer i64(long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return b.flip();
    }

    public static float[] readF32(ByteBuffer b) {
        ByteBuffer in = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[in.remaining() / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = in.getFloat();
        }
        return out;
    }

    public static float[] readF16(ByteBuffer b) {
        ByteBuffer in = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[in.remaining() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.float16ToFloat(in.getShort());
        }
        return out;
    }

    public static byte[] readI8(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    public static int[] readI32(ByteBuffer b) {
        ByteBuffer in = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int[] out = new int[in.remaining() / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = in.getInt();
        }
        return out;
    }

    public static long[] readI64(ByteBuffer b) {
        ByteBuffer in = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[in.remaining() / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = in.getLong();
        }
        return out;
    }
}
