//! Machine-readable files for hosts and readers: Atom feeds, sitemap.xml, robots.txt, _headers.

use crate::model::{Explainer, Site};
use crate::render::Output;

/// XML-escape text for element content and attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

struct Entry {
    id: String,
    title: String,
    link: String,
    updated: String,
    published: String,
    summary: String,
}

fn entries(site: &Site, e: &Explainer) -> Vec<Entry> {
    let link = format!("{}{}", site.info.base_url, e.path);
    let mut out = vec![Entry {
        id: format!("{link}#explainer"),
        title: e.title.clone(),
        link: link.clone(),
        updated: e.updated.rfc3339.clone(),
        published: e.published.rfc3339.clone(),
        summary: e.summary.clone(),
    }];
    for u in &e.updates {
        out.push(Entry {
            // Stable: the explainer and the update's own time never change.
            id: format!("{link}#update-{}", u.at.iso),
            title: format!("Update: {}", e.title),
            link: format!("{link}#updates"),
            updated: u.at.rfc3339.clone(),
            published: u.at.rfc3339.clone(),
            summary: u.text.clone(),
        });
    }
    out
}

fn atom(site: &Site, title: &str, self_url: &str, alt_url: &str, mut items: Vec<Entry>) -> String {
    items.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.id.cmp(&b.id)));
    let updated = items
        .first()
        .map_or("1970-01-01T00:00:00Z".to_string(), |e| e.updated.clone());
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"",
    );
    x += &format!(" xml:lang=\"{}\">\n", xml_escape(&site.info.language));
    x += &format!("  <title>{}</title>\n", xml_escape(title));
    if !site.info.description.is_empty() {
        x += &format!(
            "  <subtitle>{}</subtitle>\n",
            xml_escape(&site.info.description)
        );
    }
    x += &format!("  <id>{}</id>\n", xml_escape(self_url));
    x += &format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml_escape(self_url)
    );
    x += &format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(alt_url)
    );
    x += &format!("  <updated>{updated}</updated>\n");
    let author = site
        .info
        .publisher
        .as_ref()
        .map_or(site.info.title.as_str(), |p| p.name.as_str());
    x += &format!("  <author><name>{}</name></author>\n", xml_escape(author));
    x += "  <generator>parley</generator>\n";
    for e in items {
        x += "  <entry>\n";
        x += &format!("    <id>{}</id>\n", xml_escape(&e.id));
        x += &format!("    <title>{}</title>\n", xml_escape(&e.title));
        x += &format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml_escape(&e.link)
        );
        x += &format!("    <published>{}</published>\n", e.published);
        x += &format!("    <updated>{}</updated>\n", e.updated);
        if !e.summary.is_empty() {
            x += &format!("    <summary>{}</summary>\n", xml_escape(&e.summary));
        }
        x += "  </entry>\n";
    }
    x += "</feed>\n";
    x
}

/// feed.xml, per-explainer feeds, sitemap.xml, robots.txt and _headers.
pub fn files(site: &Site, explainers: &[Explainer]) -> Vec<(String, Output)> {
    let base = &site.info.base_url;
    let mut out = Vec::new();
    let all: Vec<Entry> = explainers.iter().flat_map(|e| entries(site, e)).collect();
    out.push((
        "feed.xml".to_string(),
        Output::Bytes(
            atom(
                site,
                &site.info.title,
                &format!("{base}feed.xml"),
                base,
                all,
            )
            .into_bytes(),
        ),
    ));
    for e in explainers {
        let url = format!("{base}{}", e.path);
        out.push((
            format!("{}feed.xml", e.path),
            Output::Bytes(
                atom(
                    site,
                    &e.title,
                    &format!("{url}feed.xml"),
                    &url,
                    entries(site, e),
                )
                .into_bytes(),
            ),
        ));
    }

    let mut sm = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let newest = explainers.iter().map(|e| e.updated.rfc3339.as_str()).max();
    let mut url = |loc: String, lastmod: Option<&str>| {
        sm += &format!("  <url><loc>{}</loc>", xml_escape(&loc));
        if let Some(l) = lastmod {
            sm += &format!("<lastmod>{l}</lastmod>");
        }
        sm += "</url>\n";
    };
    url(base.clone(), newest);
    for e in explainers {
        url(format!("{base}{}", e.path), Some(&e.updated.rfc3339));
        if site.info.question_pages {
            for q in &e.questions {
                url(
                    format!("{base}{}", q.path),
                    Some(
                        q.updated
                            .as_ref()
                            .map_or(e.updated.rfc3339.as_str(), |u| u.rfc3339.as_str()),
                    ),
                );
            }
        }
    }
    url(format!("{base}people/"), newest);
    for p in &site.people {
        url(format!("{base}{}", p.path), None);
    }
    sm += "</urlset>\n";
    out.push(("sitemap.xml".to_string(), Output::Bytes(sm.into_bytes())));
    out.push((
        "robots.txt".to_string(),
        Output::Bytes(
            format!("User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n").into_bytes(),
        ),
    ));
    let bp = &site.info.base_path;
    out.push((
        "_headers".to_string(),
        Output::Bytes(
            format!(
                "# Netlify and Cloudflare Pages read this file.\n{bp}*.html\n  Cache-Control: public, max-age=0, must-revalidate\n{bp}*/\n  Cache-Control: public, max-age=0, must-revalidate\n{bp}\n  Cache-Control: public, max-age=0, must-revalidate\n{bp}*.css\n  Cache-Control: public, max-age=31536000, immutable\n{bp}*.js\n  Cache-Control: public, max-age=31536000, immutable\n"
            )
            .into_bytes(),
        ),
    ));
    out
}
