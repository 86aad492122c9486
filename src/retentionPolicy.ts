import { Temporal } from 'temporal-polyfill';

/**
 * How long the engine keeps an ended process instance's rows (ENGINE_RETENTION), Camunda 8's history retention
 * ("minimum age" after an instance finished, Self-Managed data retention; SaaS keeps Zeebe data 7 days and Operate
 * 30) scaled down to one SQLite file. An ISO-8601 duration (`P30D`, `P1Y`, `PT12H`), measured from the instance's
 * end on the engine clock; months and years are calendar months and years (UTC). Zeebe 8.9 has no per-process
 * TTL attribute (`historyTimeToLive` is Camunda 7's), so there is none here either.
 */
export class RetentionPolicy {
  private constructor(
    /** as configured, e.g. `P30D` */
    readonly iso: string,
    private readonly duration: Temporal.Duration,
  ) {}

  /** Instances that ended before this instant (ms epoch) are past their time to live at `now`. */
  cutoff(now: number): number {
    return Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO('UTC').subtract(this.duration).epochMilliseconds;
  }

  /**
   * Reads the setting: unset, empty or `off` keeps everything (Camunda's default: retention is opted into). Anything
   * else must be a non-negative ISO-8601 duration; otherwise an error naming the variable and the value.
   */
  static parse(text: string | undefined, variable = 'ENGINE_RETENTION'): RetentionPolicy | undefined {
    const value = text?.trim() ?? '';
    if (value === '' || value.toLowerCase() === 'off') return undefined;
    let duration: Temporal.Duration;
    try {
      duration = Temporal.Duration.from(value);
    } catch {
      throw new Error(`${variable}='${value}' is not an ISO-8601 duration: give how long ended instances are kept, e.g. P30D (30 days), P1Y or PT12H, or 'off'`);
    }
    if (duration.sign < 0) throw new Error(`${variable}='${value}' is negative: an ended instance cannot be kept for less than no time (use PT0S to delete as soon as the audit trail has it, or 'off')`);
    return new RetentionPolicy(value, duration);
  }
}
