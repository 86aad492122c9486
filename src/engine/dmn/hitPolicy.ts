import { stringifyExactJson } from '../exactJson.js';
import type { JsonValue } from '../feel/feel.js';
import { DecisionFailure } from './decisionFeel.js';
import { decimalSum } from './decimalSum.js';
import type { DecisionTable } from './model.js';

// The rules below follow Camunda's DMN engine dmn-scala, which Zeebe evaluates with
// (camunda/dmn-scala src/main/scala/org/camunda/dmn/evaluation/DecisionTableEvaluator.scala, applyHitPolicy,
// singleOutputValue, multipleOutputValues, sortByPriority, singleNumberValues), where it departs from a
// literal reading of DMN 1.3 §8.2.10-11: no matching rule is null (or the default outputs) under every hit
// policy, COLLECT and COUNT included; an aggregation fails on a non-number, null included.

/** A rule whose input entries all matched, with its output entries' values (one per table output). */
export interface MatchedRule {
  ruleId: string;
  /** 1-based, as Zeebe reports it. */
  ruleIndex: number;
  values: JsonValue[];
}

/** One output: its value; several: a context by output name. */
function ruleOutput(table: DecisionTable, rule: MatchedRule): JsonValue {
  if (table.outputs.length === 1) return rule.values[0];
  return Object.fromEntries(table.outputs.map((output, i) => [output.name, rule.values[i]]));
}

/**
 * The rules a table's evaluation reports as matched: all matching rules in rule order, except FIRST,
 * which reports (and evaluates the outputs of) the first only. A failing hit policy still reports them.
 */
export function reportedRules<T>(table: DecisionTable, matched: T[]): T[] {
  return table.hitPolicy === 'FIRST' ? matched.slice(0, 1) : matched;
}

/**
 * dmn-scala's priority: each output's `outputValues` text split at commas, quotes dropped, gives each
 * listed string (or number, as written) its position; a rule's priority is the positions of its output
 * values written one after the other ("_" for an unlisted value or type), compared as text, ties in rule
 * order. So positions from 10 on sort as text ("10" before "2"), as in Camunda.
 */
function byPriority(table: DecisionTable, rules: MatchedRule[]): MatchedRule[] {
  const positions = table.outputs.map((output) => {
    const listed = output.values === undefined ? [] : output.values.split(',').map((v) => v.trim().replace(/["']/g, ''));
    // a value listed twice takes its last position (Scala's toMap keeps the last pair)
    return new Map(listed.map((value, i) => [value, i] as const));
  });
  const priority = (rule: MatchedRule): string =>
    positions
      .map((position, i) => {
        const value = rule.values[i];
        const index = typeof value === 'string' || typeof value === 'number' ? position.get(String(value)) : undefined;
        return index === undefined ? '_' : String(index);
      })
      .join('');
  const ranked = rules.map((rule) => ({ rule, priority: priority(rule) }));
  ranked.sort((a, b) => (a.priority < b.priority ? -1 : a.priority > b.priority ? 1 : 0));
  return ranked.map((r) => r.rule);
}

function numbers(rules: MatchedRule[]): number[] {
  return rules.map((rule) => {
    const value = rule.values[0];
    if (typeof value !== 'number') throw new DecisionFailure(`expected number but found '${stringifyExactJson(value)}'`);
    return value;
  });
}

/**
 * Applies the hit policy to the reported rules (see reportedRules; at least one, since no match is
 * answered by the table's default outputs before a hit policy applies).
 */
export function applyHitPolicy(table: DecisionTable, rules: MatchedRule[]): JsonValue {
  const outputs = (list: MatchedRule[]) => list.map((r) => ruleOutput(table, r));
  switch (table.hitPolicy) {
    case 'FIRST':
      return ruleOutput(table, rules[0]);
    case 'UNIQUE':
      if (rules.length > 1) throw new DecisionFailure(`multiple values aren't allowed for UNIQUE hit policy. found: '${stringifyExactJson(outputs(rules))}'`);
      return ruleOutput(table, rules[0]);
    case 'ANY': {
      const distinct = [...new Set(outputs(rules).map((v) => stringifyExactJson(v)))];
      if (distinct.length > 1) throw new DecisionFailure(`different values aren't allowed for ANY hit policy. found: '[${distinct.join(',')}]'`);
      return ruleOutput(table, rules[0]);
    }
    case 'PRIORITY':
      return ruleOutput(table, byPriority(table, rules)[0]);
    case 'OUTPUT ORDER':
      return outputs(byPriority(table, rules));
    case 'RULE ORDER':
      return outputs(rules);
    case 'COLLECT':
      switch (table.aggregation) {
        case undefined:
          return outputs(rules);
        case 'COUNT':
          return rules.length;
        case 'SUM':
          return decimalSum(numbers(rules));
        case 'MIN':
          return Math.min(...numbers(rules));
        case 'MAX':
          return Math.max(...numbers(rules));
      }
  }
}
