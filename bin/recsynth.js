#!/usr/bin/env node
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const cli = join(__dirname, '..', 'dist', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('recsynth: dist/cli.js is missing. Run `npm run build` in the RecSynth folder first.\n');
  process.exit(1);
}
require(cli).cliEntry();
