// The shell shows a handful of words of its own (tray menu, a start-up failure) before any page is
// loaded, so it cannot use the renderer's i18n; Russian and English are required from day one.

export interface ShellLabels {
  show: string;
  quit: string;
  startFailedTitle: string;
  startFailedBody: (reason: string) => string;
}

const ru: ShellLabels = {
  show: 'Показать окно',
  quit: 'Выход',
  startFailedTitle: 'Switchboard не запустился',
  startFailedBody: (reason) =>
    `Станцию не удалось запустить: ${reason}\nПроверьте, что папка данных доступна для записи, и запустите программу снова.`,
};

const en: ShellLabels = {
  show: 'Show window',
  quit: 'Quit',
  startFailedTitle: 'Switchboard could not start',
  startFailedBody: (reason) =>
    `The station failed to start: ${reason}\nCheck that the data folder is writable and start the program again.`,
};

/** Picks Russian for any `ru*` system locale, English otherwise. */
export function shellLabels(locale: string): ShellLabels {
  return locale.toLowerCase().startsWith('ru') ? ru : en;
}
