import { stringifyExactJson } from '../exactJson.js';
import type { JsonValue } from '../feel/feel.js';
import { DecisionFailure, satisfies, splitUnaryTests } from './decisionFeel.js';
import type { DecisionTable } from './model.js';

/** A rule whose input entries all matched, with its output entries' values (one per table output). */
export interface MatchedRule {
  ruleId: string;
  /** 1-based, as Zeebe reports it. */
  ruleIndex: number;
  values: JsonValue[];
}

export interface HitResult {
  output: JsonValue;
  /** The rules that make up the result (one for single-hit policies). */
  rules: MatchedRule[];
}

/** One output: its value; several: a context by output name (DMN 1.3 §8.2.10). */
function ruleOutput(table: DecisionTable, rule: MatchedRule): JsonValue {
  if (table.outputs.length === 1) return rule.values[0];
  return Object.fromEntries(table.outputs.map((output, i) => [output.name, rule.values[i]]));
}

/**
 * PRIORITY and OUTPUT ORDER rank by the outputs' `outputValues` lists: a value's rank is the position of
 * the first test of the list it satisfies; the first output decides, the next breaks ties, and rules
 * of equal rank keep rule order.
 */
function byPriority(table: DecisionTable, rules: MatchedRule[]): MatchedRule[] {
  const rank = (rule: MatchedRule): number[] =>
    table.outputs.map((output, i) => {
      if (!output.values) return 0;
      const position = splitUnaryTests(output.values).findIndex((test) => satisfies(test, rule.values[i], {}));
      return position < 0 ? Number.MAX_SAFE_INTEGER : position;
    });
  const ranked = rules.map((rule) => ({ rule, rank: rank(rule) }));
  ranked.sort((a, b) => {
    for (let i = 0; i < a.rank.length; i++) if (a.rank[i] !== b.rank[i]) return a.rank[i] - b.rank[i];
    return a.rule.ruleIndex - b.rule.ruleIndex;
  });
  return ranked.map((r) => r.rule);
}

function numbers(values: JsonValue[], aggregation: string): number[] {
  const present = values.filter((v) => v !== null);
  if (present.some((v) => typeof v !== 'number')) {
    throw new DecisionFailure(`COLLECT and ${aggregation} needs numbers, but found ${stringifyExactJson(present)}`);
  }
  return present as number[];
}

/** Applies the table's hit policy to the matched rules (in rule order); no match gives null, or [] for multi-hit policies. */
export function applyHitPolicy(table: DecisionTable, matched: MatchedRule[]): HitResult {
  switch (table.hitPolicy) {
    case 'UNIQUE':
      if (matched.length > 1) {
        throw new DecisionFailure(`multiple values aren't allowed for UNIQUE hit policy. ${stringifyExactJson(matched.map((r) => ruleOutput(table, r)))}`);
      }
      return { output: matched[0] ? ruleOutput(table, matched[0]) : null, rules: matched };
    case 'FIRST':
      return { output: matched[0] ? ruleOutput(table, matched[0]) : null, rules: matched.slice(0, 1) };
    case 'ANY': {
      const distinct = [...new Set(matched.map((r) => stringifyExactJson(ruleOutput(table, r))))];
      if (distinct.length > 1) throw new DecisionFailure(`different values aren't allowed for ANY hit policy. [${distinct.join(',')}]`);
      return { output: matched[0] ? ruleOutput(table, matched[0]) : null, rules: matched.slice(0, 1) };
    }
    case 'PRIORITY': {
      const first = byPriority(table, matched)[0];
      return { output: first ? ruleOutput(table, first) : null, rules: first ? [first] : [] };
    }
    case 'OUTPUT ORDER': {
      const sorted = byPriority(table, matched);
      return { output: sorted.map((r) => ruleOutput(table, r)), rules: sorted };
    }
    case 'RULE ORDER':
      return { output: matched.map((r) => ruleOutput(table, r)), rules: matched };
    case 'COLLECT': {
      if (table.aggregation === undefined) return { output: matched.map((r) => ruleOutput(table, r)), rules: matched };
      if (table.aggregation === 'COUNT') return { output: matched.length, rules: matched };
      const values = numbers(matched.map((r) => r.values[0]), table.aggregation);
      // An aggregation over no value has no value (DMN 1.3 §8.2.11: SUM, MIN, MAX of an empty list are null).
      if (values.length === 0) return { output: null, rules: matched };
      const output = table.aggregation === 'SUM' ? values.reduce((a, b) => a + b, 0) : table.aggregation === 'MIN' ? Math.min(...values) : Math.max(...values);
      return { output, rules: matched };
    }
  }
}
