'use strict';
// Describes the machine a benchmark ran on, so that figures are never quoted without it.
const os = require('node:os');

function describeMachine() {
  const cpus = os.cpus();
  return {
    cpu: `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

module.exports = { describeMachine };
