import { describeMailRoundTrip } from './mail-round-trip.js';

describeMailRoundTrip('postgres');
