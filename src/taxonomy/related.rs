//! Related explainers: each explainer's best matches among the others, scored by what they
//! share (people, parties, series, topics, countries), with the weights and the number to
//! show from site.yaml's `related:`.

use std::collections::HashMap;

use rayon::prelude::*;

use super::Link;
use crate::model::{Explainer, Person};
pub use crate::schema::{RelatedConfig, Weights};

/// What an explainer has that another may share, with its weight.
fn features(e: &Explainer, w: &Weights, people: &[Person]) -> Vec<(String, u32)> {
    let mut out: Vec<(String, u32)> = Vec::new();
    let mut named: Vec<&str> = e
        .mentions
        .iter()
        .flatten()
        .filter_map(|&i| people.get(i).map(|p| p.id.as_str()))
        .collect();
    if let Some(t) = &e.talks {
        named.extend(t.people().map(|p| p.id.as_str()));
        out.extend(
            t.parties
                .iter()
                .map(|p| (format!("party:{}", p.name), w.parties)),
        );
    }
    out.extend(
        named
            .into_iter()
            .map(|id| (format!("person:{id}"), w.people)),
    );
    out.extend(
        e.taxa
            .series
            .iter()
            .map(|r| (format!("series:{}", r.term.id), w.series)),
    );
    out.extend(
        e.taxa
            .topics
            .iter()
            .map(|t| (format!("topic:{}", t.id), w.topics)),
    );
    out.extend(
        e.taxa
            .countries
            .iter()
            .map(|t| (format!("country:{}", t.id), w.countries)),
    );
    out.retain(|(_, weight)| *weight > 0);
    out.sort();
    out.dedup();
    out
}

/// Each explainer's related explainers: the `limit` others with the highest score (the sum
/// of the weights of what they share), ties broken by the newer publication, then the slug.
/// Explainers sharing nothing are never related.
pub fn fill(explainers: &mut [Explainer], cfg: &RelatedConfig, people: &[Person]) {
    if cfg.limit == 0 {
        for e in explainers.iter_mut() {
            e.taxa.related.clear();
        }
        return;
    }
    let feats: Vec<Vec<(String, u32)>> = explainers
        .par_iter()
        .map(|e| features(e, &cfg.weights, people))
        .collect();
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, f) in feats.iter().enumerate() {
        for (key, _) in f {
            index.entry(key.as_str()).or_default().push(i);
        }
    }
    let n = explainers.len();
    // The order of candidates: the higher score, then the newer, then the slug.
    let better = |&(a, sa): &(usize, u32), &(b, sb): &(usize, u32)| {
        let (ea, eb) = (&explainers[a], &explainers[b]);
        sb.cmp(&sa)
            .then_with(|| eb.published.timestamp.cmp(&ea.published.timestamp))
            .then_with(|| ea.slug.cmp(&eb.slug))
    };
    let chosen: Vec<Vec<usize>> = (0..n)
        .into_par_iter()
        // Scores in one array per thread (every explainer's slot), cleared after each use.
        .map_init(
            || vec![0u32; n],
            |scores, i| {
                let mut touched = Vec::new();
                for (key, weight) in &feats[i] {
                    for &j in &index[key.as_str()] {
                        if j != i {
                            if scores[j] == 0 {
                                touched.push(j);
                            }
                            scores[j] += weight;
                        }
                    }
                }
                let mut ranked: Vec<(usize, u32)> = touched
                    .into_iter()
                    .map(|j| (j, std::mem::take(&mut scores[j])))
                    .collect();
                if ranked.len() > cfg.limit {
                    // Only those scoring at least the `limit`-th best score can be chosen:
                    // found among the bare scores, so that the full order (which reads each
                    // candidate's date and slug for the many ties) sorts only those.
                    let mut by_score: Vec<u32> = ranked.iter().map(|&(_, s)| s).collect();
                    let (_, &mut nth, _) =
                        by_score.select_nth_unstable_by(cfg.limit - 1, |a, b| b.cmp(a));
                    ranked.retain(|&(_, s)| s >= nth);
                }
                ranked.sort_by(better);
                ranked.truncate(cfg.limit);
                // A new vector of `limit` entries: collecting `ranked.into_iter()` would reuse
                // its allocation, sized for every candidate (at 10,000 explainers, 160 KB kept
                // per explainer until the links are made: over a gigabyte).
                ranked.iter().map(|&(j, _)| j).collect()
            },
        )
        .collect();
    let links: Vec<Link> = explainers.iter().map(Link::of).collect();
    for (e, js) in explainers.iter_mut().zip(chosen) {
        e.taxa.related = js.into_iter().map(|j| links[j].clone()).collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_default_and_partial() {
        let w: Weights = serde_json::from_str(r#"{"topics": 5}"#).unwrap();
        assert_eq!(w.topics, 5);
        assert_eq!(w.series, 3);
        assert_eq!(RelatedConfig::default().limit, 3);
    }
}
