package dev.webnn.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webnn.engine.runtime.ContextLimits;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The per-realm limits: statements, wall time, and each context's memory budget and graph size, seen from JS. */
class RealmLimitsTest {
    @Test
    void aStatementLimitEndsARunawayScriptEvenOutsideTheEventLoop() {
        try (Realm realm = JsFixture.realm(RealmOptions.defaults().statementLimit(100_000))) {
            long start = System.nanoTime();
            JsError e = assertThrows(JsError.class, () -> realm.evalScript("spin.js", "for (;;) {}"));
            assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
            assertTrue(System.nanoTime() - start < 20_000_000_000L);
        }
    }

    @Test
    void aStatementLimitLeavesOrdinaryScriptsAlone() throws JsError {
        try (Realm realm = JsFixture.realm(RealmOptions.defaults().statementLimit(5_000_000))) {
            assertEquals("3", JsFixture.run(realm, """
                    const ctx = await navigator.ml.createContext();
                    const b = new MLGraphBuilder(ctx);
                    const y = b.add(b.input('x', {dataType: 'float32', shape: [1]}), b.constant('float32', 2));
                    const g = await b.build({y});
                    const x = await ctx.createTensor({dataType: 'float32', shape: [1], writable: true});
                    const out = await ctx.createTensor({dataType: 'float32', shape: [1], readable: true});
                    ctx.writeTensor(x, new Float32Array([1]));
                    ctx.dispatch(g, {x}, {y: out});
                    return new Float32Array(await ctx.readTensor(out))[0];"""));
        }
    }

    @Test
    void aTimeLimitCancelsTheRealmWhateverItRuns() {
        try (Realm realm = JsFixture.realm(RealmOptions.defaults().timeLimit(Duration.ofMillis(300)))) {
            long start = System.nanoTime();
            JsError e = assertThrows(JsError.class, () -> realm.evalScript("spin.js", "while (true) {}"));
            assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
            assertTrue(System.nanoTime() - start < 20_000_000_000L);
        }
    }

    @Test
    void aClosedRealmIsGarbageBeforeItsEventLoopDeadline() throws Exception {
        java.lang.ref.WeakReference<Realm> ref = closedRealmAfterAnHourLongLoop();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (ref.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(ref.get() == null, "the closed realm is still reachable");
    }

    private static java.lang.ref.WeakReference<Realm> closedRealmAfterAnHourLongLoop() {
        Realm realm = JsFixture.realm(RealmOptions.defaults().timeLimit(Duration.ofHours(1)));
        assertEquals(LoopResult.IDLE, realm.runEventLoop(() -> false, 3_600_000));
        realm.close();
        return new java.lang.ref.WeakReference<>(realm);
    }

    @Test
    void contextsOfARealmGetItsMemoryBudgetAndGraphCap() throws JsError {
        RealmOptions options = RealmOptions.defaults()
                .contextLimits(ContextLimits.DEFAULT.withMemoryBudget(1 << 20).withGraphSize(3, 100));
        assertEquals("UnknownError|TypeError", JsFixture.run(options, """
                const ctx = await navigator.ml.createContext();
                const held = await ctx.createTensor({dataType: 'float32', shape: [200000], readable: true});
                let budget;
                try { await ctx.createTensor({dataType: 'float32', shape: [200000]}); budget = 'created'; }
                catch (e) { budget = e.name; }
                const b = new MLGraphBuilder(ctx);
                const x = b.input('x', {dataType: 'float32', shape: [1]});
                b.relu(b.relu(x));
                let cap;
                try { b.relu(x); cap = 'added'; } catch (e) { cap = e.name; }
                return budget + '|' + cap + (held.readable ? '' : '?');"""));
    }
}
