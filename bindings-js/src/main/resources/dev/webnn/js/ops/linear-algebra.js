// Operators over windows and matrices: matmul, gemm, conv2d, convTranspose2d, the 2-D pools and resample2d.
(function defineLinearAlgebraOperators(api) {
  'use strict';
  const {defineOperator, addOperation, operatorOptions, requireArguments} = api;

  defineOperator('matmul', function(a, b, options = undefined) {
    requireArguments(arguments.length, 2, "Failed to execute 'matmul' on 'MLGraphBuilder'");
    return addOperation(this, 'matmul', [a, b], {}, operatorOptions(options, 'matmul'))[0];
  });
})
