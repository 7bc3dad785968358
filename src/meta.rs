//! Structured metadata for search and social: JSON-LD for explainers and question cards.

use serde_json::{Value, json};

use crate::model::{Explainer, Question, SiteInfo};

/// JSON safe to embed in `<script type="application/ld+json">`: no `</script>` break-out.
pub fn script_safe(v: &Value) -> String {
    serde_json::to_string(v)
        .expect("JSON values serialise")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The explainer as a schema.org `BackgroundNewsArticle` about the talks as an `Event`.
pub fn explainer_jsonld(site: &SiteInfo, e: &Explainer, q: Option<&Question>) -> String {
    let url = match q {
        Some(q) => format!("{}{}", site.base_url, q.path),
        None => format!("{}{}", site.base_url, e.path),
    };
    let mut article = json!({
        "@context": "https://schema.org",
        "@type": "BackgroundNewsArticle",
        "headline": q.map_or(e.title.as_str(), |q| q.title.as_str()),
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": e.published.rfc3339,
        "dateModified": e.updated.rfc3339,
        "inLanguage": site.language,
    });
    if !e.summary.is_empty() {
        article["description"] = json!(e.summary);
    }
    if q.is_some() {
        article["isPartOf"] = json!({ "@type": "BackgroundNewsArticle", "headline": e.title, "url": format!("{}{}", site.base_url, e.path) });
    }
    if let Some(p) = &site.publisher {
        let mut org = json!({ "@type": "NewsMediaOrganization", "name": p.name });
        if let Some(u) = &p.url {
            org["url"] = json!(u);
        }
        if let Some(l) = &p.logo {
            org["logo"] = json!({ "@type": "ImageObject", "url": l });
        }
        article["publisher"] = org;
    }
    if let Some(img) = &e.image {
        article["image"] = json!(format!("{}{}{}", site.base_url, e.path, img.src));
    }
    if let Some(t) = &e.talks {
        let mut event = json!({
            "@type": "Event",
            "name": e.title,
            "eventStatus": t.status_schema,
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        });
        if let Some(w) = &t.when {
            event["startDate"] = json!(t.local_iso.clone().unwrap_or_else(|| w.iso.clone()));
        }
        if let Some(place) = &t.place {
            let name = match &t.venue {
                Some(v) => format!("{v}, {place}"),
                None => place.clone(),
            };
            event["location"] = json!({ "@type": "Place", "name": name, "address": place });
        }
        let attendees: Vec<Value> = t
            .parties
            .iter()
            .map(|p| {
                let mut members: Vec<Value> = p
                    .head
                    .iter()
                    .chain(p.members.iter())
                    .map(|m| json!({ "@type": "Person", "name": m.name, "jobTitle": m.role }))
                    .collect();
                let mut party =
                    json!({ "@type": "Organization", "name": format!("Delegation of {}", p.name) });
                if !members.is_empty() {
                    party["member"] = Value::Array(std::mem::take(&mut members));
                }
                party
            })
            .collect();
        if !attendees.is_empty() {
            event["attendee"] = Value::Array(attendees);
        }
        if let Some(h) = &t.host {
            event["organizer"] = json!({ "@type": "Organization", "name": h });
        }
        article["about"] = event;
    }
    let mut graph = vec![article];
    if site.faq_schema && q.is_none() {
        graph.push(json!({
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": e.questions.iter().map(|q| json!({
                "@type": "Question",
                "name": q.title,
                "acceptedAnswer": { "@type": "Answer", "text": q.html },
            })).collect::<Vec<_>>(),
        }));
    }
    let v = if graph.len() == 1 {
        graph.remove(0)
    } else {
        Value::Array(graph)
    };
    script_safe(&v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_cannot_close_the_script() {
        let s = script_safe(&json!({ "x": "</script><script>alert(1)</script>" }));
        assert!(!s.contains("</script>"));
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["x"], "</script><script>alert(1)</script>");
    }
}
