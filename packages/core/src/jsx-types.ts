/**
 * Framework typings for custom elements, written without React's or Vue's own types, so they
 * type-check in a project that has neither (each package's `jsx.d.ts` applies them to its tags).
 *
 * - React 19 sets a prop as a property when the element has it (`config={…}`) and listens to
 *   `on<event>` props (`ononair-vote={…}` listens to `onair-vote`).
 * - Vue's templates turn `@onair-vote` into an `onOnairVote` prop.
 */

/** `onair-vote` → `OnairVote`. */
type Pascal<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${Pascal<Tail>}`
  : Capitalize<S>;

/** What every element takes in markup, whatever the framework. */
interface CommonAttributes {
  id?: string;
  slot?: string;
  lang?: string;
  hidden?: boolean;
  part?: string;
  children?: unknown;
}

/** The JSX props of element `E`: its properties `P`, its events `V`, and `class`/`key`/`ref`. */
export type ReactElementProps<E, P extends keyof E, V extends keyof HTMLElementEventMap> = CommonAttributes &
  Partial<Pick<E, P>> & {
    className?: string;
    style?: Record<string, string | number>;
    key?: string | number | bigint | null;
    ref?: { current: E | null } | ((element: E | null) => void) | null;
  } & { [K in V as `on${K}`]?: (event: HTMLElementEventMap[K]) => void };

/** A Vue `GlobalComponents` entry for element `E`: its properties `P` and its events `V`. */
export type VueElement<E, P extends keyof E, V extends keyof HTMLElementEventMap> = new () => {
  $props: CommonAttributes &
    Partial<Pick<E, P>> & { class?: unknown; style?: unknown } & {
      [K in V as `on${Pascal<K>}`]?: (event: HTMLElementEventMap[K]) => void;
    };
};
