import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyLayerActivity, qualityForElementSize, simulcastEncodings } from './simulcast.js';

describe('simulcastEncodings', () => {
  it('gives quarter, half and full resolution, lowest first, all active', () => {
    const encodings = simulcastEncodings(1280, 720);
    assert.deepEqual(
      encodings.map((e) => [e.rid, e.scaleResolutionDownBy, e.active]),
      [
        ['q', 4, true],
        ['h', 2, true],
        ['f', 1, true],
      ],
    );
  });

  it('caps each layer below the next, and the full layer by the camera size', () => {
    const hd = simulcastEncodings(1280, 720).map((e) => e.maxBitrate);
    assert.deepEqual(hd, [170_000, 561_000, 1_700_000]);
    const small = simulcastEncodings(320, 240).map((e) => e.maxBitrate);
    assert.deepEqual(small, [80_000, 200_000, 300_000]);
    for (const caps of [hd, small, simulcastEncodings(960, 540).map((e) => e.maxBitrate)]) {
      assert.ok(caps[0]! < caps[1]! && caps[1]! < caps[2]!, `${caps}`);
    }
  });

  it('assumes 720p when the camera does not say its size', () => {
    assert.deepEqual(simulcastEncodings(), simulcastEncodings(1280, 720));
  });
});

describe('applyLayerActivity', () => {
  const encodings = [
    { rid: 'q', active: true, maxBitrate: 1 },
    { rid: 'h', active: true, maxBitrate: 2 },
    { rid: 'f', maxBitrate: 3 },
  ];

  it('pauses and resumes the named layers and keeps the rest of each encoding', () => {
    const next = applyLayerActivity(encodings, [
      { rid: 'h', active: false },
      { rid: 'f', active: false },
    ]);
    assert.deepEqual(next, [
      { rid: 'q', active: true, maxBitrate: 1 },
      { rid: 'h', active: false, maxBitrate: 2 },
      { rid: 'f', active: false, maxBitrate: 3 },
    ]);
    assert.deepEqual(applyLayerActivity(next!, [{ rid: 'h', active: true }])?.map((e) => e.active), [true, true, false]);
  });

  it('answers null when nothing changes (a missing active counts as active), and ignores unknown rids', () => {
    assert.equal(applyLayerActivity(encodings, [{ rid: 'f', active: true }]), null);
    assert.equal(applyLayerActivity(encodings, [{ rid: 'x', active: false }]), null);
    assert.equal(applyLayerActivity([], [{ rid: 'q', active: false }]), null);
  });
});

describe('qualityForElementSize', () => {
  it('asks low for thumbnails, medium for tiles, high for large views', () => {
    assert.equal(qualityForElementSize(160, 90), 'low');
    assert.equal(qualityForElementSize(320, 240), 'low');
    assert.equal(qualityForElementSize(640, 360), 'medium');
    assert.equal(qualityForElementSize(1280, 720), 'high');
  });

  it('counts device pixels, and a hidden element needs low', () => {
    assert.equal(qualityForElementSize(320, 180, 2), 'medium');
    assert.equal(qualityForElementSize(640, 360, 2), 'high');
    assert.equal(qualityForElementSize(0, 0), 'low');
    assert.equal(qualityForElementSize(320, 180, 0), 'low');
  });
});
