/** The toxics on a Toxiproxy server (by its API URL) that belong to a run: named `faultline-<run>-…`. */
export async function toxicsOfRun(url: string, runId: string): Promise<string[]> {
  const proxies = (await (await fetch(`${url}/proxies`)).json()) as Record<
    string,
    { toxics: { name: string }[] }
  >;
  return Object.values(proxies).flatMap((p) =>
    p.toxics.map((t) => t.name).filter((n) => n.startsWith(`faultline-${runId}-`)),
  );
}
