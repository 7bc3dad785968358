//! The site's root when the default language has its own folder (`default_language_folder`):
//! a static page that redirects to the default language's home, the sitemap index and
//! robots.txt.

use crate::diag::ContentError;
use crate::model::Site;
use crate::render::output::{Files, Output};
use crate::render::theme::Theme;

/// The root's files for `site` (the default language's, in its folder): the redirect page
/// (`index.html`), and the sitemap index with robots.txt. Empty for a site whose default
/// language is at the root.
pub(crate) fn files(theme: &Theme, site: &Site) -> Result<(Files, Files), ContentError> {
    let info = &site.info;
    let (Some(lang), Some(table)) = (&info.lang, &info.alternates) else {
        return Ok((Vec::new(), Vec::new()));
    };
    if lang.folder.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let page = vec![("index.html".to_string(), Output::Bytes(redirect(site)))];
    let feeds = vec![
        (
            "sitemap.xml".to_string(),
            crate::render::feeds::sitemap_index(theme, info, lang, table)?,
        ),
        crate::render::feeds::robots(theme, &info.root_url)?,
    ];
    Ok((page, feeds))
}

/// `text`, HTML-escaped (control characters dropped).
fn esc(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    crate::render::theme::escape_html(text, &mut out).expect("writing to memory");
    String::from_utf8(out).expect("escaped UTF-8 stays UTF-8")
}

/// The root page: to the default language's home at once (`meta refresh`: no server
/// needed), with a canonical link there, `hreflang` alternates to every language's home
/// and `x-default` (the same as the homes' own), and a visible link to each home for
/// readers whose browser does not follow the refresh.
fn redirect(site: &Site) -> Vec<u8> {
    let info = &site.info;
    let lang = info.lang.as_ref().expect("a site of several languages");
    let table = info
        .alternates
        .as_deref()
        .expect("a site of several languages");
    let target = format!("{}{}", info.root_path, lang.folder);
    let mut homes: Vec<(String, String, String)> = table
        .of(lang.index, "")
        .into_iter()
        .map(|a| (a.tag.to_string(), a.name.to_string(), a.url.to_string()))
        .collect();
    let x_default = table.x_default(lang.index, "").map(str::to_string);
    let mut head = String::new();
    for (tag, _, url) in &homes {
        head += &format!(
            "<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">\n",
            esc(tag),
            esc(url)
        );
    }
    if let Some(x) = &x_default {
        head += &format!(
            "<link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\">\n",
            esc(x)
        );
    }
    if homes.is_empty() {
        homes.push((lang.tag.clone(), lang.name.clone(), info.base_url.clone()));
    }
    let mut list = String::new();
    for (tag, name, url) in &homes {
        list += &format!(
            "<li><a href=\"{}\" hreflang=\"{t}\" lang=\"{t}\">{}</a></li>\n",
            esc(url),
            esc(name),
            t = esc(tag),
        );
    }
    format!(
        "<!doctype html>\n<html lang=\"{tag}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n\
         <link rel=\"canonical\" href=\"{canonical}\">\n{head}</head>\n<body>\n<main>\n\
         <h1>{title}</h1>\n<ul>\n{list}</ul>\n</main>\n</body>\n</html>\n",
        tag = esc(&lang.tag),
        dir = lang.dir,
        title = esc(&info.title),
        target = esc(&target),
        canonical = esc(&info.base_url),
    )
    .into_bytes()
}
