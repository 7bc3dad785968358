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
/// Explainers sharing nothing are never related. `explainers` come newest first, then by
/// slug, as [`crate::model::sort_newest_first`] leaves them.
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
    let order = |e: &Explainer| (std::cmp::Reverse(e.published.timestamp), e.slug.clone());
    debug_assert!(explainers.windows(2).all(|w| order(&w[0]) < order(&w[1])));
    let chosen: Vec<Vec<usize>> = (0..n)
        .into_par_iter()
        // Scores in one array per thread (every explainer's slot), cleared after each use.
        // Every explainer sharing a feature gets its weight, without asking whether it was
        // seen before: the loop has no branch to mispredict, and one pass over the array
        // then finds the best.
        .map_init(
            || vec![0u32; n],
            |scores, i| {
                for (key, weight) in &feats[i] {
                    for &j in &index[key.as_str()] {
                        scores[j] = scores[j].saturating_add(*weight);
                    }
                }
                scores[i] = 0;
                let best = best_scores(scores, cfg.limit);
                scores.fill(0);
                best
            },
        )
        .collect();
    let links: Vec<Link> = explainers.iter().map(Link::of).collect();
    for (e, js) in explainers.iter_mut().zip(chosen) {
        e.taxa.related = js.into_iter().map(|j| links[j].clone()).collect();
    }
}

/// The indices of the `limit` highest non-zero scores, best first; among equal scores the
/// lower index (the explainers come newest first, then by slug, so that is the newer, then
/// the slug).
fn best_scores(scores: &[u32], limit: usize) -> Vec<usize> {
    if limit == 0 {
        return Vec::new();
    }
    let mut best: Vec<(u32, usize)> = Vec::with_capacity(limit + 1);
    // A score must beat this to enter: the last kept one's once `limit` are kept. Ties lose
    // to the lower index seen before.
    let mut bar = 0;
    for (j, &s) in scores.iter().enumerate() {
        if s > bar {
            let at = best.partition_point(|&(b, _)| b >= s);
            best.insert(at, (s, j));
            best.truncate(limit);
            if best.len() == limit {
                bar = best[limit - 1].0;
            }
        }
    }
    best.into_iter().map(|(_, j)| j).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_scores_take_the_highest_then_the_lower_index() {
        assert_eq!(best_scores(&[0, 3, 5, 3, 5, 1], 3), vec![2, 4, 1]);
        assert_eq!(best_scores(&[0, 3, 5, 3, 5, 1], 1), vec![2]);
        assert_eq!(best_scores(&[2, 0, 2], 5), vec![0, 2]);
        assert_eq!(best_scores(&[0, 0], 3), Vec::<usize>::new());
        assert_eq!(best_scores(&[1, 2, 3, 4], 2), vec![3, 2]);
        assert_eq!(best_scores(&[1, 2], 0), Vec::<usize>::new());
    }

    proptest::proptest! {
        #[test]
        fn best_scores_equal_a_full_sort(
            scores in proptest::collection::vec(0u32..6, 0..60),
            limit in 0usize..8,
        ) {
            let mut all: Vec<(u32, usize)> =
                scores.iter().copied().zip(0..).filter(|&(s, _)| s > 0).collect();
            all.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let want: Vec<usize> = all.into_iter().take(limit).map(|(_, j)| j).collect();
            proptest::prop_assert_eq!(best_scores(&scores, limit), want);
        }
    }

    #[test]
    fn weights_default_and_partial() {
        let w: Weights = serde_json::from_str(r#"{"topics": 5}"#).unwrap();
        assert_eq!(w.topics, 5);
        assert_eq!(w.series, 3);
        assert_eq!(RelatedConfig::default().limit, 3);
    }
}
