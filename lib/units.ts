// Binary byte units. Bytes are bigint everywhere (quota counters, packages, usage); the few
// float users (the traffic simulator) take Number(GiB).
export const KiB = 1024n;
export const MiB = 1024n * KiB;
export const GiB = 1024n * MiB;
export const TiB = 1024n * GiB;
