//! `parley new <slug>`: scaffolds content/<slug>/index.md, refuses to overwrite, and the
//! scaffold builds as a draft.

mod common;
use common::copy_dir;

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new("tests/fixtures/geneva-site"), dir.path());
    dir
}

fn parley(root: &Path) -> Command {
    let mut c = Command::cargo_bin("parley").unwrap();
    c.arg("--root").arg(root);
    c
}

#[test]
fn new_writes_the_explainer_and_says_where() {
    let dir = site();
    let file = dir.path().join("content/lake-talks/index.md");
    parley(dir.path())
        .args(["new", "lake-talks"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("wrote").and(predicate::str::contains(
                Path::new("content")
                    .join("lake-talks")
                    .join("index.md")
                    .to_str()
                    .unwrap(),
            )),
        );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("---\ntitle: \"Lake talks\"\n"), "{text}");
    assert!(text.contains("draft: true"));
    assert!(text.contains("## When are the talks?"));
}

#[test]
fn new_refuses_to_overwrite() {
    let dir = site();
    parley(dir.path())
        .args(["new", "lake-talks"])
        .assert()
        .success();
    let file = dir.path().join("content/lake-talks/index.md");
    std::fs::write(&file, "my own words").unwrap();
    parley(dir.path())
        .args(["new", "lake-talks"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "my own words");
    // An existing explainer from the fixture too.
    parley(dir.path())
        .args(["new", "border-talks"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already exists"));
}

#[test]
fn new_refuses_a_name_that_cannot_be_a_url() {
    let dir = site();
    parley(dir.path())
        .args(["new", "Lake Talks!"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("lake-talks"));
    assert!(!dir.path().join("content/Lake Talks!").exists());
}

#[test]
fn the_scaffold_builds_as_a_draft() {
    let dir = site();
    parley(dir.path())
        .args(["new", "lake-talks"])
        .assert()
        .success();
    let out = tempfile::tempdir().unwrap();
    // As written (delegation heads `null`).
    parley(dir.path())
        .args(["build", "--drafts", "--output"])
        .arg(out.path().join("site"))
        .assert()
        .success();
    assert!(out.path().join("site/lake-talks/index.html").exists());
    // Without --drafts it is left out.
    parley(dir.path())
        .args(["build", "--output"])
        .arg(out.path().join("public-only"))
        .assert()
        .success();
    assert!(!out.path().join("public-only/lake-talks").exists());

    // With its people filled in from people.yaml.
    let file = dir.path().join("content/lake-talks/index.md");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replacen("head: null", "head: mara-lindqvist", 1)
        .replacen("members: []", "members: [tomas-reyes]", 1)
        .replacen("head: null", "head: dimitris-kallas", 1);
    std::fs::write(&file, text).unwrap();
    parley(dir.path())
        .args(["build", "--drafts", "--output"])
        .arg(out.path().join("filled"))
        .assert()
        .success();
    let page = std::fs::read_to_string(out.path().join("filled/lake-talks/index.html")).unwrap();
    assert!(page.contains("Mara Lindqvist"));
    let person =
        std::fs::read_to_string(out.path().join("filled/people/mara-lindqvist/index.html"))
            .unwrap();
    assert!(
        person.contains("Lake talks"),
        "her page lists the new talks"
    );
}

#[test]
fn new_says_the_explainer_is_a_draft_and_plain_commands_say_they_skipped_it() {
    let dir = site();
    parley(dir.path())
        .args(["new", "lake-talks"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("it is a draft").and(predicate::str::contains("--drafts")),
        );
    // The fixture's own draft and the new one.
    parley(dir.path())
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("checked 3 explainers and"))
        .stderr(predicate::str::contains(
            "warning: skipped 2 drafts: content/draft-talks, content/lake-talks (use --drafts to include them)",
        ));
    let out = tempfile::tempdir().unwrap();
    parley(dir.path())
        .args(["build", "--output"])
        .arg(out.path().join("site"))
        .assert()
        .success()
        .stderr(predicate::str::contains("skipped 2 drafts"))
        .stdout(predicate::str::contains(format!(
            "preview it with `parley --root {} serve`",
            dir.path().display()
        )));
}

#[test]
fn check_with_drafts_warns_about_placeholders_left_in() {
    let dir = site();
    parley(dir.path())
        .args(["new", "lake-talks"])
        .assert()
        .success();
    parley(dir.path())
        .args(["check", "--drafts"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no problems found"))
        .stderr(
            predicate::str::contains(
                "warning: content/lake-talks/index.md: scaffold placeholders left in",
            )
            .and(predicate::str::contains(
                "lines 3, 9, 13, 14, 16, 17, 22, 26, 30, 34:",
            ))
            .and(predicate::str::contains("skipped").not()),
        );
    // Written over, the warning goes.
    let file = dir.path().join("content/lake-talks/index.md");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("head: null", "head: mara-lindqvist")
        .replace("Write the answer here.", "In March.")
        .replace(
            "What readers need to know first, in two or three sentences.",
            "Lede.",
        )
        .replace(
            "One or two sentences: what these talks are and why they matter.",
            "Sum.",
        )
        .replace("City, Country", "Geneva, Switzerland")
        .replace("First party", "Arland")
        .replace("Second party", "Borovia");
    std::fs::write(&file, text).unwrap();
    parley(dir.path())
        .args(["check", "--drafts"])
        .assert()
        .success()
        .stderr(predicate::str::contains("placeholder").not());
}

#[test]
fn check_counts_one_explainer_in_the_singular() {
    let dir = site();
    for gone in ["geneva-water-talks", "draft-talks", "lake-commission-talks"] {
        std::fs::remove_dir_all(dir.path().join("content").join(gone)).unwrap();
    }
    parley(dir.path())
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("checked 1 explainer and "))
        .stderr(predicate::str::is_empty());
}

#[test]
fn verbose_logs_the_build_phases() {
    let dir = site();
    let out = tempfile::tempdir().unwrap();
    let assert = parley(dir.path())
        .args(["-v", "build", "--output"])
        .arg(out.path().join("site"))
        .assert()
        .success();
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    for phase in ["load", "model", "render", "finish", "swap"] {
        assert!(
            err.lines().any(|l| l.starts_with("info:")
                && l.contains(&format!("{phase}:"))
                && l.ends_with(" ms")),
            "{phase} in {err}"
        );
    }
    // Quiet without it.
    parley(dir.path())
        .args(["build", "--output"])
        .arg(out.path().join("quiet"))
        .assert()
        .success()
        .stderr(predicate::str::contains("info:").not());
}
