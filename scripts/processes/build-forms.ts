/** Writes processes/forms/<id>.form (Camunda Form JSON). Run: npx tsx scripts/processes/build-forms.ts */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { allFormSpecs } from './forms/index.js';
import { toCamundaForm } from './forms/toCamundaForm.js';
import { FORMS_DIR } from './paths.js';

await mkdir(FORMS_DIR, { recursive: true });
for (const spec of allFormSpecs()) {
  await writeFile(join(FORMS_DIR, `${spec.id}.form`), JSON.stringify(toCamundaForm(spec), null, 2) + '\n');
}
console.log(`wrote ${allFormSpecs().length} forms to ${FORMS_DIR}`);
