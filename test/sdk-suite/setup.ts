import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, inject } from 'vitest';
import { skipReason } from './skipped.js';

// The vendored suites read their BPMN files relative to the SDK repository's root ('./src/__tests__/testdata/...').
process.chdir(path.join(path.dirname(fileURLToPath(import.meta.url)), '../vendor/camunda-8-js-sdk'));
Object.assign(process.env, inject('sdkSuiteEnv'));

// Tests listed in skipped.ts are skipped here, with their reason, so the vendored files stay unchanged.
beforeEach((context) => {
  const reason = skipReason(context.task.file.filepath, context.task.name);
  if (reason) context.skip(reason);
});
