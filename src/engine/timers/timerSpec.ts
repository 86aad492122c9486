import { CronExpressionParser } from 'cron-parser';
import { Temporal } from 'temporal-polyfill';
import { evaluateExpression, ExpressionError, isExpression, type Variables } from '../feel/feel.js';
import type { EventDefinition } from '../model/types.js';

/** When a timer is due, and how it repeats (cycles). */
export interface TimerSpec {
  dueDate: number;
  /** Remaining repetitions after this one: -1 = unbounded, 0 = fires once. */
  repetitions: number;
  /** The cycle's period (ISO duration) or `cron:<expression>`. */
  interval: string | null;
}

type TimerDefinition = Extract<EventDefinition, { kind: 'timer' }>;

function addDuration(from: number, iso: string): number {
  const duration = Temporal.Duration.from(iso);
  return Temporal.Instant.fromEpochMilliseconds(from).toZonedDateTimeISO('UTC').add(duration).epochMilliseconds;
}

function parseDate(text: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return Temporal.PlainDate.from(text).toZonedDateTime('UTC').epochMilliseconds;
  if (text.includes('[')) return Temporal.ZonedDateTime.from(text).epochMilliseconds;
  return Temporal.Instant.from(text).epochMilliseconds;
}

function nextCron(expression: string, from: number): number {
  return CronExpressionParser.parse(expression, { currentDate: new Date(from), tz: 'UTC' }).next().getTime();
}

/** The period of a cycle: ISO `R[n]/[start/]duration`, or a cron expression (Zeebe's Spring-style, 6 fields). */
function parseCycle(text: string, now: number): TimerSpec {
  const match = /^R(\d*)\/(?:([^/]+)\/)?(P[^/]+)$/.exec(text);
  if (match) {
    const repetitions = match[1] === '' ? -1 : Number(match[1]);
    const start = match[2] ? parseDate(match[2]) : undefined;
    const dueDate = start !== undefined && start > now ? start : addDuration(now, match[3]);
    return { dueDate, repetitions: repetitions === -1 ? -1 : Math.max(0, repetitions - 1), interval: match[3] };
  }
  const cron = text.trim();
  return { dueDate: nextCron(cron, now), repetitions: -1, interval: `cron:${cron}` };
}

function asText(value: unknown, source: string): string {
  if (typeof value === 'string') return value;
  throw new ExpressionError(`Expected result of the expression '${source}' to be one of '[DURATION, PERIOD, STRING]', but was '${value === null ? 'NULL' : typeof value}'`);
}

/** Evaluates a timer definition (static or FEEL) at `now`; throws ExpressionError with Zeebe's wording. */
export function evaluateTimer(definition: TimerDefinition, variables: Variables, now: number): TimerSpec {
  const source = definition.timeDuration ?? definition.timeDate ?? definition.timeCycle ?? '';
  const text = asText(isExpression(source) ? evaluateExpression(source, variables) : source.trim(), source);
  try {
    if (definition.timeDuration) return { dueDate: addDuration(now, text), repetitions: 0, interval: null };
    if (definition.timeDate) return { dueDate: parseDate(text), repetitions: 0, interval: null };
    return parseCycle(text, now);
  } catch (error) {
    if (error instanceof ExpressionError) throw error;
    throw new ExpressionError(`Invalid timer expression '${source}' (evaluated to '${text}'): ${(error as Error).message}`);
  }
}

/** The next occurrence of a cycle after one fired. */
export function nextOccurrence(interval: string, from: number): number {
  return interval.startsWith('cron:') ? nextCron(interval.slice(5), from) : addDuration(from, interval);
}

/** Deploy-time check of a static timer value; FEEL ones are checked for syntax elsewhere. */
export function checkStaticTimer(definition: TimerDefinition): string | undefined {
  const source = definition.timeDuration ?? definition.timeDate ?? definition.timeCycle;
  if (!source) return 'A timer event must have a timeDuration, timeDate or timeCycle';
  if (isExpression(source)) return undefined;
  try {
    evaluateTimer(definition, {}, Date.now());
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
