import DurationHeatmap from './DurationHeatmap.js';

export default {
  __init__: ['durationHeatmap'],
  durationHeatmap: ['type', DurationHeatmap],
};
