// Who is signed in. The token itself lives in sessionStorage (see session-token.ts): it should
// survive a reload and a reconnect, but not outlive the browser tab.
import type { StateCreator } from 'zustand';
import type { UserView } from '../../../shared/protocol/index.js';
import type { AppState } from '../../app/store.js';

export type SessionPhase = 'starting' | 'signed-out' | 'signing-in' | 'signed-in';

export interface LoginSlice {
  session: { phase: SessionPhase; user: UserView | null; error: string | null };
  signingIn(): void;
  signedIn(user: UserView): void;
  signedOut(error?: string | null): void;
}

export const createLoginSlice: StateCreator<AppState, [], [], LoginSlice> = (set) => ({
  session: { phase: 'starting', user: null, error: null },
  signingIn: () => set({ session: { phase: 'signing-in', user: null, error: null } }),
  signedIn: (user) => set({ session: { phase: 'signed-in', user, error: null } }),
  signedOut: (error = null) => set({ session: { phase: 'signed-out', user: null, error } }),
});
