import { z } from 'zod';
import { ROLES } from './roles';

/** The parts of the console config file that describe who may sign in and with which roles. */
const role = z.enum(ROLES);
const prefix = z.string().max(249);

export const grantSchema = z.union([
  z.string().regex(/^(viewer|operator|admin)(@[a-zA-Z0-9][a-zA-Z0-9_-]{0,63})?$/, 'a role (viewer, operator, admin), optionally @cluster-id'),
  z.object({ role, cluster: z.string().min(1).optional(), topics: prefix.optional(), groups: prefix.optional() }).strict(),
]);

export const PASSWORD_HASH = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]{16,}\$[A-Za-z0-9_-]{43,}$/;

export const userSchema = z
  .object({
    username: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9._@-]{0,63}$/, 'letters, digits, ".", "_", "@" and "-"'),
    /** scrypt hash written by `npm run console -- user add`; plain passwords are refused. */
    passwordHash: z.string().regex(PASSWORD_HASH, 'a scrypt hash written by `npm run console -- user add` (plain passwords are not accepted)'),
    roles: z.array(grantSchema).min(1),
  })
  .strict();

/** One secret given exactly one way: inline (discouraged), from an environment variable or from a file. */
export const secretRef = z
  .object({ value: z.string().min(1).optional(), env: z.string().min(1).optional(), file: z.string().min(1).optional() })
  .strict()
  .refine((s) => [s.value, s.env, s.file].filter((v) => v !== undefined).length === 1, { message: 'give exactly one of value, env or file' });

export const oidcSchema = z
  .object({
    issuer: z.url(),
    clientId: z.string().min(1),
    /** Omit for a public client (PKCE only). */
    clientSecret: secretRef.optional(),
    scopes: z.array(z.string().regex(/^[\x21-\x7e]+$/)).default(['openid', 'profile', 'email']),
    /** Dotted path of the claim that lists the user's groups or roles: roles, groups, realm_access.roles. */
    rolesClaim: z.string().min(1).default('roles'),
    usernameClaim: z.string().min(1).default('preferred_username'),
    /** Claim value (an IdP group or role) → console grants. A claim value that is a role name maps to that role. */
    roleMapping: z.record(z.string(), z.array(grantSchema)).default({}),
    /** Grants every signed-in OIDC user gets, even with no mapped claim (default none: such users are refused). */
    defaultRoles: z.array(grantSchema).default([]),
    label: z.string().min(1).default('Sign in with single sign-on'),
    /** Only for an identity provider on loopback in tests and demos: allow http:// */
    allowHttpIssuer: z.boolean().default(false),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (!o.allowHttpIssuer && !o.issuer.startsWith('https://')) ctx.addIssue({ code: 'custom', path: ['issuer'], message: 'the issuer must be https:// (allowHttpIssuer only for loopback tests)' });
  });
