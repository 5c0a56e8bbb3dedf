import type { PatientContext } from '../../../domain/patient-context';
import type { DocumentationModel } from '../documentation-model';

export interface SectionProps {
  readonly model: DocumentationModel;
  readonly context: PatientContext;
}
