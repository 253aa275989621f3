package io.saccade.preprocess.ingress;

/** What ingress did with datagrams that were not dropped, counted. */
public enum IngressEvent {
    /** Datagrams received, dropped or not. */
    DATAGRAMS,
    /** Fragments that brought new data. */
    FRAGMENTS_ACCEPTED,
    /** Fragments of frames already complete: late parity and relayed copies. Expected, not an error. */
    FRAGMENTS_UNNEEDED,
    /** Fragments forwarded to peer nodes (counted once per peer). */
    FRAGMENTS_RELAYED
}
