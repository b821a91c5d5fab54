// Photos are never stored as uploaded: they are decoded and re-encoded, which turns them the
// right way up (EXIF orientation), drops ALL metadata (EXIF with the GPS position of the
// producer's workshop, XMP, maker notes, ICC after conversion to sRGB) and anything hidden
// after the image data, and bounds their size. A small WebP thumbnail is made for lists.
//
// Decoding is the costly part, and a picture's cost is set by the pixels its header declares,
// not by its size on disk: a 15 KB PNG can declare 120 MP (issue #10). So (docs/decisions/018):
//   - the header alone is read first and more than MAX_INPUT_PIXELS is refused with a message,
//     before any decoding (sharp's limitInputPixels stays as a second lock);
//   - only the first frame of an animated PNG/WebP is decoded (sharp's default, pages: 1);
//   - decoding runs on libuv/libvips threads, never on the event loop, and at most
//     IMAGE_CONCURRENCY pictures at once, so the thread pool keeps room for the file system and
//     a burst of uploads queues instead of stalling every other request;
//   - sharp (and libvips, ~30 MB) is loaded on the first image, not when the server starts.
import os from "node:os";
import pLimit from "p-limit";
import type Sharp from "sharp";
import type { SharpOptions } from "sharp";
import type { AllowedType } from "./sniff";

export type ImageType = Extract<AllowedType, `image/${string}`>;

/** Long side of a stored photo: plenty for judging on screen and for print at A5. */
export const MAX_SIDE = 2560;
export const THUMB_SIDE = 480;
export const QUALITY = 82;
/** 50 MP: above the 48 MP of today's phone cameras; a bigger picture is refused from its header. */
export const MAX_INPUT_PIXELS = 50_000_000;
/**
 * Pictures decoded at once: half the cores (at least one). Each one already uses all cores but
 * one through libvips' own threads, and takes one of libuv's four pool threads while it runs.
 */
export const IMAGE_CONCURRENCY = Math.max(1, Math.floor(os.availableParallelism() / 2));

export interface ProcessedImage {
  bytes: Buffer;
  width: number;
  height: number;
  thumbnail: Buffer;
}

export class ImageDecodeError extends Error {}

/** The header declares more pixels than MAX_INPUT_PIXELS. */
export class ImageTooLargeError extends Error {
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    super(`image of ${width} × ${height} px is over ${MAX_INPUT_PIXELS} px`);
  }
}

type SharpFactory = typeof Sharp;
let sharpModule: Promise<SharpFactory> | null = null;
const loadSharp = () =>
  (sharpModule ??= import("sharp").then((m) => {
    // libvips threads per picture: every core but one, so that the event loop (which answers
    // every other request) is not left competing with a decode for the last core.
    m.default.concurrency(Math.max(1, os.availableParallelism() - 1));
    return m.default;
  }));

const queue = pLimit(IMAGE_CONCURRENCY);

// failOn "error": tolerate the harmless warnings some phone cameras' JPEGs trigger.
const INPUT: SharpOptions = { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error", pages: 1 };

/** The picture's declared size, read from its header only (no pixel is decoded). */
async function declaredSize(sharp: SharpFactory, input: Buffer) {
  try {
    const { width, height } = await sharp(input, { ...INPUT, limitInputPixels: false }).metadata();
    if (!width || !height) throw new ImageDecodeError("no dimensions in the header");
    return { width, height };
  } catch (error) {
    throw error instanceof ImageDecodeError
      ? error
      : new ImageDecodeError(error instanceof Error ? error.message : String(error));
  }
}

/** Throws ImageTooLargeError for a picture over the pixel cap, ImageDecodeError when unreadable. */
export async function processImage(input: Buffer, type: ImageType): Promise<ProcessedImage> {
  const sharp = await loadSharp();
  const { width, height } = await declaredSize(sharp, input);
  if (width * height > MAX_INPUT_PIXELS) throw new ImageTooLargeError(width, height);
  return queue(async () => {
    try {
      // sharp writes no metadata unless asked to (withMetadata/keepExif), so output is clean.
      let pipeline = sharp(input, INPUT)
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
  });
}
