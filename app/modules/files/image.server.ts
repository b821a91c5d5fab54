// Photos are never stored as uploaded: they are decoded and re-encoded, which turns them the
// right way up (EXIF orientation), drops ALL metadata (EXIF with the GPS position of the
// producer's workshop, XMP, maker notes, ICC after conversion to sRGB) and anything hidden
// after the image data, and bounds their size. A small WebP thumbnail is made for lists.
import sharp from "sharp";
import type { AllowedType } from "./sniff";

export type ImageType = Extract<AllowedType, `image/${string}`>;

/** Long side of a stored photo: plenty for judging on screen and for print at A5. */
export const MAX_SIDE = 2560;
export const THUMB_SIDE = 480;
export const QUALITY = 82;
/** Decoding bigger pictures (a "pixel bomb" can be a few kB) is refused. 120 MP covers phones. */
const MAX_INPUT_PIXELS = 120_000_000;

export interface ProcessedImage {
  bytes: Buffer;
  width: number;
  height: number;
  thumbnail: Buffer;
}

export class ImageDecodeError extends Error {}

export async function processImage(input: Buffer, type: ImageType): Promise<ProcessedImage> {
  try {
    // sharp writes no metadata unless asked to (withMetadata/keepExif), so output is clean.
    // failOn "error": tolerate the harmless warnings some phone cameras' JPEGs trigger.
    let pipeline = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: "inside", withoutEnlargement: true });
    pipeline =
      type === "image/jpeg"
        ? pipeline.jpeg({ quality: QUALITY, progressive: true })
        : type === "image/webp"
          ? pipeline.webp({ quality: QUALITY })
          : pipeline.png({ compressionLevel: 9 });
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(data)
      .resize({ width: THUMB_SIDE, height: THUMB_SIDE, fit: "inside", withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    return { bytes: data, width: info.width, height: info.height, thumbnail };
  } catch (error) {
    throw new ImageDecodeError(error instanceof Error ? error.message : String(error));
  }
}
