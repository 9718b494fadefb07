import type { Contender, Synchronous } from './workload';

/** What the connection that ran the peer's appends reported, read back rather than assumed. */
export interface EmmettSetup {
  journalMode: string;
  synchronous: string;
  sqliteVersion: string;
}

/**
 * The peer lives in test/bench/peers with its own dependencies, installed only for this benchmark; it is
 * loaded at run time, so the product's type check and install never need it.
 */
export interface EmmettPeer {
  openEmmettLikeForLike(file: string, synchronous: Synchronous): Promise<{ contender: Contender; setup: EmmettSetup }>;
  openEmmettDefaults(file: string): Promise<{ contender: Contender; setup: EmmettSetup }>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const loadEmmettPeer = (): EmmettPeer => require('../peers/emmett') as EmmettPeer;
