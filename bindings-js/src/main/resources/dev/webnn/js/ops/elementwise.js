// Element-wise operators: binary arithmetic, comparison and logic, unary math, element-wise activations, clamp,
// prelu, where, quantizeLinear / dequantizeLinear and cast. `api` is what webnn.js exports to the operator files.
(function defineElementwiseOperators(api) {
  'use strict';
  const {defineOperator, addOperation, operatorOptions, toOperandArguments, requireArguments, prefixed, toNumber,
    toMLNumber, toEnum, DATA_TYPES} = api;

  // WebIDL `double` (restricted): NaN and the infinities are a TypeError.
  function toRestrictedDouble(v, context) {
    const x = toNumber(v, context);
    if (!Number.isFinite(x)) throw prefixed(context, `${String(v)} is not a finite floating-point value.`);
    return x;
  }

  // Operators whose arguments are all MLOperands, then MLOperatorOptions. The parameter lists are spelled out so
  // that each method's length is its count of required arguments, as WebIDL makes it.
  function defineOperandsOnly(name, operandCount) {
    const where = `Failed to execute '${name}' on 'MLGraphBuilder'`;
    const methods = {
      1: function(a, options = undefined) {
        requireArguments(arguments.length, 1, where);
        const operands = toOperandArguments(name, [a]);
        return addOperation(this, name, operands, {}, operatorOptions(options, name))[0];
      },
      2: function(a, b, options = undefined) {
        requireArguments(arguments.length, 2, where);
        const operands = toOperandArguments(name, [a, b]);
        return addOperation(this, name, operands, {}, operatorOptions(options, name))[0];
      },
      3: function(a, b, c, options = undefined) {
        requireArguments(arguments.length, 3, where);
        const operands = toOperandArguments(name, [a, b, c]);
        return addOperation(this, name, operands, {}, operatorOptions(options, name))[0];
      },
    };
    defineOperator(name, methods[operandCount]);
  }

  for (const name of ['add', 'sub', 'mul', 'div', 'max', 'min', 'pow',
    'equal', 'notEqual', 'greater', 'greaterOrEqual', 'lesser', 'lesserOrEqual',
    'logicalAnd', 'logicalOr', 'logicalXor']) {
    defineOperandsOnly(name, 2);
  }

  for (const name of ['abs', 'ceil', 'cos', 'erf', 'exp', 'floor', 'identity', 'log', 'neg', 'reciprocal',
    'roundEven', 'sin', 'sqrt', 'tan', 'sign', 'relu', 'sigmoid', 'tanh', 'softsign', 'gelu', 'hardSwish',
    'softplus']) {
    defineOperandsOnly(name, 1);
  }

  for (const name of ['logicalNot', 'isNaN', 'isInfinite']) {
    defineOperandsOnly(name, 1);
  }

  defineOperandsOnly('prelu', 2);
  defineOperandsOnly('where', 3);
  defineOperandsOnly('quantizeLinear', 3);
  defineOperandsOnly('dequantizeLinear', 3);

  // Activations whose options dictionary holds restricted doubles with defaults (members in lexicographic order,
  // as WebIDL converts them).
  const SCALAR_DEFAULTS = {
    elu: {alpha: 1},
    hardSigmoid: {alpha: 0.2, beta: 0.5},
    leakyRelu: {alpha: 0.01},
    linear: {alpha: 1, beta: 0},
  };
  for (const [name, defaults] of Object.entries(SCALAR_DEFAULTS)) {
    // Listed once here rather than entries() and destructuring on every call, which the interpreter runs slowly.
    const members = Object.keys(defaults);
    defineOperator(name, function(input, options = undefined) {
      const where = `Failed to execute '${name}' on 'MLGraphBuilder'`;
      requireArguments(arguments.length, 1, where);
      const operands = toOperandArguments(name, [input]);
      const dict = operatorOptions(options, name);
      const attributes = {};
      for (let i = 0; i < members.length; i++) {
        const member = members[i];
        const fallback = defaults[member];
        const value = dict[member];
        attributes[member] = value === undefined ? fallback : toRestrictedDouble(value, `${where}: options.${member}`);
      }
      return addOperation(this, name, operands, attributes, dict)[0];
    });
  }

  defineOperator('clamp', function(input, options = undefined) {
    const where = "Failed to execute 'clamp' on 'MLGraphBuilder'";
    requireArguments(arguments.length, 1, where);
    const operands = toOperandArguments('clamp', [input]);
    const dict = operatorOptions(options, 'clamp');
    const attributes = {};
    for (const member of ['maxValue', 'minValue']) {
      const value = dict[member];
      if (value === undefined) continue;
      const number = toMLNumber(value, `${where}: options.${member}`);
      // A BigInt travels as its decimal digits so Java reads it exactly and never as a double.
      if (typeof number === 'bigint') {
        attributes[`${member}BigInt`] = number.toString();
      } else {
        attributes[member] = number;
      }
    }
    return addOperation(this, 'clamp', operands, attributes, dict)[0];
  });

  defineOperator('cast', function(input, type, options = undefined) {
    const where = "Failed to execute 'cast' on 'MLGraphBuilder'";
    requireArguments(arguments.length, 2, where);
    const operands = toOperandArguments('cast', [input]);
    const dataType = toEnum(type, DATA_TYPES, 'MLOperandDataType', `${where}: type`);
    return addOperation(this, 'cast', operands, {type: dataType}, operatorOptions(options, 'cast'))[0];
  });
})
