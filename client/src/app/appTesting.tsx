/**
 * Fixtures for tests of the whole route table: a session per role, series
 * with a role in them, and a probe that shows where the router is.
 */
import type { Bible, Episode, Role } from '@loopline/shared';
import { useLocation } from 'react-router';
import type { SessionInfo, SessionUser } from '../api/auth';
import type { SeriesWithRole } from '../api/series';
import type { MockAnswer } from '../ui/testing';

/** A signed-in account (site admin when `isAdmin`). */
export const mia: SessionUser = { id: 'u-mia', email: 'mia@example.com', displayName: 'Mia', isAdmin: false };

/** GET /api/auth/session for a signed-in user. */
export function signedInAs(user: SessionUser = mia): SessionInfo {
  return { user, setupRequired: false, csrfToken: 'csrf-1' };
}

/** GET /api/auth/session for a visitor. */
export const signedOut: SessionInfo = { user: null, setupRequired: false, csrfToken: null };

/** The series the fixtures use, with the caller's role. */
export function seriesAs(role: Role): SeriesWithRole {
  return { id: 's1', title: 'Signed for Twins', language: 'en', archived: false, createdAt: '2025-03-01T00:00:00Z', updatedAt: '2025-03-01T00:00:00Z', myRole: role };
}

export const episode: Episode = {
  id: 'e1',
  seriesId: 's1',
  number: 12,
  title: 'The Reveal',
  language: 'zh',
  status: 'draft',
  assignee: null,
  archived: false,
  runtimeSeconds: 90,
  sceneCount: 5,
  createdAt: '2025-03-01T00:00:00Z',
  updatedAt: '2025-03-01T00:00:00Z',
};

export const bible: Bible = {
  characters: [{ id: 'c1', seriesId: 's1', name: '苏晚', aliases: ['Su Wan'], description: '' }],
  locations: [{ id: 'l1', seriesId: 's1', name: '客厅', aliases: [], description: '' }],
};

/** The API of one signed-in user with `role` in series s1. */
export function apiAs(role: Role, session: SessionInfo = signedInAs()): Record<string, MockAnswer> {
  return {
    'GET /api/auth/session': { body: session },
    'GET /api/series': { body: { series: [seriesAs(role)] } },
    'GET /api/series/s1': { body: seriesAs(role) },
    'GET /api/series/s1/episodes': { body: { episodes: [episode] } },
    'GET /api/series/s1/bible': { body: bible },
    'GET /api/episodes/e1': { body: episode },
  };
}

/** Renders the router's current path + query as `data-testid="location"`. */
export function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}
