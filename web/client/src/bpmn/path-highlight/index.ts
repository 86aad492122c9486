import PathHighlight from './PathHighlight.js';

export default {
  __init__: ['pathHighlight'],
  pathHighlight: ['type', PathHighlight],
};
