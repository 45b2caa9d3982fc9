import { describeMailDelivery } from './mail-delivery.js';

describeMailDelivery('redis');
