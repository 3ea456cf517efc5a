//! `linkguard`: check a link, or scan .eml/mbox files and mail folders, for phishing tricks.
//!
//! Exit status: 0 when no link is dangerous, 1 when some link is dangerous, 2 when the command
//! line was wrong or some input could not be read. 2 wins over 1: a scan that could not read
//! everything is not a clean answer, and scripts must notice. The inputs that could be read
//! are still reported.

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use serde::Serialize;

use linkguard::explain::ExplainedVerdict;
use linkguard::i18n::{explain, level_name, message, render_explanation, Lang};
use linkguard::mail::folder::FolderEntry;
use linkguard::mail::report::MessageReport;
use linkguard::mail::{self, MailError, ParsedMessage};
use linkguard::message::claim::{parse_mailbox, MessageClaim};
use linkguard::text::claim::typed_address;
use linkguard::{Engine, Level, LinkInput, MessageContext, Verdict};

// The help texts are not doc comments here: they come in the user's language from
// data/locales/*/cli.json (`localized_command`), like everything else the command prints.
#[derive(Parser)]
#[command(name = "linkguard", version)]
struct Cli {
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    En,
    Ja,
}

#[derive(Subcommand)]
enum Command {
    Check(CheckArgs),
    Scan(ScanArgs),
}

#[derive(Args)]
struct CheckArgs {
    url: Option<String>,
    #[arg(long)]
    text: Option<String>,
    #[arg(long)]
    title: Option<String>,
    #[arg(long)]
    sender: Option<String>,
    #[arg(long)]
    subject: Option<String>,
    #[arg(long)]
    json: bool,
    #[arg(long)]
    stdin: bool,
}

#[derive(Args)]
struct ScanArgs {
    #[arg(required = true)]
    files: Vec<String>,
    #[arg(long)]
    json: bool,
    #[arg(long)]
    only_flagged: bool,
}

/// The language asked for on the command line (`--lang ja`, `--lang=ja`), read before clap
/// parses it, since the help clap prints is already in that language; else the locale's.
fn lang_of_args(args: &[std::ffi::OsString]) -> Lang {
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        let value = match word.strip_prefix("--lang") {
            Some("") => words.next().map(|v| v.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_owned),
            None => None,
        };
        match value.as_deref() {
            Some("ja") => return Lang::Ja,
            Some("en") => return Lang::En,
            _ => {}
        }
    }
    Lang::from_env()
}

/// The command line of [`Cli`] with every help text in `lang`.
fn localized_command(lang: Lang) -> clap::Command {
    use clap::{Arg, ArgAction};
    let t = |key: &str| message(lang, key, &[]);
    let options = t("help_heading_options");
    let arguments = t("help_heading_arguments");
    let template = format!("{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}", t("help_usage"));
    let help_flag = Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help(t("help_help"))
        .help_heading(options.clone());
    // One subcommand's texts: its about line, then (argument id, text key) pairs.
    let texts = |cmd: clap::Command, about: &str, args: &[(&str, &str)]| {
        let mut cmd = cmd.about(t(about)).after_help(t("help_after")).help_template(template.clone());
        for &(id, key) in args {
            let heading = if id == "url" || id == "files" { arguments.clone() } else { options.clone() };
            cmd = cmd.mut_arg(id, |a| a.help(t(key)).help_heading(heading));
        }
        cmd.disable_help_flag(true).arg(help_flag.clone())
    };
    let mut cmd = Cli::command()
        .about(t("help_about"))
        .after_help(t("help_after"))
        .help_template(template.clone())
        .subcommand_help_heading(t("help_heading_commands"))
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(help_flag.clone())
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t("help_version"))
                .help_heading(options.clone()),
        )
        .mut_arg("lang", |a| a.help(t("help_lang")).help_heading(options.clone()).hide_possible_values(true))
        .mut_subcommand("check", |c| {
            texts(
                c,
                "help_check_about",
                &[
                    ("url", "help_check_url"),
                    ("text", "help_check_text"),
                    ("title", "help_check_title"),
                    ("sender", "help_check_sender"),
                    ("subject", "help_check_subject"),
                    ("json", "help_check_json"),
                    ("stdin", "help_check_stdin"),
                ],
            )
        })
        .mut_subcommand("scan", |c| {
            texts(
                c,
                "help_scan_about",
                &[("files", "help_scan_files"), ("json", "help_scan_json"), ("only_flagged", "help_scan_only_flagged")],
            )
        });
    // `build` adds clap's own `help` subcommand (and under it, for its own listing, one per
    // command, `help` too); only then can their lines be put in `lang`.
    cmd.build();
    cmd.mut_subcommand("help", |c| {
        c.about(t("help_help_command")).mut_subcommand("help", |h| h.about(t("help_help_command")))
    })
}

/// What the run found, for the exit status.
#[derive(Default)]
struct Outcome {
    danger: bool,
    error: bool,
}

impl Outcome {
    fn exit_code(&self) -> ExitCode {
        if self.error {
            ExitCode::from(2)
        } else if self.danger {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// Terminal styling, only when stdout is a terminal and NO_COLOR is not set.
#[derive(Clone, Copy)]
struct Style {
    color: bool,
}

impl Style {
    fn detect() -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style { color: io::stdout().is_terminal() && !no_color }
    }
    fn paint(self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn level(self, level: Level, lang: Lang) -> String {
        let name = level_name(level, lang);
        let code = match level {
            Level::Danger => "1;31",
            Level::Caution => "1;33",
            Level::Safe => "1;32",
        };
        self.paint(code, &format!("[{name}]"))
    }
    fn bold(self, s: &str) -> String {
        self.paint("1", s)
    }
    fn dim(self, s: &str) -> String {
        self.paint("2", s)
    }
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let args_lang = lang_of_args(&args);
    let parsed = localized_command(args_lang)
        .try_get_matches_from(args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            // clap's own account of what is wrong is in English: say it first in the user's language.
            if !matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                eprintln!("{}", message(args_lang, "cli_usage_error", &[]));
            }
            e.exit()
        }
    };
    let lang = match cli.lang {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Ja) => Lang::Ja,
        None => Lang::from_env(),
    };
    let style = Style::detect();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut outcome = Outcome::default();
    let result = match cli.command {
        Command::Check(args) => run_check(&args, lang, style, &mut out, &mut outcome),
        Command::Scan(args) => run_scan(&args, lang, style, &mut out, &mut outcome),
    };
    let result = result.and_then(|()| out.flush());
    match result {
        Ok(()) => outcome.exit_code(),
        // The reader went away (`linkguard scan ... | head`): not an error of ours.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => outcome.exit_code(),
        Err(e) => {
            eprintln!("linkguard: {e}");
            ExitCode::from(2)
        }
    }
}

fn run_check(
    args: &CheckArgs,
    lang: Lang,
    style: Style,
    out: &mut impl Write,
    outcome: &mut Outcome,
) -> io::Result<()> {
    let engine = Engine::new();
    let from_stdin = args.stdin || args.url.as_deref() == Some("-");
    if from_stdin {
        return check_stdin(args, &engine, lang, style, out, outcome);
    }
    let Some(url) = &args.url else {
        eprintln!("{}", message(lang, "cli_error_no_url", &[]));
        outcome.error = true;
        return Ok(());
    };
    // Typed on a command line, not found in a page: `example.com/login` is a web address.
    let link = LinkInput {
        href: typed_address(url),
        text: args.text.clone().unwrap_or_default(),
        title: args.title.clone(),
        ..LinkInput::default()
    };
    let claim = mail_context(args.sender.as_deref(), args.subject.as_deref()).map(|c| engine.message(&c));
    let verdict = match &claim {
        Some(claim) => engine.analyze_in(&link, claim),
        None => engine.analyze(&link),
    };
    outcome.danger |= verdict.level == Level::Danger;
    if args.json {
        return writeln!(out, "{}", to_json(&ExplainedVerdict::of(&verdict)));
    }
    write_verdict(out, &link.href, &link.text, link.title.as_deref(), &verdict, lang, style, "")?;
    if let Some(claim) = &claim {
        write_claim(out, claim, lang, style, "")?;
    }
    Ok(())
}

/// The message context a link is checked in, from `--sender 'NAME <ADDRESS>'` and `--subject`;
/// `None` when neither is given.
fn mail_context(sender: Option<&str>, subject: Option<&str>) -> Option<MessageContext> {
    if sender.is_none() && subject.is_none() {
        return None;
    }
    let (sender_name, sender_address) = sender.map(parse_mailbox).unwrap_or_default();
    Some(MessageContext { sender_name, sender_address, subject: subject.map(str::to_owned), ..MessageContext::default() })
}

/// One line of `check -` in JSON: a link and, optionally, the mail it is in.
#[derive(serde::Deserialize)]
struct StdinLink {
    url: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    sender: Option<String>,
    #[serde(default)]
    subject: Option<String>,
}

/// `check -`: a URL per line, or a JSON object per line (`{"url", "text", "title", "sender",
/// "subject"}`, each but `url` optional, `--text`, `--sender` and `--subject` standing in for the
/// ones left out). The message claim is read once for a run of lines with the same sender and
/// subject.
fn check_stdin(
    args: &CheckArgs,
    engine: &Engine,
    lang: Lang,
    style: Style,
    out: &mut impl Write,
    outcome: &mut Outcome,
) -> io::Result<()> {
    let stdin = io::stdin();
    // The (sender, subject) of the last line and the claim read for them.
    type Mail = (Option<String>, Option<String>);
    let mut last: Option<(Mail, Option<MessageClaim>)> = None;
    for (number, line) in stdin.lock().split(b'\n').enumerate() {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!("{}", message(lang, "cli_error_read", &["-", &e.to_string()]));
                outcome.error = true;
                break;
            }
        };
        // URL lists are not always UTF-8; a bad byte must not lose the rest of the list.
        let line = String::from_utf8_lossy(&line);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let given: StdinLink = if line.starts_with('{') {
            match serde_json::from_str(line) {
                Ok(given) => given,
                Err(e) => {
                    eprintln!("{}", message(lang, "cli_error_bad_line", &[&(number + 1).to_string(), &e.to_string()]));
                    outcome.error = true;
                    continue;
                }
            }
        } else {
            StdinLink { url: line.to_string(), text: None, title: None, sender: None, subject: None }
        };
        let sender = given.sender.or_else(|| args.sender.clone());
        let subject = given.subject.or_else(|| args.subject.clone());
        let key = (sender, subject);
        if last.as_ref().is_none_or(|(k, _)| *k != key) {
            let claim = mail_context(key.0.as_deref(), key.1.as_deref()).map(|c| engine.message(&c));
            last = Some((key, claim));
        }
        let claim = last.as_ref().and_then(|(_, claim)| claim.as_ref());
        let link = LinkInput {
            href: typed_address(&given.url),
            text: given.text.or_else(|| args.text.clone()).unwrap_or_default(),
            title: given.title,
            ..LinkInput::default()
        };
        let verdict = match claim {
            Some(claim) => engine.analyze_in(&link, claim),
            None => engine.analyze(&link),
        };
        outcome.danger |= verdict.level == Level::Danger;
        if args.json {
            #[derive(Serialize)]
            struct Line<'a> {
                href: &'a str,
                verdict: ExplainedVerdict<'a>,
            }
            writeln!(out, "{}", to_json(&Line { href: &given.url, verdict: ExplainedVerdict::of(&verdict) }))?;
        } else {
            write_verdict(out, &link.href, &link.text, link.title.as_deref(), &verdict, lang, style, "")?;
            writeln!(out)?;
        }
    }
    Ok(())
}

/// The brands a message presents itself as, with what says so, and its sender's own reasons.
fn write_claim(out: &mut impl Write, claim: &MessageClaim, lang: Lang, style: Style, indent: &str) -> io::Result<()> {
    if claim.claims_a_brand() {
        let brands: Vec<String> = claim
            .brands
            .iter()
            .map(|c| {
                let brand = match lang {
                    Lang::Ja => c.brand.label_ja.unwrap_or(c.brand.label),
                    Lang::En => c.brand.label,
                };
                let evidence = message(lang, &format!("presents_evidence_{}", c.evidence.as_str().replace('-', "_")), &[]);
                message(lang, "presents_brand_evidence", &[brand, &evidence])
            })
            .collect();
        writeln!(out, "{indent}{}: {}", message(lang, "presents_brands", &[]), brands.join(", "))?;
    }
    write_sender_reasons(out, claim, lang, style, indent)
}

/// The sender's reasons in the words the extension shows for a sender (a mail link to its
/// address).
fn write_sender_reasons(out: &mut impl Write, claim: &MessageClaim, lang: Lang, style: Style, indent: &str) -> io::Result<()> {
    let from_link = claim.sender_target();
    for reason in &claim.sender_reasons {
        let (title, body) = explain(reason, &from_link, lang);
        writeln!(out, "{indent}{} {}", style.level(reason.level, lang), style.bold(&title))?;
        writeln!(out, "{indent}    {body}")?;
    }
    Ok(())
}

fn to_json<T: Serialize>(value: &T) -> String {
    // Serializing these plain structs cannot fail; an empty object keeps the stream one
    // JSON value per line if it ever did.
    serde_json::to_string(value).unwrap_or_else(|_| "{}".to_string())
}

/// The URL with its registrable domain highlighted (bold, underlined) on a terminal.
fn highlight_domain(verdict: &Verdict, style: Style) -> String {
    let url = &verdict.target.url;
    let (Some(host), Some(domain)) = (&verdict.target.host, &verdict.target.registrable_domain)
    else {
        return url.clone();
    };
    let Some(host_at) = url.find(host.as_str()) else {
        return url.clone();
    };
    if !style.color || !host.ends_with(domain.as_str()) {
        return url.clone();
    }
    let domain_at = host_at + host.len() - domain.len();
    format!(
        "{}{}{}",
        &url[..domain_at],
        style.paint("1;4", domain),
        &url[host_at + host.len()..]
    )
}

/// A link's verdict as text: its `href` (where it differs from the target), `text` and `title`,
/// and each reason explained.
#[allow(clippy::too_many_arguments)]
fn write_verdict(
    out: &mut impl Write,
    href: &str,
    text: &str,
    title: Option<&str>,
    verdict: &Verdict,
    lang: Lang,
    style: Style,
    indent: &str,
) -> io::Result<()> {
    let label = |key: &str| message(lang, key, &[]);
    writeln!(out, "{indent}{} {}", style.level(verdict.level, lang), highlight_domain(verdict, style))?;
    if verdict.target.url != href {
        writeln!(out, "{indent}    href: {}", style.dim(href))?;
    }
    if let Some(domain) = verdict.target.registrable_domain.as_ref().or(verdict.target.host.as_ref()) {
        let provider = verdict.target.provider.as_deref().map(|p| format!(" ({p})")).unwrap_or_default();
        writeln!(out, "{indent}    {}: {}{provider}", label("cli_label_domain"), style.bold(domain))?;
    }
    if !text.is_empty() {
        writeln!(out, "{indent}    {}: {}", label("cli_label_text"), shorten(text, 200))?;
    }
    if let Some(title) = title {
        writeln!(out, "{indent}    {}: {}", label("cli_label_title"), shorten(title, 200))?;
    }
    for step in &verdict.unwrap_chain {
        let to = if step.to.is_empty() { "?" } else { step.to.as_str() };
        writeln!(
            out,
            "{indent}    {}: {} → {}",
            message(lang, "cli_label_unwrapped", &[&step.wrapper]),
            style.dim(&shorten(&step.from, 120)),
            to
        )?;
    }
    if verdict.allowlisted {
        writeln!(out, "{indent}    {}", label("cli_allowlisted"))?;
    }
    if verdict.reasons.is_empty() {
        writeln!(out, "{indent}    {}", label("cli_no_reasons"))?;
    }
    for reason in &verdict.reasons {
        let (title, body) = explain(reason, &verdict.target, lang);
        writeln!(out, "{indent}    {} {}", style.level(reason.level, lang), style.bold(&title))?;
        writeln!(out, "{indent}        {body}")?;
    }
    Ok(())
}

fn shorten(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        s.to_string()
    } else {
        let mut cut: String = s.chars().take(max_chars).collect();
        cut.push('…');
        cut
    }
}

/// One message's report line in `--json` mode: where it was read, then the library's report.
#[derive(Serialize)]
struct MessageLine<'a> {
    file: &'a str,
    index: usize,
    #[serde(flatten)]
    report: &'a MessageReport,
}

/// An input that could not be read, in `--json` mode (`index` absent when the file itself
/// could not be opened).
#[derive(Serialize)]
struct ErrorReport<'a> {
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
    error: String,
}

#[derive(Default)]
struct Tally {
    files: usize,
    messages: usize,
    danger: usize,
    caution: usize,
    errors: usize,
    /// Files in folders that are no mail (passed over).
    not_mail: usize,
}

/// How long a scan runs before it shows its progress: a quick one prints nothing.
/// `LINKGUARD_PROGRESS_AFTER_MS` changes it (the tests show the line at once with 0).
fn progress_delay() -> Duration {
    let ms = std::env::var("LINKGUARD_PROGRESS_AFTER_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    Duration::from_millis(ms)
}

/// The line on standard error that says how far a long scan is (messages read so far, the file
/// being read), redrawn in place. Only on a terminal: a log file or a pipe gets nothing of it.
/// Messages for the user (a file that can't be read) go through [`Progress::message`], which
/// clears the line first.
struct Progress<W: Write> {
    out: W,
    /// Standard error is a terminal.
    enabled: bool,
    delay: Duration,
    started: Instant,
    drawn_at: Option<Instant>,
    lang: Lang,
}

impl<W: Write> Progress<W> {
    /// Redrawn at most this often: a folder of small messages reads hundreds a second.
    const INTERVAL: Duration = Duration::from_millis(100);
    /// The end of a path that is shown, so that the line fits a terminal's width.
    const PATH_CHARS: usize = 48;

    fn new(out: W, enabled: bool, delay: Duration, lang: Lang) -> Progress<W> {
        Progress { out, enabled, delay, started: Instant::now(), drawn_at: None, lang }
    }

    /// `messages` read so far; now reading `file`.
    fn update(&mut self, messages: usize, file: &str) {
        if !self.enabled || self.started.elapsed() < self.delay {
            return;
        }
        if self.drawn_at.is_some_and(|at| at.elapsed() < Self::INTERVAL) {
            return;
        }
        let chars = file.chars().count();
        let file = if chars > Self::PATH_CHARS {
            format!("…{}", file.chars().skip(chars - Self::PATH_CHARS + 1).collect::<String>())
        } else {
            file.to_string()
        };
        let line = message(self.lang, "cli_progress", &[&messages.to_string(), &file]);
        // A terminal that went away is no reason to stop the scan.
        let _ = write!(self.out, "\r\x1b[K{line}").and_then(|()| self.out.flush());
        self.drawn_at = Some(Instant::now());
    }

    /// Clears the line, if it was drawn.
    fn clear(&mut self) {
        if self.drawn_at.take().is_some() {
            let _ = write!(self.out, "\r\x1b[K").and_then(|()| self.out.flush());
        }
    }

    /// A line for the user on standard error, not drawn over by the progress line.
    fn message(&mut self, text: &str) {
        self.clear();
        let _ = writeln!(self.out, "{text}");
    }
}

fn run_scan(
    args: &ScanArgs,
    lang: Lang,
    style: Style,
    out: &mut impl Write,
    outcome: &mut Outcome,
) -> io::Result<()> {
    let progress = Progress::new(io::stderr(), io::stderr().is_terminal(), progress_delay(), lang);
    let mut scanner = Scanner { args, lang, style, engine: Engine::new(), progress };
    let mut tally = Tally::default();
    for file in &args.files {
        if file == "-" {
            scanner.scan_reader(out, file, io::stdin(), false, &mut tally, outcome)?;
            continue;
        }
        if Path::new(file).is_dir() {
            for entry in mail::folder::files_in(Path::new(file)) {
                match entry {
                    FolderEntry::File(path) => {
                        let name = path.to_string_lossy();
                        match File::open(&path) {
                            Ok(f) => scanner.scan_reader(out, &name, f, true, &mut tally, outcome)?,
                            Err(e) => {
                                tally.files += 1;
                                report_file_error(out, &mut scanner.progress, args.json, lang, &name, &e.to_string(), &mut tally)?;
                                outcome.error = true;
                            }
                        }
                    }
                    FolderEntry::Unreadable { path, error } => {
                        let name = path.to_string_lossy();
                        report_file_error(out, &mut scanner.progress, args.json, lang, &name, &error, &mut tally)?;
                        outcome.error = true;
                    }
                }
            }
            continue;
        }
        match File::open(file) {
            Ok(f) => scanner.scan_reader(out, file, f, false, &mut tally, outcome)?,
            Err(e) => {
                tally.files += 1;
                report_file_error(out, &mut scanner.progress, args.json, lang, file, &e.to_string(), &mut tally)?;
                outcome.error = true;
            }
        }
    }
    scanner.progress.clear();
    if !args.json {
        writeln!(
            out,
            "{}",
            message(
                lang,
                "cli_summary",
                &[
                    &tally.messages.to_string(),
                    &tally.files.to_string(),
                    &tally.danger.to_string(),
                    &tally.caution.to_string(),
                    &tally.errors.to_string(),
                ],
            )
        )?;
        if tally.not_mail > 0 {
            writeln!(out, "{}", message(lang, "cli_skipped_not_mail", &[&tally.not_mail.to_string()]))?;
        }
    }
    Ok(())
}

/// What every message of a scan is judged with.
struct Scanner<'a> {
    args: &'a ScanArgs,
    lang: Lang,
    style: Style,
    engine: Engine,
    progress: Progress<io::Stderr>,
}

impl Scanner<'_> {
    /// Reports every message of one input (a message, or an mbox). A file found in a folder
    /// (`in_folder`) that is no mail at all (a README, a mail client's index) is passed over and
    /// counted, not an error: folders hold such files, and the user asked for the mail in them.
    fn scan_reader(
        &mut self,
        out: &mut impl Write,
        file: &str,
        reader: impl Read,
        in_folder: bool,
        tally: &mut Tally,
        outcome: &mut Outcome,
    ) -> io::Result<()> {
        let mut messages = mail::messages_from_reader(BufReader::new(reader)).peekable();
        if in_folder && matches!(messages.peek(), Some(Err(MailError::Empty | MailError::NoHeaders))) {
            tally.not_mail += 1;
            return Ok(());
        }
        tally.files += 1;
        for (i, parsed) in messages.enumerate() {
            let index = i + 1;
            self.progress.update(tally.messages, file);
            match parsed {
                Ok(msg) => {
                    tally.messages += 1;
                    let level = report_message(out, self.args, self.lang, self.style, &self.engine, file, index, msg)?;
                    match level {
                        Level::Danger => {
                            tally.danger += 1;
                            outcome.danger = true;
                        }
                        Level::Caution => tally.caution += 1,
                        Level::Safe => {}
                    }
                }
                Err(e) => {
                    report_message_error(out, &mut self.progress, self.args.json, self.lang, file, index, &e, tally)?;
                    outcome.error = true;
                }
            }
        }
        Ok(())
    }
}

fn report_file_error(
    out: &mut impl Write,
    progress: &mut Progress<impl Write>,
    json: bool,
    lang: Lang,
    file: &str,
    error: &str,
    tally: &mut Tally,
) -> io::Result<()> {
    tally.errors += 1;
    progress.message(&message(lang, "cli_error_read", &[file, error]));
    if json {
        writeln!(out, "{}", to_json(&ErrorReport { file, index: None, error: error.to_string() }))?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn report_message_error(
    out: &mut impl Write,
    progress: &mut Progress<impl Write>,
    json: bool,
    lang: Lang,
    file: &str,
    index: usize,
    error: &MailError,
    tally: &mut Tally,
) -> io::Result<()> {
    tally.errors += 1;
    let text = error.localized(lang);
    progress.message(&message(lang, "cli_error_message", &[file, &index.to_string(), &text]));
    if json {
        writeln!(out, "{}", to_json(&ErrorReport { file, index: Some(index), error: text }))?;
    }
    Ok(())
}

/// Reports one message; returns its level (see [`MessageReport::level`]).
#[allow(clippy::too_many_arguments)]
fn report_message(
    out: &mut impl Write,
    args: &ScanArgs,
    lang: Lang,
    style: Style,
    engine: &Engine,
    file: &str,
    index: usize,
    msg: ParsedMessage,
) -> io::Result<Level> {
    let mut report = MessageReport::of(msg, engine);
    let level = report.level;
    if args.only_flagged && level == Level::Safe {
        return Ok(level);
    }

    if args.json {
        if args.only_flagged {
            report.links.retain(|l| l.verdict.level > Level::Safe);
        }
        writeln!(out, "{}", to_json(&MessageLine { file, index, report: &report }))?;
        return Ok(level);
    }

    let label = |key: &str| message(lang, key, &[]);
    let heading = message(lang, "cli_message_heading", &[file, &index.to_string()]);
    writeln!(out, "== {} {}", style.bold(&heading), style.level(level, lang))?;
    let subject = report.headers.subject.clone().unwrap_or_else(|| label("cli_no_subject"));
    writeln!(out, "  {}: {}", label("cli_label_subject"), subject)?;
    if let Some(from) = &report.headers.from {
        writeln!(out, "  {}: {}", label("cli_label_from"), from)?;
    }
    // Who the message presents itself as, the sender's reasons, then the informational signals.
    write_claim(out, &report.claim, lang, style, "  ")?;
    for signal in &report.sender.signals {
        let (title, body) = render_explanation(&signal.explanation(), lang);
        writeln!(out, "  {} {}", style.dim("i"), style.bold(&title))?;
        writeln!(out, "      {body}")?;
    }
    let total = report.links.len() + report.links_omitted;
    let flagged: Vec<_> = report.flagged().collect();
    writeln!(
        out,
        "  {}",
        message(lang, "cli_links_count", &[&total.to_string(), &flagged.len().to_string()])
    )?;
    for link in flagged {
        write_verdict(out, &link.href, &link.text, link.title.as_deref(), &link.verdict, lang, style, "  ")?;
    }
    writeln!(out)?;
    Ok(level)
}

#[cfg(test)]
mod tests {
    use super::*;
    use linkguard::i18n::has_message;

    /// `cmd` and every subcommand under it, each with its path ("linkguard scan").
    fn commands(cmd: &clap::Command, path: &str, all: &mut Vec<(String, clap::Command)>) {
        all.push((path.to_string(), cmd.clone()));
        for sub in cmd.get_subcommands() {
            commands(sub, &format!("{path} {}", sub.get_name()), all);
        }
    }

    /// Every command and argument the parser knows (the subcommands and flags added to `Cli`
    /// later too) has its help text in both languages: each written in cli.json for the language
    /// itself, not the other's words and not a bare key, and shown by `--help` with the flag.
    #[test]
    fn every_command_and_flag_has_help_in_english_and_japanese() {
        let mut texts: Vec<Vec<(String, String)>> = Vec::new();
        for lang in [Lang::En, Lang::Ja] {
            let mut root = localized_command(lang);
            root.build();
            let mut all = Vec::new();
            commands(&root, "linkguard", &mut all);
            let mut seen = Vec::new();
            for (path, mut cmd) in all {
                let help = cmd.render_long_help().to_string();
                let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
                assert!(!about.is_empty() && !about.starts_with("help_"), "{path}: no about text in {lang:?}");
                seen.push((path.clone(), about));
                for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
                    let id = arg.get_id().as_str();
                    let text = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
                    assert!(!text.is_empty() && !text.starts_with("help_"), "{path} {id}: no help text in {lang:?}");
                    let shown = match arg.get_long() {
                        Some(long) => format!("--{long}"),
                        None => arg.get_value_names().and_then(|v| v.first()).map(|v| v.to_string()).unwrap_or(id.to_uppercase()),
                    };
                    assert!(help.contains(&shown), "{path} --help in {lang:?} lacks {shown}:\n{help}");
                    assert!(help.contains(&text), "{path} --help in {lang:?} lacks the text of {id}:\n{help}");
                    seen.push((format!("{path} {id}"), text));
                }
            }
            texts.push(seen);
        }
        let (en, ja) = (&texts[0], &texts[1]);
        assert_eq!(en.iter().map(|(what, _)| what).collect::<Vec<_>>(), ja.iter().map(|(what, _)| what).collect::<Vec<_>>());
        assert!(en.len() >= 12, "{} commands and arguments", en.len());
        for ((what, en_text), (_, ja_text)) in en.iter().zip(ja) {
            assert_ne!(en_text, ja_text, "{what}: the Japanese help is the English one (missing in ja/cli.json?)");
        }
        for key in ["help_after", "help_usage", "help_heading_options", "help_heading_arguments", "help_heading_commands", "cli_progress"] {
            assert!(has_message(Lang::En, key) && has_message(Lang::Ja, key), "{key}");
        }
    }

    fn drawn(progress: Progress<Vec<u8>>) -> String {
        String::from_utf8(progress.out).expect("UTF-8")
    }

    #[test]
    fn the_progress_line_is_drawn_only_on_a_terminal_and_only_after_the_delay() {
        let mut piped = Progress::new(Vec::new(), false, Duration::ZERO, Lang::En);
        piped.update(3, "mail/a.eml");
        piped.clear();
        assert_eq!(drawn(piped), "");

        let mut quick = Progress::new(Vec::new(), true, Duration::from_secs(3600), Lang::En);
        quick.update(3, "mail/a.eml");
        quick.clear();
        assert_eq!(drawn(quick), "");

        let mut slow = Progress::new(Vec::new(), true, Duration::ZERO, Lang::En);
        slow.update(3, "mail/a.eml");
        slow.clear();
        let expected = format!("\r\x1b[K{}\r\x1b[K", message(Lang::En, "cli_progress", &["3", "mail/a.eml"]));
        assert_eq!(drawn(slow), expected);
    }

    #[test]
    fn the_progress_line_shows_the_end_of_a_long_path_and_is_cleared_before_a_message() {
        let long = format!("{}/cur/1700000000.M1P2.host:2,S", "Maildir/.Archives.2023".repeat(4));
        let mut progress = Progress::new(Vec::new(), true, Duration::ZERO, Lang::Ja);
        progress.update(12, &long);
        progress.message("x: cannot read");
        let out = drawn(progress);
        let tail: String = long.chars().skip(long.chars().count() - Progress::<Vec<u8>>::PATH_CHARS + 1).collect();
        let line = message(Lang::Ja, "cli_progress", &["12", &format!("…{tail}")]);
        assert_eq!(out, format!("\r\x1b[K{line}\r\x1b[Kx: cannot read\n"));
    }
}
