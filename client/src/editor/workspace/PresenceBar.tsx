import { useTranslation } from 'react-i18next';
import type { Peer } from '../collab/session.js';
import type { Store } from '../collab/store.js';
import { useStore } from './useStore.js';

/** First letter (or Han character) of a name, for the avatar. */
const initialOf = (name: string) => Array.from(name.trim())[0]?.toUpperCase() ?? '?';

/** Who is in the episode right now, each in their cursor colour [ED24]. */
export function PresenceBar({ presence }: { presence: Store<Peer[]> }) {
  const { t } = useTranslation('editor');
  const peers = useStore(presence);
  return (
    <ul className="ed-presence" data-testid="presence-list" aria-label={t('presence.label')}>
      {peers.map((peer) => {
        const name = peer.self ? t('presence.you', { name: peer.name }) : peer.name;
        return (
          <li key={peer.clientId} className="ed-presence-item" data-self={peer.self || undefined} title={name}>
            <span className="ed-avatar" style={{ backgroundColor: peer.color }} aria-hidden="true">
              {initialOf(peer.name)}
            </span>
            <span className="ed-presence-name">{name}</span>
          </li>
        );
      })}
    </ul>
  );
}
