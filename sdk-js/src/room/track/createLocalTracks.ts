import { CpaasError } from '../../api/CpaasError.js';
import { SignalProblemType } from '../signal/SignalProblemType.js';
import { LocalTrack } from './LocalTrack.js';

/** What to capture; `true` takes the browser's default device. */
export interface CaptureOptions {
  readonly audio?: boolean | MediaTrackConstraints;
  readonly video?: boolean | MediaTrackConstraints;
}

/** Default camera capture: 640x360 at 24 fps keeps the SFU path light and looks fine in a grid. */
export const DEFAULT_VIDEO: MediaTrackConstraints = { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 24 } };

/** Captures camera and/or microphone; a denial or a missing device is a CpaasError of type device-failed. */
export async function createLocalTracks(options: CaptureOptions = { audio: true, video: true }): Promise<LocalTrack[]> {
  const constraints: MediaStreamConstraints = {
    audio: options.audio ?? false,
    video: options.video === true ? DEFAULT_VIDEO : (options.video ?? false),
  };
  const stream = await capture(() => navigator.mediaDevices.getUserMedia(constraints), 'camera or microphone');
  return stream.getTracks().map((track) => new LocalTrack(track, track.kind === 'audio' ? 'microphone' : 'camera'));
}

/** Captures a screen, window or tab (`getDisplayMedia`), with its audio when `audio` is true and offered. */
export async function createScreenTracks(options: { audio?: boolean } = {}): Promise<LocalTrack[]> {
  if (!navigator.mediaDevices?.getDisplayMedia) {
    throw deviceError('screen', new Error('getDisplayMedia is not available in this browser'));
  }
  const stream = await capture(
    () => navigator.mediaDevices.getDisplayMedia({ video: true, audio: options.audio ?? false }),
    'screen',
  );
  return stream.getTracks().map((track) => new LocalTrack(track, track.kind === 'audio' ? 'screen_audio' : 'screen'));
}

/** Runs a capture call, turning its DOMException into a CpaasError that says what to do. */
export async function capture(call: () => Promise<MediaStream>, what: string): Promise<MediaStream> {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices) {
    throw deviceError(what, new Error('navigator.mediaDevices is missing: the page must be served over https or from localhost'));
  }
  try {
    return await call();
  } catch (error) {
    throw deviceError(what, error);
  }
}

function deviceError(what: string, cause: unknown): CpaasError {
  const name = cause instanceof Error ? cause.name : '';
  const message = cause instanceof Error ? cause.message : String(cause);
  const hint =
    name === 'NotAllowedError' || name === 'SecurityError'
      ? `access to the ${what} was denied; ask the user to allow it in the browser's site settings`
      : name === 'NotFoundError' || name === 'OverconstrainedError'
        ? `no ${what} matching the request was found`
        : name === 'NotReadableError'
          ? `the ${what} is in use by another application`
          : `the ${what} could not be captured`;
  return new CpaasError({
    type: SignalProblemType.DeviceFailed,
    title: `Cannot capture the ${what}`,
    detail: `${hint} (${name || 'Error'}: ${message})`,
    cause,
  });
}
