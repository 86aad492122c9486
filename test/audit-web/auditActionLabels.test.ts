import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../src/audit/auditActions.js';
import { auditActionEn, auditActionIt } from '../../web/client/src/i18n/auditActionMessages.js';

/**
 * Auditors read actions in words, never as codes alone: every action of the closed list has a label in
 * both languages, so an action cannot be added to src/audit/auditActions.ts without one.
 */
describe.each([
  ['it', auditActionIt],
  ['en', auditActionEn],
] as const)('audit action labels (%s)', (_lang, labels) => {
  it.each(AUDIT_ACTIONS.map((action) => [action]))('names %s in words', (action) => {
    // given / when
    const label = (labels as Record<string, string | undefined>)[action];

    // then
    expect(label, `no label for ${action}`).toBeTypeOf('string');
    expect(label!.trim()).not.toBe('');
    expect(label).not.toBe(action);
  });

  it('labels only actions that exist, each with its own words', () => {
    // given / when
    const labelled = Object.keys(labels);
    const words = Object.values(labels);

    // then
    expect(labelled.filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a))).toEqual([]);
    expect(new Set(words).size).toBe(words.length);
  });
});
