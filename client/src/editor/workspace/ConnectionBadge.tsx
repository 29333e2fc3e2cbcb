import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../collab/connectionModel.js';
import type { Store } from '../collab/store.js';
import { useStore } from './useStore.js';

const KNOWN_CLOSE_CODES = new Set([4004, 4400, 4401, 4403]);

/**
 * The always-visible connection badge [ED20]: connecting / connected /
 * offline / reconnecting, with the number of unsynced changes whenever the
 * writer is not connected, and the reason when the server ended the session.
 */
export function ConnectionBadge({ connection }: { connection: Store<ConnectionState> }) {
  const { t } = useTranslation('editor');
  const state = useStore(connection);
  const { status, unsynced, closed } = state;
  const showUnsynced = status !== 'connected' && unsynced > 0;
  const closedText = closed
    ? KNOWN_CLOSE_CODES.has(closed.code)
      ? t(`connection.closed.${closed.code}`)
      : t('connection.closed.other', { code: closed.code })
    : null;
  return (
    <div
      className={`ed-connection ed-connection-${status}`}
      data-testid="connection-status"
      data-status={status}
      data-unsynced={unsynced}
      role="status"
      aria-live="polite"
      title={closedText ?? (showUnsynced ? t('connection.keptLocally') : undefined)}
    >
      <span className="ed-connection-dot" aria-hidden="true" />
      <span>{t(`connection.${status}`)}</span>
      {showUnsynced && <span className="ed-connection-unsynced"> – {t('connection.unsynced', { count: unsynced })}</span>}
      {closedText && <span className="ed-connection-reason"> – {closedText}</span>}
    </div>
  );
}
