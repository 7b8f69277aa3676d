package dev.webnn.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.webnn.engine.backend.cpu.CpuThreads;
import dev.webnn.engine.runtime.CompiledGraph;
import dev.webnn.engine.runtime.ContextOptions;
import dev.webnn.engine.runtime.Tensor;
import dev.webnn.engine.runtime.WebNNContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;

/** One workload, built and ready to run on one engine with a given thread count. */
abstract class Engines implements AutoCloseable {
    abstract void run();

    /** The first output values, to check both engines compute the same thing. */
    abstract float[] result();

    @Override
    public void close() {
    }

    static Engines create(String engine, Workloads.Workload workload, int threads) {
        return switch (engine) {
            case "webnn" -> new WebNN(workload, threads);
            case "ort" -> new Ort(workload, threads);
            default -> throw new IllegalArgumentException("unknown engine " + engine);
        };
    }

    static float[] inputValues(long count) {
        Random random = new Random(7);
        float[] values = new float[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        return values;
    }

    /** The engine's Java API: a cpu context, tensors, dispatch, and a read that waits for the result. */
    static final class WebNN extends Engines {
        private final WebNNContext context = WebNNContext.create(ContextOptions.DEFAULT);
        private final CompiledGraph graph;
        private final Tensor input;
        private final Tensor output;
        private final int threads;

        WebNN(Workloads.Workload workload, int threads) {
            this.threads = threads;
            CpuThreads.setParallelism(threads);
            WebNNNet net = new WebNNNet(context.newGraphBuilder());
            workload.build().accept(net);
            graph = context.build(net.builder, net.outputs).join();
            input = context.createTensor(net.inputDescriptor, false, true);
            output = context.createTensor(net.outputDescriptor, true, false);
            float[] values = inputValues(net.inputDescriptor.elementCount());
            ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(values);
            context.writeTensor(input, bytes);
        }

        @Override
        void run() {
            CpuThreads.setParallelism(threads);
            context.dispatch(graph, Map.of("input", input), Map.of("output", output));
            context.readTensor(output).join();
        }

        @Override
        float[] result() {
            run();
            FloatBuffer values = context.readTensor(output).join().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            float[] out = new float[Math.min(8, values.remaining())];
            values.get(out);
            return out;
        }

        @Override
        public void close() {
            context.destroy();
        }
    }

    /** ONNX Runtime Java on the same model, written as ONNX, with its intra-op threads set to the count. */
    static final class Ort extends Engines {
        private final OrtEnvironment env = OrtEnvironment.getEnvironment();
        private final OrtSession session;
        private final OnnxTensor input;
        private final String outputName;
        private float[] last;

        Ort(Workloads.Workload workload, int threads) {
            try {
                OnnxNet net = new OnnxNet();
                workload.build().accept(net);
                OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                options.setIntraOpNumThreads(threads);
                options.setInterOpNumThreads(1);
                options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                // Its own per-node timings, to set beside ours (-Dwebnn.cpu.profile=steps): a JSON trace per session.
                String profile = System.getProperty("webnn.bench.ortProfile");
                if (profile != null) {
                    options.enableProfiling(profile + "-" + workload.name() + "-" + threads + "t");
                }
                session = env.createSession(net.writer.toBytes(), options);
                outputName = net.outputName;
                long[] shape = ((ai.onnxruntime.TensorInfo) session.getInputInfo().get("input").getInfo()).getShape();
                long count = 1;
                for (long d : shape) {
                    count *= d;
                }
                input = OnnxTensor.createTensor(env, FloatBuffer.wrap(inputValues(count)), shape);
            } catch (OrtException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        void run() {
            try (OrtSession.Result result = session.run(Map.of("input", input))) {
                FloatBuffer values = ((OnnxTensor) result.get(outputName).get()).getFloatBuffer();
                last = new float[Math.min(8, values.remaining())];
                values.get(last);
            } catch (OrtException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        float[] result() {
            run();
            return last;
        }

        @Override
        public void close() {
            try {
                input.close();
                if (System.getProperty("webnn.bench.ortProfile") != null) {
                    System.out.println("ONNX Runtime profile: " + session.endProfiling());
                }
                session.close();
            } catch (OrtException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
