// DigitNet's weights, generated deterministically: no download, the same bytes everywhere.
// conv1 (2x2, stride 2) averages, the max pool keeps each 4x4 cell's level, so the 7x7 grid of a clean digit
// reaches the dense layer; its rows are the digits' grids, centred and normalized, so a digit's own row scores
// highest (Cauchy-Schwarz) and softmax turns the scores into probabilities.
import {encodeNpy} from '../common/npy.js';
import {grid7} from './glyphs.js';

const GAIN = 8;

export function digitNetWeights() {
  const fcWeight = new Float32Array(10 * 49);
  for (let d = 0; d < 10; d++) {
    const cells = grid7(d);
    const mean = cells.reduce((a, b) => a + b, 0) / 49;
    const centred = cells.map((v) => v - mean);
    const norm = Math.hypot(...centred);
    centred.forEach((v, i) => fcWeight[d * 49 + i] = GAIN * v / norm);
  }
  return new Map([
    ['conv1_weight.npy', encodeNpy(new Float32Array([0.25, 0.25, 0.25, 0.25]), [1, 1, 2, 2])],
    ['conv1_bias.npy', encodeNpy(new Float32Array([0]), [1])],
    ['fc_weight.npy', encodeNpy(fcWeight, [10, 49])],
    ['fc_bias.npy', encodeNpy(new Float32Array(10), [10])],
  ]);
}
