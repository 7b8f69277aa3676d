'use strict';

// DigitNet written against the older WebNN API shapes that published samples still use (descriptors with `type`
// and `dimensions`, activations without an input fused through options.activation, reshape with an inferred
// dimension, softmax without an axis, context.compute()). The compatibility shims must make it compute exactly
// what the current-API DigitNet (examples/digits/digitnet.js) computes from the same weights.
import {decodeNpy} from '../../../../../examples/common/npy.js';

async function buildConstantByNpy(builder, url) {
  const response = await fetch(url);
  const {dataType, shape, values} = decodeNpy(await response.arrayBuffer(), url);
  return builder.constant({type: dataType, dimensions: shape}, values);
}

export class LegacyDigitNet {
  constructor(weightsUrl) {
    this.weightsUrl_ = weightsUrl;
  }

  async load(contextOptions) {
    this.context_ = await navigator.ml.createContext(contextOptions);
    this.builder_ = new MLGraphBuilder(this.context_);
    const input = this.builder_.input('input', {type: 'float32', dimensions: [1, 1, 28, 28]});
    const conv1 = this.builder_.conv2d(input, await buildConstantByNpy(this.builder_, this.weightsUrl_ +
        'conv1_weight.npy'), {
      bias: await buildConstantByNpy(this.builder_, this.weightsUrl_ + 'conv1_bias.npy'),
      strides: [2, 2],
      activation: this.builder_.relu(),
    });
    const pool1 = this.builder_.maxPool2d(conv1, {windowDimensions: [2, 2], strides: [2, 2]});
    const flat = this.builder_.reshape(pool1, [1, null]);
    const fc = this.builder_.gemm(flat, await buildConstantByNpy(this.builder_, this.weightsUrl_ + 'fc_weight.npy'),
        {c: await buildConstantByNpy(this.builder_, this.weightsUrl_ + 'fc_bias.npy'), bTranspose: true});
    return this.builder_.softmax(fc);
  }

  async build(outputOperand) {
    this.graph_ = await this.builder_.build({'output': outputOperand});
  }

  async compute(inputBuffer, outputBuffer) {
    const results = await this.context_.compute(this.graph_, {'input': inputBuffer}, {'output': outputBuffer});
    return results;
  }
}
