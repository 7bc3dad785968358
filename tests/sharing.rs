//! Issue 19, sharing: the share links under every explainer and question page (plain links
//! that work with JavaScript off), and the label site.js uses for "new since your last visit".

mod common;

use common::*;

/// The share box of a page: (data-share-url, data-share-title, data-new-label, link hrefs),
/// attribute values unescaped.
fn share_box(html: &str) -> (String, String, String, Vec<String>) {
    let start = html.find("<div class=\"share\"").expect("a share box");
    let end = html[start..].find("</div>").unwrap() + start;
    let b = &html[start..end];
    let attr = |name: &str| {
        let at = b
            .find(&format!(" {name}=\""))
            .unwrap_or_else(|| panic!("no {name}"))
            + name.len()
            + 3;
        unescape(&b[at..at + b[at..].find('"').unwrap()])
    };
    let hrefs = b
        .match_indices("href=\"")
        .map(|(i, _)| {
            let from = i + 6;
            unescape(&b[from..from + b[from..].find('"').unwrap()])
        })
        .collect();
    (
        attr("data-share-url"),
        attr("data-share-title"),
        attr("data-new-label"),
        hrefs,
    )
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The decoded value of `key` in a link's query.
fn query(link: &str, key: &str) -> String {
    let q = link.split_once('?').expect("a query").1;
    let raw = q
        .split('&')
        .find_map(|kv| kv.strip_prefix(&format!("{key}=")))
        .unwrap_or_else(|| panic!("no {key} in {link}"));
    percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .unwrap()
        .into_owned()
}

#[test]
fn every_explainer_and_question_page_has_share_links_for_its_own_url_and_title() {
    let b = build(&fixture("geneva-site"));
    let html = b.read("geneva-water-talks/index.html");
    let (url, title, label, links) = share_box(&html);
    let page = "https://news.example.com/explainers/geneva-water-talks/";
    assert_eq!(url, page);
    // A title with `&`, quotes and accents survives escaping and URL-encoding intact.
    assert_eq!(
        title,
        "Arland & Borovia water talks in Genève: what we know"
    );
    assert_eq!(label, "New since your last visit");
    let hosts: Vec<&str> = links
        .iter()
        .map(|l| l.split(['?', ':']).next().unwrap())
        .collect();
    assert_eq!(
        hosts,
        ["mailto", "https", "https", "https", "https", "https"]
    );
    assert_eq!(query(&links[0], "subject"), title);
    assert_eq!(query(&links[0], "body"), page);
    assert_eq!(query(&links[1], "text"), format!("{title} {page}"));
    assert!(links[1].starts_with("https://wa.me/?"));
    assert_eq!(query(&links[2], "url"), page);
    assert_eq!(query(&links[3], "text"), format!("{title} {page}"));
    assert_eq!(query(&links[4], "url"), page);
    assert_eq!(query(&links[4], "text"), title);
    assert_eq!(query(&links[5], "u"), page);

    // A question page shares itself, under the question's own title.
    let html = b.read("geneva-water-talks/delegations/index.html");
    let (url, title, _, links) = share_box(&html);
    assert_eq!(
        url,
        "https://news.example.com/explainers/geneva-water-talks/delegations/"
    );
    assert_eq!(title, "Who is at the table?");
    assert_eq!(query(&links[5], "u"), url);
}

#[test]
fn share_words_are_in_the_pages_language() {
    let b = build(&repo());
    let (_, _, label, _) = share_box(&b.read("uk/istanbul-talks-2025/index.html"));
    assert_eq!(label, "Нове з вашого останнього візиту");
    let html = b.read("uk/istanbul-talks-2025/index.html");
    assert!(html.contains("<span class=\"share-label\">Поширити:</span>"));
    assert!(html.contains(">Електронна пошта</a>"));
}
