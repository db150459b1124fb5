// Stable hooks for end-to-end tests. Change one only together with the specs that use it.
export const loginTestIds = {
  form: 'login-form',
  login: 'login-login',
  password: 'login-password',
  submit: 'login-submit',
  error: 'login-error',
} as const;
