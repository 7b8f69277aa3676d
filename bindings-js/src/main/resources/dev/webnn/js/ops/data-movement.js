// Data movement and indexing operators: reshape, concat, expand, pad, slice, split, transpose, tile, reverse,
// triangular and the gather and scatter family.
(function defineDataMovementOperators(api) {
  'use strict';
  const {defineOperator, addOperation, operatorOptions, toOperand, toOperandArguments, requireArguments, prefixed,
    isObject, toNumber, toBoolean, toEnum, toSequence, toMLNumber, toUnsignedLongEnforceRange} = api;

  const PADDING_MODES = ['constant', 'edge', 'reflection', 'symmetric'];

  const where = (name) => `Failed to execute '${name}' on 'MLGraphBuilder'`;

  // WebIDL [EnforceRange] long.
  function toLongEnforceRange(v, context) {
    let x = toNumber(v, context);
    if (!Number.isFinite(x)) throw prefixed(context, `${String(v)} is not a finite number.`);
    x = Math.trunc(x);
    if (x < -(2 ** 31) || x > 2 ** 31 - 1) {
      throw prefixed(context, `${String(v)} is outside the range of long [-2147483648, 2147483647].`);
    }
    return x === 0 ? 0 : x;
  }

  // WebIDL unsigned long without [EnforceRange]: wraps modulo 2^32, non-finite values become 0.
  function toUnsignedLong(v, context) {
    const x = toNumber(v, context);
    if (!Number.isFinite(x)) return 0;
    const wrapped = Math.trunc(x) % 2 ** 32;
    return wrapped < 0 ? wrapped + 2 ** 32 : wrapped + 0;
  }

  function toUnsignedLongs(v, context) {
    return toSequence(v, toUnsignedLongEnforceRange, context);
  }

  // An optional dictionary member of type [EnforceRange] unsigned long with a default.
  function axisMember(dict, context) {
    return dict.axis === undefined ? 0 : toUnsignedLongEnforceRange(dict.axis, `${context}: options.axis`);
  }

  defineOperator('reshape', function(input, newShape, options = undefined) {
    requireArguments(arguments.length, 2, where('reshape'));
    const operands = toOperandArguments('reshape', [input]);
    const shape = toUnsignedLongs(newShape, `${where('reshape')}: newShape`);
    return addOperation(this, 'reshape', operands, {newShape: shape}, operatorOptions(options, 'reshape'))[0];
  });

  defineOperator('concat', function(inputs, axis, options = undefined) {
    const context = where('concat');
    requireArguments(arguments.length, 2, context);
    const operands = toSequence(inputs, toOperand, `${context}: inputs`);
    const concatAxis = toUnsignedLongEnforceRange(axis, `${context}: axis`);
    return addOperation(this, 'concat', operands, {axis: concatAxis}, operatorOptions(options, 'concat'))[0];
  });

  defineOperator('expand', function(input, newShape, options = undefined) {
    requireArguments(arguments.length, 2, where('expand'));
    const operands = toOperandArguments('expand', [input]);
    const shape = toUnsignedLongs(newShape, `${where('expand')}: newShape`);
    return addOperation(this, 'expand', operands, {newShape: shape}, operatorOptions(options, 'expand'))[0];
  });

  defineOperator('pad', function(input, beginningPadding, endingPadding, options = undefined) {
    const context = where('pad');
    requireArguments(arguments.length, 3, context);
    const operands = toOperandArguments('pad', [input]);
    const beginning = toUnsignedLongs(beginningPadding, `${context}: beginningPadding`);
    const ending = toUnsignedLongs(endingPadding, `${context}: endingPadding`);
    const dict = operatorOptions(options, 'pad');
    const mode = dict.mode === undefined ? 'constant' :
      toEnum(dict.mode, PADDING_MODES, 'MLPaddingMode', `${context}: options.mode`);
    const value = dict.value === undefined ? 0 : toMLNumber(dict.value, `${context}: options.value`);
    const attributes = {beginningPadding: beginning, endingPadding: ending, mode};
    if (typeof value === 'bigint') {
      attributes.valueBigInt = String(value);
    } else {
      attributes.value = value;
    }
    return addOperation(this, 'pad', operands, attributes, dict)[0];
  });

  defineOperator('slice', function(input, starts, sizes, options = undefined) {
    const context = where('slice');
    requireArguments(arguments.length, 3, context);
    const operands = toOperandArguments('slice', [input]);
    const attributes = {
      starts: toUnsignedLongs(starts, `${context}: starts`),
      sizes: toUnsignedLongs(sizes, `${context}: sizes`),
    };
    const dict = operatorOptions(options, 'slice');
    if (dict.strides !== undefined) {
      attributes.strides = toUnsignedLongs(dict.strides, `${context}: options.strides`);
    }
    return addOperation(this, 'slice', operands, attributes, dict)[0];
  });

  // Returns sequence<MLOperand>: every output of the one operation.
  defineOperator('split', function(input, splits, options = undefined) {
    const context = where('split');
    requireArguments(arguments.length, 2, context);
    const operands = toOperandArguments('split', [input]);
    // The union (unsigned long or sequence<unsigned long>): an iterable object is the sequence.
    const attributes = isObject(splits) && splits[Symbol.iterator] !== undefined ?
      {splits: toUnsignedLongs(splits, `${context}: splits`)} :
      {splitCount: toUnsignedLongEnforceRange(splits, `${context}: splits`)};
    const dict = operatorOptions(options, 'split');
    attributes.axis = axisMember(dict, context);
    return addOperation(this, 'split', operands, attributes, dict);
  });

  defineOperator('transpose', function(input, options = undefined) {
    const context = where('transpose');
    requireArguments(arguments.length, 1, context);
    const operands = toOperandArguments('transpose', [input]);
    const dict = operatorOptions(options, 'transpose');
    const attributes = dict.permutation === undefined ? {} :
      {permutation: toUnsignedLongs(dict.permutation, `${context}: options.permutation`)};
    return addOperation(this, 'transpose', operands, attributes, dict)[0];
  });

  defineOperator('tile', function(input, repetitions, options = undefined) {
    const context = where('tile');
    requireArguments(arguments.length, 2, context);
    const operands = toOperandArguments('tile', [input]);
    const attributes = {repetitions: toSequence(repetitions, toUnsignedLong, `${context}: repetitions`)};
    return addOperation(this, 'tile', operands, attributes, operatorOptions(options, 'tile'))[0];
  });

  defineOperator('reverse', function(input, options = undefined) {
    const context = where('reverse');
    requireArguments(arguments.length, 1, context);
    const operands = toOperandArguments('reverse', [input]);
    const dict = operatorOptions(options, 'reverse');
    const attributes = dict.axes === undefined ? {} :
      {axes: toUnsignedLongs(dict.axes, `${context}: options.axes`)};
    return addOperation(this, 'reverse', operands, attributes, dict)[0];
  });

  defineOperator('triangular', function(input, options = undefined) {
    const context = where('triangular');
    requireArguments(arguments.length, 1, context);
    const operands = toOperandArguments('triangular', [input]);
    const dict = operatorOptions(options, 'triangular');
    const attributes = {
      diagonal: dict.diagonal === undefined ? 0 : toLongEnforceRange(dict.diagonal, `${context}: options.diagonal`),
      upper: dict.upper === undefined ? true : toBoolean(dict.upper),
    };
    return addOperation(this, 'triangular', operands, attributes, dict)[0];
  });

  for (const name of ['gather', 'gatherElements']) {
    defineOperator(name, function(input, indices, options = undefined) {
      requireArguments(arguments.length, 2, where(name));
      const operands = toOperandArguments(name, [input, indices]);
      const dict = operatorOptions(options, name);
      return addOperation(this, name, operands, {axis: axisMember(dict, where(name))}, dict)[0];
    });
  }

  defineOperator('gatherND', function(input, indices, options = undefined) {
    requireArguments(arguments.length, 2, where('gatherND'));
    const operands = toOperandArguments('gatherND', [input, indices]);
    return addOperation(this, 'gatherND', operands, {}, operatorOptions(options, 'gatherND'))[0];
  });

  defineOperator('scatterElements', function(input, indices, updates, options = undefined) {
    const context = where('scatterElements');
    requireArguments(arguments.length, 3, context);
    const operands = toOperandArguments('scatterElements', [input, indices, updates]);
    const dict = operatorOptions(options, 'scatterElements');
    return addOperation(this, 'scatterElements', operands,
        {axis: axisMember(dict, context)}, dict)[0];
  });

  defineOperator('scatterND', function(input, indices, updates, options = undefined) {
    requireArguments(arguments.length, 3, where('scatterND'));
    const operands = toOperandArguments('scatterND', [input, indices, updates]);
    return addOperation(this, 'scatterND', operands, {}, operatorOptions(options, 'scatterND'))[0];
  });
})
