// Recurrent operators: gru, gruCell, lstm and lstmCell.
(function defineRecurrentOperators(api) {
  'use strict';
})
