/**
 * Writes processes/<id>.bpmn for every model in models/, with diagram interchange laid out by
 * bpmn-auto-layout and banded into lanes. Run: npx tsx scripts/processes/build-processes.ts
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { layoutDefinitions } from './layout/layoutDefinitions.js';
import { emitDefinitions } from './model/emitBpmn.js';
import { createModdle } from './model/moddle.js';
import { allProcessSpecs } from './models/index.js';
import { PROCESSES_DIR } from './paths.js';

async function main(): Promise<void> {
  const m = createModdle();
  await mkdir(PROCESSES_DIR, { recursive: true });
  for (const spec of allProcessSpecs()) {
    const { definitions, process } = emitDefinitions(m, spec);
    await layoutDefinitions(m, definitions, process, spec);
    const { xml } = await m.toXML(definitions, { format: true });
    const file = join(PROCESSES_DIR, `${spec.id}.bpmn`);
    await writeFile(file, xml + '\n');
    console.log(`wrote ${file}`);
  }
}

await main();
