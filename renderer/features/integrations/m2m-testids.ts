// Stable hooks of the MTS sign-in dialog and the mail2sms addresses section for tests.
export const m2mTestIds = {
  signIn: (id: number) => `apikey-m2m-${id}`,
  badge: (id: number) => `apikey-m2m-badge-${id}`,
  dialog: 'apikey-m2m-dialog',
  login: 'apikey-m2m-login',
  password: 'apikey-m2m-password',
  passwordRemove: 'apikey-m2m-password-remove',
  token: 'apikey-m2m-token',
  tokenRemove: 'apikey-m2m-token-remove',
  save: 'apikey-m2m-save',
  mail: 'mail-addresses',
  mailRow: (id: number) => `mail-address-${id}`,
  alias: (id: number) => `mail-alias-${id}`,
  aliasSave: (id: number) => `mail-alias-save-${id}`,
} as const;
