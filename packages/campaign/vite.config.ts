import { libraryConfig } from '../../scripts/vite-lib.js';

export default libraryConfig(import.meta.dirname);
