import { evaluate } from 'feelin';
import { describe, expect, it } from 'vitest';
import { evaluateBoolean, evaluateExpression, ExpressionError } from '../../../src/engine/feel/feel.js';

/**
 * Camunda 8's FEEL compares values of one type only: anything else gives null
 * (docs.camunda.io "FEEL boolean expressions": "Both values must be of the same type. Otherwise,
 * the result is null."; feel-scala#708, shipped with Camunda 8.3). feelin alone ordered mixed
 * values with JavaScript's `<`.
 */
describe('FEEL comparison of values of different types', () => {
  const feel = (expression: string, variables = {}) => evaluateExpression(`=${expression}`, variables);
  const feelinAlone = (expression: string, variables = {}) => evaluate(expression, variables).value;

  describe('gives null where Camunda gives null', () => {
    it.each([
      ['1 < "a"'],
      ['1 > "a"'],
      ['"a" <= 1'], // feelin alone: true ("a" and 1 are neither < nor >, so "equal")
      ['"a" >= 1'],
      ['date("2020-01-01") > 3'], // feelin alone: true (the date's epoch millis against 3)
      ['3 < date("2020-01-01")'],
      ['date("2020-01-01") < date and time("2020-01-02T00:00:00")'],
      ['duration("P1Y") > duration("P1D")'],
      ['true < false'], // feelin alone: a run-time error (an incident)
      ['[1] < [2]'],
      ['5 > [1..2]'], // feelin alone: a run-time error
      ['amount > "1000"'],
      ['"a" = 1'],
      ['"a" != 1'],
      ['1 = true'],
      ['null < 3'],
      ['missing > 1'],
    ])('%s', (expression) => {
      expect(feel(expression, { amount: 1500 })).toBeNull();
    });

    it.each([
      ['"a" between 1 and 10'], // feelin alone: true
      ['5 between 1 and "z"'], // feelin alone: a run-time error
      ['null between 1 and 10'],
      ['"a" in [1..10]'], // feelin alone: true
      ['"a" in > 5'],
      ['date("2020-01-01") in (< 10, > 20)'],
    ])('%s', (expression) => {
      expect(feel(expression)).toBeNull();
    });
  });

  describe('still compares values of one type', () => {
    it.each([
      ['1 < 2', true],
      ['2 <= 2', true],
      ['3 > 4', false],
      ['"b" >= "a"', true],
      ['date("2020-01-01") < date("2020-01-02")', true],
      ['date and time("2020-01-01T10:00:00Z") > date and time("2020-01-01T11:00:00+02:00")', true],
      ['time("08:00:00") <= time("08:00:00")', true],
      ['duration("P1Y") >= duration("P6M")', true],
      ['duration("P1D") > duration("PT25H")', false],
      ['5 between 3 and 7', true],
      ['date("2020-04-06") between date("2020-04-05") and date("2020-04-09")', true],
      ['5 in [1..10]', true],
      ['11 in [1..10]', false],
      ['5 in > 3', true],
      ['5 in (< 1, > 4)', true],
      ['5 in (< 1, > 9)', false],
      ['"b" in ["a", "b"]', true],
      ['"x" in ["a", "b"]', false],
      ['"a" = "a"', true],
      ['"foo" = null', false],
      ['null = null', true],
      ['[1, 2] = [1, 2]', true],
    ])('%s is %s', (expression, expected) => {
      expect(feel(expression)).toBe(expected);
    });

    it('inside filters, quantifiers and nested expressions', () => {
      // given
      const domande = [{ punteggio: 30 }, { punteggio: 18 }, { punteggio: '25' }];
      // then
      expect(feel('domande[punteggio >= 21].punteggio', { domande })).toEqual([30]);
      expect(feel('some d in domande satisfies d.punteggio < 20', { domande })).toBe(true);
      expect(feel('count(domande[(punteggio > 10) = null])', { domande })).toBe(1);
    });
  });

  it.each([
    ['1 < 2 = true'],
    ['1 < 2 = false'],
    ['(1 < 2) != (3 > 4)'],
    ['1 + 2 > 2 * 1 and 4 >= 4 or false'],
    ['if 2 > 1 then 3 <= 3 else false'],
    ['not(5 between 1 and 3)'],
    ['5 between 1 and 3 = false'],
    ['[1, 5, 9][item > 3]'],
    ['[{a: 1}, {a: 7}][a >= 2 and a < 10].a'],
    ['every x in [1, 2] satisfies x < 3'],
    ['for x in [1, 2, 3] return x > 1'],
    ['{r: 2 > 1, s: [1..3]}'],
    ['3 in [1..5] = true'],
    ['x < 1 // trailing comment'],
    ['x /* a */ < /* b */ 10'],
  ])('gives what feelin gives for values of one type: %s', (expression) => {
    // given
    const variables = { x: 4 };
    // then: the rewritten comparison keeps precedence, grouping and filter semantics
    expect(feel(expression, variables)).toEqual(feelinAlone(expression, variables));
  });

  it('leaves string literals and comments alone while rewriting comparisons', () => {
    // when
    const value = feel('{text: "x < 1 and y between 1 and 2", /* a > b */ test: 2 > 1} // c < d');
    // then
    expect(value).toEqual({ text: 'x < 1 and y between 1 and 2', test: true });
  });

  it('sees the same names as the evaluation, including names with spaces', () => {
    // given: a variable whose name holds a space, which feelin reads as one name
    const variables = { 'giorni residui': 5 };
    // then
    expect(feel('giorni residui > 3', variables)).toBe(true);
    expect(feel('giorni residui > "3"', variables)).toBeNull();
  });

  it('does not reuse a rewrite made for other names: `check in date` is one name only when it is a variable', () => {
    // given: read as `check in (date > 3)`
    expect(feel('check in date > 3', { check: 5, date: 4 })).toBe(false);
    // then: read as the variable `check in date` compared with 3
    expect(feel('check in date > 3', { 'check in date': 5 })).toBe(true);
    expect(feel('check in date > 3', { 'check in date': '5' })).toBeNull();
  });

  describe('null in an if condition takes the else branch', () => {
    it.each([
      ['if 1 < "a" then "yes" else "no"', 'no'],
      ['if not(1 < "a") then "different" else "unknown"', 'unknown'], // feelin alone: "different"
      ['if not("a" = 1) then "different" else "unknown"', 'unknown'],
      ['if "a" != 1 then "different" else "unknown"', 'unknown'],
    ])('%s', (expression, expected) => {
      expect(feel(expression)).toBe(expected);
    });
  });

  it('fails a condition that gives null instead of reading it as false', () => {
    // when / then: Zeebe expects BOOLEAN and raises EXTRACT_VALUE_ERROR
    expect(() => evaluateBoolean('=amount > "1000"', { amount: 1500 })).toThrow(ExpressionError);
    expect(() => evaluateBoolean('=amount > "1000"', { amount: 1500 })).toThrow("to be 'BOOLEAN', but was 'NULL'");
  });
});
