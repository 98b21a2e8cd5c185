import { createRequire } from 'node:module';

/** glibc's mallopt parameters (malloc.h) and the values its own policy uses on 64-bit Linux. */
const M_TRIM_THRESHOLD = -1;
const M_MMAP_THRESHOLD = -3;
const M_MMAP_MAX = -4;
const DEFAULT_MMAP_MAX = 65536;
const MMAP_THRESHOLD_MAX = 32 * 2 ** 20;
/** Free memory at the top of the heap that malloc keeps for the next results instead of handing it back. */
const KEPT_FREE_BYTES = 2 ** 30;

interface Libc {
  mallopt(param: number, value: number): number;
  malloc_trim(pad: number): number;
}

let libc: Libc | undefined;

/**
 * Lets query results reuse the memory earlier results freed. glibc's malloc gives every allocation over 32 MB
 * (a result's Arrow stream) a mapping of its own and unmaps it when freed, so each page of the next result is new
 * memory to the kernel, and on a VM whose host backs guest memory only when first touched the same 99,400 page
 * faults of a 400 MB result took 200 ms to 1.8 s (docs/benchmarks.md). Results are served from the heap instead
 * (fromHeap), and up to KEPT_FREE_BYTES of freed heap stays in the process. Setting the trim threshold stops
 * glibc from sliding its thresholds, so the mmap threshold is pinned where they would settle.
 *
 * Called once, before the JVM starts. Skipped where there is no glibc, when GLIBC_TUNABLES sets malloc options,
 * and when FLINKFRAME_MALLOC=system asks to leave malloc as it is.
 */
export function keepFreedMemory(): void {
  if (libc || process.env.FLINKFRAME_MALLOC === 'system' || /glibc\.malloc\./.test(process.env.GLIBC_TUNABLES ?? '')) return;
  libc = loadLibc();
  libc?.mallopt(M_TRIM_THRESHOLD, KEPT_FREE_BYTES);
  libc?.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_MAX);
}

/** Allocates a result's buffer from malloc's heap rather than a mapping of its own (see keepFreedMemory). */
export function fromHeap<T>(allocate: () => T): T {
  if (!libc) return allocate();
  libc.mallopt(M_MMAP_MAX, 0);
  try {
    return allocate();
  } finally {
    libc.mallopt(M_MMAP_MAX, DEFAULT_MMAP_MAX);
  }
}

/** Hands the free memory malloc kept back to the kernel: when a session closes, no result is coming. */
export function releaseFreedMemory(): void {
  libc?.malloc_trim(0);
}

function loadLibc(): Libc | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const koffi = createRequire(import.meta.url)('koffi') as typeof import('koffi');
    const lib = koffi.load('libc.so.6'); // absent with musl: malloc keeps its defaults
    return { mallopt: lib.func('int mallopt(int, int)'), malloc_trim: lib.func('int malloc_trim(size_t)') };
  } catch {
    return undefined;
  }
}
