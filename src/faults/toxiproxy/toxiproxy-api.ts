/** A proxy as the Toxiproxy API shows it. */
export interface ProxyInfo {
  readonly name: string;
  readonly listen: string;
  readonly upstream: string;
  readonly enabled: boolean;
  readonly toxics: readonly ToxicInfo[];
}

/** A toxic as the Toxiproxy API shows it (attribute names as on the wire). */
export interface ToxicInfo {
  readonly name: string;
  readonly type: string;
  readonly stream: 'upstream' | 'downstream';
  readonly toxicity: number;
  readonly attributes: Readonly<Record<string, number>>;
}

/**
 * The narrow port faultline needs from a Toxiproxy server (real or embedded). `undefined`
 * results mean "not there" (404); every other failure throws.
 */
export interface ToxiproxyApi {
  readonly url: string;
  version(): Promise<string>;
  proxies(): Promise<ProxyInfo[]>;
  proxy(name: string): Promise<ProxyInfo | undefined>;
  populate(
    proxies: readonly { name: string; listen: string; upstream: string; enabled: boolean }[],
  ): Promise<void>;
  setEnabled(proxy: ProxyInfo, enabled: boolean): Promise<void>;
  addToxic(proxy: string, toxic: ToxicInfo): Promise<void>;
  /** Removes a toxic; false when it was already gone. */
  removeToxic(proxy: string, toxic: string): Promise<boolean>;
  /** Removes a proxy; false when it was already gone. */
  removeProxy(proxy: string): Promise<boolean>;
}
