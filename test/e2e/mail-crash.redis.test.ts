import { describeMailCrash } from './mail-crash.js';

describeMailCrash('redis');
