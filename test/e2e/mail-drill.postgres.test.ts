import { describeMailDrill } from './mail-drill.expect.js';

describeMailDrill('postgres', [{ withDatabase: false }, { withDatabase: true }]);
