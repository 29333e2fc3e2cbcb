/**
 * The permission matrix of a series (issue #3): one source for the server,
 * which enforces it on every route and socket, and the client, which only
 * hides what the server would refuse. Rules [AC1]–[AC3] in docs/SPEC.md.
 */
export const ROLES = ['admin', 'showrunner', 'writer', 'operations', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  /** Read the series, its episodes, scripts, bible, feedback, evidence, revisions and reports. */
  'series.read',
  /** Rename, archive or change the language of the series. */
  'series.update',
  /** Add or remove members, change their roles. */
  'members.manage',
  /** Create episodes, change their metadata, order and status. */
  'episode.write',
  /** Edit the script text over the sync socket. */
  'script.edit',
  /** Edit the series bible (characters, locations). */
  'bible.edit',
  /** Import comments, danmaku and metrics. */
  'feedback.import',
  /** Mark a release as aired. */
  'release.mark',
  /** Link evidence to scenes. */
  'evidence.link',
  /** Create and propose revisions. */
  'revision.propose',
  /** Approve or reject a proposed revision. */
  'revision.approve',
  /** Export evidence reports. */
  'report.export',
  /** Read the series' audit log. */
  'audit.read',
  /** Erase a viewer's data; set retention. */
  'privacy.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

const ALL: readonly Action[] = ACTIONS;

/** What each role may do in a series [AC1]. A site admin acts as `admin` in every series [AC2]. */
export const PERMISSIONS: Readonly<Record<Role, readonly Action[]>> = {
  admin: ALL,
  showrunner: ALL,
  writer: ['series.read', 'episode.write', 'script.edit', 'bible.edit', 'evidence.link', 'revision.propose', 'report.export'],
  operations: ['series.read', 'feedback.import', 'release.mark', 'report.export'],
  reviewer: ['series.read', 'report.export'],
};

/** Whether `role` may perform `action` [AC1]. */
export function can(role: Role | null | undefined, action: Action): boolean {
  return role != null && PERMISSIONS[role].includes(action);
}

/** Whether a role only reads: its sync connections are read-only on the server [AC3]. */
export function isReadOnlyRole(role: Role): boolean {
  return !can(role, 'script.edit');
}
