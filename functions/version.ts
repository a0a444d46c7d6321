import packageJson from '../package.json' with { type: 'json' };

/** The product version, from package.json, reported by health checks and stamped on runs. */
export const productVersion: string = packageJson.version;
