export interface Label {
  it: string;
  en: string;
}

export interface RequestField {
  name: string;
  kind: 'text' | 'textarea' | 'date' | 'integer' | 'year';
  required: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  label: Label;
}

export interface RequestKind {
  id: 'segnalazione' | 'concorso' | 'fabbisogni-formativi';
  label: Label;
  fields: RequestField[];
}

export interface RequestKinds {
  items: RequestKind[];
  mayFile: boolean;
  comune: { codiceIstat: string; nome: string } | null;
}

export interface QueuedRequest {
  id: number;
  kind: RequestKind['id'];
  codiceIstat: string;
  comuneNome: string;
  username: string;
  displayName: string;
  createdAt: string;
  businessKey: string;
  processDefinitionId: string;
  processInstanceKey: string | null;
  outcome: 'started' | 'correlated';
  summary: string;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED' | null;
}
