// Sandboxed preloads run as CommonJS, hence .cts (compiled to preload.cjs). It hands the page the
// station's URL and nothing else: no ipcRenderer, no Node, no functions to call back into main.

import { contextBridge } from 'electron';

/** Must equal STATION_URL_ARG in window.ts; not imported, because a sandboxed preload can only require 'electron'. */
const STATION_URL_ARG = '--switchboard-station-url=';

export interface SwitchboardBridge {
  readonly stationUrl: string;
}

export function stationUrlFromArgv(argv: readonly string[]): string | null {
  const arg = argv.find((a) => a.startsWith(STATION_URL_ARG));
  return arg === undefined ? null : arg.slice(STATION_URL_ARG.length);
}

const stationUrl = stationUrlFromArgv(process.argv);
if (stationUrl !== null) {
  const bridge: SwitchboardBridge = Object.freeze({ stationUrl });
  contextBridge.exposeInMainWorld('switchboard', bridge);
}
