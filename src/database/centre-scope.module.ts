import { Global, Module } from '@nestjs/common';
import { CentreScope } from './centre-scope.js';

/** The one way feature modules reach centre data (see CentreScope). */
@Global()
@Module({
  providers: [CentreScope],
  exports: [CentreScope],
})
export class CentreScopeModule {}
