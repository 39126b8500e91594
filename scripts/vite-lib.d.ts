import type { UserConfig } from 'vite';
/** Library build config for the browser package in `dir`. */
export function libraryConfig(dir: string): UserConfig;
