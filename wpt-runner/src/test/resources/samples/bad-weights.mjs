// Loads one .npy weight the examples' way; scriptArgs[0] names it (missing, truncated, ...).
import {loadNpyConstant} from '../../../../../examples/common/npy.js';

const builder = new MLGraphBuilder(await navigator.ml.createContext());
await loadNpyConstant(builder, scriptArgs[0]);
console.log('loaded');
