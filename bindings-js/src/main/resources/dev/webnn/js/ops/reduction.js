// Operators that reduce or normalize along axes: the ten reductions, argMin/argMax, cumulativeSum, softmax and
// batch, instance and layer normalization.
(function defineReductionOperators(api) {
  'use strict';
})
