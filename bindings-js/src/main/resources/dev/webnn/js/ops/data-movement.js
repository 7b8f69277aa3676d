// Data movement and indexing operators: reshape, concat, expand, pad, slice, split, transpose, tile, reverse,
// triangular, the gather and scatter family, and quantizeLinear / dequantizeLinear.
(function defineDataMovementOperators(api) {
  'use strict';
  const {defineOperator, addOperation, operatorOptions, requireArguments, toSequence,
    toUnsignedLongEnforceRange} = api;

  defineOperator('reshape', function(input, newShape, options = undefined) {
    const where = "Failed to execute 'reshape' on 'MLGraphBuilder'";
    requireArguments(arguments.length, 2, where);
    const shape = toSequence(newShape, toUnsignedLongEnforceRange, `${where}: newShape`);
    return addOperation(this, 'reshape', [input], {newShape: shape}, operatorOptions(options, 'reshape'))[0];
  });
})
