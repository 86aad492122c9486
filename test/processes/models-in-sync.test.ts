import { describe, expect, it } from 'vitest';
import { emitDefinitions } from '../../scripts/processes/model/emitBpmn.js';
import { createModdle } from '../../scripts/processes/model/moddle.js';
import { allProcessSpecs } from '../../scripts/processes/models/index.js';
import { allFormSpecs } from '../../scripts/processes/forms/index.js';
import { toCamundaForm } from '../../scripts/processes/forms/toCamundaForm.js';
import { loadDiagrams, loadForms } from './support/loadDiagrams.js';

describe('committed files match their generators (run build-processes.ts / build-forms.ts)', () => {
  it('every process in processes/*.bpmn is what its model in scripts/processes/models emits', async () => {
    // given
    const m = createModdle();
    const committed = new Map((await loadDiagrams()).flatMap((d) => d.processes.map((p) => [p.id!, p])));

    for (const spec of allProcessSpecs()) {
      // when
      const { process } = emitDefinitions(m, spec);
      const onDisk = committed.get(spec.id);

      // then
      expect(onDisk, `${spec.id}.bpmn is missing`).toBeDefined();
      expect((await m.toXML(onDisk!, { format: true })).xml, spec.id).toBe((await m.toXML(process, { format: true })).xml);
    }
    expect(committed.size).toBe(allProcessSpecs().length);
  });

  it('every processes/forms/*.form is what its spec emits', async () => {
    const onDisk = new Map((await loadForms()).map((f) => [f.json['id'], f.json]));
    for (const spec of allFormSpecs()) expect(onDisk.get(spec.id), spec.id).toEqual(toCamundaForm(spec));
    expect(onDisk.size).toBe(allFormSpecs().length);
  });
});
