import { describe, expect, it } from 'vitest';
import * as domain from '../../../src/domain/index.js';
import {
  parseInstant,
  parseIsoDate,
  requireIstatCode,
  requireNonNegativeInteger,
  requireYear,
} from '../../../src/domain/validation/assertions.js';
import { DomainValidationError } from '../../../src/domain/validation/DomainValidationError.js';

describe('input validation', () => {
  it('parses a real date and rejects 29 February of a common year', () => {
    // when / then
    expect(parseIsoDate('d', '2024-02-29').toString()).toBe('2024-02-29');
    expect(() => parseIsoDate('d', '2025-02-29')).toThrow(expect.objectContaining({ code: 'INVALID_DATE', field: 'd' }));
  });

  it('rejects non-string dates', () => {
    // when / then
    expect(() => parseIsoDate('startDate', 20250101)).toThrow(expect.objectContaining({ code: 'INVALID_DATE', field: 'startDate' }));
    expect(() => parseIsoDate('startDate', undefined)).toThrow(DomainValidationError);
  });

  it('accepts instants only with an offset', () => {
    // when / then
    expect(parseInstant('at', '2025-04-24T08:30:00Z').epochMilliseconds).toBe(Date.UTC(2025, 3, 24, 8, 30));
    expect(() => parseInstant('at', '2025-04-24 08:30')).toThrow(expect.objectContaining({ code: 'INVALID_DATETIME', field: 'at' }));
  });

  it.each([[-1, 'OUT_OF_RANGE'], [2.5, 'INVALID_NUMBER'], [Number.NaN, 'INVALID_NUMBER'], ['3', 'INVALID_NUMBER']])(
    'rejects %j as a day count with %s',
    (value, code) => {
      expect(() => requireNonNegativeInteger('days', value)).toThrow(expect.objectContaining({ code, field: 'days' }));
    },
  );

  it.each([['015146', true], ['15146', false], ['0151460', false], ['MI0001', false]])(
    'checks the ISTAT code %j',
    (code, valid) => {
      const attempt = () => requireIstatCode('istatCode', code);
      if (valid) expect(attempt()).toBe(code);
      else expect(attempt).toThrow(expect.objectContaining({ code: 'INVALID_ISTAT_CODE', field: 'istatCode' }));
    },
  );

  it('rejects implausible years', () => {
    expect(requireYear('year', 2025)).toBe(2025);
    expect(() => requireYear('year', 20250)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'year' }));
  });

  it('carries code and field, and a message that names the field', () => {
    // given
    const error = new DomainValidationError('INVALID_DATE', 'referralReceivedDate', 'bad');
    // then
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DomainValidationError');
    expect(error.message).toBe('referralReceivedDate: bad');
  });

  it('exposes the rules through the domain index', () => {
    // when / then: the index is the import path for workers
    expect(typeof domain.computeContestazioneDeadline).toBe('function');
    expect(typeof domain.GraduatoriaRanker).toBe('function');
    expect(domain.ANNUAL_TRAINING_HOURS_TARGET).toBe(40);
  });
});
