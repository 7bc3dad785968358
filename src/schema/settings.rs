//! Settings blocks of site.yaml that have their own defaults: `related:` and `photos:`.

use serde::{Deserialize, Serialize};

use super::text;

/// `related:` in site.yaml.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RelatedConfig {
    /// How many related explainers each explainer lists (0: none).
    #[serde(default = "default_limit")]
    pub limit: usize,
    #[serde(default)]
    pub weights: Weights,
}

impl Default for RelatedConfig {
    fn default() -> Self {
        RelatedConfig {
            limit: default_limit(),
            weights: Weights::default(),
        }
    }
}

fn default_limit() -> usize {
    3
}

/// Points for each thing two explainers share.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Weights {
    /// Each person both name (at the table or in an answer).
    pub people: u32,
    /// Each party (side of the talks) both have.
    pub parties: u32,
    /// Being rounds of the same series.
    pub series: u32,
    /// Each topic both have.
    pub topics: u32,
    /// Each country both have.
    pub countries: u32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            people: 1,
            parties: 1,
            series: 3,
            topics: 2,
            countries: 1,
        }
    }
}

/// `photos:` in site.yaml: the widths photos are published at, their quality, and the
/// `sizes` attribute that tells browsers how wide they are shown.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PhotoConfig {
    #[serde(default = "default_photo_widths")]
    pub widths: Vec<u32>,
    #[serde(default = "default_photo_quality")]
    pub quality: u8,
    #[serde(default = "default_photo_sizes", deserialize_with = "text")]
    pub sizes: String,
}

impl Default for PhotoConfig {
    fn default() -> Self {
        PhotoConfig {
            widths: default_photo_widths(),
            quality: default_photo_quality(),
            sizes: default_photo_sizes(),
        }
    }
}

fn default_photo_widths() -> Vec<u32> {
    vec![480, 960, 1600]
}

fn default_photo_quality() -> u8 {
    80
}

/// The column is 40rem wide (`--measure` in style.css) less its padding on phones.
fn default_photo_sizes() -> String {
    "(min-width: 42rem) 40rem, calc(100vw - 2rem)".into()
}
