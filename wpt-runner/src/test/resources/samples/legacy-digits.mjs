// The legacy-API DigitNet run the way the webnn-samples drivers run theirs; prints the same RESULT line as
// examples/digits.mjs.
import {serveFiles} from '../../../../../examples/common/npy.js';
import {digitNetWeights} from '../../../../../examples/digits/weights.js';
import {renderDigit} from '../../../../../examples/digits/glyphs.js';
import {LegacyDigitNet} from './legacy_digitnet.js';

const weightsUrl = new URL('../test-data/digits/weights/', location.href).href;
serveFiles(new Map([...digitNetWeights()].map(([name, bytes]) => [weightsUrl + name, bytes])));
const net = new LegacyDigitNet(weightsUrl);
await net.build(await net.load({deviceType: 'cpu'}));
const outputs = {};
for (let digit = 0; digit < 10; digit++) {
  const results = await net.compute(renderDigit(digit), new Float32Array(10));
  outputs[digit] = Array.from(results.outputs.output);
}
console.log('RESULT ' + JSON.stringify(outputs));
