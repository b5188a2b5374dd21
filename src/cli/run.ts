// Runs the CLI from source (tests spawn it with tsx); the installed bin runs the compiled copy of main.ts.
import { main } from './main.js';

await main(process.argv);
