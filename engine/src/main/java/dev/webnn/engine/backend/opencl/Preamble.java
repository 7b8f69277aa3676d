package dev.webnn.engine.backend.opencl;

/** Helper functions every generated kernel may call; written once, compiled with each kernel. */
final class Preamble {
    private Preamble() {
    }

    static final String TEXT = """
            // Integer power by squaring, wrapping; a negative exponent of a signed base leaves 1 / x^|e|'s integer part.
            inline long webnn_pow_s(long base, long e) {
                if (e < 0) return base == 1 ? 1 : base == -1 ? ((e & 1) == 0 ? 1 : -1) : 0;
                ulong r = 1, f = (ulong)base;
                for (ulong k = (ulong)e; k != 0; k >>= 1) { if (k & 1) r *= f; f *= f; }
                return as_long(r);
            }
            inline ulong webnn_pow_u(ulong base, ulong e) {
                ulong r = 1, f = base;
                for (ulong k = e; k != 0; k >>= 1) { if (k & 1) r *= f; f *= f; }
                return r;
            }
            // Integer division as the reference defines it: by zero gives 0, and MIN / -1 wraps instead of trapping.
            inline long webnn_div_s(long x, long y) {
                return y == 0 ? 0 : y == -1 ? as_long(0UL - (ulong)x) : x / y;
            }
            // A negative index counts from the end; what is still outside [0, size) is clamped into it.
            inline long webnn_clamp_index(long index, long size) {
                long i = index < 0 ? index + size : index;
                return i < 0 ? 0 : i > size - 1 ? size - 1 : i;
            }
            // Folds a coordinate into [0, size) by mirroring at the edges (symmetric repeats the edge element).
            inline long webnn_mirror(long at, long size, int symmetric) {
                if (size == 1) return 0;
                long period = symmetric ? 2 * size : 2 * (size - 1);
                long f = at % period;
                if (f < 0) f += period;
                if (f < size) return f;
                return symmetric ? period - 1 - f : period - f;
            }
            // max(0, min(1, v)) that keeps NaN.
            inline float webnn_unit_clamp(float v) {
                return v < 0.0f ? 0.0f : v > 1.0f ? 1.0f : v;
            }
            // Rounds a float to the nearest float16 value, as storing it would.
            inline float webnn_round_half(float x) {
                ushort bits[1];
                vstore_half_rte(x, 0, (__private half*)bits);
                return vload_half(0, (__private const half*)bits);
            }
            // Float to integer as cast does it: truncate, saturate to [lo, hi] given as float bounds 2^k, NaN is 0.
            inline long webnn_float_to_long(float x, float lo, float hi, long min, long max) {
                if (isnan(x)) return 0;
                if (x <= lo) return min;
                if (x >= hi) return max;
                return (long)x;
            }
            inline ulong webnn_float_to_ulong(float x) {
                if (isnan(x) || x <= 0.0f) return 0;
                if (x >= 0x1.0p64f) return ~0UL;
                return (ulong)x;
            }

            """;
}
