// Runs once when the server starts: a bad environment or a locked data dir stops it here,
// with one clear message, before any request is served.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startAppOrExit } = await import("./lib/startup");
  await startAppOrExit();
}
