import { describe, expect, it } from 'vitest';
import { CASE_SCOPE_VARIABLES, scopeChanges } from '../../../web/server/auth/CaseScopeGuard.js';
import { CASE_MESSAGES } from '../../../web/server/instances/caseMessages.js';

describe('scopeChanges: which submitted scope variables would move a case', () => {
  it('lets the case’s own value through and names a different or new one', () => {
    // given
    const current = { codiceIstat: '108033', comuniAderenti: [{ codiceIstat: '108033', nome: 'Monza' }] };

    // when / then
    expect(scopeChanges({ codiceIstat: '108033', descrizioneFatto: 'x' }, current)).toEqual([]);
    expect(scopeChanges({ codiceIstat: '108028' }, current)).toEqual(['codiceIstat']);
    expect(scopeChanges({ comuniAderenti: [{ nome: 'Monza', codiceIstat: '108033' }] }, current)).toEqual([]);
    expect(scopeChanges({ comuniAderenti: [{ codiceIstat: '108033' }, { codiceIstat: '108028' }] }, current)).toEqual(['comuniAderenti']);
    expect(scopeChanges({ codiceIstatRichiedente: '108033' }, current)).toEqual(['codiceIstatRichiedente']);
    // `comune` is a per-Comune phase's element only where the diagram put it; elsewhere an ordinary field
    expect(scopeChanges({ comune: '108028' }, current)).toEqual([]);
    expect(scopeChanges({ comune: { codiceIstat: '108028' } }, { comune: { codiceIstat: '108033' } })).toEqual(['comune']);
  });

  it('reads a per-Comune phase’s codiceIstat from its `comune` element', () => {
    // given: a called phase of a training plan, run once per Comune
    const current = { comune: { codiceIstat: '108028', nome: 'Lissone' } };

    // when / then
    expect(scopeChanges({ codiceIstat: '108028' }, current)).toEqual([]);
    expect(scopeChanges({ codiceIstat: '108033' }, current)).toEqual(['codiceIstat']);
  });
});

describe('case actions', () => {
  it('never offer a scope variable as a field', () => {
    const fields = CASE_MESSAGES.flatMap((m) => m.fields.map((f) => f.name));
    expect(fields.filter((f) => CASE_SCOPE_VARIABLES.includes(f))).toEqual([]);
  });
});
