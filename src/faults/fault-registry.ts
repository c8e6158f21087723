import type { FaultType, TargetKind } from '../experiment/model.ts';
import type { FaultProvider } from './fault-provider.ts';

/**
 * Maps each target kind to the provider that serves it. Duplicates are rejected when the
 * registry is built, so a misconfigured build fails at start-up, not mid-run.
 */
export class FaultRegistry {
  readonly #byKind = new Map<TargetKind, FaultProvider>();

  constructor(providers: readonly FaultProvider[]) {
    for (const provider of providers) {
      if (this.#byKind.has(provider.targetKind)) {
        throw new Error(
          `two fault providers serve ${provider.targetKind} targets: ${this.#byKind.get(provider.targetKind)?.id} and ${provider.id}`,
        );
      }
      this.#byKind.set(provider.targetKind, provider);
    }
  }

  /** The provider for a target kind; throws when none is registered. */
  forKind(kind: TargetKind): FaultProvider {
    const provider = this.#byKind.get(kind);
    if (!provider) throw new Error(`no fault provider is registered for ${kind} targets`);
    return provider;
  }

  /** True when the provider for `kind` implements `type`. */
  supports(kind: TargetKind, type: FaultType): boolean {
    return this.#byKind.get(kind)?.faultTypes.includes(type) ?? false;
  }

  /** Every registered provider. */
  all(): readonly FaultProvider[] {
    return [...this.#byKind.values()];
  }
}
