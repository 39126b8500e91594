/** Package version, compared by `define()` when two bundles register the same tag. */
export const VERSION = '0.1.0';
