/**
 * Engine report shapes -> dashboard protocol shapes. Each adapter validates its output with the
 * webview protocol's schema and returns undefined (logged by the caller's absence of a tab) rather
 * than send something the webview would drop.
 */
import {
  WEBVIEW_PROTOCOL_VERSION,
  qualityReport,
  figure,
  labRow,
  type HostMessage,
  type QualityReport,
  type Figure,
} from '../protocol/webview';
import { z } from 'zod';

export function toDashboardQuality(report: Record<string, unknown>): QualityReport | undefined {
  const r = qualityReport.safeParse(report);
  return r.success ? r.data : undefined;
}

export function toDashboardBehaviour(raw: unknown): { figures: Figure[] } | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const figures = (raw as { figures?: unknown }).figures;
  const r = z.array(figure).safeParse(figures);
  return r.success ? { figures: r.data } : undefined;
}

export function toDashboardLab(raw: unknown): HostMessage {
  const results = (raw as { results?: unknown } | undefined)?.results;
  const r = z.array(labRow).safeParse(results);
  if (!r.success) {
    return { v: WEBVIEW_PROTOCOL_VERSION, type: 'labFailed', message: 'The lab finished but its results could not be shown; see lab.json in the run folder.' };
  }
  return { v: WEBVIEW_PROTOCOL_VERSION, type: 'labResult', results: r.data };
}
