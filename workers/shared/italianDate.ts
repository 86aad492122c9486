// Moved to src/domain/calendar so that the audit exports use the same wording; kept for the workers' imports.
export { quando } from '../../src/domain/calendar/italianDate.js';
