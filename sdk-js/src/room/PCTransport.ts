/**
 * One RTCPeerConnection to the worker, with its offer/answer steps run one at a time and a
 * single `onFailed` signal when the connection is lost for good (ICE failed, or disconnected for
 * longer than `disconnectedGraceMs`: Chromium notices a vanished worker through failing consent
 * checks). The room keeps two: publish (we offer) and subscribe (the worker offers); a call room
 * may add a third, direct to the other participant.
 */
export class PCTransport {
  readonly pc: RTCPeerConnection;
  onFailed: ((reason: string) => void) | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private disconnectedTimer: ReturnType<typeof setTimeout> | undefined;
  private failed = false;

  constructor(
    readonly role: 'publish' | 'subscribe' | 'direct',
    config: RTCConfiguration,
    private readonly disconnectedGraceMs = 5_000,
  ) {
    this.pc = new RTCPeerConnection(config);
    this.pc.addEventListener('connectionstatechange', () => this.onStateChange());
  }

  get connectionState(): RTCPeerConnectionState {
    return this.pc.connectionState;
  }

  /** Runs `step` after every step queued before it, whatever their outcome. */
  serially<T>(step: () => Promise<T>): Promise<T> {
    const result = this.queue.then(step, step);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Creates an offer and sets it as the local description. */
  async createOffer(): Promise<string> {
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    return offer.sdp ?? '';
  }

  async acceptAnswer(sdp: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
  }

  /** Drops a local offer that will not be answered. */
  async rollback(): Promise<void> {
    if (this.pc.signalingState === 'have-local-offer') await this.pc.setLocalDescription({ type: 'rollback' });
  }

  async acceptOffer(sdp: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp });
  }

  async createAnswer(): Promise<string> {
    const answer = await this.pc.createAnswer();
    await this.pc.setLocalDescription(answer);
    return answer.sdp ?? '';
  }

  close(): void {
    clearTimeout(this.disconnectedTimer);
    this.onFailed = undefined;
    this.pc.close();
  }

  private onStateChange(): void {
    const state = this.pc.connectionState;
    if (state === 'failed') {
      this.fail('ICE failed');
    } else if (state === 'disconnected') {
      clearTimeout(this.disconnectedTimer);
      this.disconnectedTimer = setTimeout(() => {
        if (this.pc.connectionState === 'disconnected') this.fail(`disconnected for ${this.disconnectedGraceMs} ms`);
      }, this.disconnectedGraceMs);
    } else {
      clearTimeout(this.disconnectedTimer);
    }
  }

  private fail(reason: string): void {
    if (this.failed) return;
    this.failed = true;
    this.onFailed?.(`${this.role} connection: ${reason}`);
  }
}
