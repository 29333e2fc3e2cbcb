import { type RevisionStatus, revisionColourHex } from '@loopline/shared';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../ui/Badge';

/** A paper-colour chip beside a revision's name (the tint revision pages are printed on). */
export function ColourSwatch({ colour }: { colour: string }) {
  return <span className="rv-swatch" style={{ background: revisionColourHex(colour) ?? 'transparent' }} aria-hidden="true" />;
}

/** "Blue" with its swatch; colour names stay as the industry spells them, in every language. */
export function RevisionName({ colour, number }: { colour: string; number?: number }) {
  return (
    <span className="rv-name" data-testid="revision-name" data-colour={colour}>
      <ColourSwatch colour={colour} />
      <span>{colour}</span>
      {number !== undefined && <span className="muted rv-number">#{number}</span>}
    </span>
  );
}

const TONES: Record<RevisionStatus, BadgeTone> = {
  draft: 'muted',
  proposed: 'info',
  approved: 'success',
  rejected: 'warning',
  aired: 'accent',
};

/** The workflow status as a badge (`data-status` carries the raw value for tests). */
export function RevisionStatusBadge({ status }: { status: RevisionStatus }) {
  const { t } = useTranslation('app');
  return (
    <span className="rv-status" data-testid="revision-status" data-status={status}>
      <Badge tone={TONES[status]}>{t(`revisions.status.${status}`)}</Badge>
    </span>
  );
}
