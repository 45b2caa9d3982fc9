import { describeSimulatedYear } from './simulated-year.js';

describeSimulatedYear('postgres');
