import { createContext, useContext } from 'react';
import type { StationCommands } from './station-bridge.js';

export const StationContext = createContext<StationCommands | null>(null);

export function useStation(): StationCommands {
  const station = useContext(StationContext);
  if (!station) throw new Error('useStation() outside <StationContext.Provider>');
  return station;
}
