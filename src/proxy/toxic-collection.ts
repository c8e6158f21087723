import { ApiError } from './api-error.ts';
import type { Link } from './link.ts';
import type { Direction, ToxicRecord } from './toxic-record.ts';

/**
 * The toxics of one proxy, per direction in the order they were added, and the live links they
 * act on. Every change applies at once to every live link of the toxic's direction. Names are
 * unique across both directions. All operations are synchronous and never wait on a link.
 */
export class ToxicCollection {
  private readonly chains: Record<Direction, ToxicRecord[]> = { upstream: [], downstream: [] };
  private readonly links: Record<Direction, Set<Link>> = { upstream: new Set(), downstream: new Set() };

  /** Every toxic: upstream ones first, then downstream, each in insertion order. */
  list(): ToxicRecord[] {
    return [...this.chains.upstream, ...this.chains.downstream];
  }

  /** The toxic named `name`; throws ApiError 404 `toxic not found`. */
  get(name: string): ToxicRecord {
    const found = this.find(name);
    if (!found) throw ApiError.toxicNotFound();
    return found;
  }

  /** True if a toxic of that name exists in either direction. */
  has(name: string): boolean {
    return this.find(name) !== undefined;
  }

  /** The chain a new link of `direction` starts with. */
  chain(direction: Direction): readonly ToxicRecord[] {
    return [...this.chains[direction]];
  }

  /** Adds a toxic; throws ApiError 409 `toxic already exists` if the name is taken. */
  add(toxic: ToxicRecord): void {
    if (this.has(toxic.name)) throw ApiError.toxicExists();
    this.chains[toxic.direction].push(toxic);
    for (const link of this.links[toxic.direction]) link.addToxic(toxic);
  }

  /** Replaces the toxic of the same name (same direction); live links restart its stage. */
  update(toxic: ToxicRecord): void {
    const chain = this.chains[toxic.direction];
    const index = chain.findIndex((t) => t.name === toxic.name);
    if (index < 0) throw ApiError.toxicNotFound();
    chain[index] = toxic;
    for (const link of this.links[toxic.direction]) link.updateToxic(toxic);
  }

  /** Removes a toxic; throws ApiError 404 `toxic not found`. */
  remove(name: string): void {
    const toxic = this.get(name);
    const chain = this.chains[toxic.direction];
    chain.splice(chain.indexOf(toxic), 1);
    for (const link of this.links[toxic.direction]) link.removeToxic(name);
  }

  /** Removes every toxic, first to last, as Toxiproxy's reset does. */
  clear(): void {
    for (const direction of ['upstream', 'downstream'] as const) {
      for (let first = this.chains[direction][0]; first; first = this.chains[direction][0])
        this.remove(first.name);
    }
  }

  /** Starts applying changes to a connection's two links. */
  attach(up: Link, down: Link): void {
    this.links.upstream.add(up);
    this.links.downstream.add(down);
  }

  /** Stops applying changes to a connection's links. */
  detach(up: Link, down: Link): void {
    this.links.upstream.delete(up);
    this.links.downstream.delete(down);
  }

  private find(name: string): ToxicRecord | undefined {
    return (
      this.chains.upstream.find((t) => t.name === name) ?? this.chains.downstream.find((t) => t.name === name)
    );
  }
}
