//! Deploy targets: the URL forms (`s3://…`, `git+…#branch`) and the names site.yaml gives them.

use std::fmt;
use std::path::Path;

use serde::Deserialize;

use anyhow::anyhow;

use crate::BuildError;
use crate::diag::{ContentError, ContentErrors, Source, did_you_mean};

/// Where a site is published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    S3(S3Target),
    Git(GitTarget),
}

/// An S3-compatible bucket: `s3://BUCKET/PREFIX?endpoint=…&region=…&path_style=true`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Target {
    pub bucket: String,
    /// Key prefix, empty or ending in `/`.
    pub prefix: String,
    /// e.g. `http://127.0.0.1:9000`; AWS's own endpoint when `None`.
    pub endpoint: Option<String>,
    /// The region, when the URL names one (else the environment's, else us-east-1).
    pub region: Option<String>,
    pub path_style: bool,
    /// A CloudFront distribution in front of the bucket, to invalidate what changed.
    pub cloudfront: Option<String>,
    /// The CloudFront API's address; AWS's own when `None` (another one for tests).
    pub cloudfront_endpoint: Option<String>,
}

/// A branch of a git remote: `git+file:///srv/site.git#gh-pages`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitTarget {
    /// What `git push` takes: `file:///srv/site.git`, `ssh://git@host/repo.git`, …
    pub remote: String,
    pub branch: String,
    /// Replace the branch's history with one commit on every deploy.
    pub squash: bool,
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::S3(t) => write!(f, "s3://{}/{}", t.bucket, t.prefix),
            Target::Git(t) => write!(f, "{} branch {}", t.remote, t.branch),
        }
    }
}

const S3_PARAMS: [&str; 5] = [
    "endpoint",
    "region",
    "path_style",
    "cloudfront",
    "cloudfront_endpoint",
];
const TARGET_FORMS: &str = "write s3://BUCKET/PREFIX (options ?endpoint=URL&region=NAME&path_style=true&cloudfront=DISTRIBUTION_ID) or git+file:///PATH#BRANCH, git+ssh://HOST/REPO#BRANCH, git+https://HOST/REPO#BRANCH";

impl Target {
    /// Parse a target URL; the error says what is wrong and how to write it.
    pub fn parse(text: &str) -> Result<Target, String> {
        let url = url::Url::parse(text.trim())
            .map_err(|e| format!("`{text}` is not a deploy target URL ({e}); {TARGET_FORMS}"))?;
        if !url.password().unwrap_or("").is_empty() {
            return Err(format!(
                "`{text}` holds a password: credentials never go in the site's files; set them in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or your git credential helper"
            ));
        }
        match url.scheme() {
            "s3" => parse_s3(text, &url).map(Target::S3),
            s if s.starts_with("git+") => parse_git(text, &url).map(Target::Git),
            s => Err(format!("`{s}:` targets are not supported; {TARGET_FORMS}")),
        }
    }
}

fn parse_s3(text: &str, url: &url::Url) -> Result<S3Target, String> {
    let bucket = url.host_str().unwrap_or("").to_string();
    if bucket.is_empty() {
        return Err(format!(
            "`{text}` names no bucket; write s3://BUCKET/PREFIX"
        ));
    }
    if !url.username().is_empty() || url.port().is_some() {
        return Err(format!(
            "`{text}`: an s3:// URL is s3://BUCKET/PREFIX; put a server's address in ?endpoint="
        ));
    }
    let path = url.path().trim_matches('/');
    let prefix = if path.is_empty() {
        String::new()
    } else {
        format!("{path}/")
    };
    let mut t = S3Target {
        bucket,
        prefix,
        endpoint: None,
        region: None,
        path_style: false,
        cloudfront: None,
        cloudfront_endpoint: None,
    };
    for (k, v) in url.query_pairs() {
        match &*k {
            "endpoint" => t.endpoint = Some(http_address(&k, &v)?),
            "cloudfront_endpoint" => t.cloudfront_endpoint = Some(http_address(&k, &v)?),
            "cloudfront" => {
                if v.is_empty() || !v.chars().all(|c| c.is_ascii_alphanumeric()) {
                    return Err(format!(
                        "cloudfront `{v}` is not a distribution id; write cloudfront=E2EXAMPLE123 (the id the CloudFront console shows)"
                    ));
                }
                t.cloudfront = Some(v.to_string());
            }
            "region" if !v.is_empty() => t.region = Some(v.to_string()),
            "path_style" => {
                t.path_style = match &*v {
                    "true" => true,
                    "false" => false,
                    _ => {
                        return Err(format!(
                            "path_style is `{v}`; write path_style=true or false"
                        ));
                    }
                }
            }
            other => {
                let fix = did_you_mean(other, S3_PARAMS.iter().copied())
                    .map_or(format!("use one of: {}", S3_PARAMS.join(", ")), |s| {
                        format!("did you mean `{s}`?")
                    });
                return Err(format!("unknown option `{other}` in `{text}`; {fix}"));
            }
        }
    }
    Ok(t)
}

/// An `http://` or `https://` address without its trailing slash.
fn http_address(key: &str, v: &str) -> Result<String, String> {
    let e = url::Url::parse(v)
        .ok()
        .filter(|e| matches!(e.scheme(), "http" | "https") && e.host_str().is_some());
    if e.is_none() {
        return Err(format!(
            "{key} `{v}` is not an http:// or https:// address, e.g. {key}=http://127.0.0.1:9000"
        ));
    }
    Ok(v.trim_end_matches('/').to_string())
}

fn parse_git(text: &str, url: &url::Url) -> Result<GitTarget, String> {
    let scheme = &url.scheme()["git+".len()..];
    if !matches!(scheme, "file" | "ssh" | "https" | "http") {
        return Err(format!(
            "`git+{scheme}:` is not a git transport parley uses; write git+file://, git+ssh:// or git+https://"
        ));
    }
    let mut squash = false;
    for (k, v) in url.query_pairs() {
        match (&*k, &*v) {
            ("squash", "true") => squash = true,
            ("squash", "false") => squash = false,
            _ => {
                return Err(format!(
                    "unknown option `{k}={v}` in `{text}`; the only one is ?squash=true"
                ));
            }
        }
    }
    let branch = url.fragment().unwrap_or("gh-pages").to_string();
    if branch.is_empty() || branch.starts_with('-') || branch.contains("..") || branch.contains(' ')
    {
        return Err(format!(
            "`{branch}` is not a branch name; end the URL with #gh-pages or another branch"
        ));
    }
    let mut remote = url.clone();
    remote.set_fragment(None);
    remote.set_query(None);
    // `git+ssh://…` → `ssh://…`: the url crate will not change a scheme's kind, so cut the text.
    let remote = remote.as_str()["git+".len()..].to_string();
    Ok(GitTarget {
        remote,
        branch,
        squash,
    })
}

/// `deploy:` in site.yaml (the rest of the file is the build's business).
#[derive(Deserialize)]
struct SiteYaml {
    #[serde(default)]
    deploy: Option<crate::schema::DeployConfig>,
}

/// The target `--target` names (a URL or a site.yaml name), or site.yaml's default.
pub fn resolve(root: &Path, arg: Option<&str>) -> Result<Target, BuildError> {
    if let Some(a) = arg.filter(|a| a.contains("://")) {
        return Target::parse(a).map_err(|e| anyhow!(e).into());
    }
    let path = root.join("content/site.yaml");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let source = Source::new("content/site.yaml", text.as_str());
    let config: SiteYaml =
        crate::load::yaml::parse(&source, 0, &text).map_err(|e| content(vec![e]))?;
    let config = config.deploy.unwrap_or_default();
    check(&source, &config).map_err(content)?;
    let name = match (arg, &config.default) {
        (Some(n), _) => n.to_string(),
        (None, Some(d)) => d.clone(),
        (None, None) if config.targets.len() == 1 => {
            config.targets.keys().next().cloned().unwrap_or_default()
        }
        (None, None) if config.targets.is_empty() => {
            return Err(anyhow!(
                "no deploy target: pass --target URL (e.g. s3://BUCKET/PREFIX or git+file:///srv/site.git#gh-pages), or name targets under `deploy:` in content/site.yaml"
            )
            .into());
        }
        (None, None) => {
            return Err(anyhow!(
                "site.yaml names several deploy targets and no default; pass --target NAME ({}) or add `default:` under `deploy:`",
                config.targets.keys().cloned().collect::<Vec<_>>().join(", ")
            )
            .into());
        }
    };
    match config.targets.get(&name) {
        Some(url) => Target::parse(url).map_err(|e| anyhow!(e).into()),
        None => {
            let fix = did_you_mean(&name, config.targets.keys().map(String::as_str))
                .map_or_else(|| "pass a URL such as s3://BUCKET/PREFIX, or add the name under `deploy: targets:` in content/site.yaml".to_string(), |s| format!("did you mean `{s}`?"));
            Err(anyhow!("no deploy target named `{name}`; {fix}").into())
        }
    }
}

fn content(errors: Vec<ContentError>) -> BuildError {
    BuildError::Content(ContentErrors { errors })
}

/// Every problem in site.yaml's `deploy:`, located at the value.
fn check(source: &Source, config: &crate::schema::DeployConfig) -> Result<(), Vec<ContentError>> {
    let text = &source.text;
    let start = text.find("deploy:").unwrap_or(0);
    let at = |value: &str| text[start..].find(value).map_or(start, |i| start + i);
    let mut errors = Vec::new();
    for (name, url) in &config.targets {
        if let Err(e) = Target::parse(url) {
            let (message, help) = e.split_once("; ").unwrap_or((&e, ""));
            let err = source.error_at(
                at(url),
                url.len().max(1),
                format!("deploy target `{name}`: {message}"),
            );
            errors.push(if help.is_empty() {
                err
            } else {
                err.with_help(Some(help.to_string()))
            });
        }
    }
    if let Some(d) = &config.default
        && !config.targets.contains_key(d)
    {
        let pos = text[start..].find("default:").map_or(start, |i| start + i);
        let fix = did_you_mean(d, config.targets.keys().map(String::as_str)).map_or(
            format!(
                "name one of: {}",
                config
                    .targets
                    .keys()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            |s| format!("did you mean `{s}`?"),
        );
        errors.push(
            source
                .error_at(
                    pos,
                    "default:".len(),
                    format!("the default deploy target `{d}` is not under `targets:`"),
                )
                .with_help(Some(fix)),
        );
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s3(text: &str) -> S3Target {
        match Target::parse(text) {
            Ok(Target::S3(t)) => t,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn s3_urls_parse() {
        let t = s3(
            "s3://news-site/explainers?endpoint=http://127.0.0.1:9000/&region=eu-west-1&path_style=true",
        );
        assert_eq!(t.bucket, "news-site");
        assert_eq!(t.prefix, "explainers/");
        assert_eq!(t.endpoint.as_deref(), Some("http://127.0.0.1:9000"));
        assert_eq!(t.region.as_deref(), Some("eu-west-1"));
        assert!(t.path_style);
        let t = s3("s3://b");
        assert_eq!(
            (t.prefix.as_str(), t.endpoint, t.path_style, t.cloudfront),
            ("", None, false, None)
        );
        let t = s3("s3://b?cloudfront=E2EXAMPLE1&cloudfront_endpoint=http://127.0.0.1:5000/");
        assert_eq!(t.cloudfront.as_deref(), Some("E2EXAMPLE1"));
        assert_eq!(
            t.cloudfront_endpoint.as_deref(),
            Some("http://127.0.0.1:5000")
        );
        let e = Target::parse("s3://b?cloudfront=E2/../x").unwrap_err();
        assert!(e.contains("not a distribution id"), "{e}");
    }

    #[test]
    fn git_urls_parse() {
        let Ok(Target::Git(t)) = Target::parse("git+file:///srv/site.git#gh-pages") else {
            panic!()
        };
        assert_eq!(
            (t.remote.as_str(), t.branch.as_str(), t.squash),
            ("file:///srv/site.git", "gh-pages", false)
        );
        let Ok(Target::Git(t)) =
            Target::parse("git+ssh://git@github.com/news/site.git?squash=true")
        else {
            panic!()
        };
        assert_eq!(
            (t.remote.as_str(), t.branch.as_str(), t.squash),
            ("ssh://git@github.com/news/site.git", "gh-pages", true)
        );
    }

    #[test]
    fn bad_urls_say_how_to_write_them() {
        let e = Target::parse("s3://b/p?regoin=x").unwrap_err();
        assert!(e.contains("did you mean `region`?"), "{e}");
        let e = Target::parse("ftp://host/x").unwrap_err();
        assert!(
            e.contains("not supported") && e.contains("s3://BUCKET"),
            "{e}"
        );
        let e = Target::parse("git+https://u:secret@host/r.git#gh-pages").unwrap_err();
        assert!(e.contains("password"), "{e}");
        let e = Target::parse("s3://b?endpoint=localhost:9000").unwrap_err();
        assert!(e.contains("http://"), "{e}");
    }

    fn located(r: Result<Target, BuildError>) -> Vec<ContentError> {
        match r {
            Err(BuildError::Content(e)) => e.errors,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn site_yaml_targets_are_checked_where_they_are_written() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        let yaml = "title: T\ndeploy:\n  default: live\n  targets:\n    live: s3://b/p?regoin=eu\n";
        std::fs::write(dir.path().join("content/site.yaml"), yaml).unwrap();
        let e = located(resolve(dir.path(), None));
        assert_eq!(e[0].location, "content/site.yaml:5:11");
        assert!(
            e[0].message.contains("unknown option `regoin`"),
            "{}",
            e[0].message
        );
        assert_eq!(e[0].help.as_deref(), Some("did you mean `region`?"));

        let yaml = "title: T\ndeploy:\n  default: liev\n  targets:\n    live: s3://b/p\n";
        std::fs::write(dir.path().join("content/site.yaml"), yaml).unwrap();
        let e = located(resolve(dir.path(), None));
        assert_eq!(e[0].location, "content/site.yaml:3:3");
        assert_eq!(e[0].help.as_deref(), Some("did you mean `live`?"));
        // A name on the command line is looked up; a URL is taken as it is.
        std::fs::write(
            dir.path().join("content/site.yaml"),
            "title: T\ndeploy:\n  targets:\n    live: s3://b/p\n",
        )
        .unwrap();
        assert!(matches!(resolve(dir.path(), None), Ok(Target::S3(t)) if t.bucket == "b"));
        assert!(
            matches!(resolve(dir.path(), Some("git+file:///x.git#pages")), Ok(Target::Git(t)) if t.branch == "pages")
        );
        let Err(BuildError::Other(e)) = resolve(dir.path(), Some("lvie")) else {
            panic!()
        };
        assert!(e.to_string().contains("did you mean `live`?"), "{e}");
    }
}
