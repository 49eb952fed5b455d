import * as migration_20261123_112207_initial from './20261123_112207_initial';

export const migrations = [
  {
    up: migration_20261123_112207_initial.up,
    down: migration_20261123_112207_initial.down,
    name: '20261123_112207_initial'
  },
];
