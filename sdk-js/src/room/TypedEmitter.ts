/**
 * The constraint on an emitter's event map: each event name maps to the signature of its
 * listeners, e.g. `{ connected: () => void; dataReceived: (payload: Uint8Array, from: string) => void }`.
 * Written as a mapped type so that interfaces qualify, not only type aliases.
 */
export type EventMap<Events> = { [E in keyof Events]: (...args: never[]) => void };

/** Called when a listener throws; the default rethrows asynchronously (see {@link TypedEmitter}). */
export type ListenerErrorHandler = (error: unknown, event: string) => void;

export interface TypedEmitterOptions {
  readonly onListenerError?: ListenerErrorHandler;
}

interface Registration<L> {
  readonly listener: L;
  readonly once: boolean;
}

/**
 * A minimal, dependency-free event emitter whose event names and listener arguments are
 * checked against `Events`.
 *
 * A listener that throws does not stop the others nor the code that emitted: its error goes to
 * `onListenerError`, which by default rethrows it on a fresh microtask so it still reaches
 * `window.onerror` / the console.
 */
export class TypedEmitter<Events extends EventMap<Events>> {
  private readonly listeners = new Map<keyof Events, Registration<Events[keyof Events]>[]>();
  private readonly onListenerError: ListenerErrorHandler;

  constructor(options: TypedEmitterOptions = {}) {
    this.onListenerError = options.onListenerError ?? rethrowAsync;
  }

  /** Adds `listener` for `event`; it is called on every emit until removed. */
  on<E extends keyof Events>(event: E, listener: Events[E]): this {
    return this.add(event, listener, false);
  }

  /** Adds `listener` for `event`; it is removed before its first call. */
  once<E extends keyof Events>(event: E, listener: Events[E]): this {
    return this.add(event, listener, true);
  }

  /** Removes one registration of `listener` for `event` (the latest one added), if any. */
  off<E extends keyof Events>(event: E, listener: Events[E]): this {
    const registrations = this.listeners.get(event) ?? [];
    for (let i = registrations.length - 1; i >= 0; i--) {
      const registration = registrations[i];
      if (registration?.listener === listener) {
        this.remove(event, registration);
        break;
      }
    }
    return this;
  }

  /** Removes every listener of `event`, or of all events when none is given. */
  removeAllListeners(event?: keyof Events): this {
    if (event === undefined) this.listeners.clear();
    else this.listeners.delete(event);
    return this;
  }

  listenerCount(event: keyof Events): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  /**
   * Calls the listeners of `event` in the order they were added, with `args`.
   * Listeners added or removed while emitting take effect from the next emit.
   * Returns whether there was any listener.
   */
  emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): boolean {
    const registrations = this.listeners.get(event);
    if (!registrations || registrations.length === 0) return false;
    for (const registration of registrations) {
      // A once-listener already called by a nested emit of the same event is skipped here.
      if (registration.once && !this.remove(event, registration)) continue;
      try {
        (registration.listener as (...a: Parameters<Events[E]>) => void)(...args);
      } catch (error) {
        this.onListenerError(error, String(event));
      }
    }
    return true;
  }

  private add<E extends keyof Events>(event: E, listener: Events[E], once: boolean): this {
    // Copy on write: an emit in progress keeps iterating the array it started with.
    const registrations = this.listeners.get(event) ?? [];
    this.listeners.set(event, [...registrations, { listener, once }]);
    return this;
  }

  /** Removes `registration`; returns whether it was still registered. */
  private remove(event: keyof Events, registration: Registration<Events[keyof Events]>): boolean {
    const registrations = this.listeners.get(event) ?? [];
    const remaining = registrations.filter((r) => r !== registration);
    if (remaining.length === registrations.length) return false;
    if (remaining.length === 0) this.listeners.delete(event);
    else this.listeners.set(event, remaining);
    return true;
  }
}

function rethrowAsync(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}
