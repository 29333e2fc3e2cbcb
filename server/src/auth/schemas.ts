import { ROLES } from '@loopline/shared';
import Type from 'typebox';
import { NON_BLANK_PATTERN } from '../errors.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.js';

/** TypeBox schemas of the account routes (auth, users, members). */

/** An e-mail address: something@something, no spaces; stored lower-cased. */
export const Email = Type.String({ minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' });

/** A new password: at least 10 characters [AC14]. */
export const NewPassword = Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH });

/** A password being checked: any non-empty string up to the maximum. */
export const AnyPassword = Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH });

/** A person's name as shown to others; trimmed. */
export const DisplayName = Type.String({ minLength: 1, maxLength: 200, pattern: NON_BLANK_PATTERN });

/** A role in a series. */
export const RoleSchema = Type.Enum(ROLES);

/** The signed-in user as the client sees it. */
export const SessionUserSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  isAdmin: Type.Boolean(),
});

/** The answer of a sign-in or set-up: who, and the token writes must carry. */
export const SignedInSchema = Type.Object({ user: SessionUserSchema, csrfToken: Type.String() });

/** An account as a site admin sees it. */
export const UserSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  isAdmin: Type.Boolean(),
  disabled: Type.Boolean(),
  createdAt: Type.String({ description: 'ISO-8601 timestamp' }),
});

/** A member of a series. */
export const MemberSchema = Type.Object({
  userId: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
});
