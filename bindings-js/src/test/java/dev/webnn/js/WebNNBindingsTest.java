package dev.webnn.js;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The WebIDL behaviour of navigator.ml and the ML* interfaces, seen from JS. */
class WebNNBindingsTest {
    private static final String SETUP = """
            const context = await navigator.ml.createContext({deviceType: 'cpu'});
            const builder = new MLGraphBuilder(context);
            const desc = {dataType: 'float32', shape: [2, 2]};
            """;

    private static String run(String body) throws JsError {
        return JsFixture.run(SETUP + body);
    }

    @Test
    void addGraphRunsEndToEnd() throws JsError {
        assertEquals("11,22,33,44", run("""
                const a = builder.input('a', desc);
                const b = builder.constant(desc, new Float32Array([10, 20, 30, 40]));
                const graph = await builder.build({out: builder.add(a, b)});
                const input = await context.createTensor({...desc, writable: true});
                const output = await context.createTensor({...desc, readable: true});
                context.writeTensor(input, new Float32Array([1, 2, 3, 4]));
                context.dispatch(graph, {a: input}, {out: output});
                return Array.from(new Float32Array(await context.readTensor(output))).join();
                """));
    }

    @Test
    void byobReadFillsTheCallersBufferAndChecksItsSize() throws JsError {
        assertEquals("0,5,6,0|threw TypeError", run("""
                const x = builder.input('x', {dataType: 'int32', shape: [2]});
                const graph = await builder.build({y: builder.relu(x)});
                const input = await context.createTensor({dataType: 'int32', shape: [2], writable: true});
                const output = await context.createTensor({dataType: 'int32', shape: [2], readable: true});
                context.writeTensor(input, new Int32Array([5, 6]));
                context.dispatch(graph, {x: input}, {y: output});
                const target = new Int32Array(4);
                await context.readTensor(output, target.subarray(1));
                let small;
                try { await context.readTensor(output, new Int32Array(1)); small = 'resolved'; }
                catch (e) { small = 'threw ' + e.name; }
                return target.join() + '|' + small;
                """));
    }

    @Test
    void byobReadCopiesLargeTensorsAndRejectsABufferDetachedMeanwhile() throws JsError {
        // 300,000 floats (1.2 MB) at a byte offset of 8; then a buffer transferred away before the read answers.
        assertEquals("true|TypeError|0", run("""
                const n = 300000;
                const big = {dataType: 'float32', shape: [n]};
                const input = await context.createTensor({...big, writable: true, readable: true});
                const values = new Float32Array(n).map((_, i) => i * 0.25 - 7);
                context.writeTensor(input, values);
                const target = new Float32Array(n + 2);
                await context.readTensor(input, target.subarray(2));
                const same = target.subarray(2).every((v, i) => v === values[i]) && target[0] === 0 && target[1] === 0;
                const buffer = new ArrayBuffer(4 * n);
                const pending = context.readTensor(input, buffer);
                buffer.transfer();
                let detached;
                try { await pending; detached = 'resolved'; } catch (e) { detached = e.name; }
                return same + '|' + detached + '|' + buffer.byteLength;
                """));
    }

    @Test
    void interfacesHaveBrandsTagsAndIllegalConstructors() throws JsError {
        assertEquals("true,[object MLContext],[object MLGraphBuilder],[object MLOperand],TypeError,TypeError,"
                + "TypeError,float32,2;2", run("""
                const x = builder.input('x', desc);
                const tryNew = (f) => { try { f(); return 'no error'; } catch (e) { return e.name; } };
                return [context instanceof MLContext, Object.prototype.toString.call(context),
                  Object.prototype.toString.call(builder), Object.prototype.toString.call(x),
                  tryNew(() => new MLContext()), tryNew(() => new MLOperand()),
                  tryNew(() => Object.getOwnPropertyDescriptor(MLOperand.prototype, 'dataType').get.call({})),
                  x.dataType, x.shape.join(';')].join();
                """));
    }

    @Test
    void webidlConversionsRejectBadArguments() throws JsError {
        assertEquals("TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,ok", run("""
                const name = (f) => { try { f(); return 'ok'; } catch (e) { return e.name; } };
                return [
                  name(() => builder.input('a', {dataType: 'float33', shape: [1]})),
                  name(() => builder.input('b', {dataType: 'float32', shape: [-1]})),
                  name(() => builder.input('c', {dataType: 'float32', shape: [NaN]})),
                  name(() => builder.input('d', {dataType: 'float32', shape: 5})),
                  name(() => builder.input('e', {shape: [1]})),
                  name(() => builder.add(1, 2)),
                  name(() => new MLGraphBuilder({})),
                  name(() => builder.input('f', {dataType: 'float32', shape: new Set([2, 3])})),
                ].join();
                """));
    }

    @Test
    void validationErrorsAreTypeErrorsNamingTheLabel() throws JsError {
        assertEquals("TypeError true", run("""
                const a = builder.input('a', {dataType: 'float32', shape: [2, 3]});
                const b = builder.input('b', {dataType: 'float32', shape: [4]});
                try { builder.add(a, b, {label: 'my-add'}); return 'no error'; }
                catch (e) { return e.name + ' ' + e.message.includes('[my-add]'); }
                """));
    }

    @Test
    void operandsFromAnotherBuilderAreRejected() throws JsError {
        assertEquals("TypeError", run("""
                const other = new MLGraphBuilder(context);
                const a = builder.input('a', desc);
                const b = other.input('b', desc);
                try { builder.add(a, b); return 'no error'; } catch (e) { return e.name; }
                """));
    }

    @Test
    void aBuiltBuilderIsInvalidState() throws JsError {
        assertEquals("InvalidStateError,true,InvalidStateError", run("""
                const a = builder.input('a', desc);
                await builder.build({out: builder.relu(a)});
                let sync, rejected;
                try { builder.input('b', desc); sync = 'no error'; } catch (e) { sync = e.name; }
                try { await builder.build({o: a}); rejected = 'resolved'; } catch (e) { rejected = e.name; }
                return [sync, (() => { try { builder.relu(a); } catch (e) { return e instanceof DOMException; } })(),
                  rejected].join();
                """));
    }

    @Test
    void destroyResolvesLostAndMakesTheContextUnusable() throws JsError {
        assertEquals("lost,InvalidStateError", run("""
                context.destroy();
                const info = await context.lost;
                let after;
                try { await context.createTensor({...desc, readable: true}); after = 'resolved'; }
                catch (e) { after = e.name; }
                return [typeof info.message === 'string' ? 'lost' : 'no message', after].join();
                """));
    }

    @Test
    void destroyingATensorRejectsItsPendingReadsAtOnceInCallOrder() throws JsError {
        // Awaiting the reads one after the other must leave neither unhandled: destroy() rejects both in its task.
        for (int attempt = 0; attempt < 5; attempt++) {
            try (Realm realm = JsFixture.realm(RealmOptions.defaults().url("https://example.test/page.html?cpu"))) {
                assertEquals("InvalidStateError,InvalidStateError,first", JsFixture.run(realm, SETUP + """
                        const t = await context.createTensor({dataType: 'int32', shape: [2, 3], readable: true});
                        const order = [];
                        const first = context.readTensor(t);
                        const second = context.readTensor(t);
                        first.catch(() => order.push('first'));
                        second.catch(() => order.push('second'));
                        t.destroy();
                        const names = [];
                        try { await first; } catch (e) { names.push(e.name); }
                        try { await second; } catch (e) { names.push(e.name); }
                        return [...names, order[0]].join();
                        """));
                assertEquals(List.of(), realm.uncaughtErrors().stream().map(JsError::getMessage).toList());
            }
        }
    }

    @Test
    void destroyingTheContextRejectsPendingReadsInCallOrderLeavingNoneUnhandled() throws JsError {
        try (Realm realm = JsFixture.realm(RealmOptions.defaults().url("https://example.test/page.html?cpu"))) {
            assertEquals("InvalidStateError,InvalidStateError,InvalidStateError", JsFixture.run(realm, SETUP + """
                    const t = await context.createTensor({dataType: 'int32', shape: [2, 3], readable: true});
                    const reads = [context.readTensor(t), context.readTensor(t), context.readTensor(t)];
                    context.destroy();
                    const names = [];
                    for (const read of reads) {
                      try { await read; names.push('resolved'); } catch (e) { names.push(e.name); }
                    }
                    return names.join();
                    """));
            assertEquals(List.of(), realm.uncaughtErrors().stream().map(JsError::getMessage).toList());
        }
    }

    @Test
    void aMissingRequiredOperandIsATypeErrorEvenOnABuiltBuilder() throws JsError {
        // WebIDL converts the arguments before the method's steps check that the builder can still build.
        assertEquals("TypeError,TypeError,InvalidStateError", run("""
                const x = builder.input('x', desc);
                await builder.build({y: builder.relu(x)});
                const name = (f) => { try { f(); return 'no error'; } catch (e) { return e.name; } };
                return [name(() => builder.softmax(null)), name(() => builder.relu(undefined)),
                  name(() => builder.softmax(x, 1))].join();
                """));
    }

    @Test
    void writeTensorChecksTheSourceSize() throws JsError {
        assertEquals("TypeError", run("""
                const t = await context.createTensor({...desc, writable: true});
                try { context.writeTensor(t, new Float32Array(3)); return 'no error'; } catch (e) { return e.name; }
                """));
    }

    @Test
    void opSupportLimitsDescribesTheBackend() throws JsError {
        assertEquals("true,true,true,nchw", run("""
                const limits = context.opSupportLimits();
                return [limits.input.dataTypes.includes('float32'), Array.isArray(limits.add.a.dataTypes),
                  limits.maxTensorByteLength > 0, limits.preferredInputLayout].join();
                """));
    }

    @Test
    void opSupportLimitsIsANewPlainDictionaryEachCall() throws JsError {
        // A setter on Object.prototype must not run: dictionary members are own data properties.
        assertEquals("false,false,false,true,true,true,0,true", run("""
                let setterCalls = 0;
                Object.defineProperty(Object.prototype, 'gemm', {set(v) { setterCalls++; }, configurable: true});
                const first = context.opSupportLimits();
                first.add.a.dataTypes.push('changed');
                first.input.rankRange.max = -1;
                const second = context.opSupportLimits();
                delete Object.prototype.gemm;
                return [first === second, first.add === second.add, second.add.a.dataTypes.includes('changed'),
                  second.input.rankRange.max > 0, Object.getPrototypeOf(second.gemm) === Object.prototype,
                  Object.hasOwn(second, 'gemm'), setterCalls,
                  Object.keys(second).slice(0, 5).join() ===
                    'preferredInputLayout,maxTensorByteLength,input,constant,output'].join();
                """));
    }

    @Test
    void bigintScalarConstantsKeepTheirExactValue() throws JsError {
        assertEquals("9007199254740993", run("""
                const c = builder.constant('int64', 9007199254740993n);
                const z = builder.input('z', {dataType: 'int64', shape: []});
                const graph = await builder.build({out: builder.add(c, z)});
                const input = await context.createTensor({dataType: 'int64', shape: [], writable: true});
                const output = await context.createTensor({dataType: 'int64', shape: [], readable: true});
                context.writeTensor(input, new BigInt64Array([0n]));
                context.dispatch(graph, {z: input}, {out: output});
                return new BigInt64Array(await context.readTensor(output))[0];
                """));
    }
}
