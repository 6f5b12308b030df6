// The benchmark's options, from argv (`--scale 0.1`, `--scale=0.1`) or the environment.

function rawOption(name: string, env: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  const inline = process.argv.find((a) => a.startsWith(`--${name}=`));
  return inline ? inline.slice(name.length + 3) : i >= 0 ? process.argv[i + 1] : process.env[env];
}

/** A text option (a file name); undefined when not given. */
export function textOption(name: string, env: string): string | undefined {
  const raw = rawOption(name, env);
  return raw === undefined || raw === '' ? undefined : raw;
}

export function option(name: string, env: string, fallback: number): number {
  const raw = rawOption(name, env);
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`--${name} (${env}) must be a positive number, got "${raw}"`);
    process.exit(1);
  }
  return value;
}
