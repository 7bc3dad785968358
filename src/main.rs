//! The command line: parses arguments, calls the library, prints errors, sets the exit code.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use parley::{BuildError, BuildOptions};

/// mimalloc instead of glibc's allocator: a build allocates many short-lived strings on
/// every thread. Measured: 18% less wall time, 16-20% less CPU, 37-43 MB more peak memory
/// (bench/README.md, "mimalloc again").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "parley",
    version,
    about = "Builds explainer websites about diplomatic talks from Markdown and YAML"
)]
struct Cli {
    /// The site folder (the one holding content/)
    #[arg(short, long, global = true, default_value = ".")]
    root: PathBuf,
    /// Print the time of each build phase on stderr (RUST_LOG=... for finer control)
    #[arg(short, long, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (the default command)
    Build(BuildArgs),
    /// Check content, references and links; write nothing
    Check {
        /// Include drafts
        #[arg(long)]
        drafts: bool,
    },
    /// Build the site into memory, serve it with live reload, rebuild on every change
    Serve {
        /// The port to listen on (0: any free port)
        #[arg(short, long, default_value_t = parley::serve::DEFAULT_PORT)]
        port: u16,
        /// The address to listen on; only this computer can connect to the default
        #[arg(short, long, default_value = "127.0.0.1")]
        interface: std::net::IpAddr,
        /// Include drafts
        #[arg(long)]
        drafts: bool,
    },
    /// Scaffold a new explainer at content/<SLUG>/index.md
    New {
        /// The explainer's folder and URL name, e.g. geneva-water-talks
        slug: String,
    },
    /// Publish the built site to S3-compatible hosting or a git branch, uploading only what changed
    Deploy(DeployArgs),
}

#[derive(clap::Args)]
struct DeployArgs {
    /// A target URL (s3://BUCKET/PREFIX?endpoint=..., git+file:///repo.git#gh-pages) or a name
    /// from site.yaml's `deploy: targets:` [default: site.yaml's `deploy: default:`]
    #[arg(short, long)]
    target: Option<String>,
    /// The folder parley build wrote [default: <root>/public]
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Show what would change; change nothing
    #[arg(long)]
    dry_run: bool,
    /// Delete files even when there are more than --max-deletes
    #[arg(long)]
    force: bool,
    /// Refuse to delete more files than this without --force
    #[arg(long, default_value_t = parley::deploy::DEFAULT_MAX_DELETES)]
    max_deletes: usize,
    /// Compare with the bucket's listing instead of the record the last deploy left there
    /// (after files in the bucket were changed by other means)
    #[arg(long)]
    relist: bool,
}

#[derive(clap::Args, Default)]
struct BuildArgs {
    /// Where to write the site [default: <root>/public]
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Override site.yaml's base_url, e.g. https://user.github.io/repo/
    #[arg(long, value_parser = parley::model::parse_base_url)]
    base_url: Option<String>,
    /// Include drafts
    #[arg(long)]
    drafts: bool,
    /// Minify the HTML pages and CSS files
    #[arg(long)]
    minify: bool,
    /// Rewrite every file, even unchanged ones; also build into a folder holding files
    /// parley did not write (they are kept, never overwritten or deleted)
    #[arg(long)]
    force: bool,
}

fn print_error(e: BuildError) {
    match e {
        BuildError::Content(errors) => {
            let count = errors.to_string();
            if std::io::stderr().is_terminal() {
                // Colour and box drawing on a terminal.
                for err in errors.errors {
                    eprintln!("{:?}", miette::Report::new(err));
                }
            } else {
                // Plain text in pipes and CI.
                eprint!("{}", errors.plain_report());
            }
            eprintln!("{count}");
        }
        BuildError::Other(e) => {
            eprintln!("error: {e}");
            for cause in e.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
        }
    }
}

/// Log records go to stderr as `info: ...`; `-v` shows parley's `info` records, RUST_LOG
/// (e.g. `RUST_LOG=debug`) overrides.
fn init_logging(verbose: bool) {
    use std::io::Write;
    let default = if verbose { "warn,parley=info" } else { "warn" };
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or(default))
        .format(|buf, record| {
            let level = match record.level() {
                log::Level::Warn => "warning".to_string(),
                l => l.as_str().to_ascii_lowercase(),
            };
            writeln!(buf, "{level}: {}", record.args())
        })
        .init();
}

/// The `parley serve` command line that previews what `opts` built.
fn serve_command(opts: &BuildOptions) -> String {
    let mut c = String::from("parley");
    if opts.root != std::path::Path::new(".") {
        c += &format!(" --root {}", opts.root.display());
    }
    c += " serve";
    if opts.drafts {
        c += " --drafts";
    }
    c
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.verbose);
    let root = cli.root;
    let result = match cli.command.unwrap_or(Command::Build(BuildArgs::default())) {
        Command::Build(a) => {
            let opts = BuildOptions {
                root,
                output: a.output,
                base_url: a.base_url,
                drafts: a.drafts,
                live_reload: false,
                minify: a.minify,
                force: a.force,
            };
            parley::build(&opts).map(|r| {
                println!(
                    "built {} explainer{}: {} pages, {} files ({} written, {} removed) in {} ms -> {}",
                    r.explainers,
                    if r.explainers == 1 { "" } else { "s" },
                    r.pages,
                    r.files,
                    r.changes.written,
                    r.changes.removed,
                    r.elapsed.as_millis(),
                    r.output.display()
                );
                println!("preview it with `{}`", serve_command(&opts));
            })
        }
        Command::Check { drafts } => {
            let opts = BuildOptions {
                root,
                drafts,
                ..Default::default()
            };
            parley::check(&opts).map(|r| {
                println!(
                    "checked {} explainer{} and {} pages: no problems found",
                    r.explainers,
                    if r.explainers == 1 { "" } else { "s" },
                    r.pages
                );
            })
        }
        Command::Serve {
            port,
            interface,
            drafts,
        } => {
            let opts = parley::serve::ServeOptions {
                drafts,
                interface,
                port,
                ..parley::serve::ServeOptions::new(root)
            };
            parley::serve::run(&opts).map_err(BuildError::Other)
        }
        Command::New { slug } => {
            let now = jiff::Timestamp::now()
                .strftime("%Y-%m-%dT%H:%M:%SZ")
                .to_string();
            parley::load::scaffold::new_explainer(&root, &slug, &now)
                .map(|p| {
                    println!("wrote {}", p.display());
                    println!(
                        "it is a draft: `parley serve --drafts` shows it; remove `draft: true` to publish it"
                    );
                })
                .map_err(BuildError::Other)
        }
        Command::Deploy(a) => {
            let opts = parley::deploy::DeployOptions {
                output: a.output,
                target: a.target,
                dry_run: a.dry_run,
                force: a.force,
                max_deletes: a.max_deletes,
                relist: a.relist,
                ..parley::deploy::DeployOptions::new(root)
            };
            parley::deploy::deploy(&opts).map(|r| print!("{}", r.summary()))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            print_error(e);
            ExitCode::FAILURE
        }
    }
}
