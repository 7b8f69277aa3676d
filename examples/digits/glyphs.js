// A 5x7 bitmap font for the digits, the source of both the synthetic test images and the classifier's weights.
export const GLYPHS = [
  ['01110', '10001', '10011', '10101', '11001', '10001', '01110'],
  ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
  ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
  ['11111', '00010', '00100', '00010', '00001', '10001', '01110'],
  ['00010', '00110', '01010', '10010', '11111', '00010', '00010'],
  ['11111', '10000', '11110', '00001', '00001', '10001', '01110'],
  ['00110', '01000', '10000', '11110', '10001', '10001', '01110'],
  ['11111', '00001', '00010', '00100', '01000', '01000', '01000'],
  ['01110', '10001', '10001', '01110', '10001', '10001', '01110'],
  ['01110', '10001', '10001', '01111', '00001', '00010', '01100'],
];

/** The digit as the 7x7 grid the network sees after pooling: the glyph in columns 1..5. */
export function grid7(digit) {
  const cells = new Float32Array(49);
  GLYPHS[digit].forEach((row, y) => {
    for (let x = 0; x < 5; x++) cells[y * 7 + x + 1] = row[x] === '1' ? 1 : 0;
  });
  return cells;
}

/** A 28x28 image (NCHW [1, 1, 28, 28]) of the digit: each grid cell a 4x4 block, plus deterministic noise. */
export function renderDigit(digit, noise = 0.15, seed = 1) {
  const cells = grid7(digit);
  const image = new Float32Array(28 * 28);
  let state = (seed * 2654435761 + digit) >>> 0;
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      const jitter = ((state / 4294967296) * 2 - 1) * noise;
      image[y * 28 + x] = cells[Math.floor(y / 4) * 7 + Math.floor(x / 4)] + jitter;
    }
  }
  return image;
}
