import { request, unwrapList } from './http';

/** An account as a site admin sees it (GET /api/users). */
export interface UserAccount {
  id: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
  disabled: boolean;
  createdAt: string;
}

/** Body of POST /api/users. */
export interface NewUserInput {
  email: string;
  displayName: string;
  password: string;
  isAdmin?: boolean;
}

/** Body of PATCH /api/users/:userId; disabling ends the user's sessions and sockets on the server. */
export interface UserPatchInput {
  displayName?: string;
  isAdmin?: boolean;
  disabled?: boolean;
}

const userPath = (userId: string) => `/api/users/${encodeURIComponent(userId)}`;

/** GET /api/users (site admins). */
export async function listUsers(signal?: AbortSignal): Promise<UserAccount[]> {
  return unwrapList<UserAccount>(await request<unknown>('GET', '/api/users', undefined, signal), 'users');
}

/** POST /api/users (site admins). */
export function createUser(input: NewUserInput): Promise<UserAccount> {
  return request<UserAccount>('POST', '/api/users', input);
}

/** PATCH /api/users/:userId (site admins). */
export function updateUser(userId: string, patch: UserPatchInput): Promise<UserAccount> {
  return request<UserAccount>('PATCH', userPath(userId), patch);
}
