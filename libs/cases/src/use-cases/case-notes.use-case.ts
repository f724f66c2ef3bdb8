import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/core';
import type { StaffUser } from '@app/identity';
import { CaseStore } from '../case.store';
import { parseCaseNumber } from '../domain/case-number';
import { decideNote, decideTrackingCodeReissue } from '../domain/decide';
import { generateTrackingCode, hashTrackingCode } from '../domain/tracking-code';
import { CreateNoteDto, NoteDto, TrackingCodeDto } from '../dto/case.dto';
import { caseNotFound, scopeOf } from './case-writer';

/** Adds a note: an event of its own, which never conflicts with an edit and needs no If-Match. */
@Injectable()
export class AddNote {
  constructor(private readonly store: CaseStore) {}

  async execute(number: string, command: CreateNoteDto, actor: StaffUser): Promise<NoteDto> {
    parseCaseNumber(number);
    const at = new Date();
    const eventIds = await this.store.appendToCase(number, scopeOf(actor), [decideNote(command)], actor.username, at);
    if (!eventIds) throw caseNotFound(number);
    return {
      id: eventIds[0],
      at: at.toISOString(),
      actor: actor.username,
      body: command.body,
      visibility: command.visibility,
    };
  }
}

/** A new tracking code for a resident who lost theirs; the old one stops working at once. */
@Injectable()
export class ReissueTrackingCode {
  constructor(
    private readonly store: CaseStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(number: string, actor: StaffUser): Promise<TrackingCodeDto> {
    parseCaseNumber(number);
    const trackingCode = generateTrackingCode();
    const eventIds = await this.store.replaceTrackingCode(
      number,
      scopeOf(actor),
      hashTrackingCode(trackingCode, this.config.trackingCodeSecret),
      [decideTrackingCodeReissue()],
      actor.username,
      new Date(),
    );
    if (!eventIds) throw caseNotFound(number);
    return { trackingCode };
  }
}
