import StatusOverlay from './StatusOverlay.js';

export default {
  __init__: ['statusOverlay'],
  statusOverlay: ['type', StatusOverlay],
};
