// Strings of the contacts tab (import from .xlsx/.csv, export), merged into ru.ts / en.ts.
export const contactsRu = {
  'contacts.heading': 'Контакты',
};

export const contactsEn: { [K in keyof typeof contactsRu]: (typeof contactsRu)[K] extends string ? string : { one: string; other: string } } = {
  'contacts.heading': 'Contacts',
};
