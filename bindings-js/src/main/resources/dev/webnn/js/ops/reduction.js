// Operators that reduce or normalize along axes: the ten reductions, argMin/argMax, cumulativeSum, softmax and
// batch, instance and layer normalization.
(function defineReductionOperators(api) {
  'use strict';
  const {defineOperator, addOperation, operatorOptions, toOperandArguments, operandMember, requireArguments, prefixed,
    isObject, toNumber, toUnsignedLongEnforceRange, toBoolean, toEnum, toSequence, DATA_TYPES} = api;

  const failed = (name) => `Failed to execute '${name}' on 'MLGraphBuilder'`;

  // WebIDL `double` (restricted): NaN and the infinities are a TypeError.
  function toDouble(v, context) {
    const x = toNumber(v, context);
    if (!Number.isFinite(x)) throw prefixed(context, `${String(v)} is not a finite number.`);
    return x;
  }

  // WebIDL `unsigned long` without [EnforceRange]: truncate, then wrap modulo 2^32; NaN and the infinities are 0.
  function toUnsignedLong(v, context) {
    const x = toNumber(v, context);
    if (!Number.isFinite(x)) return 0;
    const wrapped = Math.trunc(x) % 2 ** 32;
    return wrapped < 0 ? wrapped + 2 ** 32 : wrapped + 0;
  }

  function toAxes(dict, context) {
    return dict.axes === undefined ? null : toSequence(dict.axes, toUnsignedLongEnforceRange, `${context}.axes`);
  }

  for (const name of ['reduceL1', 'reduceL2', 'reduceLogSum', 'reduceLogSumExp', 'reduceMax', 'reduceMean',
    'reduceMin', 'reduceProduct', 'reduceSum', 'reduceSumSquare']) {
    defineOperator(name, function(input, options = undefined) {
      requireArguments(arguments.length, 1, failed(name));
      const operands = toOperandArguments(name, [input]);
      const dict = operatorOptions(options, name);
      const attributes = {
        axes: toAxes(dict, `${failed(name)}: options`),
        keepDimensions: dict.keepDimensions === undefined ? false : toBoolean(dict.keepDimensions),
      };
      return addOperation(this, name, operands, attributes, dict)[0];
    });
  }

  for (const name of ['argMin', 'argMax']) {
    defineOperator(name, function(input, axis, options = undefined) {
      requireArguments(arguments.length, 2, failed(name));
      const operands = toOperandArguments(name, [input]);
      const axisValue = toUnsignedLongEnforceRange(axis, `${failed(name)}: axis`);
      const dict = operatorOptions(options, name);
      const attributes = {
        axis: axisValue,
        keepDimensions: dict.keepDimensions === undefined ? false : toBoolean(dict.keepDimensions),
        outputDataType: dict.outputDataType === undefined ? 'int32' :
          toEnum(dict.outputDataType, DATA_TYPES, 'MLOperandDataType', `${failed(name)}: options.outputDataType`),
      };
      return addOperation(this, name, operands, attributes, dict)[0];
    });
  }

  defineOperator('cumulativeSum', function(input, axis, options = undefined) {
    requireArguments(arguments.length, 2, failed('cumulativeSum'));
    const operands = toOperandArguments('cumulativeSum', [input]);
    const axisValue = toUnsignedLong(axis, `${failed('cumulativeSum')}: axis`);
    const dict = operatorOptions(options, 'cumulativeSum');
    const attributes = {
      axis: axisValue,
      exclusive: dict.exclusive === undefined ? false : toBoolean(dict.exclusive),
      reversed: dict.reversed === undefined ? false : toBoolean(dict.reversed),
    };
    return addOperation(this, 'cumulativeSum', operands, attributes, dict)[0];
  });

  // The spec has only softmax(input, axis, options). The WPT suite still calls the earlier softmax(input, options)
  // on 2-D inputs, so that overload stays: WebIDL overload resolution picks it for one argument, or when the second
  // is undefined, null or an object (a dictionary), and it normalizes along the last axis, the earlier axis 1.
  // The method's length stays the IDL's 2.
  defineOperator('softmax', function(input, axis, options = undefined) {
    const where = failed('softmax');
    requireArguments(arguments.length, 1, where);
    const operands = toOperandArguments('softmax', [input]);
    if (arguments.length < 3 && (axis === undefined || axis === null || isObject(axis))) {
      const dict = operatorOptions(axis, 'softmax');
      const shape = isObject(input) ? input.shape : undefined;
      const lastAxis = Array.isArray(shape) ? Math.max(shape.length - 1, 0) : 0;
      return addOperation(this, 'softmax', operands, {axis: lastAxis}, dict)[0];
    }
    const axisValue = toUnsignedLongEnforceRange(axis, `${where}: axis`);
    return addOperation(this, 'softmax', operands, {axis: axisValue}, operatorOptions(options, 'softmax'))[0];
  });

  defineOperator('batchNormalization', function(input, mean, variance, options = undefined) {
    const where = failed('batchNormalization');
    requireArguments(arguments.length, 3, where);
    toOperandArguments('batchNormalization', [input, mean, variance]);
    const dict = operatorOptions(options, 'batchNormalization');
    // Dictionary members convert in lexicographic order, as WebIDL requires.
    const axis = dict.axis === undefined ? 1 : toUnsignedLongEnforceRange(dict.axis, `${where}: options.axis`);
    const bias = operandMember(dict, 'bias', `${where}: options`);
    const epsilon = dict.epsilon === undefined ? 1e-5 : toDouble(dict.epsilon, `${where}: options.epsilon`);
    const scale = operandMember(dict, 'scale', `${where}: options`);
    return addOperation(this, 'batchNormalization', [input, mean, variance, scale, bias], {axis, epsilon},
        dict)[0];
  });

  defineOperator('instanceNormalization', function(input, options = undefined) {
    const where = failed('instanceNormalization');
    requireArguments(arguments.length, 1, where);
    toOperandArguments('instanceNormalization', [input]);
    const dict = operatorOptions(options, 'instanceNormalization');
    const bias = operandMember(dict, 'bias', `${where}: options`);
    const epsilon = dict.epsilon === undefined ? 1e-5 : toDouble(dict.epsilon, `${where}: options.epsilon`);
    const layout = dict.layout === undefined ? 'nchw' :
      toEnum(dict.layout, ['nchw', 'nhwc'], 'MLInputOperandLayout', `${where}: options.layout`);
    const scale = operandMember(dict, 'scale', `${where}: options`);
    return addOperation(this, 'instanceNormalization', [input, scale, bias], {epsilon, layout}, dict)[0];
  });

  defineOperator('layerNormalization', function(input, options = undefined) {
    const where = failed('layerNormalization');
    requireArguments(arguments.length, 1, where);
    toOperandArguments('layerNormalization', [input]);
    const dict = operatorOptions(options, 'layerNormalization');
    const axes = toAxes(dict, `${where}: options`);
    const bias = operandMember(dict, 'bias', `${where}: options`);
    const epsilon = dict.epsilon === undefined ? 1e-5 : toDouble(dict.epsilon, `${where}: options.epsilon`);
    const scale = operandMember(dict, 'scale', `${where}: options`);
    return addOperation(this, 'layerNormalization', [input, scale, bias], {axes, epsilon}, dict)[0];
  });
})
