'use strict';

// A LeNet-style digit classifier written the way the webnn-samples graph modules are: a class that fetches .npy
// weights relative to the page, builds the graph with MLGraphBuilder, and runs it with MLTensors.
import {loadNpyConstant} from '../common/npy.js';

export class DigitNet {
  constructor(weightsUrl = './weights/') {
    this.weightsUrl_ = weightsUrl;
    this.context_ = null;
    this.graph_ = null;
    this.inputShape = [1, 1, 28, 28];
    this.outputShape = [1, 10];
  }

  async load(contextOptions) {
    this.context_ = await navigator.ml.createContext(contextOptions);
    const builder = this.builder_ = new MLGraphBuilder(this.context_);
    const constant = (name) => loadNpyConstant(builder, this.weightsUrl_ + name + '.npy');
    const input = builder.input('input', {dataType: 'float32', shape: this.inputShape});
    const conv1 = builder.conv2d(input, await constant('conv1_weight'),
        {bias: await constant('conv1_bias'), strides: [2, 2], label: 'conv1'});
    const relu1 = builder.relu(conv1, {label: 'relu1'});
    const pool1 = builder.maxPool2d(relu1, {windowDimensions: [2, 2], strides: [2, 2], label: 'pool1'});
    const flat = builder.reshape(pool1, [1, 49], {label: 'flatten'});
    const fc = builder.gemm(flat, await constant('fc_weight'),
        {c: await constant('fc_bias'), bTranspose: true, label: 'fc'});
    return builder.softmax(fc, 1, {label: 'softmax'});
  }

  async build(outputOperand) {
    this.graph_ = await this.builder_.build({output: outputOperand});
    this.inputTensor_ = await this.context_.createTensor(
        {dataType: 'float32', shape: this.inputShape, writable: true});
    this.outputTensor_ = await this.context_.createTensor(
        {dataType: 'float32', shape: this.outputShape, readable: true});
  }

  // One inference: write the input, dispatch, read the probabilities back.
  async compute(inputBuffer) {
    this.context_.writeTensor(this.inputTensor_, inputBuffer);
    this.context_.dispatch(this.graph_, {input: this.inputTensor_}, {output: this.outputTensor_});
    return new Float32Array(await this.context_.readTensor(this.outputTensor_));
  }
}
