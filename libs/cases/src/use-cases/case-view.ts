import { slaStateOf } from '@app/routing';
import { CaseState } from '../domain/case';
import { isOpen } from '../domain/case-status';
import { isEscalated } from '../domain/sla-timers';
import { CaseDto } from '../dto/case.dto';

/** A case as staff see it; its SLA state is worked out for `now`, never stored (it would go stale). */
export function toCaseDto(state: CaseState, now: Date = new Date()): CaseDto {
  return {
    id: state.id,
    number: state.number,
    status: state.status,
    channel: state.channel,
    categoryCode: state.categoryCode,
    unitCode: state.unitCode,
    assignee: state.assignee,
    priority: state.priority,
    subject: state.subject,
    description: state.description,
    resident: state.resident,
    location: state.location,
    resolution: state.resolution,
    attributes: state.attributes,
    mediaUrl: state.mediaUrl,
    receivedAt: state.receivedAt.toISOString(),
    createdAt: state.createdAt.toISOString(),
    updatedAt: state.updatedAt.toISOString(),
    dueDate: state.dueDate,
    dueAt: state.dueAt?.toISOString() ?? null,
    sla: slaStateOf(state.dueAt, isOpen(state.status), now),
    escalated: isEscalated(state),
    resolvedAt: state.resolvedAt?.toISOString() ?? null,
    closedAt: state.closedAt?.toISOString() ?? null,
    version: state.version,
  };
}
