// Operators over windows and matrices: matmul, gemm, conv2d, convTranspose2d, the 2-D pools and resample2d.
(function defineLinearAlgebraOperators(api) {
  'use strict';
  const {defineOperator, addOperation, toOperand, toOperandArguments, requireArguments, prefixed, toNumber,
    toUnsignedLongEnforceRange, toBoolean, toDOMString, toEnum, toSequence, toDictionary} = api;

  const INPUT_LAYOUTS = ['nchw', 'nhwc'];

  // Converts an options dictionary as WebIDL does: the inherited label first, then the own members in
  // lexicographic order, each read once. `members` lists [name, convert, default] in that order; a member with no
  // default is left out when it is undefined.
  function convertOptions(options, method, members) {
    const where = `Failed to execute '${method}' on 'MLGraphBuilder'`;
    const dict = toDictionary(options, `${where}: options`);
    const labelValue = dict.label;
    const label = labelValue === undefined ? '' : toDOMString(labelValue, `${where}: options.label`).toWellFormed();
    const converted = {};
    // Indexes, not for-of and array destructuring: this runs on every call, and the interpreter makes an iterator
    // for each of those.
    for (let i = 0; i < members.length; i++) {
      const member = members[i];
      const name = member[0];
      const convert = member[1];
      const fallback = member[2];
      const value = dict[name];
      if (value !== undefined) {
        converted[name] = convert(value, `${where}: options.${name}`);
      } else if (fallback !== undefined) {
        converted[name] = fallback;
      }
    }
    return {label, converted};
  }

  const unsignedLongs = (v, context) => toSequence(v, toUnsignedLongEnforceRange, context);
  const enumeration = (values, enumName) => (v, context) => toEnum(v, values, enumName, context);

  // A restricted double: NaN and the infinities are a TypeError.
  function restrictedDouble(v, context) {
    const x = toNumber(v, context);
    if (!Number.isFinite(x)) throw prefixed(context, `${String(v)} is not a finite number.`);
    return x;
  }

  // A restricted float: as a restricted double, then rounded to float32, which must stay finite.
  function restrictedFloat(v, context) {
    const x = Math.fround(restrictedDouble(v, context));
    if (!Number.isFinite(x)) throw prefixed(context, `${String(v)} is outside the range of a float.`);
    return x;
  }

  defineOperator('matmul', function(a, b, options = undefined) {
    requireArguments(arguments.length, 2, "Failed to execute 'matmul' on 'MLGraphBuilder'");
    const operands = toOperandArguments('matmul', [a, b]);
    const {label} = convertOptions(options, 'matmul', []);
    return addOperation(this, 'matmul', operands, {}, {label})[0];
  });

  defineOperator('gemm', function(a, b, options = undefined) {
    requireArguments(arguments.length, 2, "Failed to execute 'gemm' on 'MLGraphBuilder'");
    toOperandArguments('gemm', [a, b]);
    const {label, converted} = convertOptions(options, 'gemm', [
      ['aTranspose', toBoolean, false],
      ['alpha', restrictedDouble, 1.0],
      ['bTranspose', toBoolean, false],
      ['beta', restrictedDouble, 1.0],
      ['c', toOperand],
    ]);
    const {c, ...attributes} = converted;
    return addOperation(this, 'gemm', [a, b, c ?? null], attributes, {label})[0];
  });

  defineOperator('conv2d', function(input, filter, options = undefined) {
    requireArguments(arguments.length, 2, "Failed to execute 'conv2d' on 'MLGraphBuilder'");
    toOperandArguments('conv2d', [input, filter]);
    const {label, converted} = convertOptions(options, 'conv2d', [
      ['bias', toOperand],
      ['dilations', unsignedLongs],
      ['filterLayout', enumeration(['oihw', 'hwio', 'ohwi', 'ihwo'], 'MLConv2dFilterOperandLayout'), 'oihw'],
      ['groups', toUnsignedLongEnforceRange, 1],
      ['inputLayout', enumeration(INPUT_LAYOUTS, 'MLInputOperandLayout'), 'nchw'],
      ['padding', unsignedLongs],
      ['strides', unsignedLongs],
    ]);
    const {bias, ...attributes} = converted;
    return addOperation(this, 'conv2d', [input, filter, bias ?? null], attributes, {label})[0];
  });

  defineOperator('convTranspose2d', function(input, filter, options = undefined) {
    requireArguments(arguments.length, 2, "Failed to execute 'convTranspose2d' on 'MLGraphBuilder'");
    toOperandArguments('convTranspose2d', [input, filter]);
    const {label, converted} = convertOptions(options, 'convTranspose2d', [
      ['bias', toOperand],
      ['dilations', unsignedLongs],
      ['filterLayout', enumeration(['iohw', 'hwoi', 'ohwi'], 'MLConvTranspose2dFilterOperandLayout'), 'iohw'],
      ['groups', toUnsignedLongEnforceRange, 1],
      ['inputLayout', enumeration(INPUT_LAYOUTS, 'MLInputOperandLayout'), 'nchw'],
      ['outputPadding', unsignedLongs],
      ['outputSizes', unsignedLongs],
      ['padding', unsignedLongs],
      ['strides', unsignedLongs],
    ]);
    const {bias, ...attributes} = converted;
    return addOperation(this, 'convTranspose2d', [input, filter, bias ?? null], attributes, {label})[0];
  });

  // MLPool2dOptions. `roundingType` is the member's name before the spec renamed it outputShapeRounding; the
  // pinned WPT suite still uses it, so it is read too, and the new name wins when both are given.
  const ROUNDING = enumeration(['floor', 'ceil'], 'MLRoundingType');
  for (const name of ['averagePool2d', 'l2Pool2d', 'maxPool2d']) {
    defineOperator(name, function(input, options = undefined) {
      requireArguments(arguments.length, 1, `Failed to execute '${name}' on 'MLGraphBuilder'`);
      const operands = toOperandArguments(name, [input]);
      const {label, converted} = convertOptions(options, name, [
        ['dilations', unsignedLongs],
        ['layout', enumeration(INPUT_LAYOUTS, 'MLInputOperandLayout'), 'nchw'],
        ['outputShapeRounding', ROUNDING],
        ['outputSizes', unsignedLongs],
        ['padding', unsignedLongs],
        ['roundingType', ROUNDING],
        ['strides', unsignedLongs],
        ['windowDimensions', unsignedLongs],
      ]);
      const {roundingType, ...attributes} = converted;
      attributes.outputShapeRounding ??= roundingType ?? 'floor';
      return addOperation(this, name, operands, attributes, {label})[0];
    });
  }

  defineOperator('resample2d', function(input, options = undefined) {
    requireArguments(arguments.length, 1, "Failed to execute 'resample2d' on 'MLGraphBuilder'");
    const operands = toOperandArguments('resample2d', [input]);
    const {label, converted} = convertOptions(options, 'resample2d', [
      ['axes', unsignedLongs],
      ['mode', enumeration(['nearest-neighbor', 'linear'], 'MLInterpolationMode'), 'nearest-neighbor'],
      ['scales', (v, context) => toSequence(v, restrictedFloat, context)],
      ['sizes', unsignedLongs],
    ]);
    return addOperation(this, 'resample2d', operands, converted, {label})[0];
  });
})
