import DeadlineBadge from './DeadlineBadge.js';

export default {
  __init__: ['deadlineBadge'],
  deadlineBadge: ['type', DeadlineBadge],
};
