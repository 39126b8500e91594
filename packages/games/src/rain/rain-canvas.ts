/**
 * The falling packets: sprites drawn on one canvas by requestAnimationFrame, only while the rain
 * runs and the element is on the page. No DOM is read or written per frame — the size comes from a
 * ResizeObserver, the box's position is read once per tap — and the backing store follows
 * devicePixelRatio. The sprites are the picture only: what a tap wins is the server's to say.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface Sprite {
  id: number;
  /** Centre, CSS px. */
  x: number;
  y: number;
  /** Fall speed, px/s, and sideways sway phase. */
  speed: number;
  sway: number;
  /** `falling`; `opening` while the grab is in flight; `opened` with its label; `missed`. */
  state: 'falling' | 'opening' | 'opened' | 'missed';
  label: string;
  /** When it opened or missed (ms, performance clock), to fade it out. */
  since: number;
}

/** A packet's size, CSS px: over the 44 px a finger needs. */
export const PACKET_W = 46;
export const PACKET_H = 58;
const MAX_ON_SCREEN = 14;
const SPAWN_EVERY_MS = 380;
const FADE_MS = 1_100;

/** One packet picture, drawn once per pixel ratio and copied each frame. */
function packetImage(dpr: number): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = Math.ceil(PACKET_W * dpr);
  c.height = Math.ceil(PACKET_H * dpr);
  const g = c.getContext('2d')!;
  g.scale(dpr, dpr);
  g.fillStyle = '#d7261e';
  g.beginPath();
  g.roundRect(1, 1, PACKET_W - 2, PACKET_H - 2, 7);
  g.fill();
  g.fillStyle = '#b81a14';
  g.beginPath();
  g.ellipse(PACKET_W / 2, 1, PACKET_W / 2 - 1, 18, 0, 0, Math.PI);
  g.fill();
  g.fillStyle = '#f7c948';
  g.beginPath();
  g.arc(PACKET_W / 2, 19, 9, 0, Math.PI * 2);
  g.fill();
  g.fillStyle = '#b81a14';
  g.font = 'bold 11px system-ui, sans-serif';
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillText('¥', PACKET_W / 2, 19.5);
  return c;
}

export class RainCanvas implements ReactiveController {
  sprites: Sprite[] = [];
  /** The sprite the keyboard acts on (its id), or -1. */
  focusId = -1;
  /** Whether to draw the focus ring (the canvas has keyboard focus). */
  showFocus = false;
  private canvas: HTMLCanvasElement | null = null;
  private ctx: CanvasRenderingContext2D | null = null;
  private image: HTMLCanvasElement | null = null;
  private observer: ResizeObserver | null = null;
  private frame = 0;
  private last = 0;
  private spawnIn = 0;
  private nextId = 1;
  private width = 0;
  private height = 0;
  private dpr = 1;
  /** The backing store's most pixels per CSS px: 2, or 1 once frames run slow (see `tick`). */
  private maxDpr = 2;
  private slowFrames = 0;
  private frames = 0;
  private colors = { text: '#fff', ring: '#ffd54a' };

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.detach();
  }

  /** Draws on `canvas` from now on (null: stop). */
  attach(canvas: HTMLCanvasElement | null, colors?: { text: string; ring: string }): void {
    if (colors) this.colors = colors;
    if (canvas === this.canvas) return;
    this.detach();
    if (!canvas) return;
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.observer = new ResizeObserver(([entry]) => {
      const box = entry!.contentBoxSize[0]!;
      this.resize(box.inlineSize, box.blockSize);
    });
    this.observer.observe(canvas);
    this.last = performance.now();
    this.frame = requestAnimationFrame(this.tick);
  }

  private detach(): void {
    cancelAnimationFrame(this.frame);
    this.observer?.disconnect();
    this.observer = null;
    this.canvas = null;
    this.ctx = null;
  }

  private resize(width: number, height: number): void {
    this.width = width;
    this.height = height;
    // At most 2: a 3× backing store holds 2.25× the pixels to clear and fill each frame, for
    // packets that move too fast for the difference to show.
    const dpr = Math.min(this.maxDpr, window.devicePixelRatio || 1);
    if (dpr !== this.dpr || !this.image) this.image = packetImage(dpr);
    this.dpr = dpr;
    this.canvas!.width = Math.round(width * dpr);
    this.canvas!.height = Math.round(height * dpr);
  }

  private readonly tick = (now: number): void => {
    this.frame = requestAnimationFrame(this.tick);
    const ms = now - this.last;
    const dt = Math.min(0.05, ms / 1000);
    this.last = now;
    // A slow (or busy) phone: when 12 of 60 frames miss 20 ms, draw at 1× from then on — a quarter
    // of the pixels at 2×, and falling packets look the same.
    if (this.maxDpr > 1) {
      if (ms > 20) this.slowFrames++;
      if (++this.frames % 60 === 0) {
        if (this.slowFrames >= 12) {
          this.maxDpr = 1;
          this.resize(this.width, this.height);
        }
        this.slowFrames = 0;
      }
    }
    this.step(dt, now);
    this.draw(now);
  };

  /** Moves the packets by `dt` seconds, lets new ones in and drops what fell out or faded. */
  private step(dt: number, now: number): void {
    this.spawnIn -= dt * 1000;
    const falling = this.sprites.filter((s) => s.state === 'falling').length;
    // Inside the box, sway (±6 px) included, so no packet is cut by an edge.
    const span = this.width - PACKET_W - 12;
    if (this.spawnIn <= 0 && falling < MAX_ON_SCREEN && span > 0) {
      this.spawnIn = SPAWN_EVERY_MS * (0.6 + Math.random() * 0.8);
      this.sprites.push({
        id: this.nextId++,
        x: PACKET_W / 2 + 6 + Math.random() * span,
        y: -PACKET_H / 2,
        speed: 70 + Math.random() * 70,
        sway: Math.random() * Math.PI * 2,
        state: 'falling',
        label: '',
        since: 0,
      });
    }
    for (const s of this.sprites) if (s.state === 'falling') s.y += s.speed * dt;
    this.sprites = this.sprites.filter((s) =>
      s.state === 'falling' || s.state === 'opening'
        ? s.y - PACKET_H / 2 < this.height
        : now - s.since < FADE_MS,
    );
    if (this.focusId !== -1 && !this.find(this.focusId)) this.moveFocus(0);
  }

  private draw(now: number): void {
    const g = this.ctx;
    if (!g || !this.image) return;
    g.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    g.clearRect(0, 0, this.width, this.height);
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    for (const s of this.sprites) {
      const x = s.x + Math.sin(s.sway + s.y / 60) * 6;
      if (s.state === 'falling' || s.state === 'opening') {
        g.globalAlpha = s.state === 'opening' ? 0.6 : 1;
        g.drawImage(this.image, x - PACKET_W / 2, s.y - PACKET_H / 2, PACKET_W, PACKET_H);
        if (this.showFocus && s.id === this.focusId) {
          g.globalAlpha = 1;
          g.strokeStyle = this.colors.ring;
          g.lineWidth = 3;
          g.strokeRect(x - PACKET_W / 2 - 4, s.y - PACKET_H / 2 - 4, PACKET_W + 8, PACKET_H + 8);
        }
      } else {
        const t = (now - s.since) / FADE_MS;
        g.globalAlpha = Math.max(0, 1 - t);
        g.fillStyle = s.state === 'opened' ? '#f7c948' : this.colors.text;
        g.font = `bold ${s.state === 'opened' ? 20 : 14}px system-ui, sans-serif`;
        g.fillText(s.label, x, s.y - t * 40);
      }
    }
    g.globalAlpha = 1;
  }

  private find(id: number): Sprite | undefined {
    return this.sprites.find((s) => s.id === id);
  }

  /** The falling packet under a point (client px), topmost first, or undefined. */
  hit(clientX: number, clientY: number): Sprite | undefined {
    const box = this.canvas?.getBoundingClientRect();
    if (!box) return undefined;
    const x = clientX - box.left;
    const y = clientY - box.top;
    for (let i = this.sprites.length - 1; i >= 0; i--) {
      const s = this.sprites[i]!;
      const sx = s.x + Math.sin(s.sway + s.y / 60) * 6;
      // A little slack around the packet: a falling target is hard to hit dead on.
      if (
        s.state === 'falling' &&
        Math.abs(x - sx) <= PACKET_W / 2 + 6 &&
        Math.abs(y - s.y) <= PACKET_H / 2 + 6
      )
        return s;
    }
    return undefined;
  }

  /** The packet in keyboard focus, falling. */
  focused(): Sprite | undefined {
    const s = this.find(this.focusId);
    return s?.state === 'falling' ? s : undefined;
  }

  /**
   * Moves keyboard focus `by` packets left (−1) or right (+1) among the falling ones; 0 picks the
   * lowest one (the next to leave the screen, so the first worth grabbing).
   */
  moveFocus(by: -1 | 0 | 1): Sprite | undefined {
    const falling = this.sprites.filter((s) => s.state === 'falling');
    if (!falling.length) {
      this.focusId = -1;
      return undefined;
    }
    let next: Sprite;
    const current = falling.find((s) => s.id === this.focusId);
    if (by === 0 || !current) next = falling.reduce((a, b) => (b.y > a.y ? b : a));
    else {
      const order = falling.sort((a, b) => a.x - b.x);
      next = order[(order.indexOf(current) + by + order.length) % order.length]!;
    }
    this.focusId = next.id;
    return next;
  }

  /** The packet is being opened (the grab is in flight). */
  opening(s: Sprite): void {
    s.state = 'opening';
  }

  /** The grab answered: the packet opens on `label`, or puffs out as missed. */
  settle(s: Sprite, opened: boolean, label: string): void {
    s.state = opened ? 'opened' : 'missed';
    s.label = label;
    s.since = performance.now();
  }
}
