import type { Role } from '@loopline/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import { addMember } from '../../api/members';
import { Button } from '../../ui/Button';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { RoleSelect } from './RoleSelect';

/**
 * E-mail of an existing account + a role → POST …/members; clears itself on
 * success. The two expected refusals (no such account, already a member) are
 * said in words; the catalogue's generic "not found" / "conflict" would mislead here.
 */
export function AddMemberForm({ seriesId, onAdded }: { seriesId: string; onAdded: () => void }) {
  const { t } = useTranslation('app');
  const [email, setEmail] = useState('');
  // Most people added to a room write; the showrunner picks otherwise.
  const [role, setRole] = useState<Role>('writer');
  const [pending, setPending] = useState(false);
  // The address goes with the error, so the message names what was sent even as the field changes.
  const [failure, setFailure] = useState<{ error: unknown; address: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    if (pending || address === '') return;
    setPending(true);
    setFailure(null);
    try {
      await addMember(seriesId, { email: address, role });
      setEmail('');
      onAdded();
    } catch (err) {
      // The typed e-mail stays for a retry.
      setFailure({ error: err, address });
    } finally {
      setPending(false);
    }
  };

  const error = failure?.error;
  const known = error instanceof ApiError && (error.code === 'not_found' || error.code === 'conflict') ? error : null;
  return (
    <>
      <form className="create-row" onSubmit={submit}>
        <input
          className="input grow"
          type="email"
          autoCapitalize="none"
          spellCheck={false}
          aria-label={t('members.email')}
          placeholder={t('members.emailPlaceholder')}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          data-testid="add-member-email"
        />
        <RoleSelect value={role} onChange={setRole} label={t('members.role')} testId="add-member-role" />
        <Button type="submit" variant="primary" disabled={pending || email.trim() === ''} data-testid="add-member-submit">
          {t('members.add')}
        </Button>
      </form>
      {known ? (
        <div className="error-message" role="alert" data-testid="add-member-error" data-code={known.code}>
          <div className="error-message-body">
            {t(known.code === 'not_found' ? 'members.errors.noAccount' : 'members.errors.already', { email: failure?.address })}
          </div>
        </div>
      ) : error ? (
        <ErrorMessage error={error} onDismiss={() => setFailure(null)} />
      ) : null}
    </>
  );
}
