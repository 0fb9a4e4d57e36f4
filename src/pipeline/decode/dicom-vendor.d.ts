/**
 * Minimal types for untyped DICOM vendor packages: the full (encoder) builds of the Cornerstone
 * emscripten codecs, used by test fixtures, and dcmjs. The decoders run in a worker from CommonJS
 * source (dicom-codecs.ts) and need no types. Only the members this project calls are declared.
 */

interface CodecFrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned?: boolean;
}

interface CodecDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): CodecFrameInfo;
  getDecodedBuffer(): Uint8Array;
  delete(): void;
}

interface CodecEncoder {
  getDecodedBuffer(frameInfo: CodecFrameInfo): Uint8Array;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
  delete(): void;
}

/** Options every emscripten module factory accepts; `print`/`printErr` silence OpenJPEG's [INFO] lines. */
interface EmscriptenModuleOptions {
  print?: (text: string) => void;
  printErr?: (text: string) => void;
}

declare module '@cornerstonejs/codec-charls/wasmjs' {
  const factory: (
    options?: EmscriptenModuleOptions,
  ) => Promise<{ JpegLSDecoder: new () => CodecDecoder; JpegLSEncoder: new () => CodecEncoder }>;
  export default factory;
}
declare module '@cornerstonejs/codec-openjpeg/wasmjs' {
  const factory: (options?: EmscriptenModuleOptions) => Promise<{
    J2KDecoder: new () => CodecDecoder;
    J2KEncoder: new () => CodecEncoder & { setDecompositions(levels: number): void };
  }>;
  export default factory;
}

declare module 'dcmjs' {
  /** A denaturalized element: VR plus values, keyed by 8-hex-digit tag in `DicomDict.dict`. */
  interface DcmjsElement {
    vr: string;
    Value?: unknown[];
  }
  type DcmjsDict = Record<string, DcmjsElement>;
  class DicomDict {
    constructor(meta: DcmjsDict);
    meta: DcmjsDict;
    dict: DcmjsDict;
    write(options?: { allowInvalidVRLength?: boolean; fragmentMultiframe?: boolean }): ArrayBuffer;
  }
  const dcmjs: {
    data: {
      DicomDict: typeof DicomDict;
      DicomMessage: {
        readFile(buffer: ArrayBuffer, options?: { ignoreErrors?: boolean; untilTag?: string }): DicomDict;
      };
      DicomMetaDictionary: {
        naturalizeDataset(dict: DcmjsDict): Record<string, unknown>;
        denaturalizeDataset(dataset: Record<string, unknown>): DcmjsDict;
      };
    };
  };
  export default dcmjs;
}
