import { reportSkippedDatabases } from '../helpers/databases'

/** Says up front which database suites this run leaves out, so a skip is never silent. */
export default function setup() {
  reportSkippedDatabases()
}
