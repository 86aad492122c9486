/** Prints bpmnlint findings for every processes/*.bpmn. Run: npx tsx scripts/processes/lint-processes.ts */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { lintDefinitions } from './lint/lintBpmn.js';
import { createModdle } from './model/moddle.js';
import { PROCESSES_DIR } from './paths.js';

const m = createModdle();
let count = 0;
for (const file of (await readdir(PROCESSES_DIR)).filter((f) => f.endsWith('.bpmn')).sort()) {
  const { rootElement } = await m.fromXML(await readFile(join(PROCESSES_DIR, file), 'utf8'));
  for (const issue of await lintDefinitions(rootElement)) {
    count++;
    console.log(`${file}: ${issue.category} ${issue.rule} ${issue.id ?? ''} ${issue.message}`);
  }
}
console.log(`${count} finding(s)`);
process.exitCode = count ? 1 : 0;
