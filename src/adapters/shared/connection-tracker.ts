import type { ConnectionState } from "../../core/chat/chat-adapter.js";

/** Follows one platform connection going up and down, remembering when it last changed. */
export interface ConnectionTracker {
  /** The connection is up (ready, resumed, listening). */
  up(): void;
  /** The connection is down (closed, reconnecting, stopped); the first `down` after an `up` starts the clock. */
  down(): void;
  /** The current state, for ChatAdapter.connection(). */
  state(): ConnectionState;
}

/** A tracker that starts disconnected (not started yet); `now` is the source of time (default the system clock). */
export function createConnectionTracker(now: () => Date = () => new Date()): ConnectionTracker {
  let state: ConnectionState = { connected: false, since: now().toISOString() };
  const set = (connected: boolean) => {
    if (state.connected !== connected) state = { connected, since: now().toISOString() };
  };
  return { up: () => set(true), down: () => set(false), state: () => ({ ...state }) };
}
