/**
 * Simulcast: the three layers a camera is published in when the room is a meeting, and the
 * quality a subscriber asks the worker for. Pure functions, no browser API.
 */

/** What a subscriber wants of a simulcast video: the worker forwards at most this layer. */
export type VideoQuality = 'low' | 'medium' | 'high';

/** Qualities as constants, e.g. `VideoQuality.Low`. */
export const VideoQuality = {
  Low: 'low',
  Medium: 'medium',
  High: 'high',
} as const;

/** One layer as `RTCRtpEncodingParameters` takes it. */
export interface SimulcastEncoding {
  readonly rid: 'q' | 'h' | 'f';
  readonly scaleResolutionDownBy: number;
  readonly maxBitrate: number;
  readonly active: boolean;
}

/** The layer names the worker knows, lowest first: quarter, half and full resolution. */
export const SIMULCAST_RIDS = ['q', 'h', 'f'] as const;

/**
 * The three encodings of a camera of `width`×`height` (its settings; 1280×720 when unknown):
 * quarter, half and full resolution, each with a bitrate cap that fits its size (about what
 * Chromium gives such a resolution on its own, so the caps bound a layer rather than starve it).
 */
export function simulcastEncodings(width = 1280, height = 720): SimulcastEncoding[] {
  const full = fullBitrate(Math.max(1, width) * Math.max(1, height));
  return [
    { rid: 'q', scaleResolutionDownBy: 4, maxBitrate: Math.max(80_000, Math.round(full * 0.1)), active: true },
    { rid: 'h', scaleResolutionDownBy: 2, maxBitrate: Math.max(200_000, Math.round(full * 0.33)), active: true },
    { rid: 'f', scaleResolutionDownBy: 1, maxBitrate: full, active: true },
  ];
}

/** Bits per second for the full layer, by pixels: 1.7 Mb/s at 720p, 1.2 at 540p, 0.6 at 360p. */
function fullBitrate(pixels: number): number {
  if (pixels >= 1920 * 1080) return 3_000_000;
  if (pixels >= 1280 * 720) return 1_700_000;
  if (pixels >= 960 * 540) return 1_200_000;
  if (pixels >= 640 * 360) return 600_000;
  return 300_000;
}

/** A layer the worker asks the publisher to send (`active`) or pause, from a `publishLayers` frame. */
export interface LayerActivity {
  readonly rid: string;
  readonly active: boolean;
}

/**
 * The sender's encodings with `active` set as the worker asked: layers it names take its
 * `active`, the others stay as they are. Answers null when nothing changes.
 */
export function applyLayerActivity<E extends { rid?: string; active?: boolean }>(
  encodings: readonly E[],
  layers: readonly LayerActivity[],
): E[] | null {
  let changed = false;
  const next = encodings.map((encoding) => {
    const wanted = layers.find((l) => l.rid === encoding.rid);
    if (!wanted || (encoding.active ?? true) === wanted.active) return encoding;
    changed = true;
    return { ...encoding, active: wanted.active };
  });
  return changed ? next : null;
}

/**
 * The quality a video element of `width`×`height` CSS pixels needs on a screen of
 * `devicePixelRatio`: low up to 240 device pixels tall (thumbnails), medium up to 540, high above.
 * A hidden element (0×0) needs low.
 */
export function qualityForElementSize(width: number, height: number, devicePixelRatio = 1): VideoQuality {
  const ratio = devicePixelRatio > 0 ? devicePixelRatio : 1;
  const tall = Math.max(height, (width * 9) / 16) * ratio;
  if (tall <= 240) return 'low';
  if (tall <= 540) return 'medium';
  return 'high';
}
