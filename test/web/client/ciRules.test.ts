import { createRequire } from 'node:module';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

describe('browser lint rules', () => {
  it('add exactly bpmnlint:recommended to @camunda/linting, as CI lints (scripts/processes/lint/lintBpmn.ts)', async () => {
    // given
    const recommended = require('bpmnlint/config/recommended') as { rules: Record<string, string> };
    const { LINT_CONFIG } = await import('../../../scripts/processes/lint/lintBpmn.js');
    const source = fs.readFileSync(new URL('../../../web/client/src/bpmn/lint/ciRules.ts', import.meta.url), 'utf8');

    // when: the rule table of the client module, read as text (it imports browser-bundled CJS rules)
    const table = [...source.matchAll(/^\s+'?([a-z-]+)'?: \['(error|warn)', \w+\],$/gm)].map((m) => [m[1], m[2]]);

    // then
    expect(LINT_CONFIG.extends).toContain('bpmnlint:recommended');
    expect(Object.fromEntries(table)).toEqual(recommended.rules);
  });
});
