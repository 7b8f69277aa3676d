// ./webnn run examples/digits.mjs [DIGIT...]
// Classifies synthetic handwritten-style digits with DigitNet, whose weights are generated here as .npy files and
// served to its fetch() calls, as a web server would serve a sample's weights folder. Prints the top guesses and,
// last, one JSON line with every output (what the tests compare across backends).
import {serveFiles} from './common/npy.js';
import {digitNetWeights} from './digits/weights.js';
import {renderDigit} from './digits/glyphs.js';
import {DigitNet} from './digits/digitnet.js';

const weightsUrl = new URL('./digits/weights/', location.href).href;
serveFiles(new Map([...digitNetWeights()].map(([name, bytes]) => [weightsUrl + name, bytes])));

const digits = scriptArgs.length > 0 ? scriptArgs.map(Number) : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const net = new DigitNet(weightsUrl);
const start = performance.now();
await net.build(await net.load({deviceType: 'cpu'}));
console.log(`DigitNet built in ${(performance.now() - start).toFixed(1)} ms`);

const outputs = {};
let correct = 0;
for (const digit of digits) {
  const probabilities = await net.compute(renderDigit(digit));
  const ranked = [...probabilities].map((p, d) => [d, p]).sort((a, b) => b[1] - a[1]);
  const top = ranked.slice(0, 3).map(([d, p]) => `${d} (${(100 * p).toFixed(1)}%)`).join(', ');
  correct += ranked[0][0] === digit ? 1 : 0;
  console.log(`digit ${digit}: ${top}`);
  outputs[digit] = Array.from(probabilities);
}
console.log(`${correct} of ${digits.length} classified correctly`);
console.log('RESULT ' + JSON.stringify(outputs));
