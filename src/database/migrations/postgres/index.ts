import * as migration_20261123_112211_initial from './20261123_112211_initial';

export const migrations = [
  {
    up: migration_20261123_112211_initial.up,
    down: migration_20261123_112211_initial.down,
    name: '20261123_112211_initial'
  },
];
