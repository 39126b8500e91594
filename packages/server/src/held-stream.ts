/** A log destination that keeps what is written until `release()`, then passes writes through. */
export interface HeldStream {
  write(chunk: string): boolean;
  release(): void;
}

export function holdUntilReleased(out: { write(chunk: string): boolean }): HeldStream {
  let held: string[] | null = [];
  return {
    write(chunk) {
      if (held) held.push(chunk);
      else out.write(chunk);
      return true;
    },
    release() {
      const lines = held ?? [];
      held = null;
      for (const line of lines) out.write(line);
    },
  };
}
