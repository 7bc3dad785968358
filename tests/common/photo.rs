//! Makes the fixture photos of tests/fixtures/photo-site: a harbour scene as a camera would
//! save it (a JPEG with EXIF: camera make, GPS position) and a map drawn as a PNG. The
//! committed files are checked against these (tests/photos.rs); to remake them, run
//! `PARLEY_WRITE_FIXTURES=1 cargo test --test photos committed_fixture_photos`.

use std::io::Cursor;

use image::{ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};

/// The camera make written into the EXIF, to look for in outputs.
pub const MAKE: &[u8] = b"ParleyCam";

/// A `w` × `h` harbour at dusk: sky, sun, hills, sea with ripples and a pier.
pub fn harbour(w: u32, h: u32) -> RgbImage {
    let (wf, hf) = (w as f32, h as f32);
    RgbImage::from_fn(w, h, |x, y| {
        let (xf, yf) = (x as f32 / wf, y as f32 / hf);
        let horizon = 0.55;
        let hill = horizon - 0.08 * (xf * 7.0).sin().abs() - 0.04 * (xf * 3.0 + 1.0).cos();
        let sun = ((xf - 0.7).powi(2) * (wf / hf).powi(2) + (yf - 0.3).powi(2)).sqrt();
        let c = if yf > 0.8 && (0.15..0.22).contains(&xf) {
            [96.0, 70.0, 52.0] // the pier
        } else if yf > horizon {
            let depth = (yf - horizon) / (1.0 - horizon);
            let ripple = 14.0 * ((yf * 70.0).sin() * (xf * 9.0).cos());
            [
                30.0 + ripple,
                70.0 + 40.0 * depth + ripple,
                110.0 + 50.0 * depth,
            ]
        } else if yf > hill {
            [52.0, 84.0, 60.0 + 20.0 * xf]
        } else if sun < 0.06 {
            [255.0, 226.0, 150.0]
        } else {
            let glow = (0.35 - sun).max(0.0) * 300.0;
            [
                120.0 + 200.0 * yf + glow,
                150.0 + 120.0 * yf + glow * 0.6,
                210.0 - 40.0 * yf,
            ]
        };
        Rgb(c.map(|v| v.clamp(0.0, 255.0) as u8))
    })
}

/// The harbour as a JPEG of `w` × `h` pixels with an EXIF block (make, orientation, GPS).
pub fn harbour_jpeg(w: u32, h: u32) -> Vec<u8> {
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 60)
        .encode_image(&harbour(w, h))
        .unwrap();
    with_exif(&jpeg)
}

/// `jpeg` with an APP1 EXIF segment after its start marker.
pub fn with_exif(jpeg: &[u8]) -> Vec<u8> {
    assert_eq!(&jpeg[..2], [0xFF, 0xD8]);
    let tiff = tiff();
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(u16::try_from(2 + 6 + tiff.len()).unwrap().to_be_bytes());
    out.extend(b"Exif\0\0");
    out.extend(tiff);
    out.extend(&jpeg[2..]);
    out
}

/// A little-endian TIFF block: IFD0 with Make, Orientation (1) and a GPS IFD pointer; the
/// GPS IFD with latitude 46°12'34.56" N and longitude 6°8'12.34" E.
fn tiff() -> Vec<u8> {
    let mut t = Vec::new();
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        t.extend(tag.to_le_bytes());
        t.extend(kind.to_le_bytes());
        t.extend(count.to_le_bytes());
        t.extend(value);
    };
    t.extend(b"II");
    t.extend(42u16.to_le_bytes());
    t.extend(8u32.to_le_bytes());
    // IFD0 at 8: 3 entries, ends at 50; Make's text at 50..60; the GPS IFD at 60.
    t.extend(3u16.to_le_bytes());
    entry(&mut t, 0x010F, 2, 10, 50u32.to_le_bytes());
    entry(&mut t, 0x0112, 3, 1, [1, 0, 0, 0]);
    entry(&mut t, 0x8825, 4, 1, 60u32.to_le_bytes());
    t.extend(0u32.to_le_bytes());
    t.extend(MAKE);
    t.push(0);
    assert_eq!(t.len(), 60);
    // GPS IFD at 60: 4 entries, ends at 114; the latitude at 114, the longitude at 138.
    t.extend(4u16.to_le_bytes());
    entry(&mut t, 1, 2, 2, *b"N\0\0\0");
    entry(&mut t, 2, 5, 3, 114u32.to_le_bytes());
    entry(&mut t, 3, 2, 2, *b"E\0\0\0");
    entry(&mut t, 4, 5, 3, 138u32.to_le_bytes());
    t.extend(0u32.to_le_bytes());
    assert_eq!(t.len(), 114);
    for (n, d) in [(46, 1), (12, 1), (3456, 100), (6, 1), (8, 1), (1234, 100)] {
        t.extend(u32::to_le_bytes(n));
        t.extend(u32::to_le_bytes(d));
    }
    t
}

/// A `w` × `h` map with a transparent background: two countries and a river.
pub fn map_png(w: u32, h: u32) -> Vec<u8> {
    let img = RgbaImage::from_fn(w, h, |x, y| {
        let (xf, yf) = (x as f32 / w as f32, y as f32 / h as f32);
        let river = 0.5 + 0.08 * (yf * 9.0).sin();
        if (xf - river).abs() < 0.015 {
            Rgba([40, 110, 200, 255])
        } else if !(0.05..0.95).contains(&yf) {
            Rgba([0, 0, 0, 0])
        } else if xf < river {
            Rgba([226, 214, 170, 255])
        } else {
            Rgba([196, 222, 180, 255])
        }
    });
    let mut png = Vec::new();
    img.write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
        .unwrap();
    png
}
