//! Draws a share image's SVG into a PNG with resvg, using only the fonts embedded in the
//! binary and only the one photo it is given: the SVG can make parley read nothing else.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

/// DejaVu Sans and DejaVu Sans Bold (Debian's fonts-dejavu-core; licence in assets/fonts).
pub(crate) const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub(crate) const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
/// The family every text falls back to.
pub(crate) const FAMILY: &str = "DejaVu Sans";

/// Changes whenever the same SVG would be drawn differently (fonts, renderer): part of every
/// cache key.
pub(crate) const DRAWER: &str = "parley share v1; resvg 0.49; DejaVu Sans 2.37";

fn fonts() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(REGULAR.to_vec());
        db.load_font_data(BOLD.to_vec());
        for set in [
            usvg::fontdb::Database::set_sans_serif_family,
            usvg::fontdb::Database::set_serif_family,
            usvg::fontdb::Database::set_monospace_family,
            usvg::fontdb::Database::set_cursive_family,
            usvg::fontdb::Database::set_fantasy_family,
        ] {
            set(&mut db, FAMILY);
        }
        Arc::new(db)
    })
    .clone()
}

/// What an SVG may show besides itself: the lead photo, under the name the template uses.
pub(crate) struct Photo {
    pub href: String,
    pub bytes: Arc<Vec<u8>>,
}

/// Parse `svg` as resvg will draw it. `photo` is the only image it can load by name (inline
/// `data:` images still work); every other name is left out.
pub(crate) fn parse(svg: &str, photo: Option<&Photo>) -> Result<usvg::Tree, String> {
    let photo = photo.map(|p| (p.href.clone(), p.bytes.clone()));
    let resolve = move |href: &str, _: &usvg::Options| {
        let (name, bytes) = photo.as_ref()?;
        if href != name {
            return None;
        }
        let bytes = bytes.clone();
        match bytes.get(..4)? {
            [0x89, b'P', b'N', b'G'] => Some(usvg::ImageKind::PNG(bytes)),
            [0xFF, 0xD8, 0xFF, _] => Some(usvg::ImageKind::JPEG(bytes)),
            [b'R', b'I', b'F', b'F'] => Some(usvg::ImageKind::WEBP(bytes)),
            [b'G', b'I', b'F', b'8'] => Some(usvg::ImageKind::GIF(bytes)),
            _ => None,
        }
    };
    let opts = usvg::Options {
        font_family: FAMILY.into(),
        fontdb: fonts(),
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(resolve),
        },
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &opts).map_err(|e| e.to_string())
}

/// Draw the parsed SVG at `width` × `height` pixels (scaled from its own size) as PNG bytes.
pub(crate) fn png(tree: &usvg::Tree, width: u32, height: u32) -> Result<Vec<u8>, String> {
    let mut pixmap =
        tiny_skia::Pixmap::new(width, height).ok_or("the share image's size is not valid")?;
    let size = tree.size();
    let scale = tiny_skia::Transform::from_scale(
        width as f32 / size.width(),
        height as f32 / size.height(),
    );
    resvg::render(tree, scale, &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| e.to_string())
}

/// The PNG for `key` in the cache folder `dir`, if an earlier build drew it.
pub(crate) fn cached(dir: &Path, key: &str) -> Option<Vec<u8>> {
    crate::render::cache::read(dir, &format!("{key}.png"))
}

/// Keep the image at `file` (just written by a build) in the cache folder `dir` under `key`.
pub(crate) fn keep(dir: &Path, key: &str, file: &Path) {
    crate::render::cache::keep(dir, &format!("{key}.png"), file);
}

/// Remove from the cache folder `dir` every file not named in `keep` (images of pages that
/// changed or went), so that the cache holds what the site has and no more.
pub(crate) fn prune(dir: &Path, keep: &std::collections::HashSet<String>) {
    crate::render::cache::prune(dir, keep);
}
