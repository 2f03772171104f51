/** A port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export function freePort(): Promise<number>;
