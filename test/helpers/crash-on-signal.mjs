// Preloaded (node --import) into a faultline child by test/run/internal-error.test.ts. On SIGUSR2
// it fails the way a bug in faultline would, outside every promise chain: CRASH_KIND=throw throws
// from a timer, CRASH_KIND=reject leaves a rejected promise unhandled.
process.on('SIGUSR2', () => {
  setTimeout(() => {
    if (process.env.CRASH_KIND === 'reject')
      void Promise.reject(new Error('injected bug (unhandled rejection)'));
    else throw new Error('injected bug (uncaught exception)');
  }, 0);
});
