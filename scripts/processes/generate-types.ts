/** Writes processes/generated/task-types.ts from processes/*.bpmn. Run: npx tsx scripts/processes/generate-types.ts */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { extractContracts } from './contract/extractContract.js';
import { renderTypes } from './contract/renderTypes.js';
import { GENERATED_TYPES_FILE, PROCESSES_DIR } from './paths.js';

const source = renderTypes(await extractContracts(PROCESSES_DIR));
await mkdir(dirname(GENERATED_TYPES_FILE), { recursive: true });
await writeFile(GENERATED_TYPES_FILE, source);
console.log(`wrote ${GENERATED_TYPES_FILE}`);
