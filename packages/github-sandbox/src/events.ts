/**
 * Webhook delivery: every change to the sandbox's state emits the event GitHub would send
 * (`issues`, `pull_request`, `push`, ...), with the payload GitHub sets. Listeners see events in
 * order, after the change; the API request that caused an event does not wait for them, and a
 * listener's failure is recorded in `listenerErrors`, never thrown into the request.
 */

/** Who caused an event: a workflow's GITHUB_TOKEN, an App installation, a user, or GitHub itself. */
export interface EventCause {
  kind: 'github-token' | 'app' | 'user' | 'github';
  login: string;
}

export interface DeliveredEvent {
  /** Delivery id (GitHub's `X-GitHub-Delivery`). */
  id: string;
  /** Event name (GitHub's `X-GitHub-Event`): `issues`, `pull_request`, `push`, ... */
  name: string;
  payload: Record<string, unknown>;
  causedBy: EventCause;
  at: string;
}

export type EventListener = (event: DeliveredEvent) => void | Promise<void>;

export interface ListenerError {
  eventId: string;
  error: unknown;
}

export class EventBus {
  readonly events: DeliveredEvent[] = [];
  readonly listenerErrors: ListenerError[] = [];
  private readonly listeners: EventListener[] = [];
  private delivery: Promise<void> = Promise.resolve();
  private lastId = 0;

  constructor(private readonly now: () => string) {}

  onEvent(listener: EventListener): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  emit(name: string, payload: Record<string, unknown>, causedBy: EventCause): DeliveredEvent {
    this.lastId += 1;
    const hex = this.lastId.toString(16).padStart(12, '0');
    const event: DeliveredEvent = { id: `00000000-0000-4000-8000-${hex}`, name, payload, causedBy, at: this.now() };
    this.events.push(event);
    const listeners = [...this.listeners];
    this.delivery = this.delivery.then(async () => {
      for (const listener of listeners) {
        try {
          await listener(event);
        } catch (error) {
          this.listenerErrors.push({ eventId: event.id, error });
        }
      }
    });
    return event;
  }

  /** Resolves once every listener call for the events emitted so far has settled. */
  async idle(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.delivery;
      await current;
    } while (current !== this.delivery);
  }
}
