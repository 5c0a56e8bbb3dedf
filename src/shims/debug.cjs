/**
 * Replaces the `debug` package inside fhirclient. Its log lines include token responses; PeerBridge
 * never logs tokens, so the logger is a no-op that cannot be switched on from localStorage.
 * CommonJS, because fhirclient calls `require("debug")(...)` directly.
 */
function createDebugger() {
  const log = function () {};
  log.extend = createDebugger;
  log.enabled = false;
  return log;
}

module.exports = function debug() {
  return createDebugger();
};
