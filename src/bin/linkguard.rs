//! `linkguard`: check a link, or scan .eml/mbox files, for phishing tricks.
//!
//! Exit status: 0 when no link is dangerous, 1 when some link is dangerous, 2 when the command
//! line was wrong or some input could not be read. 2 wins over 1: a scan that could not read
//! everything is not a clean answer, and scripts must notice. The inputs that could be read
//! are still reported.

use std::fs::File;
use std::path::Path;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use serde::Serialize;

use linkguard::domain::Domains;
use linkguard::i18n::{explain, level_name, message, Lang};
use linkguard::mail::{self, MailError, ParsedMessage, SenderSignal};
use linkguard::mail_folder::{self, FolderEntry};
use linkguard::{Engine, Level, LinkInput, Verdict};

const AFTER_HELP: &str = "\
Output language: --lang, else the locale (LC_ALL, LC_MESSAGES, LANG; ja* means Japanese).
Help is in English only; reports are in Japanese or English.

Exit status: 0 no dangerous link, 1 a dangerous link was found, 2 usage error or an input
could not be read (2 wins over 1; everything readable is still reported).";

#[derive(Parser)]
#[command(name = "linkguard", version, about = "Shows where links really go and warns about phishing tricks.", after_help = AFTER_HELP)]
struct Cli {
    /// Language of the report (default: from LC_ALL / LC_MESSAGES / LANG).
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
    /// Check one link: its real destination and any warning signs.
    #[command(after_help = AFTER_HELP)]
    Check(CheckArgs),
    /// Scan mail files or folders (.eml, mbox, Maildir; '-' reads standard input) and report flagged links.
    #[command(after_help = AFTER_HELP)]
    Scan(ScanArgs),
}

#[derive(Args)]
struct CheckArgs {
    /// The link's href. '-' (or --stdin) reads one URL per line from standard input.
    url: Option<String>,
    /// The text the link shows (what the reader sees).
    #[arg(long)]
    text: Option<String>,
    /// The link's title attribute.
    #[arg(long)]
    title: Option<String>,
    /// Print the verdict as JSON (one object per line with --stdin).
    #[arg(long)]
    json: bool,
    /// Read one URL per line from standard input (same as URL '-').
    #[arg(long)]
    stdin: bool,
}

#[derive(Args)]
struct ScanArgs {
    /// Mail files: single messages (.eml), mbox files, or folders of them (Maildir, MH, any
    /// folder; read recursively, files that are no mail passed over); '-' is standard input.
    #[arg(required = true)]
    files: Vec<String>,
    /// One JSON object per message per line.
    #[arg(long)]
    json: bool,
    /// Report only messages with a flagged link or a borrowed brand name, and only flagged links.
    #[arg(long)]
    only_flagged: bool,
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
    let cli = Cli::parse();
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
        let stdin = io::stdin();
        for line in stdin.lock().split(b'\n') {
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
            let href = line.trim();
            if href.is_empty() {
                continue;
            }
            let link = LinkInput::new(href, args.text.clone().unwrap_or_default());
            let verdict = engine.analyze(&link);
            outcome.danger |= verdict.level == Level::Danger;
            if args.json {
                #[derive(Serialize)]
                struct Line<'a> {
                    href: &'a str,
                    verdict: &'a Verdict,
                }
                writeln!(out, "{}", to_json(&Line { href, verdict: &verdict }))?;
            } else {
                write_verdict(out, &link, &verdict, lang, style, "")?;
                writeln!(out)?;
            }
        }
        return Ok(());
    }
    let Some(url) = &args.url else {
        eprintln!("{}", message(lang, "cli_error_no_url", &[]));
        outcome.error = true;
        return Ok(());
    };
    let link = LinkInput {
        href: url.clone(),
        text: args.text.clone().unwrap_or_default(),
        title: args.title.clone(),
        ..LinkInput::default()
    };
    let verdict = engine.analyze(&link);
    outcome.danger |= verdict.level == Level::Danger;
    if args.json {
        writeln!(out, "{}", to_json(&verdict))
    } else {
        write_verdict(out, &link, &verdict, lang, style, "")
    }
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

fn write_verdict(
    out: &mut impl Write,
    link: &LinkInput,
    verdict: &Verdict,
    lang: Lang,
    style: Style,
    indent: &str,
) -> io::Result<()> {
    let label = |key: &str| message(lang, key, &[]);
    writeln!(out, "{indent}{} {}", style.level(verdict.level, lang), highlight_domain(verdict, style))?;
    if verdict.target.url != link.href {
        writeln!(out, "{indent}    href: {}", style.dim(&link.href))?;
    }
    if let Some(domain) = verdict.target.registrable_domain.as_ref().or(verdict.target.host.as_ref()) {
        let provider = verdict.target.provider.as_deref().map(|p| format!(" ({p})")).unwrap_or_default();
        writeln!(out, "{indent}    {}: {}{provider}", label("cli_label_domain"), style.bold(domain))?;
    }
    if !link.text.is_empty() {
        writeln!(out, "{indent}    {}: {}", label("cli_label_text"), shorten(&link.text, 200))?;
    }
    if let Some(title) = &link.title {
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

/// One message's report line in `--json` mode.
#[derive(Serialize)]
struct MessageReport<'a> {
    file: &'a str,
    index: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    subject: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<&'a mail::Mailbox>,
    #[serde(skip_serializing_if = "Option::is_none")]
    return_path: Option<&'a str>,
    level: Level,
    sender: &'a [SenderSignal],
    links: Vec<LinkReport<'a>>,
    #[serde(skip_serializing_if = "is_zero")]
    links_omitted: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Serialize)]
struct LinkReport<'a> {
    text: &'a str,
    href: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    verdict: &'a Verdict,
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

fn run_scan(
    args: &ScanArgs,
    lang: Lang,
    style: Style,
    out: &mut impl Write,
    outcome: &mut Outcome,
) -> io::Result<()> {
    let scanner = Scanner { args, lang, style, engine: Engine::new(), domains: Domains::embedded() };
    let mut tally = Tally::default();
    for file in &args.files {
        if file == "-" {
            scanner.scan_reader(out, file, io::stdin(), false, &mut tally, outcome)?;
            continue;
        }
        if Path::new(file).is_dir() {
            for entry in mail_folder::files_in(Path::new(file)) {
                match entry {
                    FolderEntry::File(path) => {
                        let name = path.to_string_lossy();
                        match File::open(&path) {
                            Ok(f) => scanner.scan_reader(out, &name, f, true, &mut tally, outcome)?,
                            Err(e) => {
                                tally.files += 1;
                                report_file_error(out, args.json, lang, &name, &e.to_string(), &mut tally)?;
                                outcome.error = true;
                            }
                        }
                    }
                    FolderEntry::Unreadable { path, error } => {
                        report_file_error(out, args.json, lang, &path.to_string_lossy(), &error, &mut tally)?;
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
                report_file_error(out, args.json, lang, file, &e.to_string(), &mut tally)?;
                outcome.error = true;
            }
        }
    }
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
    domains: Domains,
}

impl Scanner<'_> {
    /// Reports every message of one input (a message, or an mbox). A file found in a folder
    /// (`in_folder`) that is no mail at all (a README, a mail client's index) is passed over and
    /// counted, not an error: folders hold such files, and the user asked for the mail in them.
    fn scan_reader(
        &self,
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
            match parsed {
                Ok(msg) => {
                    tally.messages += 1;
                    let level = report_message(
                        out,
                        self.args,
                        self.lang,
                        self.style,
                        &self.engine,
                        &self.domains,
                        file,
                        index,
                        &msg,
                    )?;
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
                    report_message_error(out, self.args.json, self.lang, file, index, &e, tally)?;
                    outcome.error = true;
                }
            }
        }
        Ok(())
    }
}

fn report_file_error(
    out: &mut impl Write,
    json: bool,
    lang: Lang,
    file: &str,
    error: &str,
    tally: &mut Tally,
) -> io::Result<()> {
    tally.errors += 1;
    eprintln!("{}", message(lang, "cli_error_read", &[file, error]));
    if json {
        writeln!(out, "{}", to_json(&ErrorReport { file, index: None, error: error.to_string() }))?;
    }
    Ok(())
}

fn report_message_error(
    out: &mut impl Write,
    json: bool,
    lang: Lang,
    file: &str,
    index: usize,
    error: &MailError,
    tally: &mut Tally,
) -> io::Result<()> {
    tally.errors += 1;
    let text = error.localized(lang);
    eprintln!("{}", message(lang, "cli_error_message", &[file, &index.to_string(), &text]));
    if json {
        writeln!(out, "{}", to_json(&ErrorReport { file, index: Some(index), error: text }))?;
    }
    Ok(())
}

/// Reports one message; returns its level: the highest of its links' levels and of its
/// sender signals' (a display name that borrows a brand makes a message with safe links
/// `caution`).
#[allow(clippy::too_many_arguments)]
fn report_message(
    out: &mut impl Write,
    args: &ScanArgs,
    lang: Lang,
    style: Style,
    engine: &Engine,
    domains: &Domains,
    file: &str,
    index: usize,
    msg: &ParsedMessage,
) -> io::Result<Level> {
    let verdicts: Vec<Verdict> = msg.links.iter().map(|l| engine.analyze(l)).collect();
    let signals = mail::sender_signals(msg, domains);
    let level = verdicts
        .iter()
        .map(|v| v.level)
        .chain(signals.iter().map(SenderSignal::level))
        .max()
        .unwrap_or(Level::Safe);
    let flagged: Vec<(&LinkInput, &Verdict)> =
        msg.links.iter().zip(&verdicts).filter(|(_, v)| v.level > Level::Safe).collect();
    if args.only_flagged && level == Level::Safe {
        return Ok(level);
    }

    if args.json {
        let links = if args.only_flagged {
            flagged.iter().map(|&(l, v)| link_report(l, v)).collect()
        } else {
            msg.links.iter().zip(&verdicts).map(|(l, v)| link_report(l, v)).collect()
        };
        let report = MessageReport {
            file,
            index,
            subject: msg.subject.as_deref(),
            from: msg.from.as_ref(),
            return_path: msg.return_path.as_deref(),
            level,
            sender: &signals,
            links,
            links_omitted: msg.links_omitted,
        };
        writeln!(out, "{}", to_json(&report))?;
        return Ok(level);
    }

    let label = |key: &str| message(lang, key, &[]);
    let heading = message(lang, "cli_message_heading", &[file, &index.to_string()]);
    writeln!(out, "== {} {}", style.bold(&heading), style.level(level, lang))?;
    let subject = msg.subject.clone().unwrap_or_else(|| label("cli_no_subject"));
    writeln!(out, "  {}: {}", label("cli_label_subject"), subject)?;
    if let Some(from) = &msg.from {
        writeln!(out, "  {}: {}", label("cli_label_from"), from)?;
    }
    for signal in &signals {
        let (title, body) = signal.explain(lang);
        let mark = match signal.level() {
            Level::Safe => style.dim("i"),
            Level::Caution | Level::Danger => style.paint("1;33", "!"),
        };
        writeln!(out, "  {mark} {}", style.bold(&title))?;
        writeln!(out, "      {body}")?;
    }
    let total = msg.links.len() + msg.links_omitted;
    writeln!(
        out,
        "  {}",
        message(lang, "cli_links_count", &[&total.to_string(), &flagged.len().to_string()])
    )?;
    for (link, verdict) in flagged {
        write_verdict(out, link, verdict, lang, style, "  ")?;
    }
    writeln!(out)?;
    Ok(level)
}

fn link_report<'a>(link: &'a LinkInput, verdict: &'a Verdict) -> LinkReport<'a> {
    LinkReport { text: &link.text, href: &link.href, title: link.title.as_deref(), verdict }
}
