// Alert plans (сценарии оповещения), on-call rosters (графики дежурств) and the calls a plan's
// escalation makes, over the control-room protocol. Spread into `requests` / `events` in
// control-room.ts. A plan is a saved broadcast recipe; a launch sends it through the one door.
import { z } from 'zod';
import { PersonRef, Priority } from './dispatch.js';
import { Refusal } from './entities.js';

const Id = z.number().int().positive();
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD');
const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time is written HH:MM');
const LocalDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, 'a time is written YYYY-MM-DDTHH:MM');
const DateOrDateTime = z.union([LocalDate, LocalDateTime]);
export const RoleName = z.string().trim().min(1).max(60);

/** "The on-duty engineers of Северный РЭС": a group and a roster role in it. */
export const OnCallRef = z.object({ groupId: Id, role: RoleName }).strict();
export type OnCallRef = z.infer<typeof OnCallRef>;

export const PlanAudience = z
  .object({
    groups: z.array(Id).max(50).default([]),
    contacts: z.array(Id).max(500).default([]),
    tags: z.array(z.string().max(100)).max(20).default([]),
    onCall: z.array(OnCallRef).max(20).default([]),
  })
  .strict();
export type PlanAudience = z.infer<typeof PlanAudience>;

/** One step of a plan's escalation chain, taken when people are still silent after the wait. */
export const ChainStep = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('groups'), groups: z.array(Id).min(1).max(10) }).strict(),
  z.object({ kind: z.literal('on-call'), onCall: z.array(OnCallRef).min(1).max(10) }).strict(),
  /** Ring every silent person's phone from a modem, for `ringSeconds` each. */
  z.object({ kind: z.literal('call'), ringSeconds: z.number().int().min(10).max(120).default(30) }).strict(),
]);
export type ChainStep = z.infer<typeof ChainStep>;

export const PlanField = z
  .object({
    /** As written in the template: `объект` for `{объект}`. */
    name: z.string().trim().min(1).max(40),
    required: z.boolean().default(true),
    /** Filled in when the dispatcher leaves the field alone. */
    default: z.string().max(200).optional(),
    /** Values offered in a list (substations, districts). */
    choices: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
  })
  .strict();
export type PlanField = z.infer<typeof PlanField>;

export const PlanKind = z.enum(['plain', 'confirm', 'poll']);
export type PlanKind = z.infer<typeof PlanKind>;

export const PlanSpec = z
  .object({
    /** Short code for shortcuts and SMS commands: `ПС12` is launched by "!ПС12 Северный". */
    code: z.string().trim().regex(/^[\p{L}\p{N}_-]{1,16}$/u, 'a plan code is 1 to 16 letters or digits, no spaces'),
    name: z.string().trim().min(1).max(80),
    audience: PlanAudience,
    text: z.string().trim().min(1).max(2000),
    /** Settings of the template's `{fields}`; a field not listed here is required, with no default. */
    fields: z.array(PlanField).max(10).default([]),
    kind: PlanKind.default('confirm'),
    options: z.array(z.string().trim().min(1).max(100)).max(9).optional(),
    /** Minutes to wait for confirmations before the next step, and re-sends before the chain. */
    confirm: z.object({ afterMinutes: z.number().positive().max(24 * 60), resends: z.number().int().min(0).max(5).default(0) }).strict().optional(),
    chain: z.array(ChainStep).max(10).default([]),
    priority: Priority.default('high'),
    validMinutes: z.number().positive().max(7 * 24 * 60).optional(),
    /** Carrier to try first for this plan's SMS (others still take over if it is down). */
    carrierId: z.string().max(64).nullable().default(null),
    /** SMS sent back to someone who confirms by calling; none when empty. */
    callReply: z.string().trim().max(300).nullable().default(null),
    /** May be launched by an SMS command ("!КОД поле") from an authorised phone. */
    smsCommand: z.boolean().default(true),
  })
  .strict();
export type PlanSpec = z.infer<typeof PlanSpec>;
export type PlanSpecInput = z.input<typeof PlanSpec>;

export const PlanView = PlanSpec.extend({
  id: Id,
  /** Order on the panel; the first nine have keyboard shortcuts (Alt+Shift+1…9). */
  sort: z.number().int(),
  updatedAt: z.number(),
});
export type PlanView = z.infer<typeof PlanView>;

// --- Rosters ---------------------------------------------------------------------------------

export const RosterTeam = z.object({ name: z.string().trim().min(1).max(60), members: z.array(Id).max(100) }).strict();
export const RotationShift = z.object({ day: z.number().int().min(0).max(55), start: LocalTime, end: LocalTime, team: z.number().int().min(0).max(19) }).strict();
export const Rotation = z
  .object({
    pattern: z.enum(['day-night', 'two-two', 'weekly', 'custom']),
    anchor: LocalDate,
    cycleDays: z.number().int().min(1).max(56),
    teams: z.array(RosterTeam).min(1).max(20),
    shifts: z.array(RotationShift).max(200),
    from: LocalDate.nullable().optional(),
    until: LocalDate.nullable().optional(),
  })
  .strict();
export type Rotation = z.infer<typeof Rotation>;
export const OneOffShift = z.object({ start: LocalDateTime, end: LocalDateTime, members: z.array(Id).min(1).max(100), note: z.string().max(200).nullable().optional() }).strict();
export const RosterException = z
  .object({
    kind: z.enum(['leave', 'sick', 'swap']),
    contactId: Id,
    substituteId: Id.nullable().optional(),
    from: DateOrDateTime,
    until: DateOrDateTime,
    note: z.string().max(200).nullable().optional(),
  })
  .strict();
export type RosterException = z.infer<typeof RosterException>;

export const RosterInput = z
  .object({
    groupId: Id,
    role: RoleName,
    timeZone: z.string().min(1).max(64),
    rotation: Rotation.nullable().default(null),
    oneOffs: z.array(OneOffShift).max(500).default([]),
    exceptions: z.array(RosterException).max(1000).default([]),
  })
  .strict();
export type RosterInput = z.input<typeof RosterInput>;

export const RosterView = RosterInput.extend({ id: Id, updatedAt: z.number() });
export type RosterView = z.infer<typeof RosterView>;

export const DutyPerson = PersonRef.extend({
  /** The scheduled person this one stands in for, and why (leave, sick, swap). */
  replaces: PersonRef.nullable(),
  reason: z.enum(['leave', 'sick', 'swap']).nullable(),
});
export type DutyPerson = z.infer<typeof DutyPerson>;

/** Who is on duty for one role of one group now, and who comes next. */
export const DutyView = z.object({
  rosterId: Id,
  groupId: Id,
  role: z.string(),
  timeZone: z.string(),
  now: z.array(DutyPerson),
  /** When the shift under way ends (the earliest end if several overlap). */
  nowUntil: z.number().nullable(),
  next: z.array(DutyPerson),
  nextAt: z.number().nullable(),
});
export type DutyView = z.infer<typeof DutyView>;

export const ShiftView = z.object({
  start: z.number(),
  end: z.number(),
  source: z.enum(['rotation', 'one-off']),
  team: z.string().nullable(),
  people: z.array(DutyPerson),
  /** Scheduled but away (leave, sickness, swapped out). */
  away: z.array(PersonRef),
});
export type ShiftView = z.infer<typeof ShiftView>;

// --- Launch ------------------------------------------------------------------------------------

export const LaunchParams = z
  .object({
    planId: Id,
    fields: z.record(z.string().max(40), z.string().max(200)).default({}),
    drill: z.boolean().default(false),
    /** The click's own id: a launch retried after a lost link is sent once. */
    clientRef: z.string().min(8).max(64).optional(),
  })
  .strict();
export type LaunchParams = z.input<typeof LaunchParams>;

/** The on-call part of an audience, as resolved at this moment. */
export const DutyResolution = z.object({ groupId: Id, groupName: z.string(), role: z.string(), people: z.array(DutyPerson) });
export type DutyResolution = z.infer<typeof DutyResolution>;

export const LaunchPreview = z.object({
  text: z.string(),
  /** Fields still empty that the plan needs. */
  missing: z.array(z.string()),
  recipients: z.number().int(),
  segments: z.number().int(),
  encoding: z.enum(['gsm7', 'ucs2']),
  characters: z.number().int(),
  /** SMS of the whole launch (recipients × segments), and its price where a tariff is set. */
  smsTotal: z.number().int(),
  cost: z.number().nullable(),
  onDuty: z.array(DutyResolution),
  refused: z.array(Refusal),
});
export type LaunchPreview = z.infer<typeof LaunchPreview>;

export const LaunchResult = z.object({
  broadcastId: z.number().int().nullable(),
  recipients: z.number().int(),
  segments: z.number().int(),
  refused: z.array(Refusal),
  onDuty: z.array(DutyResolution),
});
export type LaunchResult = z.infer<typeof LaunchResult>;

// --- Calls -------------------------------------------------------------------------------------

export const CallState = z.enum(['queued', 'dialling', 'answered', 'busy', 'no-answer', 'no-carrier', 'failed', 'rejected']);
export type CallState = z.infer<typeof CallState>;

export const CallView = PersonRef.extend({
  id: Id,
  broadcastId: z.number().int().nullable(),
  /** out: the station rang them; in: they called the station. */
  direction: z.enum(['out', 'in']),
  state: CallState,
  detail: z.string().nullable(),
  /** An incoming call that counted as this person's confirmation. */
  confirmed: z.boolean(),
  carrierId: z.string().nullable(),
  at: z.number(),
  endedAt: z.number().nullable(),
});
export type CallView = z.infer<typeof CallView>;

/** What the board shows under a broadcast that a plan launched. */
export const LaunchInfo = z.object({
  broadcastId: Id,
  planId: z.number().int().nullable(),
  code: z.string(),
  name: z.string(),
  drill: z.boolean(),
  door: z.enum(['ui', 'http', 'cli', 'mail', 'sms']),
  fields: z.record(z.string(), z.string()),
  onDuty: z.array(DutyResolution),
  calls: z.array(CallView),
});
export type LaunchInfo = z.infer<typeof LaunchInfo>;

export const SmsLauncher = z.object({
  phone: z.string().max(40),
  userId: Id,
  login: z.string(),
  note: z.string().nullable(),
});
export type SmsLauncher = z.infer<typeof SmsLauncher>;

const PlanList = z.object({ plans: z.array(PlanView) });
const RosterList = z.object({ rosters: z.array(RosterView), roles: z.array(z.string()) });

export const planRequests = {
  'plans.list': { params: z.object({}).strict(), result: PlanList },
  /** Creates (no id) or replaces (id) a plan; administrators only. */
  'plans.save': { params: PlanSpec.extend({ id: Id.optional(), sort: z.number().int().optional(), updatedAt: z.number().optional() }).strict(), result: PlanList },
  'plans.delete': { params: z.object({ id: Id }).strict(), result: PlanList },
  'plans.preview': { params: LaunchParams, result: LaunchPreview },
  'plans.launch': { params: LaunchParams, result: LaunchResult },
  /** The plan, fields, who was on duty and the calls behind a launched broadcast; null for other broadcasts. */
  'plans.launchInfo': { params: z.object({ broadcastId: Id }).strict(), result: LaunchInfo.nullable() },
  'plans.smsLaunchers': { params: z.object({}).strict(), result: z.object({ launchers: z.array(SmsLauncher) }) },
  /** Replaces the list of phones that may launch plans by SMS, each acting as a user. */
  'plans.smsLaunchers.save': {
    params: z.object({ launchers: z.array(z.object({ phone: z.string().max(40), userId: Id, note: z.string().max(200).nullable().optional() }).strict()).max(200) }).strict(),
    result: z.object({ launchers: z.array(SmsLauncher) }),
  },
  'rosters.list': { params: z.object({}).strict(), result: RosterList },
  // A view sent back as it came (its updatedAt included) is a valid save.
  'rosters.save': { params: RosterInput.extend({ id: Id.optional(), updatedAt: z.number().optional() }).strict(), result: RosterList },
  'rosters.delete': { params: z.object({ id: Id }).strict(), result: RosterList },
  /** On duty now and next, for every roster (or one group's). */
  'rosters.duty': { params: z.object({ groupId: Id.optional() }).strict(), result: z.object({ duty: z.array(DutyView), at: z.number() }) },
  'rosters.shifts': {
    params: z.object({ rosterId: Id, from: z.number(), to: z.number() }).strict().refine((p) => p.to > p.from && p.to - p.from <= 62 * 86_400_000, 'at most two months at a time'),
    result: z.object({ shifts: z.array(ShiftView) }),
  },
  /** Every roster as an Excel workbook (base64), to edit and import again. */
  'rosters.export': { params: z.object({}).strict(), result: z.object({ fileName: z.string(), base64: z.string() }) },
  'rosters.import': {
    params: z.object({ base64: z.string().max(4_000_000) }).strict(),
    result: RosterList.extend({ imported: z.number().int(), problems: z.array(z.object({ sheet: z.string(), row: z.number().int(), reason: z.string() })) }),
  },
} as const;

export const planEvents = {
  /** A plan was created, changed or removed: the panel's list, as it is now. */
  'plans.changed': PlanList,
  /** A roster changed: clients ask for duty again. */
  'rosters.changed': z.object({ rosterId: z.number().int().nullable() }),
  /** The calls of a launch changed (a ring began, ended, a call back came). */
  'plans.calls': z.object({ broadcastId: Id, calls: z.array(CallView) }),
} as const;
