import type { Role } from '@loopline/shared';
import { request, unwrapList } from './http';

/** One member of a series and their role in it. */
export interface Member {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
}

const membersPath = (seriesId: string, userId?: string) =>
  `/api/series/${encodeURIComponent(seriesId)}/members${userId === undefined ? '' : `/${encodeURIComponent(userId)}`}`;

/** GET /api/series/:seriesId/members */
export async function listMembers(seriesId: string, signal?: AbortSignal): Promise<Member[]> {
  return unwrapList<Member>(await request<unknown>('GET', membersPath(seriesId), undefined, signal), 'members');
}

/** POST /api/series/:seriesId/members — adds an existing account by e-mail. */
export function addMember(seriesId: string, input: { email: string; role: Role }): Promise<Member> {
  return request<Member>('POST', membersPath(seriesId), input);
}

/** PATCH /api/series/:seriesId/members/:userId — the member's live sockets are closed on the server. */
export function updateMemberRole(seriesId: string, userId: string, role: Role): Promise<Member> {
  return request<Member>('PATCH', membersPath(seriesId, userId), { role });
}

/** DELETE /api/series/:seriesId/members/:userId */
export async function removeMember(seriesId: string, userId: string): Promise<void> {
  await request<unknown>('DELETE', membersPath(seriesId, userId));
}
