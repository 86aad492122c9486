import { createRequire } from 'node:module';
import type { Element } from '../model/moddle.js';
import { REPO_ROOT } from '../paths.js';

const require = createRequire(import.meta.url);

/** The bpmnlint configuration every diagram must pass (Zeebe 8.9 compatibility + bpmn.io recommendations). */
export const LINT_CONFIG = {
  extends: ['bpmnlint:recommended', 'plugin:camunda-compat/camunda-cloud-8-9'],
};

export interface LintIssue {
  rule: string;
  category: string;
  id?: string;
  message: string;
}

interface BpmnLinter {
  lint(definitions: Element): Promise<Record<string, Array<{ id?: string; message: string; category: string }>>>;
}

/**
 * Runs bpmnlint the way its CLI does: rules and configs resolved from node_modules by the
 * NodeResolver, so `plugin:camunda-compat/...` loads bpmnlint-plugin-camunda-compat.
 */
export async function lintDefinitions(definitions: Element): Promise<LintIssue[]> {
  const { Linter } = require('bpmnlint') as { Linter: new (o: object) => BpmnLinter };
  const NodeResolver = require('bpmnlint/lib/resolver/node-resolver') as new (o?: object) => object;
  const resolver = new NodeResolver({ require: createRequire(`${REPO_ROOT}/package.json`) });
  const linter = new Linter({ config: LINT_CONFIG, resolver });
  const results = await linter.lint(definitions);
  return Object.entries(results).flatMap(([rule, reports]) =>
    reports.map((r) => ({ rule, category: r.category, id: r.id, message: r.message })),
  );
}
