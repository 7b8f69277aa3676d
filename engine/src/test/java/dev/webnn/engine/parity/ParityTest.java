package dev.webnn.engine.parity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webnn.engine.DataType;
import dev.webnn.engine.backend.TensorLimits;
import dev.webnn.engine.backend.cpu.CpuBackend;
import dev.webnn.engine.backend.cpu.Vectors;
import dev.webnn.engine.backend.reference.ReferenceBackend;
import dev.webnn.engine.graph.Graph;
import dev.webnn.engine.graph.Operation;
import dev.webnn.engine.ops.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parity catalogue on the cpu backend, with its vector kernels on and off, against the reference; and the
 * catalogue's coverage: every op the reference advertises, over every data type it advertises. The OpenCL backend
 * runs the same catalogue in OpenCLParityTest.
 */
class ParityTest {
    private static final List<Parity.Case> CASES = ParityCases.all();

    @AfterEach
    void vectorsBackOn() {
        Vectors.setEnabled(true);
    }

    @ParameterizedTest(name = "vectors {0}")
    @ValueSource(booleans = {true, false})
    void cpuBackendMatchesTheReference(boolean vectors) {
        Vectors.setEnabled(vectors);
        List<Parity.Result> results = Parity.runAll(CASES, new CpuBackend(), System.out);
        String failures = results.stream().filter(r -> !r.passed()).map(r -> r.name() + ": " + r.failure())
                .collect(Collectors.joining("\n"));
        assertTrue(failures.isEmpty(), failures);
    }

    /**
     * Each op name of the reference's opSupportLimits, with each type its first operand and its outputs allow, is
     * the input resp. output type of an op in some case; so is each op record the sealed Op interface permits.
     */
    @Test
    void catalogueCoversEveryOpAndDataType() {
        Set<String> covered = new TreeSet<>();
        Set<Class<?>> records = new java.util.HashSet<>();
        for (Parity.Case c : CASES) {
            Graph graph = c.graph();
            for (Operation operation : graph.operations()) {
                records.add(operation.op().getClass());
                covered.add(operation.op().opName() + " in " + operation.inputs().getFirst().descriptor().dataType());
                operation.outputs().forEach(o -> covered.add(operation.op().opName() + " out "
                        + o.descriptor().dataType()));
            }
        }
        List<String> missing = new ArrayList<>();
        Map<String, Map<String, TensorLimits>> limits = new ReferenceBackend().opSupportLimits().ops();
        limits.forEach((op, operands) -> {
            TensorLimits first = operands.values().iterator().next();
            for (DataType t : first.dataTypes()) {
                if (!covered.contains(op + " in " + t)) {
                    missing.add(op + " with input " + t);
                }
            }
            operands.forEach((operand, l) -> {
                if (operand.startsWith("output")) {
                    for (DataType t : l.dataTypes()) {
                        if (!covered.contains(op + " out " + t)) {
                            missing.add(op + " with output " + t);
                        }
                    }
                }
            });
        });
        Arrays.stream(Op.class.getPermittedSubclasses()).filter(r -> !records.contains(r))
                .forEach(r -> missing.add("op record " + r.getSimpleName()));
        assertTrue(limits.size() == 95, "the reference advertises " + limits.size() + " ops");
        assertTrue(missing.isEmpty(), "no parity case for: " + String.join(", ", missing));
    }
}
