import {describe, expect, it} from 'vitest';
import {stepSlide, stepWindow} from '../../source/ui/window-steps.js';

const s = 1000;

describe('window and slide keys', () => {
  it('step the window through the presets', () => {
    expect(stepWindow({windowMs: 20 * s, slideMs: 10 * s}, 1)).toEqual({
      windowMs: 30 * s,
      slideMs: 10 * s,
    });
    expect(stepWindow({windowMs: 25 * s, slideMs: 5 * s}, -1).windowMs).toBe(20 * s);
    expect(stepWindow({windowMs: 3600 * s, slideMs: 10 * s}, 1).windowMs).toBe(3600 * s);
  });

  it('shrink the slide when the window would become shorter than it', () => {
    expect(stepWindow({windowMs: 20 * s, slideMs: 20 * s}, -1)).toEqual({
      windowMs: 10 * s,
      slideMs: 10 * s,
    });
  });

  it('never make the slide longer than the window', () => {
    expect(stepSlide({windowMs: 20 * s, slideMs: 10 * s}, 1)).toEqual({
      windowMs: 20 * s,
      slideMs: 15 * s,
    });
    expect(stepSlide({windowMs: 10 * s, slideMs: 10 * s}, 1)).toEqual({
      windowMs: 10 * s,
      slideMs: 10 * s,
    });
    expect(stepSlide({windowMs: 10 * s, slideMs: 1 * s}, -1).slideMs).toBe(1 * s);
  });
});
