/** Where the database is: `--db PATH`, else the PARLEY_DB environment variable, else ./parley.db. */
export const DEFAULT_DATABASE_PATH = './parley.db';
export const DATABASE_ENV = 'PARLEY_DB';

export function resolveDatabasePath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag !== undefined && flag !== '') return flag;
  const fromEnv = env[DATABASE_ENV];
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : DEFAULT_DATABASE_PATH;
}
