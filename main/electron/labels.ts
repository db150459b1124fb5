// The shell shows a handful of words of its own (tray menu, a start-up failure) before any page is
// loaded, so it cannot use the renderer's i18n; Russian and English are required from day one.

export interface ShellLabels {
  show: string;
  quit: string;
  startFailedTitle: string;
  startFailedBody: (reason: string) => string;
  firstStartTitle: string;
  firstStartMessage: string;
  firstStartDetail: (password: string) => string;
}

const ru: ShellLabels = {
  show: 'Показать окно',
  quit: 'Выход',
  startFailedTitle: 'Switchboard не запустился',
  startFailedBody: (reason) =>
    `Станцию не удалось запустить: ${reason}\nПроверьте, что папка данных доступна для записи, и запустите программу снова.`,
  firstStartTitle: 'Switchboard: первый запуск',
  firstStartMessage: 'Создан пользователь admin.',
  firstStartDetail: (password) =>
    `Логин: admin\nПароль: ${password}\n\nЗапишите пароль: он показывается один раз. Сменить его можно после входа.`,
};

const en: ShellLabels = {
  show: 'Show window',
  quit: 'Quit',
  startFailedTitle: 'Switchboard could not start',
  startFailedBody: (reason) =>
    `The station failed to start: ${reason}\nCheck that the data folder is writable and start the program again.`,
  firstStartTitle: 'Switchboard: first start',
  firstStartMessage: 'User admin has been created.',
  firstStartDetail: (password) =>
    `Login: admin\nPassword: ${password}\n\nWrite the password down: it is shown only once. You can change it after logging in.`,
};

/** Picks Russian for any `ru*` system locale, English otherwise. */
export function shellLabels(locale: string): ShellLabels {
  return locale.toLowerCase().startsWith('ru') ? ru : en;
}
