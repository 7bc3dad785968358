//! Reads a photo's header, and decodes, resizes and re-encodes it: JPEG or PNG as it came,
//! plus lossy WebP. Nothing of the original's metadata (EXIF, GPS, XMP, comments, colour
//! profile) is copied: only pixels go into the new files, turned upright by their EXIF
//! orientation and converted to sRGB from their colour profile first.

use std::io::Cursor;

use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

/// Changes whenever the same photo and settings would be encoded differently: part of every
/// cache key and file name.
pub(crate) const ENCODER: &str = "parley photos v1; image 0.25; moxcms 0.8; libwebp (webp 0.3)";

/// The most pixels a photo may have (100 megapixels: a 12,000 × 8,000 camera file); a
/// bigger one is refused from its header, before anything is decoded.
pub(crate) const MAX_PIXELS: u64 = 100_000_000;

/// The formats a photo is read in and written back as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Jpeg,
    Png,
}

impl Kind {
    pub(crate) fn ext(self) -> &'static str {
        match self {
            Kind::Jpeg => "jpg",
            Kind::Png => "png",
        }
    }
}

/// What a photo's header says: its format and its size as shown (after its EXIF
/// orientation, which may swap width and height).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Header {
    pub kind: Kind,
    pub width: u32,
    pub height: u32,
}

/// Why a photo cannot be used; the message names no file (the caller does).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    /// Not a JPEG or PNG (what it is instead, if known).
    Unsupported(String),
    /// A JPEG or PNG that cannot be read: the decoder's words.
    Corrupt(String),
    /// Width and height from the header.
    TooBig(u32, u32),
}

fn limits() -> Limits {
    let mut l = Limits::default();
    // 100 megapixels of RGBA, plus room for the decoder's own buffers.
    l.max_alloc = Some(MAX_PIXELS * 4 + (64 << 20));
    l
}

/// A reader of a photo's bytes, with its format known.
type Reader<'a> = ImageReader<Cursor<&'a [u8]>>;

fn reader(bytes: &[u8]) -> Result<(Reader<'_>, Kind), Problem> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| Problem::Corrupt(e.to_string()))?;
    let kind = match reader.format() {
        Some(ImageFormat::Jpeg) => Kind::Jpeg,
        Some(ImageFormat::Png) => Kind::Png,
        Some(other) => return Err(Problem::Unsupported(format!("{other:?}"))),
        None => {
            return Err(Problem::Unsupported(
                "not an image format parley knows".into(),
            ));
        }
    };
    reader.limits(limits());
    Ok((reader, kind))
}

/// Read the header only: format, size and orientation. Refuses photos over [`MAX_PIXELS`].
pub(crate) fn header(bytes: &[u8]) -> Result<Header, Problem> {
    let (reader, kind) = reader(bytes)?;
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| Problem::Corrupt(e.to_string()))?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(Problem::TooBig(w, h));
    }
    if w == 0 || h == 0 {
        return Err(Problem::Corrupt("the image has no pixels".into()));
    }
    let turned = decoder.orientation().is_ok_and(|o| {
        use image::metadata::Orientation as O;
        matches!(
            o,
            O::Rotate90 | O::Rotate270 | O::Rotate90FlipH | O::Rotate270FlipH
        )
    });
    let (width, height) = if turned { (h, w) } else { (w, h) };
    Ok(Header {
        kind,
        width,
        height,
    })
}

/// The widths a photo `width` pixels wide is published at: each of `wanted` below it, and
/// its own width when that is below the largest wanted (never upscaled). Ascending.
pub(crate) fn widths(width: u32, wanted: &[u32]) -> Vec<u32> {
    let largest = wanted.iter().copied().max().unwrap_or(width);
    let mut out: Vec<u32> = wanted.iter().copied().filter(|&w| w < width).collect();
    out.push(width.min(largest));
    out.sort_unstable();
    out.dedup();
    out
}

/// The height of a `width` × `height` image scaled to `to` pixels wide (at least 1).
pub(crate) fn scaled_height(width: u32, height: u32, to: u32) -> u32 {
    let h = (u64::from(height) * u64::from(to) + u64::from(width) / 2) / u64::from(width);
    u32::try_from(h.max(1)).unwrap_or(u32::MAX)
}

/// One size of a photo, encoded: as its own format and as WebP.
pub(crate) struct Encoded {
    pub original: Vec<u8>,
    pub webp: Vec<u8>,
}

/// Decode the photo, turn it upright, and encode it at each of `widths` (ascending, as
/// [`widths`] gives them) at `quality` (1–100; PNG is lossless and ignores it).
pub(crate) fn encode(bytes: &[u8], widths: &[u32], quality: u8) -> Result<Vec<Encoded>, Problem> {
    let (reader, kind) = reader(bytes)?;
    let corrupt = |e: image::ImageError| Problem::Corrupt(e.to_string());
    let mut decoder = reader.into_decoder().map_err(corrupt)?;
    let orientation = decoder.orientation().map_err(corrupt)?;
    let profile = decoder.icc_profile().ok().flatten();
    let mut img = DynamicImage::from_decoder(decoder).map_err(corrupt)?;
    img.apply_orientation(orientation);
    let mut img = if img.has_alpha() && kind == Kind::Png {
        DynamicImage::ImageRgba8(img.to_rgba8())
    } else {
        DynamicImage::ImageRgb8(img.to_rgb8())
    };
    if let Some(icc) = profile {
        to_srgb(&mut img, &icc);
    }
    // From the largest size down, each made from the one above it: the same look as
    // resizing the original each time, in a fraction of the work.
    let mut out = Vec::with_capacity(widths.len());
    let mut from = img;
    for &w in widths.iter().rev() {
        let h = scaled_height(from.width(), from.height(), w);
        let sized = if w == from.width() {
            from
        } else {
            from.resize_exact(w, h, FilterType::Lanczos3)
        };
        out.push(Encoded {
            original: encode_as(&sized, kind, quality)?,
            webp: webp(&sized, quality)?,
        });
        from = sized;
    }
    out.reverse();
    Ok(out)
}

/// Convert `img` (8-bit RGB or RGBA) from the colour profile `icc` to sRGB, which browsers
/// assume for an image without one. A profile that cannot be read or used (a greyscale or
/// CMYK one on pixels already turned RGB) is ignored, as browsers do.
fn to_srgb(img: &mut DynamicImage, icc: &[u8]) {
    use moxcms::{ColorProfile, Layout, TransformOptions};
    let Ok(from) = ColorProfile::new_from_slice(icc) else {
        return;
    };
    let (layout, pixels) = match img {
        DynamicImage::ImageRgb8(p) => (Layout::Rgb, p.as_mut()),
        DynamicImage::ImageRgba8(p) => (Layout::Rgba, p.as_mut()),
        _ => return,
    };
    let srgb = ColorProfile::new_srgb();
    let Ok(t) = from.create_transform_8bit(layout, &srgb, layout, TransformOptions::default())
    else {
        return;
    };
    let src = pixels.to_vec();
    if t.transform(&src, pixels).is_err() {
        pixels.copy_from_slice(&src);
    }
}

fn encode_as(img: &DynamicImage, kind: Kind, quality: u8) -> Result<Vec<u8>, Problem> {
    let mut buf = Vec::new();
    let done = match kind {
        Kind::Jpeg => {
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut buf, quality).encode_image(img)
        }
        Kind::Png => img.write_to(&mut Cursor::new(&mut buf), ImageFormat::Png),
    };
    done.map_err(|e| Problem::Corrupt(format!("cannot encode it: {e}")))?;
    Ok(buf)
}

fn webp(img: &DynamicImage, quality: u8) -> Result<Vec<u8>, Problem> {
    let (w, h) = (img.width(), img.height());
    let encoder = match img {
        DynamicImage::ImageRgba8(p) => webp::Encoder::from_rgba(p.as_raw(), w, h),
        DynamicImage::ImageRgb8(p) => webp::Encoder::from_rgb(p.as_raw(), w, h),
        _ => return Err(Problem::Corrupt("unexpected pixel layout".into())),
    };
    let mut config = webp::WebPConfig::new()
        .map_err(|()| Problem::Corrupt("cannot set up the WebP encoder".into()))?;
    config.quality = f32::from(quality);
    config.method = 4;
    let encoded = encoder
        .encode_advanced(&config)
        .map_err(|e| Problem::Corrupt(format!("cannot encode it as WebP: {e:?}")))?;
    Ok(encoded.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_never_upscaled() {
        assert_eq!(widths(3000, &[480, 960, 1600]), [480, 960, 1600]);
        assert_eq!(widths(1200, &[480, 960, 1600]), [480, 960, 1200]);
        assert_eq!(widths(960, &[960, 480, 1600]), [480, 960]);
        assert_eq!(widths(300, &[480, 960, 1600]), [300]);
        assert_eq!(widths(1600, &[1600]), [1600]);
    }

    #[test]
    fn heights_keep_the_aspect_ratio() {
        assert_eq!(scaled_height(1600, 900, 480), 270);
        assert_eq!(scaled_height(3000, 2000, 1600), 1067);
        assert_eq!(scaled_height(5000, 1, 480), 1);
    }

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = DynamicImage::ImageRgb8(image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        }));
        let mut buf = Vec::new();
        img.write_to(&mut Cursor::new(&mut buf), ImageFormat::Png)
            .unwrap();
        buf
    }

    #[test]
    fn a_png_is_read_resized_and_written_as_png_and_webp() {
        let src = png(640, 400);
        let h = header(&src).unwrap();
        assert_eq!((h.kind, h.width, h.height), (Kind::Png, 640, 400));
        let out = encode(&src, &widths(640, &[320, 1000]), 80).unwrap();
        assert_eq!(out.len(), 2);
        for (e, size) in out.iter().zip([(320, 200), (640, 400)]) {
            let back = image::load_from_memory_with_format(&e.original, ImageFormat::Png).unwrap();
            assert_eq!((back.width(), back.height()), size);
            let back = image::load_from_memory(&e.webp);
            // The image crate is built without WebP: check the RIFF header instead.
            assert!(back.is_err());
            assert_eq!(&e.webp[..4], b"RIFF");
            assert_eq!(&e.webp[8..12], b"WEBP");
        }
    }

    #[test]
    fn a_photo_with_a_colour_profile_is_converted_to_srgb_and_the_profile_dropped() {
        use image::ImageEncoder;
        let p3 = moxcms::ColorProfile::new_display_p3().encode().unwrap();
        let colour = [200u8, 100, 50];
        let img = image::RgbImage::from_pixel(32, 32, image::Rgb(colour));
        let mut src = Vec::new();
        let mut enc = image::codecs::png::PngEncoder::new(&mut src);
        enc.set_icc_profile(p3.clone()).unwrap();
        enc.write_image(img.as_raw(), 32, 32, image::ExtendedColorType::Rgb8)
            .unwrap();
        let out = encode(&src, &[32], 80).unwrap();
        let png = &out[0].original;
        assert!(!png.windows(4).any(|w| w == b"iCCP"), "the profile is kept");
        let back = image::load_from_memory(png).unwrap().to_rgb8();
        let got = back.get_pixel(16, 16).0;
        // Display P3's orange is more saturated than sRGB can show: red up, blue down.
        assert!(got[0] > colour[0] && got[2] < colour[2], "{got:?}");
        // Without a profile the pixels stay as they are.
        let mut plain = Vec::new();
        img.write_to(&mut Cursor::new(&mut plain), ImageFormat::Png)
            .unwrap();
        let out = encode(&plain, &[32], 80).unwrap();
        let back = image::load_from_memory(&out[0].original).unwrap().to_rgb8();
        assert_eq!(back.get_pixel(16, 16).0, colour);
    }

    #[test]
    fn other_formats_and_broken_files_are_told_apart() {
        assert!(matches!(
            header(b"GIF89a\x01\x00\x01\x00"),
            Err(Problem::Unsupported(_))
        ));
        assert!(matches!(header(b"hello"), Err(Problem::Unsupported(_))));
        let mut broken = png(64, 64);
        broken.truncate(40);
        assert!(matches!(
            encode(&broken, &[64], 80),
            Err(Problem::Corrupt(_))
        ));
    }

    #[test]
    fn a_huge_image_is_refused_from_its_header() {
        // A PNG header claiming 20,000 × 20,000 pixels and nothing else.
        let mut src = png(1, 1);
        src[16..20].copy_from_slice(&20_000u32.to_be_bytes());
        src[20..24].copy_from_slice(&20_000u32.to_be_bytes());
        // Fix the IHDR chunk's CRC so that only the size is wrong.
        let crc = crc32(&src[12..29]);
        src[29..33].copy_from_slice(&crc.to_be_bytes());
        assert_eq!(header(&src), Err(Problem::TooBig(20_000, 20_000)));
    }

    /// CRC-32 as PNG uses it.
    pub(crate) fn crc32(bytes: &[u8]) -> u32 {
        let mut c = !0u32;
        for &b in bytes {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
}
