import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { API } from '../common/api.js';
import { CsvUploadMiddleware } from './csv-upload.middleware.js';
import { ImportsController } from './imports.controller.js';
import { PartnerImportService } from './partner-import.service.js';

/** The routes that take a CSV upload: the API's and the import page's form. */
export const CSV_UPLOAD_ROUTES = [
  { path: `${API}/import/partners`, method: RequestMethod.POST },
  { path: 'partners/import', method: RequestMethod.POST },
];

/** Partners and their contacts from a CSV file: the API route and the service the import page calls. */
@Module({
  controllers: [ImportsController],
  providers: [PartnerImportService],
  exports: [PartnerImportService],
})
export class ImportsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CsvUploadMiddleware).forRoutes(...CSV_UPLOAD_ROUTES);
  }
}
