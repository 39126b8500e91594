// The shared library build (minified ESM, production `define`, one bundle per `exports` entry).
// @onair/telemetry has no dependencies, so nothing is externalized.
import { libraryConfig } from '../../scripts/vite-lib.js';

export default libraryConfig(import.meta.dirname);
