//! Bad sites get located, actionable errors, exit code 1, and never damage a previous build.

mod common;

use assert_cmd::Command;
use common::*;

fn parley() -> Command {
    Command::cargo_bin("parley").unwrap()
}

/// Every folder in tests/fixtures/invalid/ fails `check` and `build` with exit code 1 and
/// the exact error text in its snapshot.
#[test]
fn every_invalid_fixture_fails_with_a_located_error() {
    let dir = fixture("invalid");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert!(names.len() >= 20, "the corpus has {} cases", names.len());
    for name in names {
        let site = dir.join(&name);
        let out = parley().current_dir(&site).arg("check").output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}: check should exit 1");
        assert!(out.stdout.is_empty(), "{name}: nothing on stdout");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.starts_with("error: "), "{name}: {stderr}");
        assert!(
            stderr.contains("= help: "),
            "{name}: every error says how to fix it\n{stderr}"
        );
        if name != "no-content" {
            assert!(
                stderr
                    .lines()
                    .next()
                    .unwrap()
                    .split(':')
                    .nth(2)
                    .is_some_and(|l| l.parse::<usize>().is_ok()),
                "{name}: no line number\n{stderr}"
            );
        }
        insta::assert_snapshot!(format!("invalid_{name}"), stderr);

        // `build` runs the same validation and writes nothing.
        let tmp = tempfile::tempdir().unwrap();
        let out_dir = tmp.path().join("public");
        let b = parley()
            .current_dir(&site)
            .args(["build", "--output"])
            .arg(&out_dir)
            .output()
            .unwrap();
        assert_eq!(b.status.code(), Some(1), "{name}: build should exit 1");
        // The same report, down to the quoted line: errors found after `build` let go of the
        // explainers' text (shortcodes, relative links) read their file again.
        assert_eq!(
            String::from_utf8(b.stderr).unwrap(),
            stderr,
            "{name}: build reports what check reports"
        );
        assert!(!out_dir.exists(), "{name}: a failed build must not write");
        assert_eq!(
            std::fs::read_dir(tmp.path()).unwrap().count(),
            0,
            "{name}: no temp folders left behind"
        );
    }
}

#[test]
fn many_problems_are_all_reported_in_one_run() {
    let out = parley()
        .current_dir(fixture("invalid/many-problems"))
        .arg("check")
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.matches("error: ").count(), 3, "{stderr}");
    assert!(
        stderr.contains("content/other/index.md:3:12")
            && stderr.contains("content/talks/index.md:8:13")
    );
    assert!(
        stderr.ends_with("found 3 problems in the site\n"),
        "{stderr}"
    );
}

type Breakage = fn(&std::path::Path);

/// Ways to break the fixture site, found at each stage of a build: while modelling (nothing
/// written yet), while rendering (other explainers' pages already written out), and in the
/// link check after every page is written.
fn breakages() -> Vec<(&'static str, Breakage)> {
    vec![
        ("front matter typo", |site| {
            let index = site.join("content/border-talks/index.md");
            let text = std::fs::read_to_string(&index).unwrap();
            std::fs::write(&index, text.replacen("title:", "titel:", 1)).unwrap();
        }),
        ("shortcode that fails to render", |site| {
            std::fs::write(
                site.join("templates/shortcodes/boom.html"),
                "{{ no_such_thing.value }}",
            )
            .unwrap();
            let index = site.join("content/border-talks/index.md");
            let text = std::fs::read_to_string(&index).unwrap();
            std::fs::write(&index, format!("{text}\n{{{{ boom() }}}}\n")).unwrap();
        }),
        ("link to a missing anchor", |site| {
            let index = site.join("content/border-talks/index.md");
            let text = std::fs::read_to_string(&index).unwrap();
            std::fs::write(
                &index,
                format!(
                    "{text}\nSee [the water talks](../geneva-water-talks/#no-such-question).\n"
                ),
            )
            .unwrap();
        }),
    ]
}

#[test]
fn a_failing_build_leaves_the_previous_site_byte_for_byte() {
    for (what, break_it) in breakages() {
        let site = tempfile::tempdir().unwrap();
        copy_dir(&fixture("geneva-site"), site.path());
        let out = site.path().join("public");
        parley()
            .current_dir(site.path())
            .arg("build")
            .assert()
            .success();
        let before: Vec<(String, Vec<u8>)> = all_files(&out)
            .into_iter()
            .map(|f| (f.clone(), std::fs::read(out.join(&f)).unwrap()))
            .collect();
        assert!(before.len() > 10);

        break_it(site.path());
        let run = parley()
            .current_dir(site.path())
            .arg("build")
            .assert()
            .code(1);
        let stderr = String::from_utf8_lossy(&run.get_output().stderr).to_string();
        assert!(
            stderr.contains("content/border-talks/index.md:"),
            "{what}: {stderr}"
        );

        let after: Vec<(String, Vec<u8>)> = all_files(&out)
            .into_iter()
            .map(|f| (f.clone(), std::fs::read(out.join(&f)).unwrap()))
            .collect();
        assert_eq!(before.len(), after.len(), "{what}");
        for ((fa, a), (fb, b)) in before.iter().zip(after.iter()) {
            assert_eq!(fa, fb, "{what}");
            assert_eq!(a, b, "{what}: {fa} changed");
        }
        // No temporary folders are left beside the output.
        let leftovers: Vec<String> = std::fs::read_dir(site.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .filter(|n| n.contains("parley-"))
            .collect();
        assert!(leftovers.is_empty(), "{what}: {leftovers:?}");
    }
}

/// A rebuild removes the files of the previous build that it no longer writes (here a draft's,
/// built for a preview first), and never a file that parley did not write (issue 17: it used to delete
/// everything it found in the output folder).
#[test]
fn a_rebuild_removes_its_stale_files_and_keeps_the_users() {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&fixture("geneva-site"), site.path());
    parley()
        .current_dir(site.path())
        .args(["build", "--drafts"])
        .assert()
        .success();
    let public = site.path().join("public");
    let gone: Vec<String> = all_files(&public)
        .into_iter()
        .filter(|f| f.starts_with("draft-talks/"))
        .collect();
    assert!(gone.len() > 2, "{gone:?}");
    std::fs::write(public.join("mine.html"), "the user's").unwrap();
    parley()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .success();
    assert!(!public.join("draft-talks").exists(), "{gone:?}");
    assert_eq!(
        std::fs::read_to_string(public.join("mine.html")).unwrap(),
        "the user's"
    );
}

#[test]
fn refuses_to_replace_the_site_folder_itself() {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&fixture("geneva-site"), site.path());
    for bad in [".", "..", "content", "templates"] {
        let out = parley()
            .current_dir(site.path())
            .args(["build", "--output", bad])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "--output {bad}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("refusing"), "{err}");
    }
    assert!(site.path().join("content/site.yaml").exists());
    assert!(
        site.path()
            .join("templates/shortcodes/factbox.html")
            .exists()
    );
}

#[test]
fn usage_errors_exit_2() {
    parley().arg("frobnicate").assert().code(2);
    parley().args(["build", "--no-such-flag"]).assert().code(2);
}

#[test]
fn help_and_version() {
    let out = parley().arg("--help").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for cmd in ["build", "check", "new"] {
        assert!(text.contains(cmd), "{text}");
    }
    let v = parley().arg("--version").output().unwrap();
    assert!(String::from_utf8(v.stdout).unwrap().starts_with("parley "));
}

#[test]
fn check_writes_nothing_and_says_so() {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&fixture("geneva-site"), site.path());
    let out = parley()
        .current_dir(site.path())
        .arg("check")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("no problems found")
    );
    assert!(!site.path().join("public").exists());
}
