/**
 * The parts of Floating UI the details popover uses, as the module it loads on demand. Loading
 * `@floating-ui/dom` itself with `import()` would bring every export of it: bundlers cannot tell
 * which names a dynamic import's caller reads, so they tree-shake nothing behind it.
 */
export { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
