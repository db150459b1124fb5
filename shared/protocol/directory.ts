// People and groups edited on screen (issue 16 item 1): contacts created, corrected, switched
// off and moved between groups; groups created, renamed, nested, reordered, filled and emptied.
// Writes are the admin's, each audited; every desk hears `directory.changed` and redraws its tree.
// Merged into `requests` / `events` by spreading (control-room.ts).
import { z } from 'zod';
import { ContactView, GroupNode, MessageView } from './entities.js';

const Id = z.number().int().positive();
const Ids = z.array(Id).min(1).max(5000);
const Text = (max: number) => z.string().trim().max(max);

/** A contact as the editor shows it: everything the import knows, and where they are subscribed. */
export const ContactDetail = ContactView.extend({
  email: z.string().nullable(),
  notes: z.string().nullable(),
  tags: z.array(z.object({ id: Id, name: z.string(), source: z.enum(['admin', 'sms', 'import']), since: z.number() })),
  /** Their latest messages, newest first (the history screen has the rest). */
  recent: z.array(MessageView),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ContactDetail = z.infer<typeof ContactDetail>;

/** The fields a person is made of, as typed: checked by the same rules as a spreadsheet row. */
export const ContactFields = z
  .object({
    name: Text(200),
    phone: Text(40),
    position: Text(200).nullable().optional(),
    email: Text(200).nullable().optional(),
    notes: Text(2000).nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type ContactFields = z.input<typeof ContactFields>;

const Contact = z.object({ contact: ContactDetail });

/** The tree and the people a change touched, for every desk. */
export const DirectoryChange = z.object({
  groups: z.array(GroupNode),
  contacts: z.array(ContactView),
});
export type DirectoryChange = z.infer<typeof DirectoryChange>;

export const directoryRequests = {
  'contacts.get': { params: z.object({ id: Id }).strict(), result: Contact },
  'contacts.create': {
    params: ContactFields.extend({ groupIds: z.array(Id).max(100).default([]) }).strict(),
    result: Contact,
  },
  'contacts.update': { params: ContactFields.partial().extend({ id: Id }).strict(), result: Contact },
  /** Switch people off (they stay in their groups and history, and get nothing) or on again. */
  'contacts.setActive': { params: z.object({ ids: Ids, active: z.boolean() }).strict(), result: z.object({ changed: z.number().int() }) },
  /** Into a group (from a selection or a search); `from` moves them out of another at once. */
  'groups.addMembers': {
    params: z.object({ groupId: Id, contactIds: Ids, from: Id.optional() }).strict(),
    result: z.object({ added: z.number().int(), removed: z.number().int() }),
  },
  'groups.removeMembers': { params: z.object({ groupId: Id, contactIds: Ids }).strict(), result: z.object({ removed: z.number().int() }) },
  'groups.create': {
    params: z.object({ name: Text(200).min(1), parentId: Id.nullable().default(null) }).strict(),
    result: z.object({ group: GroupNode }),
  },
  /** Rename, or nest under another group (null: to the top). */
  'groups.update': {
    params: z.object({ id: Id, name: Text(200).min(1).optional(), parentId: Id.nullable().optional() }).strict(),
    result: z.object({ group: GroupNode }),
  },
  /** The order of a group's children (or of the top level): every sibling, in the new order. */
  'groups.reorder': { params: z.object({ parentId: Id.nullable(), ids: Ids }).strict(), result: z.object({}) },
  /** A group with no subgroups; its people stay in the directory and their other groups. */
  'groups.delete': { params: z.object({ id: Id }).strict(), result: z.object({ members: z.number().int() }) },
} as const;

export const directoryEvents = {
  'directory.changed': DirectoryChange,
} as const;
