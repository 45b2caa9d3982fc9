import { describeSimulatedYear } from './simulated-year.js';

describeSimulatedYear('redis');
