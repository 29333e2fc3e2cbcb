import { can, REVISION_TRANSITIONS, type RevisionStatus, type Role } from '@loopline/shared';

/** The workflow buttons a revision card can show. */
export type WorkflowAction = 'propose' | 'approve' | 'reject' | 'air';

/** The status each button moves to, and the permission it needs (the server's [RW3]). */
const STEPS: Readonly<Record<WorkflowAction, { to: RevisionStatus; needs: Parameters<typeof can>[1] }>> = {
  propose: { to: 'proposed', needs: 'revision.propose' },
  approve: { to: 'approved', needs: 'revision.approve' },
  reject: { to: 'rejected', needs: 'revision.approve' },
  air: { to: 'aired', needs: 'release.mark' },
};

/**
 * The buttons `role` sees on a revision in `status` [UR2]: a step the
 * workflow allows from that status and the role may take. The server
 * enforces both; the UI only hides what it would refuse.
 */
export function availableActions(role: Role | null, status: RevisionStatus): WorkflowAction[] {
  const allowed = REVISION_TRANSITIONS[status];
  return (Object.keys(STEPS) as WorkflowAction[]).filter((a) => allowed.includes(STEPS[a].to) && can(role, STEPS[a].needs));
}

/** A rejection must say why [UR3]; an approval may. Blank after trimming counts as no comment. */
export function commentProblem(action: 'approve' | 'reject', comment: string): 'commentRequired' | null {
  return action === 'reject' && comment.trim() === '' ? 'commentRequired' : null;
}
