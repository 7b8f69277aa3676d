// Element-wise operators: binary arithmetic, comparison and logic, unary math, element-wise activations, where and
// cast. `api` is what webnn.js exports to the operator files.
(function defineElementwiseOperators(api) {
  'use strict';
  const {defineOperator, addOperation, operatorOptions, requireArguments, toEnum, DATA_TYPES} = api;

  for (const name of ['add', 'sub', 'mul', 'div', 'max', 'min', 'pow']) {
    defineOperator(name, function(a, b, options = undefined) {
      requireArguments(arguments.length, 2, `Failed to execute '${name}' on 'MLGraphBuilder'`);
      return addOperation(this, name, [a, b], {}, operatorOptions(options, name))[0];
    });
  }

  for (const name of ['abs', 'ceil', 'cos', 'erf', 'exp', 'floor', 'identity', 'log', 'neg', 'reciprocal', 'sin',
    'sqrt', 'tan', 'sign', 'relu', 'sigmoid', 'tanh', 'softsign']) {
    defineOperator(name, function(input, options = undefined) {
      requireArguments(arguments.length, 1, `Failed to execute '${name}' on 'MLGraphBuilder'`);
      return addOperation(this, name, [input], {}, operatorOptions(options, name))[0];
    });
  }

  defineOperator('cast', function(input, type, options = undefined) {
    const where = "Failed to execute 'cast' on 'MLGraphBuilder'";
    requireArguments(arguments.length, 2, where);
    const dataType = toEnum(type, DATA_TYPES, 'MLOperandDataType', `${where}: type`);
    return addOperation(this, 'cast', [input], {type: dataType}, operatorOptions(options, 'cast'))[0];
  });
})
