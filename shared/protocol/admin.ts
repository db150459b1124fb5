// Station administration over the control-room protocol (issue 8 item 4, issue 5 item 8): users
// and roles, tags and their subscribers, and the few station settings that change behaviour.
// Admin only, every change audited; merged into `requests` in control-room.ts by spreading.
import { z } from 'zod';
import { Locale, Role, TagView } from './entities.js';

const Id = z.number().int().positive();

export const UserAdminView = z.object({
  id: Id,
  login: z.string(),
  name: z.string(),
  role: Role,
  locale: Locale,
  disabled: z.boolean(),
  createdAt: z.number(),
  /** The last successful login, from the audit log; null when the user never logged in. */
  lastLoginAt: z.number().nullable(),
});
export type UserAdminView = z.infer<typeof UserAdminView>;

/** A login as a person types it: letters, digits and `. _ -`, so it also works on the CLI. */
export const LoginName = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[\p{L}\p{N}._-]+$/u, 'a login is letters, digits, dots, dashes and underscores');

/** At least 8 characters: what the station accepts from the admin screen. */
export const NewPassword = z.string().min(8, 'a password has at least 8 characters').max(200);

const UserList = z.object({ users: z.array(UserAdminView) });

export const TagSubscriberView = z.object({
  contactId: Id,
  name: z.string(),
  phone: z.string(),
  /** How the subscription came about: by the admin, by SMS (`+#tag`), by a contact import. */
  source: z.enum(['admin', 'sms', 'import']),
  since: z.number(),
  /** An inactive contact stays subscribed but gets nothing until made active again. */
  active: z.boolean(),
});
export type TagSubscriberView = z.infer<typeof TagSubscriberView>;

/**
 * Settings stored by the station that change what it does. Unset means the station's config
 * (config.json, env, flags) or its built-in default applies.
 */
export const StationSettings = z
  .object({
    /** A reply counts as answering the latest SMS to that phone within this many hours. */
    replyWindowHours: z.number().positive().max(24 * 30),
    /** A poll or confirmation takes answers by phone alone for this many hours after it went out. */
    questionWindowHours: z.number().positive().max(24 * 90),
    /** A login stays valid this many hours after the desk's last request. */
    sessionHours: z.number().min(1).max(24 * 30),
    /** An alert waiting for a best route that is not up (throttled, slow, unstable) goes to the next after this many seconds. */
    alertMoveSeconds: z.number().min(0).max(3_600),
    /** The same for every other SMS. */
    moveSeconds: z.number().min(0).max(24 * 3_600),
    /** An SMS the carrier did not answer in time waits this long for its late answer, then is sent again once. */
    inDoubtGraceSeconds: z.number().min(0.1).max(3_600),
  })
  .strict();
export type StationSettings = z.infer<typeof StationSettings>;
export type SettingKey = keyof StationSettings;

const SettingsResult = z.object({
  /** What the station uses now. */
  effective: StationSettings,
  /** Values the admin has set (they win over config); a key absent here follows config. */
  stored: StationSettings.partial(),
  /** What applies when nothing is stored. */
  defaults: StationSettings,
});
export type SettingsResult = z.infer<typeof SettingsResult>;

export const adminRequests = {
  'users.list': { params: z.object({}).strict(), result: UserList },
  /** Without a password one is generated and returned here, once; it is stored only hashed. */
  'users.create': {
    params: z
      .object({ login: LoginName, name: z.string().trim().min(1).max(100), role: Role, password: NewPassword.optional(), locale: Locale.optional() })
      .strict(),
    result: z.object({ user: UserAdminView, password: z.string().nullable() }),
  },
  /** Disabling closes the user's sessions: their desk is asked to log in on its next request. */
  'users.update': {
    params: z
      .object({ id: Id, name: z.string().trim().min(1).max(100).optional(), role: Role.optional(), locale: Locale.optional(), disabled: z.boolean().optional() })
      .strict(),
    result: z.object({ user: UserAdminView }),
  },
  /** A new generated password, returned once; the user's open sessions are closed. */
  'users.resetPassword': {
    params: z.object({ id: Id }).strict(),
    result: z.object({ user: UserAdminView, password: z.string() }),
  },
  'tags.list': { params: z.object({}).strict(), result: z.object({ tags: z.array(TagView) }) },
  'tags.create': {
    params: z
      .object({
        name: z
          .string()
          .trim()
          .regex(/^#?[\p{L}\p{N}_]{1,50}$/u, 'a tag is one word of letters, digits or underscores'),
        selfService: z.boolean().default(false),
      })
      .strict(),
    result: z.object({ tag: TagView, tags: z.array(TagView) }),
  },
  'tags.subscribers': {
    params: z.object({ tagId: Id }).strict(),
    result: z.object({ subscribers: z.array(TagSubscriberView) }),
  },
  'settings.get': { params: z.object({}).strict(), result: SettingsResult },
  /** A key set to null goes back to config; keys left out stay as they are. */
  'settings.set': {
    params: z
      .object({
        replyWindowHours: StationSettings.shape.replyWindowHours.nullable().optional(),
        questionWindowHours: StationSettings.shape.questionWindowHours.nullable().optional(),
        sessionHours: StationSettings.shape.sessionHours.nullable().optional(),
        alertMoveSeconds: StationSettings.shape.alertMoveSeconds.nullable().optional(),
        moveSeconds: StationSettings.shape.moveSeconds.nullable().optional(),
        inDoubtGraceSeconds: StationSettings.shape.inDoubtGraceSeconds.nullable().optional(),
      })
      .strict(),
    result: SettingsResult,
  },
} as const;
