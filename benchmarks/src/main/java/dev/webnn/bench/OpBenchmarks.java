package dev.webnn.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Each workload on each engine and thread count: the time of one run, input to output. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class OpBenchmarks {
    @Param({"gemm512", "gemm1024", "gemm2048", "conv3x3", "depthwise3x3", "conv1x1", "mobilenetv2"})
    public String workload;

    @Param({"1", "2"})
    public int threads;

    @Param({"webnn", "ort"})
    public String engine;

    private Engines runner;

    @Setup(Level.Trial)
    public void setUp() {
        runner = Engines.create(engine, Workloads.of(workload), threads);
    }

    @Benchmark
    public void run() {
        runner.run();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        runner.close();
    }
}
