package dev.webnn.js;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * WebIDL's sequence conversion as scripts can observe it: the value's @@iterator is used, with every Get the
 * built-in array iterator does, in its order, whether or not the shim takes a shortcut for plain arrays.
 */
class SequenceConversionTest {
    private static final String SETUP = """
            const context = await navigator.ml.createContext({deviceType: 'cpu'});
            const builder = new MLGraphBuilder(context);
            const shapeOf = (shape) => builder.input('x' + Math.random(), {dataType: 'float32', shape}).shape.join('x');
            """;

    private static String run(String body) throws JsError {
        return JsFixture.run(SETUP + body);
    }

    @Test
    void aProxiedArrayIsReadAsTheArrayIteratorReadsIt() throws JsError {
        // The array iterator reads length before each element and once more at the end.
        assertEquals("2x3|Symbol(Symbol.iterator),length,0,length,1,length", run("""
                const reads = [];
                const proxy = new Proxy([2, 3], {get(target, key, receiver) {
                  reads.push(String(key));
                  return Reflect.get(target, key, receiver);
                }});
                return shapeOf(proxy) + '|' + reads.join();
                """));
    }

    @Test
    void anArrayGrowingWhileConvertedYieldsTheNewItems() throws JsError {
        assertEquals("2x5|1", run("""
                const shape = [2];
                let calls = 0;
                Object.defineProperty(shape, 0, {get() { calls++; shape.push(5); shape.length = 2; return 2; }});
                return shapeOf(shape) + '|' + calls;
                """));
    }

    @Test
    void anIteratorOfTheArrayItselfIsUsed() throws JsError {
        assertEquals("7x8", run("""
                const shape = [1, 1];
                shape[Symbol.iterator] = function* () { yield 7; yield 8; };
                return shapeOf(shape);
                """));
    }

    @Test
    void aReplacedArrayIteratorIsUsed() throws JsError {
        assertEquals("4x4x4|3x2", run("""
                const original = Array.prototype[Symbol.iterator];
                Array.prototype[Symbol.iterator] = function* () { yield 4; yield 4; yield 4; };
                const replaced = shapeOf([1, 1]);
                Array.prototype[Symbol.iterator] = original;
                const arrayIterator = Object.getPrototypeOf([][Symbol.iterator]());
                const next = arrayIterator.next;
                let step = 0;
                arrayIterator.next = function() { step++; return step <= 2 ? {value: 4 - step, done: false} : {done: true}; };
                const patchedNext = shapeOf([9, 9, 9]);
                arrayIterator.next = next;
                return replaced + '|' + patchedNext;
                """));
    }

    @Test
    void aConversionErrorNamesTheItem() throws JsError {
        assertEquals("threw TypeError: true", run("""
                try {
                  shapeOf([2, -1]);
                } catch (e) {
                  return 'threw ' + e.name + ': ' + e.message.includes('shape[1]');
                }
                """));
    }

    @Test
    void anInputsShapeIsAFrozenCopyOfTheDescriptors() throws JsError {
        assertEquals("2,3|true|false|float32", run("""
                const shape = [2, 3];
                const x = builder.input('x', {dataType: 'float32', shape});
                shape[0] = 9;
                return [x.shape.join(), Object.isFrozen(x.shape), x.shape === shape, x.dataType].join('|');
                """));
    }
}
