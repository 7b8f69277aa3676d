package dev.webnn.engine.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one switch between the Vector API kernels and their scalar twins: the system property
 * {@code webnn.cpu.vectors=false} turns vectors off (tests flip it with {@link #setEnabled}). Every kernel reads it
 * once per call, and every vector loop ends in a scalar tail.
 */
public final class Vectors {
    /**
     * The machine's preferred species, or the one {@code webnn.cpu.vectorBits} names: 128, 256 or 512, or
     * {@code other}, the one of 256 and 512 bits that is not preferred. The build runs the kernel tests a second time
     * with {@code other}, so both register-tile geometries are checked on any machine (512-bit vectors are emulated,
     * slowly, on a CPU without AVX-512).
     */
    static final VectorSpecies<Float> F = species(System.getProperty("webnn.cpu.vectorBits", ""));
    static final int LANES = F.length();
    /**
     * Whether the vector register file holds 32 registers (AVX-512, whose preferred species is 16 floats) rather than
     * AVX2's 16: register tiles are sized to it, since a tile whose accumulators spill runs at a third of its speed.
     */
    static final boolean WIDE_REGISTER_FILE = LANES >= 16;

    private static volatile boolean enabled =
            !"false".equalsIgnoreCase(System.getProperty("webnn.cpu.vectors", "true"));

    private Vectors() {
    }

    private static VectorSpecies<Float> species(String bits) {
        return switch (bits) {
            case "" -> FloatVector.SPECIES_PREFERRED;
            case "128" -> FloatVector.SPECIES_128;
            case "256" -> FloatVector.SPECIES_256;
            case "512" -> FloatVector.SPECIES_512;
            case "other" -> FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512
                    ? FloatVector.SPECIES_256 : FloatVector.SPECIES_512;
            default -> throw new IllegalArgumentException(
                    "webnn.cpu.vectorBits must be 128, 256, 512 or other, not " + bits);
        };
    }

    public static boolean enabled() {
        return enabled;
    }

    public static void setEnabled(boolean on) {
        enabled = on;
    }

    /** The kernels' vector width in bits (256 on AVX2, 512 on AVX-512), which also picks their register tiles. */
    public static int bits() {
        return F.vectorBitSize();
    }

    /** The element count of a vector loop over {@code length} elements; the rest is the scalar tail. */
    static int loopBound(int length) {
        return F.loopBound(length);
    }
}
