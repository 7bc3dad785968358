//! CloudFront invalidation after an S3 deploy: one signed `CreateInvalidation` request naming
//! the URL paths whose files changed or went away (the whole site when that is many paths).

use std::time::{Duration, SystemTime};

use anyhow::{Context, Result, anyhow, bail};
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;

/// AWS's CloudFront API (a global service, signed for us-east-1).
const AWS_ENDPOINT: &str = "https://cloudfront.amazonaws.com";
/// More paths than this are sent as one wildcard: CloudFront bills each path, a wildcard as one.
const MAX_PATHS: usize = 100;

/// The paths to send: each one, or `{base}*` when there are more than [`MAX_PATHS`].
pub(crate) fn batch(paths: Vec<String>, base: &str) -> Vec<String> {
    if paths.len() > MAX_PATHS {
        vec![format!("{base}*")]
    } else {
        paths
    }
}

/// The `InvalidationBatch` document CloudFront's API takes.
pub(crate) fn body(paths: &[String], caller_reference: &str) -> String {
    let items: String = paths
        .iter()
        .map(|p| format!("<Path>{}</Path>", xml_escape(&encode_path(p))))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><InvalidationBatch xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Paths><Quantity>{}</Quantity><Items>{items}</Items></Paths><CallerReference>{}</CallerReference></InvalidationBatch>"#,
        paths.len(),
        xml_escape(caller_reference)
    )
}

/// CloudFront matches paths as the URL spells them: percent-encode what a URL would.
fn encode_path(p: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'/')
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~')
        .remove(b'*');
    percent_encoding::utf8_percent_encode(p, KEEP).to_string()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The id CloudFront gave the invalidation, from its answer.
fn invalidation_id(answer: &str) -> Option<&str> {
    let start = answer.find("<Id>")? + "<Id>".len();
    let end = start + answer[start..].find("</Id>")?;
    Some(&answer[start..end])
}

/// Ask CloudFront to invalidate `paths` of `distribution`; returns the invalidation's id.
pub(crate) fn invalidate(
    endpoint: Option<&str>,
    creds: &s3::creds::Credentials,
    distribution: &str,
    paths: &[String],
) -> Result<String> {
    let url = format!(
        "{}/2020-05-31/distribution/{distribution}/invalidation",
        endpoint.unwrap_or(AWS_ENDPOINT)
    );
    let now = SystemTime::now();
    let reference = format!(
        "parley-{}-{}",
        now.duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos(),
        std::process::id()
    );
    let body = body(paths, &reference);
    let (Some(key), Some(secret)) = (&creds.access_key, &creds.secret_key) else {
        bail!(
            "no credentials to sign the CloudFront request\nhelp: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
        );
    };
    let token = creds.session_token.clone().or(creds.security_token.clone());
    let identity =
        aws_credential_types::Credentials::new(key, secret, token, None, "parley").into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region("us-east-1")
        .name("cloudfront")
        .time(now)
        .settings(SigningSettings::default())
        .build()
        .map_err(|e| anyhow!("cannot sign the CloudFront request: {e}"))?
        .into();
    let headers = [("content-type", "application/xml")];
    let signable = SignableRequest::new(
        "POST",
        &url,
        headers.iter().copied(),
        SignableBody::Bytes(body.as_bytes()),
    )
    .map_err(|e| anyhow!("cannot sign the CloudFront request: {e}"))?;
    let (instructions, _) = sign(signable, &params)
        .map_err(|e| anyhow!("cannot sign the CloudFront request: {e}"))?
        .into_parts();
    let mut request = attohttpc::post(&url)
        .timeout(Duration::from_secs(60))
        .header("content-type", "application/xml");
    for (name, value) in instructions.headers() {
        let name = attohttpc::header::HeaderName::from_bytes(name.as_bytes())?;
        request = request.header(name, value);
    }
    let response = request
        .bytes(body.into_bytes())
        .send()
        .with_context(|| format!("cannot reach CloudFront at {url}"))?;
    let status = response.status();
    let answer = response.text().unwrap_or_default();
    if !status.is_success() {
        bail!("CloudFront answered {status}: {}", answer.trim());
    }
    Ok(invalidation_id(&answer).unwrap_or("(no id)").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_paths_become_one_wildcard() {
        let few: Vec<String> = (0..3).map(|i| format!("/a/{i}/")).collect();
        assert_eq!(batch(few.clone(), "/"), few);
        let many: Vec<String> = (0..101).map(|i| format!("/a/{i}/")).collect();
        assert_eq!(batch(many, "/news/"), vec!["/news/*"]);
    }

    #[test]
    fn the_batch_document_is_escaped_and_encoded() {
        let b = body(&["/a b/".into(), "/x&y.html".into()], "ref<1>");
        assert!(b.contains("<Quantity>2</Quantity>"), "{b}");
        assert!(b.contains("<Path>/a%20b/</Path>"), "{b}");
        assert!(b.contains("<Path>/x%26y.html</Path>"), "{b}");
        assert!(
            b.contains("<CallerReference>ref&lt;1&gt;</CallerReference>"),
            "{b}"
        );
        assert_eq!(
            invalidation_id("<Invalidation><Id>I2J0I21PCUYOIK</Id></Invalidation>"),
            Some("I2J0I21PCUYOIK")
        );
    }
}
