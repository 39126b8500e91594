/** specifier → absolute source path, for every `@onair/*` and `onair` export. */
export function workspaceAliases(): Record<string, string>;
/** Vite/Vitest `resolve.alias` entries (exact matches). */
export function viteAliases(): { find: RegExp; replacement: string }[];
