/** The parts of the Shape Detection API's BarcodeDetector used here (not in TypeScript's DOM lib). */
interface NativeBarcodeDetector {
  detect(source: CanvasImageSource): Promise<Array<{ rawValue: string }>>
}
interface NativeBarcodeDetectorClass {
  new (options: { formats: string[] }): NativeBarcodeDetector
  getSupportedFormats?: () => Promise<string[]>
}

export interface QrDecoder {
  /** `native`: the browser's BarcodeDetector; `library`: qr-scanner's decoder in a Web Worker. */
  kind: 'native' | 'library'
  /** The text of a QR code in the video's current frame, or null when there is none. */
  decode(video: HTMLVideoElement): Promise<string | null>
  close(): void
}

async function nativeDetector(): Promise<NativeBarcodeDetector | null> {
  const Detector = (globalThis as { BarcodeDetector?: NativeBarcodeDetectorClass }).BarcodeDetector
  if (!Detector) return null
  try {
    const formats = (await Detector.getSupportedFormats?.()) ?? []
    return formats.includes('qr_code') ? new Detector({ formats: ['qr_code'] }) : null
  } catch {
    return null
  }
}

/**
 * The browser's own BarcodeDetector where it reads QR codes (Android Chrome, Safari 17+); elsewhere
 * qr-scanner, fetched only now (its ~16 KiB compressed, decoding off the main thread).
 */
export async function createDecoder(): Promise<QrDecoder> {
  const native = await nativeDetector()
  if (native) {
    return {
      kind: 'native',
      decode: async (video) => (await native.detect(video))[0]?.rawValue || null,
      close: () => undefined,
    }
  }
  const { default: QrScanner } = await import(/* webpackChunkName: "qr-decoder" */ 'qr-scanner')
  const engine = await QrScanner.createQrEngine()
  const canvas = document.createElement('canvas')
  return {
    kind: 'library',
    decode: (video) =>
      QrScanner.scanImage(video, { qrEngine: engine, canvas, returnDetailedScanResult: true }).then(
        (result) => result.data || null,
        () => null,
      ),
    close: () => {
      if (engine instanceof Worker) engine.terminate()
    },
  }
}
