//! The output folder (issues 17 and 25): parley writes only into a folder that is new, empty
//! or its own, never loses a user's file whatever `--output` says, lets one build at a time
//! write, and rewrites only the files whose bytes changed.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

use assert_cmd::Command;
use common::*;

fn parley() -> Command {
    Command::cargo_bin("parley").unwrap()
}

/// A copy of the geneva fixture site in a temp folder.
fn site() -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&fixture("geneva-site"), site.path());
    site
}

/// Every file below `dir` (bookkeeping included) with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Every site file's modification time.
fn mtimes(dir: &Path) -> BTreeMap<String, SystemTime> {
    all_files(dir)
        .into_iter()
        .map(|f| {
            let t = std::fs::metadata(dir.join(&f)).unwrap().modified().unwrap();
            (f, t)
        })
        .collect()
}

/// `build` in `cwd` with `args`: the exit code and stderr.
fn build_in(cwd: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = parley()
        .current_dir(cwd)
        .arg("build")
        .args(args)
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn a_folder_parley_did_not_write_is_refused_and_kept() {
    let site = site();
    let user = tempfile::tempdir().unwrap();
    let data = user.path().join("userdata");
    std::fs::create_dir_all(data.join("sub")).unwrap();
    std::fs::write(data.join("thesis.txt"), "three years of work").unwrap();
    std::fs::write(data.join("sub/notes.md"), "notes").unwrap();
    // A home folder, dotfiles and keys.
    let home = user.path().join("home");
    std::fs::create_dir_all(home.join(".ssh")).unwrap();
    std::fs::write(home.join(".ssh/id_ed25519"), "key").unwrap();
    std::fs::write(home.join(".bashrc"), "rc").unwrap();
    for dir in [&data, &home] {
        let before = snapshot(dir);
        let (code, err) = build_in(site.path(), &["--output", dir.to_str().unwrap()]);
        assert_eq!(code, Some(1), "{err}");
        assert!(
            err.contains("it holds files that parley did not write"),
            "{err}"
        );
        assert!(
            err.contains("help: choose a new or empty folder, or pass --force"),
            "{err}"
        );
        assert_eq!(snapshot(dir), before, "{}", dir.display());
    }
    // --force adds the site beside the user's files and touches none of them.
    let before = snapshot(&data);
    let (code, err) = build_in(
        site.path(),
        &["--force", "--output", data.to_str().unwrap()],
    );
    assert_eq!(code, Some(0), "{err}");
    let after = snapshot(&data);
    for (f, bytes) in &before {
        assert_eq!(after.get(f), Some(bytes), "{f}");
    }
    assert!(after.contains_key("index.html"));
    // A later build without --force is fine (the folder has parley's record), and a removed
    // page goes while the user's files stay.
    let (code, err) = build_in(site.path(), &["--output", data.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        std::fs::read_to_string(data.join("thesis.txt")).unwrap(),
        "three years of work"
    );
}

#[test]
fn a_damaged_record_is_refused_and_the_site_kept() {
    let site = site();
    assert_eq!(build_in(site.path(), &[]).0, Some(0));
    let public = site.path().join("public");
    for damaged in [
        "{\"generator\": \"parley\", \"files\": ",
        "{\"generator\": \"other\"}",
    ] {
        std::fs::write(public.join(".parley-manifest.json"), damaged).unwrap();
        let before = snapshot(&public);
        let (code, err) = build_in(site.path(), &[]);
        assert_eq!(code, Some(1), "{err}");
        assert!(
            err.contains(".parley-manifest.json is not a record parley can read"),
            "{err}"
        );
        assert!(
            err.contains("help: delete the output folder yourself"),
            "{err}"
        );
        assert_eq!(snapshot(&public), before, "{damaged}");
    }
}

#[test]
fn dot_dot_paths_and_files_cannot_take_the_sources() {
    let parent = tempfile::tempdir().unwrap();
    let root = parent.path().join("site");
    copy_dir(&fixture("geneva-site"), &root);
    std::fs::write(parent.path().join("afile"), "a file").unwrap();
    let sources = snapshot(&root);
    let cases: [(&Path, &str, &str); 5] = [
        (
            parent.path(),
            "site/nx/../content",
            "part of the site's sources",
        ),
        (&root, "public/../content", "part of the site's sources"),
        (
            parent.path(),
            "site/nx/../../site",
            "it contains the site itself",
        ),
        (&root, "../afile", "it is a file, not a folder"),
        (&root, "..", "it contains the site itself"),
    ];
    for (cwd, output, why) in cases {
        let root_arg = if cwd == parent.path() { "site" } else { "." };
        let out = parley()
            .current_dir(cwd)
            .args(["--root", root_arg, "build", "--output", output])
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{output}: {err}");
        assert!(err.starts_with("error: refusing"), "{output}: {err}");
        assert!(err.contains(why), "{output}: {err}");
        assert_eq!(snapshot(&root), sources, "{output}: the site changed");
    }
    assert_eq!(
        std::fs::read_to_string(parent.path().join("afile")).unwrap(),
        "a file"
    );
    let names: Vec<String> = std::fs::read_dir(parent.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "nothing new beside the site: {names:?}");
    // The site still builds into its default folder afterwards.
    assert_eq!(build_in(&root, &[]).0, Some(0));
}

#[test]
fn concurrent_builds_take_turns_and_leave_a_whole_site() {
    let site = site();
    let reference = tempfile::tempdir().unwrap();
    let ref_out = reference.path().join("public");
    assert_eq!(
        build_in(site.path(), &["--output", ref_out.to_str().unwrap()]).0,
        Some(0)
    );
    let expected = snapshot(&ref_out);
    let bin = assert_cmd::cargo::cargo_bin("parley");
    for round in 0..5 {
        let out = site.path().join(format!("public{round}"));
        let children: Vec<_> = (0..3)
            .map(|_| {
                std::process::Command::new(&bin)
                    .current_dir(site.path())
                    .args(["build", "--output"])
                    .arg(&out)
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for c in children {
            let o = c.wait_with_output().unwrap();
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        }
        let got = snapshot(&out);
        let site_files = |m: &BTreeMap<String, Vec<u8>>| -> Vec<String> {
            m.keys()
                .filter(|k| !k.starts_with(".parley-"))
                .cloned()
                .collect()
        };
        assert_eq!(site_files(&got), site_files(&expected), "round {round}");
        for (f, bytes) in &expected {
            assert_eq!(got.get(f), Some(bytes), "round {round}: {f}");
        }
    }
}

#[test]
fn a_rebuild_with_no_change_writes_nothing() {
    let site = site();
    let out = site.path().join("public");
    let first = parley()
        .current_dir(site.path())
        .arg("build")
        .output()
        .unwrap();
    let first = String::from_utf8(first.stdout).unwrap();
    let before = mtimes(&out);
    assert!(
        first.contains(&format!("({} written, 0 removed)", before.len())),
        "{first}"
    );
    let record = out.join(".parley-manifest.json");
    let modified = |p: &Path| std::fs::metadata(p).unwrap().modified().unwrap();
    let recorded = modified(&record);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let again = parley()
        .current_dir(site.path())
        .arg("build")
        .output()
        .unwrap();
    let again = String::from_utf8(again.stdout).unwrap();
    assert!(again.contains("(0 written, 0 removed)"), "{again}");
    assert_eq!(mtimes(&out), before);
    // Nor is the record written again.
    assert_eq!(modified(&record), recorded);
    // --force rewrites every file.
    let forced = parley()
        .current_dir(site.path())
        .args(["build", "--force"])
        .output()
        .unwrap();
    let forced = String::from_utf8(forced.stdout).unwrap();
    assert!(
        forced.contains(&format!("({} written, 0 removed)", before.len())),
        "{forced}"
    );
}

/// After a one-answer edit, a rebuild writes exactly the files whose bytes differ from the
/// previous build (found by building the edited site into a fresh folder), and only those.
#[test]
fn an_edit_rewrites_exactly_the_files_that_changed() {
    let site = site();
    let out = site.path().join("public");
    assert_eq!(build_in(site.path(), &[]).0, Some(0));
    let before_bytes = snapshot(&out);
    let before = mtimes(&out);
    let index = site.path().join("content/geneva-water-talks/index.md");
    let text = std::fs::read_to_string(&index).unwrap();
    let edited = text.replacen(
        "## Why Genève?\n",
        "## Why Genève?\n\nA new first sentence.\n",
        1,
    );
    assert_ne!(text, edited);
    std::fs::write(&index, edited).unwrap();

    let fresh = tempfile::tempdir().unwrap();
    let fresh_out = fresh.path().join("public");
    assert_eq!(
        build_in(site.path(), &["--output", fresh_out.to_str().unwrap()]).0,
        Some(0)
    );
    let wanted: Vec<String> = all_files(&fresh_out)
        .into_iter()
        .filter(|f| before_bytes.get(f) != Some(&std::fs::read(fresh_out.join(f)).unwrap()))
        .collect();
    assert!(
        wanted.contains(&"geneva-water-talks/index.html".to_string()),
        "{wanted:?}"
    );
    assert!(wanted.len() < before.len() / 2, "{wanted:?}");

    let run = parley()
        .current_dir(site.path())
        .arg("build")
        .output()
        .unwrap();
    let stdout = String::from_utf8(run.stdout).unwrap();
    assert!(
        stdout.contains(&format!("({} written, 0 removed)", wanted.len())),
        "{stdout}"
    );
    let after = mtimes(&out);
    let touched: Vec<String> = after
        .iter()
        .filter(|(f, t)| before.get(*f) != Some(*t))
        .map(|(f, _)| f.clone())
        .collect();
    assert_eq!(touched, wanted);
    assert_eq!(snapshot(&out), {
        let mut s = snapshot(&fresh_out);
        s.remove(".parley-lock");
        s.insert(".parley-lock".into(), Vec::new());
        s
    });
}

/// A rebuild does not render again a page whose inputs are those of the page in place. After
/// each kind of change a page can depend on (an answer, a person named, an update, another
/// explainer, a person, a shortcode template, a built-in template overridden, the interface
/// words, site.yaml, search turned on, a style sheet, a series), the site rebuilt in place
/// equals the same site built into a fresh folder, byte for byte, and the record notes the
/// inputs of every page.
#[test]
fn a_rebuild_after_any_change_equals_a_fresh_build() {
    let site = site();
    let root = site.path();
    let out = root.join("public");
    assert_eq!(build_in(root, &[]).0, Some(0));
    let edit = |file: &str, from: &str, to: &str| {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has no `{from}`");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    let add = |file: &str, text: &str| {
        let path = root.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    let changes: [(&str, &dyn Fn()); 14] = [
        ("an answer", &|| {
            edit(
                "content/geneva-water-talks/index.md",
                "## Why Genève?\n",
                "## Why Genève?\n\nA new first sentence.\n",
            )
        }),
        // A back-link on the person's page.
        ("an answer that names a person", &|| {
            edit(
                "content/border-talks/index.md",
                "## What happens next?\n",
                "## What happens next?\n\nTomás Reyes will say.\n",
            )
        }),
        // In its feed, the site's and its topics'.
        ("an update", &|| {
            edit(
                "content/geneva-water-talks/index.md",
                "twenty minutes late",
                "half an hour late",
            )
        }),
        // Shown on the other explainers' pages, as a related explainer.
        ("another explainer's title", &|| {
            edit(
                "content/border-talks/index.md",
                "title: \"Arland–Borovia border talks: the deal explained\"",
                "title: \"The border deal explained\"",
            )
        }),
        // Tomás is not at the border talks' table: the next change, to his role, reaches
        // their page only through his card here (shortcodes see every person).
        ("a shortcode showing a person not at the table", &|| {
            edit(
                "content/border-talks/index.md",
                "{{ person(id=\"dimitris-kallas\") }}",
                "{{ person(id=\"dimitris-kallas\") }}\n\n{{ person(id=\"tomas-reyes\") }}",
            )
        }),
        ("a person's role", &|| {
            edit(
                "content/people.yaml",
                "Director of the Arland",
                "Head of the Arland",
            )
        }),
        ("a shortcode's template", &|| {
            edit(
                "templates/shortcodes/factbox.html",
                "<h3>",
                "<h3 class=\"box\">",
            )
        }),
        ("a shortcode's arguments", &|| {
            edit(
                "content/geneva-water-talks/index.md",
                "text=\"3 rounds so far\"",
                "text=\"4 rounds so far\"",
            )
        }),
        ("a built-in template", &|| {
            add(
                "templates/404.html",
                "{% extends \"base.html\" %}{% block main %}<p>Gone.</p>{% endblock %}",
            )
        }),
        ("an interface word", &|| {
            add("i18n/en.ftl", "nav-whos-who = Who is who\n")
        }),
        ("site.yaml", &|| {
            edit(
                "content/site.yaml",
                "title: Borderlands Explainers",
                "title: Borderlands",
            )
        }),
        // From here on, the index is made again on every build, from pages rendered or not.
        ("search turned on", &|| {
            edit(
                "content/site.yaml",
                "faq_schema: true",
                "faq_schema: true\nsearch: true",
            )
        }),
        ("a style sheet", &|| {
            add("static/style.css", "body { color: black; }\n")
        }),
        ("a series", &|| {
            edit(
                "content/series.yaml",
                "title: Arland–Borovia talks",
                "title: The talks",
            )
        }),
    ];
    for (what, change) in changes {
        let before = snapshot(&out);
        change();
        let (code, err) = build_in(root, &[]);
        assert_eq!(code, Some(0), "after {what}: {err}");
        let fresh = tempfile::tempdir().unwrap();
        let fresh_out = fresh.path().join("public");
        let (code, err) = build_in(root, &["--output", fresh_out.to_str().unwrap()]);
        assert_eq!(code, Some(0), "after {what}: {err}");
        let mut wanted = snapshot(&fresh_out);
        wanted.insert(".parley-lock".into(), Vec::new());
        let got = snapshot(&out);
        assert_ne!(got, before, "{what} changed nothing");
        for (file, bytes) in &wanted {
            assert!(got.get(file) == Some(bytes), "after {what}: {file} differs");
        }
        assert_eq!(got.len(), wanted.len(), "after {what}");
    }
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join(".parley-manifest.json")).unwrap()).unwrap();
    let files = record["files"].as_object().unwrap();
    for (file, entry) in files.iter().filter(|(f, _)| f.ends_with(".html")) {
        assert!(entry["inputs"].is_string(), "{file}: {entry}");
    }
}
