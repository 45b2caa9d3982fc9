import { describeMailDrill } from './mail-drill.expect.js';

describeMailDrill('redis', [{ withDatabase: false }]);
