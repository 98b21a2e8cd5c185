/**
 * danfojs-node, loaded on first use: it loads TensorFlow.js (seconds, and warnings), which a flinkframe user who
 * never converts to or from Danfo should not pay for.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let loaded: Promise<any> | undefined;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function loadDanfo(): Promise<any> {
  return (loaded ??= import('danfojs-node').then((m: any) => m.default ?? m));
}
