import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

// The vendored suites read their BPMN files relative to the SDK repository's root ('./src/__tests__/testdata/...').
process.chdir(path.join(path.dirname(fileURLToPath(import.meta.url)), '../vendor/camunda-8-js-sdk'));
Object.assign(process.env, inject('sdkSuiteEnv'));
