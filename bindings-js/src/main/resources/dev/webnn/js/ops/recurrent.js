// Recurrent operators: gru, gruCell, lstm and lstmCell. gru, lstm and lstmCell return sequence<MLOperand>, a JS array.
(function defineRecurrentOperators(api) {
  'use strict';
  const {defineOperator, addOperation, operatorOptions, toOperandArguments, operandMember, requireArguments, toBoolean,
    toEnum, toSequence, toUnsignedLongEnforceRange} = api;

  const ACTIVATIONS = ['relu', 'sigmoid', 'tanh'];
  const DIRECTIONS = ['forward', 'backward', 'both'];
  const GRU_LAYOUTS = ['zrn', 'rzn'];
  const LSTM_LAYOUTS = ['iofg', 'ifgo'];

  function booleanMember(dict, name, defaultValue) {
    const v = dict[name];
    return v === undefined ? defaultValue : toBoolean(v);
  }

  function enumMember(dict, name, values, enumName, defaultValue, where) {
    const v = dict[name];
    return v === undefined ? defaultValue : toEnum(v, values, enumName, `${where}: ${name}`);
  }

  // Present only when given, so the engine can tell "not given" (the defaults) from a list of the wrong size.
  function activationsMember(dict, attributes, where) {
    const v = dict.activations;
    if (v !== undefined) {
      attributes.activations = toSequence(v,
          (item, context) => toEnum(item, ACTIVATIONS, 'MLRecurrentNetworkActivation', context),
          `${where}: activations`);
    }
  }

  // Dictionary members are read in WebIDL's order: lexicographic, after the inherited label.
  defineOperator('gru', function(input, weight, recurrentWeight, steps, hiddenSize, options = undefined) {
    const where = "Failed to execute 'gru' on 'MLGraphBuilder'";
    requireArguments(arguments.length, 5, where);
    toOperandArguments('gru', [input, weight, recurrentWeight]);
    const attributes = {
      steps: toUnsignedLongEnforceRange(steps, `${where}: steps`),
      hiddenSize: toUnsignedLongEnforceRange(hiddenSize, `${where}: hiddenSize`),
    };
    const dict = operatorOptions(options, 'gru');
    const optionsWhere = `${where}: options`;
    activationsMember(dict, attributes, optionsWhere);
    const bias = operandMember(dict, 'bias', optionsWhere);
    attributes.direction = enumMember(dict, 'direction', DIRECTIONS, 'MLRecurrentNetworkDirection', 'forward',
        optionsWhere);
    const initialHiddenState = operandMember(dict, 'initialHiddenState', optionsWhere);
    attributes.layout = enumMember(dict, 'layout', GRU_LAYOUTS, 'MLGruWeightLayout', 'zrn', optionsWhere);
    const recurrentBias = operandMember(dict, 'recurrentBias', optionsWhere);
    attributes.resetAfter = booleanMember(dict, 'resetAfter', true);
    attributes.returnSequence = booleanMember(dict, 'returnSequence', false);
    return addOperation(this, 'gru',
        [input, weight, recurrentWeight, bias, recurrentBias, initialHiddenState], attributes, dict);
  });

  defineOperator('gruCell', function(input, weight, recurrentWeight, hiddenState, hiddenSize, options = undefined) {
    const where = "Failed to execute 'gruCell' on 'MLGraphBuilder'";
    requireArguments(arguments.length, 5, where);
    toOperandArguments('gruCell', [input, weight, recurrentWeight, hiddenState]);
    const attributes = {hiddenSize: toUnsignedLongEnforceRange(hiddenSize, `${where}: hiddenSize`)};
    const dict = operatorOptions(options, 'gruCell');
    const optionsWhere = `${where}: options`;
    activationsMember(dict, attributes, optionsWhere);
    const bias = operandMember(dict, 'bias', optionsWhere);
    attributes.layout = enumMember(dict, 'layout', GRU_LAYOUTS, 'MLGruWeightLayout', 'zrn', optionsWhere);
    const recurrentBias = operandMember(dict, 'recurrentBias', optionsWhere);
    attributes.resetAfter = booleanMember(dict, 'resetAfter', true);
    return addOperation(this, 'gruCell',
        [input, weight, recurrentWeight, hiddenState, bias, recurrentBias], attributes, dict)[0];
  });

  defineOperator('lstm', function(input, weight, recurrentWeight, steps, hiddenSize, options = undefined) {
    const where = "Failed to execute 'lstm' on 'MLGraphBuilder'";
    requireArguments(arguments.length, 5, where);
    toOperandArguments('lstm', [input, weight, recurrentWeight]);
    const attributes = {
      steps: toUnsignedLongEnforceRange(steps, `${where}: steps`),
      hiddenSize: toUnsignedLongEnforceRange(hiddenSize, `${where}: hiddenSize`),
    };
    const dict = operatorOptions(options, 'lstm');
    const optionsWhere = `${where}: options`;
    activationsMember(dict, attributes, optionsWhere);
    const bias = operandMember(dict, 'bias', optionsWhere);
    attributes.direction = enumMember(dict, 'direction', DIRECTIONS, 'MLRecurrentNetworkDirection', 'forward',
        optionsWhere);
    const initialCellState = operandMember(dict, 'initialCellState', optionsWhere);
    const initialHiddenState = operandMember(dict, 'initialHiddenState', optionsWhere);
    attributes.layout = enumMember(dict, 'layout', LSTM_LAYOUTS, 'MLLstmWeightLayout', 'iofg', optionsWhere);
    const peepholeWeight = operandMember(dict, 'peepholeWeight', optionsWhere);
    const recurrentBias = operandMember(dict, 'recurrentBias', optionsWhere);
    attributes.returnSequence = booleanMember(dict, 'returnSequence', false);
    return addOperation(this, 'lstm', [input, weight, recurrentWeight, bias, recurrentBias, peepholeWeight,
      initialHiddenState, initialCellState], attributes, dict);
  });

  defineOperator('lstmCell', function(input, weight, recurrentWeight, hiddenState, cellState, hiddenSize,
      options = undefined) {
    const where = "Failed to execute 'lstmCell' on 'MLGraphBuilder'";
    requireArguments(arguments.length, 6, where);
    toOperandArguments('lstmCell', [input, weight, recurrentWeight, hiddenState, cellState]);
    const attributes = {hiddenSize: toUnsignedLongEnforceRange(hiddenSize, `${where}: hiddenSize`)};
    const dict = operatorOptions(options, 'lstmCell');
    const optionsWhere = `${where}: options`;
    activationsMember(dict, attributes, optionsWhere);
    const bias = operandMember(dict, 'bias', optionsWhere);
    attributes.layout = enumMember(dict, 'layout', LSTM_LAYOUTS, 'MLLstmWeightLayout', 'iofg', optionsWhere);
    const peepholeWeight = operandMember(dict, 'peepholeWeight', optionsWhere);
    const recurrentBias = operandMember(dict, 'recurrentBias', optionsWhere);
    return addOperation(this, 'lstmCell', [input, weight, recurrentWeight, hiddenState, cellState, bias,
      recurrentBias, peepholeWeight], attributes, dict);
  });
})
