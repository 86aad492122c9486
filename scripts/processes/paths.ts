import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PROCESSES_DIR = join(REPO_ROOT, 'processes');
export const FORMS_DIR = join(PROCESSES_DIR, 'forms');
export const GENERATED_TYPES_FILE = join(PROCESSES_DIR, 'generated', 'task-types.ts');
