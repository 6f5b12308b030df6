// The benchmark's numeric options, from argv (`--scale 0.1`, `--scale=0.1`) or the environment.

export function option(name: string, env: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const inline = process.argv.find((a) => a.startsWith(`--${name}=`));
  const raw = inline ? inline.slice(name.length + 3) : i >= 0 ? process.argv[i + 1] : process.env[env];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`--${name} (${env}) must be a positive number, got "${raw}"`);
    process.exit(1);
  }
  return value;
}
