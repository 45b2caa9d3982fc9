import { applyDecorators, Controller, Header, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { VNode } from 'preact';
import { renderDocument } from '../ui/render.js';
import { WebExceptionFilter } from './web-exception.filter.js';

/**
 * A controller of pages: left out of the OpenAPI document, and its errors become pages (sign-in for an anonymous
 * visit, a 404 page…) rather than problem+json.
 */
export function WebController(path = ''): ClassDecorator {
  return applyDecorators(Controller(path), ApiExcludeController(), UseFilters(WebExceptionFilter));
}

/** A handler that answers HTML, never cached (pages carry personal data and the CSRF token). */
export function Html(): MethodDecorator {
  return applyDecorators(Header('Content-Type', 'text/html; charset=utf-8'), Header('Cache-Control', 'no-store'));
}

/** A page's answer: the rendered document. */
export function html(document: VNode): string {
  return renderDocument(document);
}
