import { api, type SessionUser } from './api.js';

let user: SessionUser | null = null;

export async function loadSession(): Promise<SessionUser | null> {
  user = (await api.get<{ user: SessionUser | null }>('/api/session')).user;
  return user;
}

export async function signIn(username: string, password: string): Promise<SessionUser> {
  user = (await api.post<{ user: SessionUser }>('/api/session', { username, password })).user;
  return user;
}

export async function signOut(): Promise<void> {
  await api.del('/api/session');
  user = null;
}

export const currentUser = (): SessionUser | null => user;
export const hasRole = (...roles: string[]): boolean => !!user && roles.some((r) => user!.roles.includes(r));
