import type {
  AlarmDutyRole,
  AlarmKind,
  AlarmNoteKind,
  AlarmOutcome,
  AlarmSource,
  AlarmStatus,
} from '@yiyang/contracts';

/** `GET /alarms` items (server alarm.schema.ts alarmView). */
export interface AlarmView {
  id: string;
  status: AlarmStatus;
  source: AlarmSource;
  kind: AlarmKind;
  regionCode: string;
  deviceId: string | null;
  deviceSerial: string | null;
  elderIds: string[];
  elderNameMasked: string | null;
  position: { lat: number; lng: number } | null;
  occurredAt: string;
  receivedAt: string;
  repeatCount: number;
  lastSeenAt: string;
  seat: { id: string; name: string } | null;
  acknowledgedAt: string | null;
  dispatchKind: string | null;
  externalService: string | null;
  responder: { id: string; name: string } | null;
  dispatchedAt: string | null;
  acceptedAt: string | null;
  arrivedAt: string | null;
  arriveDistanceM: number | null;
  closedAt: string | null;
  outcome: AlarmOutcome | null;
  closeNote: string | null;
  followUpOrderId: string | null;
  escalationLevel: number;
  commands: string[];
}

export interface AlarmElder {
  id: string;
  nameMasked: string;
  sex: string | null;
  age: number | null;
  phoneMasked: string | null;
  addressMasked: string | null;
  regionName: string | null;
  livingSituation: string | null;
  home: { lat: number; lng: number } | null;
  health: { chronicDiseaseCount: number; hasAllergies: boolean; familyDoctorSigned: boolean } | null;
  contacts: { name: string; relationship: string; phoneMasked: string | null }[];
  address: string | null;
  phone: string | null;
}

/** `GET /alarms/{id}`: the screen pop. */
export interface AlarmDetail extends AlarmView {
  elders: AlarmElder[];
  timeline: { action: string; byName: string | null; at: string }[];
  notes: {
    id: string;
    kind: AlarmNoteKind;
    body: string;
    numberMasked: string | null;
    byName: string;
    at: string;
  }[];
  ladder: { step: string; attempt: number; dueAt: string; firedAt: string | null; result: string | null }[];
  notifications: { channel: string; template: string; to: string | null; sentAt: string }[];
  history: {
    id: string;
    kind: AlarmKind;
    status: AlarmStatus;
    outcome: AlarmOutcome | null;
    receivedAt: string;
  }[];
}

export interface RankedResponder {
  userId: string;
  name: string;
  regionCode: string;
  distanceKm: number | null;
  tried: boolean;
  busy: boolean;
}

export interface RevealedMedical {
  elderId: string;
  health: {
    chronicDiseases: string[];
    allergies: string[];
    medications: string[];
    familyDoctor: { signed: boolean; doctorName?: string | null; institution?: string | null } | null;
  } | null;
  phone: string | null;
  address: string | null;
  family: { name: string; phone: string | null }[];
}

export interface DutyView {
  mine: { id: string; role: AlarmDutyRole; startsAt: string } | null;
  roles: AlarmDutyRole[];
  onDuty: {
    userId: string;
    name: string;
    role: AlarmDutyRole;
    regionCode: string;
    startsAt: string;
    endsAt: string | null;
  }[];
}
