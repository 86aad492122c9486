import type { Knex } from 'knex';
import { RateLimiterPostgres, RateLimiterSQLite, type RateLimiterAbstract, type RateLimiterRes } from 'rate-limiter-flexible';
import { dialectOf } from '../../../src/db/dialect.js';

/**
 * How many failed sign-ins are tolerated before a temporary lockout (OWASP ASVS 4.0.3 V2.2.1: anti-automation
 * against brute force and credential stuffing). Per account, so one password is not guessed from many
 * addresses; per client address, so many accounts are not tried from one.
 */
export interface SignInLimits {
  /** failures per account within the window (default 10) */
  accountFailures: number;
  /** failures per client address within the window (default 100: a Comune's offices may share one address) */
  addressFailures: number;
  /** the window failures are counted in, seconds (default 15 minutes) */
  windowSeconds: number;
  /** how long a lockout lasts, seconds (default 15 minutes) */
  lockoutSeconds: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { accountFailures: 10, addressFailures: 100, windowSeconds: 15 * 60, lockoutSeconds: 15 * 60 };

export type LimitScope = 'account' | 'address';

export interface Lockout {
  scope: LimitScope;
  retryAfterSeconds: number;
}

/** What one failed attempt did to the counters, for the audit trail. */
export interface FailureOutcome {
  /** the first failure of this account / address in the window: worth an audit entry, the rest are counted */
  firstInWindow: { account: boolean; address: boolean };
  /** the failures counted so far in the window */
  failures: { account: number; address: number };
  /** this failure reached a limit: the account or address is locked from now */
  lockedNow: Lockout[];
}

const TABLE = 'sign_in_limits';

/**
 * Failed sign-ins counted with rate-limiter-flexible in the app database (table sign_in_limits, migration
 * 0013), so the counts hold across restarts and across app replicas sharing PostgreSQL.
 */
export class SignInThrottle {
  private readonly account: RateLimiterAbstract;
  private readonly address: RateLimiterAbstract;

  constructor(
    private readonly knex: Knex,
    readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
  ) {
    const make = (keyPrefix: LimitScope, points: number): RateLimiterAbstract => {
      const common = { storeClient: knex, storeType: 'knex', tableName: TABLE, tableCreated: true, keyPrefix, points, duration: limits.windowSeconds };
      return dialectOf(knex) === 'postgres' ? new RateLimiterPostgres(common) : new RateLimiterSQLite(common);
    };
    this.account = make('account', limits.accountFailures);
    this.address = make('address', limits.addressFailures);
  }

  /** Drops counters whose window or lockout is over (the table stays as small as the current attacks). */
  async deleteExpired(now: number = Date.now()): Promise<number> {
    return this.knex(TABLE).where('expire', '<', now).delete();
  }

  /** Usernames are matched case-insensitively for counting, so `Comune` and `comune` share one counter. */
  private static accountKey(username: string): string {
    return username.trim().toLowerCase();
  }

  /** The lockout in force for this account or address, if any (checked before the password is). */
  async lockoutOf(username: string, ip: string): Promise<Lockout | undefined> {
    const [account, address] = await Promise.all([this.account.get(SignInThrottle.accountKey(username)), this.address.get(ip)]);
    const locked = (res: RateLimiterRes | null, points: number) => !!res && res.consumedPoints > points;
    if (locked(account, this.limits.accountFailures)) return { scope: 'account', retryAfterSeconds: seconds(account!) };
    if (locked(address, this.limits.addressFailures)) return { scope: 'address', retryAfterSeconds: seconds(address!) };
    return undefined;
  }

  /** Counts a failed attempt; the one that reaches a limit starts the lockout. */
  async recordFailure(username: string, ip: string): Promise<FailureOutcome> {
    const accountKey = SignInThrottle.accountKey(username);
    const [account, address] = await Promise.all([consumed(this.account, accountKey), consumed(this.address, ip)]);
    const lockedNow: Lockout[] = [];
    if (account.consumedPoints >= this.limits.accountFailures) {
      await this.account.block(accountKey, this.limits.lockoutSeconds);
      lockedNow.push({ scope: 'account', retryAfterSeconds: this.limits.lockoutSeconds });
    }
    if (address.consumedPoints >= this.limits.addressFailures) {
      await this.address.block(ip, this.limits.lockoutSeconds);
      lockedNow.push({ scope: 'address', retryAfterSeconds: this.limits.lockoutSeconds });
    }
    return {
      firstInWindow: { account: account.isFirstInDuration, address: address.isFirstInDuration },
      failures: { account: account.consumedPoints, address: address.consumedPoints },
      lockedNow,
    };
  }

  /**
   * A correct password clears the account's count (the failures before it are returned, for the trail).
   * The address count stays: signing in to one's own account must not reset a spray against others.
   */
  async recordSuccess(username: string): Promise<number> {
    const key = SignInThrottle.accountKey(username);
    const before = (await this.account.get(key))?.consumedPoints ?? 0;
    await this.account.delete(key);
    return before;
  }
}

const seconds = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/** consume() rejects with the RateLimiterRes once over the limit; both carry the count we want. */
async function consumed(limiter: RateLimiterAbstract, key: string): Promise<RateLimiterRes> {
  try {
    return await limiter.consume(key);
  } catch (error) {
    if (error instanceof Error) throw error;
    return error as RateLimiterRes;
  }
}
