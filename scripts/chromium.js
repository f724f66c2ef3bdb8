'use strict';
// Debian's Chromium, as the browser tests and the console benchmark drive it (playwright-core; no browser is ever
// downloaded). `.ci/run` installs the package when it is missing.
const fs = require('node:fs');
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Without a GPU, and without Chromium's own calls home, which this network refuses; as root (a container, CI), also
// without the sandbox, which refuses to start as root.
const CHROMIUM_ARGS = [
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** @returns {Promise<import('playwright-core').Browser>} */
async function launchChromium() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

module.exports = { launchChromium };
