'use strict';
// `npm run cli -- <command>` and `npm run migrate`: prepare (services, install, build), then run the command.
const setup = require('./setup');

setup
  .prepare()
  .then(() => setup.cli(process.argv.slice(2)))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
