import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { isUniqueViolation, toBoolean } from '../dialect.js';
import { hashPassword, needsRehash, verifyPassword } from '../passwordHash.js';

export interface AppUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  /** ISTAT codes of the Comuni the user works for; empty = the whole Provincia */
  comuniIstat: string[];
  active: boolean;
  /** where new-task e-mails go, when the user gave one */
  email?: string;
  /** the user opted in to an e-mail for each new task of their groups */
  notifyTasks: boolean;
  /** when they opted in: tasks created before are not mailed */
  taskMailSince?: string;
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
  email?: string;
  notifyTasks?: boolean;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string;
  comuni_istat: string;
  active: boolean | number;
  email?: string | null;
  notify_tasks?: boolean | number;
  task_mail_since?: string | null;
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
/** A plain address (no display name), as the new-task e-mails use it. */
export const EMAIL_ADDRESS = /^[^\s@<>(),;:"]{1,64}@[A-Za-z0-9.-]{1,188}\.[A-Za-z]{2,24}$/;

export class InvalidEmailError extends Error {
  readonly code = 'INVALID_EMAIL';
  constructor(readonly email: string) {
    super(`not an e-mail address: ${email}`);
    this.name = 'InvalidEmailError';
  }
}

function fromRow(row: UserRow): AppUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: JSON.parse(row.roles) as string[],
    comuniIstat: JSON.parse(row.comuni_istat) as string[],
    active: toBoolean(row.active),
    ...(row.email ? { email: row.email } : {}),
    notifyTasks: toBoolean(row.notify_tasks ?? false),
    ...(row.task_mail_since ? { taskMailSince: row.task_mail_since } : {}),
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
    if (user.email !== undefined && !EMAIL_ADDRESS.test(user.email)) throw new InvalidEmailError(user.email);
    const now = this.clock().toISOString();
    const row: UserRow = {
      id: randomUUID(),
      username: user.username,
      display_name: user.displayName,
      password_hash: await hashPassword(user.password),
      roles: JSON.stringify(user.roles ?? []),
      comuni_istat: JSON.stringify(comuni),
      active: user.active ?? true,
      email: user.email ?? null,
      notify_tasks: !!(user.notifyTasks && user.email),
      task_mail_since: user.notifyTasks && user.email ? now : null,
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

  /** Every account, by username (password hashes stay here). */
  async list(): Promise<AppUser[]> {
    return ((await this.knex('users').orderBy('username')) as UserRow[]).map(fromRow);
  }

  /** Active users opted in to new-task e-mails who gave an address. */
  async listTaskMailRecipients(): Promise<AppUser[]> {
    const rows = (await this.knex('users').where({ active: true, notify_tasks: true }).whereNotNull('email').orderBy('username')) as UserRow[];
    return rows.map(fromRow);
  }

  /**
   * Sets the address and the opt-in. Opting in (again) starts from now: only tasks created from then on
   * are mailed. No address means no mail, whatever the flag said.
   */
  async setTaskMail(id: string, settings: { email: string | null; notifyTasks: boolean }): Promise<void> {
    if (settings.email !== null && !EMAIL_ADDRESS.test(settings.email)) throw new InvalidEmailError(settings.email);
    const current = await this.findById(id);
    if (!current) return;
    const notify = settings.notifyTasks && settings.email !== null;
    const now = this.clock().toISOString();
    await this.knex('users').where({ id }).update({
      email: settings.email,
      notify_tasks: notify,
      task_mail_since: notify ? (current.notifyTasks && current.taskMailSince ? current.taskMailSince : now) : null,
      updated_at: now,
    });
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
    if (!row || !ok || !toBoolean(row.active)) return undefined;
    // A hash made at an older, cheaper cost is replaced now, while we hold the password (OWASP: upgrade on login).
    // Only if the row still holds the hash we checked, so a concurrent password change is never undone.
    if (needsRehash(row.password_hash)) {
      await this.knex('users').where({ id: row.id, password_hash: row.password_hash }).update({ password_hash: await hashPassword(password) });
    }
    return fromRow(row);
  }

  /** Whether the account's hash was made at another cost than new hashes get (it is rehashed at the next sign-in). */
  async passwordIsOutdated(id: string): Promise<boolean> {
    const row = (await this.knex('users').select('password_hash').where({ id }).first()) as Pick<UserRow, 'password_hash'> | undefined;
    return !!row && needsRehash(row.password_hash);
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
