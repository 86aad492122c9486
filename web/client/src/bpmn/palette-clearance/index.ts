import PaletteClearance from './PaletteClearance.js';

/** The modeler opens a diagram fitted right of its palette. */
export default {
  __init__: ['paletteClearance'],
  paletteClearance: ['type', PaletteClearance],
};
