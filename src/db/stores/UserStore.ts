import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { isUniqueViolation, toBoolean } from '../dialect.js';
import { hashPassword, verifyPassword } from '../passwordHash.js';

export interface AppUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  /** ISTAT codes of the Comuni the user works for; empty = the whole Provincia */
  comuniIstat: string[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NewAppUser {
  username: string;
  displayName: string;
  password: string;
  roles?: string[];
  comuniIstat?: string[];
  active?: boolean;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string;
  comuni_istat: string;
  active: boolean | number;
  created_at: string;
  updated_at: string;
}

export class DuplicateUsernameError extends Error {
  readonly code = 'DUPLICATE_USERNAME';
  constructor(readonly username: string) {
    super(`username already taken: ${username}`);
    this.name = 'DuplicateUsernameError';
  }
}

const ISTAT_COMUNE = /^\d{6}$/;

function fromRow(row: UserRow): AppUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: JSON.parse(row.roles) as string[],
    comuniIstat: JSON.parse(row.comuni_istat) as string[],
    active: toBoolean(row.active),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The app's accounts. Password hashes never leave this class. */
export class UserStore {
  constructor(
    private readonly knex: Knex,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async create(user: NewAppUser): Promise<AppUser> {
    const comuni = user.comuniIstat ?? [];
    const bad = comuni.find((c) => !ISTAT_COMUNE.test(c));
    if (bad !== undefined) throw new Error(`not a 6-digit ISTAT code: ${bad}`);
    const now = this.clock().toISOString();
    const row: UserRow = {
      id: randomUUID(),
      username: user.username,
      display_name: user.displayName,
      password_hash: await hashPassword(user.password),
      roles: JSON.stringify(user.roles ?? []),
      comuni_istat: JSON.stringify(comuni),
      active: user.active ?? true,
      created_at: now,
      updated_at: now,
    };
    try {
      await this.knex('users').insert(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateUsernameError(user.username);
      throw error;
    }
    return fromRow(row);
  }

  async findById(id: string): Promise<AppUser | undefined> {
    const row = (await this.knex('users').where({ id }).first()) as UserRow | undefined;
    return row && fromRow(row);
  }

  async findByUsername(username: string): Promise<AppUser | undefined> {
    const row = (await this.knex('users').where({ username }).first()) as UserRow | undefined;
    return row && fromRow(row);
  }

  /**
   * The user for a correct username and password of an active account, else undefined. An unknown
   * username still costs one scrypt run, so response time does not reveal which usernames exist.
   */
  async verifyCredentials(username: string, password: string): Promise<AppUser | undefined> {
    const row = (await this.knex('users').where({ username }).first()) as UserRow | undefined;
    const ok = await verifyPassword(password, row?.password_hash ?? (await dummyHash()));
    return row && ok && toBoolean(row.active) ? fromRow(row) : undefined;
  }

  async setPassword(id: string, password: string): Promise<void> {
    await this.knex('users').where({ id }).update({ password_hash: await hashPassword(password), updated_at: this.clock().toISOString() });
  }

  async setActive(id: string, active: boolean): Promise<void> {
    await this.knex('users').where({ id }).update({ active, updated_at: this.clock().toISOString() });
  }
}

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hashPassword('no such user');
  return dummy;
}
