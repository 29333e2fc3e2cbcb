import type { LinkState } from '@loopline/shared';
import { useTranslation } from 'react-i18next';
import type { BadgeTone } from '../../ui/Badge';

const TONES: Record<LinkState, BadgeTone> = {
  anchored: 'success',
  drifted: 'warning',
  'scene-only': 'info',
  orphaned: 'muted',
};

/** A link's state as a labelled badge with a one-line explanation on hover [UE6]. */
export function StateBadge({ state }: { state: LinkState }) {
  const { t } = useTranslation('app');
  return (
    <span className={`badge badge-${TONES[state]}`} title={t(`evidence.stateHint.${state}`)} data-testid="evidence-state" data-state={state}>
      {t(`evidence.state.${state}`)}
    </span>
  );
}
