/**
 * De-identification for DICOM bytes kept by the conversation store. This is a conservative subset of
 * the PS3.15 Basic Profile: whole patient/visit groups, every person name, date and time, named
 * institution/operator/request identifiers and all private tags are removed; geometry, pixel and
 * acquisition tags stay so the image decodes exactly as before. UIDs are kept because series
 * assembly needs them.
 */
import dcmjs from 'dcmjs';
import { ErrorCode, InputError } from '../../errors.js';

const DEFLATED_EXPLICIT_LITTLE_ENDIAN = '1.2.840.10008.1.2.1.99';
const EXPLICIT_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

type DcmjsDict = Record<string, { vr: string; Value?: unknown[] }>;

/** Groups that hold only patient, visit, study-component or results information. */
const REMOVED_GROUPS = new Set(['0010', '0032', '0038', '4008']);

/** Value representations that carry names or dates/times: always removed. */
const REMOVED_VRS = new Set(['PN', 'DA', 'DT', 'TM']);

const REMOVED_TAGS = new Set([
  '00080050', // AccessionNumber
  '00080080', // InstitutionName
  '00080081', // InstitutionAddress
  '00080082', // InstitutionCodeSequence
  '00080090', // ReferringPhysicianName
  '00080092', // ReferringPhysicianAddress
  '00080094', // ReferringPhysicianTelephoneNumbers
  '00081010', // StationName
  '00081040', // InstitutionalDepartmentName
  '00081048', // PhysiciansOfRecord
  '00081050', // PerformingPhysicianName
  '00081060', // NameOfPhysiciansReadingStudy
  '00081070', // OperatorsName
  '00081080', // AdmittingDiagnosesDescription
  '00081120', // ReferencedPatientSequence
  '00181000', // DeviceSerialNumber
  '00181030', // ProtocolName (often carries local free text)
  '00200010', // StudyID
  '00204000', // ImageComments
  '00400241', // PerformedStationAETitle
  '00400242', // PerformedStationName
  '00400243', // PerformedLocation
  '00400253', // PerformedProcedureStepID
  '00400254', // PerformedProcedureStepDescription
  '00401001', // RequestedProcedureID
  '0040A124', // UID of the person observer
  '0040A730', // ContentSequence (structured reports may quote names)
]);

function isPrivate(tag: string): boolean {
  return Number.parseInt(tag.slice(0, 4), 16) % 2 === 1;
}

function scrub(dict: DcmjsDict): void {
  for (const [tag, element] of Object.entries(dict)) {
    const upper = tag.toUpperCase();
    if (
      isPrivate(upper) ||
      REMOVED_GROUPS.has(upper.slice(0, 4)) ||
      REMOVED_TAGS.has(upper) ||
      REMOVED_VRS.has(element.vr)
    ) {
      delete dict[tag];
      continue;
    }
    if (element.vr === 'SQ') {
      for (const item of element.Value ?? []) {
        if (item && typeof item === 'object') scrub(item as DcmjsDict);
      }
    }
  }
}

/**
 * Returns a de-identified copy of a DICOM Part 10 file, pixel data untouched, in the same transfer
 * syntax (except deflated files, which come back as Explicit VR Little Endian).
 * Throws InputCorrupt when the file cannot be parsed (it would not decode either).
 */
export function deidentifyDicom(bytes: Uint8Array): Uint8Array {
  let file: InstanceType<typeof dcmjs.data.DicomDict>;
  try {
    const copy = bytes.slice(); // dcmjs wants an ArrayBuffer of exactly this file
    file = dcmjs.data.DicomMessage.readFile(copy.buffer);
  } catch (error) {
    throw new InputError(ErrorCode.InputCorrupt, 'This DICOM file is damaged and cannot be stored safely.', {
      cause: error,
      detail: error instanceof Error ? error.message : String(error),
    });
  }
  scrub(file.dict);
  // The meta header has no patient tags, but source AE titles can name a site.
  delete file.meta['00020016'];
  delete file.meta['00020017'];
  delete file.meta['00020018'];
  file.dict['00120062'] = { vr: 'CS', Value: ['YES'] }; // PatientIdentityRemoved
  if (file.meta['00020010']?.Value?.[0] === DEFLATED_EXPLICIT_LITTLE_ENDIAN) {
    // dcmjs reads deflated files but writes a stream it cannot read back; store it inflated instead.
    file.meta['00020010'] = { vr: 'UI', Value: [EXPLICIT_LITTLE_ENDIAN] };
  }
  return new Uint8Array(file.write());
}
