//! The `linkguard` command end to end: the built binary on the mail fixtures in
//! `tests/fixtures/mail/` (written by `tests/fixtures/mail/generate.py`; brands' own mail in
//! `brand/` and its impersonations in `impersonation/` by `tests/fixtures/mail/brand_mail.py`).
#![cfg(feature = "cli")]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use linkguard::i18n::{level_name, message, Lang};
use linkguard::{Level, ReasonCode};
use serde_json::Value;

fn fixture(name: &str) -> String {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", "mail", name].iter().collect();
    path.to_string_lossy().into_owned()
}

/// Runs linkguard with a neutral locale (tests choose the language explicitly) and no color.
fn linkguard(args: &[&str]) -> Output {
    linkguard_with_stdin(args, None)
}

fn linkguard_with_stdin(args: &[&str], stdin: Option<Vec<u8>>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_linkguard"));
    cmd.args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run linkguard");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().expect("stdin pipe");
        // Written from a thread: a large input would otherwise deadlock against a full stdout.
        let writer = std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        });
        let out = child.wait_with_output().expect("wait");
        writer.join().expect("stdin writer");
        return out;
    }
    child.wait_with_output().expect("wait")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json_lines(out: &Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

fn codes(verdict: &Value) -> Vec<String> {
    verdict["reasons"]
        .as_array()
        .expect("reasons array")
        .iter()
        .map(|r| r["code"].as_str().expect("code").to_string())
        .collect()
}

/// The codes of a message's sender reasons (`sender.reasons`), then the kinds of its
/// informational sender signals (`sender.signals`).
fn sender_findings(report: &Value) -> Vec<String> {
    let field = |list: &str, key: &str| -> Vec<String> {
        report["sender"][list]
            .as_array()
            .unwrap_or_else(|| panic!("sender.{list} array in {report}"))
            .iter()
            .map(|s| s[key].as_str().expect("a string").to_string())
            .collect()
    };
    [field("reasons", "code"), field("signals", "kind")].concat()
}

fn no_panic(out: &Output) {
    let err = stderr(out);
    assert!(!err.contains("panicked"), "linkguard panicked: {err}");
}

#[test]
fn founding_case_is_danger_with_mismatch_dynamic_dns_and_borrowed_brand() {
    let out = linkguard(&["scan", "--json", &fixture("founding_iso2022jp.eml")]);
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    let reports = json_lines(&out);
    assert_eq!(reports.len(), 1);
    let r = &reports[0];
    assert_eq!(r["index"], 1);
    assert_eq!(r["level"], "danger");
    assert_eq!(
        r["subject"],
        "[spam] 【重要なお知らせ】えきねっとアカウントのご利用確認のお願い。メール番号:M861554"
    );
    assert_eq!(r["from"]["name"], "えきねっとサポートセンター");
    assert_eq!(r["from"]["address"], "cbvlh@service.rqgdf.cn");
    let links = r["links"].as_array().expect("links");
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(links[0]["href"], "https://checkid.ddnsking.com/");
    assert!(links[0]["text"].as_str().is_some_and(|t| t.contains(".workers.dev/")), "{}", links[0]);
    assert_eq!(links[0]["verdict"]["level"], "danger");
    let got = codes(&links[0]["verdict"]);
    for want in ["text-mismatch", "dynamic-dns"] {
        assert!(got.iter().any(|c| c == want), "{want} missing in {got:?}");
    }
    // The sender check says what the extension says of this sender: the same code and details.
    let brand = r["sender"]["reasons"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["code"] == "mailto-brand-mismatch"))
        .unwrap_or_else(|| panic!("no sender reason in {}", r["sender"]));
    assert_eq!(brand["level"], "caution");
    assert_eq!(brand["details"]["claimed"], "えきねっと");
    assert_eq!(brand["details"]["actual"], "rqgdf.cn");
    assert_eq!(brand["details"]["brand"], "Eki-net (JR East)");
}

#[test]
fn founding_case_reads_in_japanese_and_english() {
    for lang in [Lang::Ja, Lang::En] {
        let out = linkguard(&["scan", "--lang", lang.code(), &fixture("founding_iso2022jp.eml")]);
        assert_eq!(out.status.code(), Some(1));
        let text = stdout(&out);
        let expected = [
            level_name(Level::Danger, lang),
            message(lang, &format!("{}_title", ReasonCode::TextMismatch.message_key()), &[]),
            message(lang, &format!("{}_title", ReasonCode::DynamicDns.message_key()), &[]),
            message(lang, &format!("{}_title", ReasonCode::MailtoBrandMismatch.message_key()), &[]),
            message(lang, "cli_label_subject", &[]),
            "https://checkid.ddnsking.com/".to_string(),
            "No-IP".to_string(),
            "えきねっとサポートセンター".to_string(),
        ];
        for want in expected {
            assert!(text.contains(&want), "{lang:?}: {want:?} missing in\n{text}");
        }
        let other = if lang == Lang::Ja { Lang::En } else { Lang::Ja };
        let foreign = message(other, &format!("{}_title", ReasonCode::TextMismatch.message_key()), &[]);
        assert!(!text.contains(&foreign), "{lang:?} output contains the {other:?} text");
    }
}

#[test]
fn language_follows_the_locale_when_not_given() {
    let run = |vars: &[(&str, &str)]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_linkguard"));
        cmd.args(["check", "https://checkid.ddnsking.com/"])
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .env("NO_COLOR", "1");
        for (k, v) in vars {
            cmd.env(k, v);
        }
        String::from_utf8(cmd.output().expect("run").stdout).expect("utf-8")
    };
    let ja_title = message(Lang::Ja, "reason_dynamic_dns_title", &[]);
    let en_title = message(Lang::En, "reason_dynamic_dns_title", &[]);
    assert!(run(&[("LANG", "ja_JP.UTF-8")]).contains(&ja_title));
    assert!(run(&[("LANG", "en_US.UTF-8")]).contains(&en_title));
    assert!(run(&[("LANG", "ja_JP.UTF-8"), ("LC_ALL", "C")]).contains(&en_title));
    assert!(run(&[("LANG", "C"), ("LC_MESSAGES", "ja_JP.UTF-8")]).contains(&ja_title));
}

#[test]
fn shift_jis_html_is_decoded() {
    let out = linkguard(&["scan", "--json", &fixture("shift_jis.eml")]);
    no_panic(&out);
    let r = &json_lines(&out)[0];
    assert_eq!(r["subject"], "【楽天カード】ご利用確認のお願い");
    assert_eq!(r["from"]["name"], "楽天カード株式会社");
    let link = &r["links"][0];
    assert_eq!(link["text"], "こちらからログイン");
    assert_eq!(link["title"], "楽天カード会員ログイン");
    assert_eq!(link["href"], "http://203.0.113.45/rakuten-card/login.php");
    assert!(codes(&link["verdict"]).contains(&"ip-host".to_string()), "{link}");
    assert_ne!(link["verdict"]["level"], "safe");
    assert!(sender_findings(r).contains(&"mailto-brand-mismatch".to_string()), "{}", r["sender"]);
}

#[test]
fn euc_jp_quoted_printable_text_is_decoded_and_its_bare_url_found() {
    let out = linkguard(&["scan", "--json", &fixture("euc_jp.eml")]);
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    let r = &json_lines(&out)[0];
    assert_eq!(r["subject"], "【国税庁】未払い税金のお知らせ");
    assert_eq!(r["from"]["name"], "国税庁");
    let links = r["links"].as_array().expect("links");
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(links[0]["href"], "https://nta-go-jp-tax.duckdns.org/pay?no=20251014");
    assert_eq!(links[0]["text"], links[0]["href"], "a bare URL shows itself");
    assert!(codes(&links[0]["verdict"]).contains(&"dynamic-dns".to_string()));
}

#[test]
fn quoted_printable_newsletter_with_same_site_tracking_is_safe() {
    let out = linkguard(&["scan", "--json", &fixture("newsletter_qp.eml")]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let r = &json_lines(&out)[0];
    assert_eq!(r["level"], "safe", "{r}");
    assert_eq!(r["subject"], "秋のセールのお知らせ");
    let links = r["links"].as_array().expect("links");
    assert_eq!(links.len(), 4, "{links:?}");
    // Quoted-printable soft line breaks and =3D escapes are undone; &amp; is decoded.
    assert_eq!(
        links[0]["href"],
        "https://click.mori-zakka.example.co.jp/t/8f2c1e?u=https%3A%2F%2Fwww.mori-zakka.example.co.jp%2Fsale%3Futm_source%3Dnewsletter"
    );
    assert_eq!(
        links[2]["href"],
        "https://www.mori-zakka.example.co.jp/mypage?utm_source=newsletter&utm_medium=email"
    );
    assert_eq!(links[1]["text"], "www.mori-zakka.example.co.jp");
    for link in links {
        assert_eq!(link["verdict"]["level"], "safe", "{link}");
    }
    // Bounces go to a subdomain of the same site: no sender signal at all.
    assert_eq!(sender_findings(r), Vec::<String>::new(), "{}", r["sender"]);
}

/// Modern newsletters send every link through their mail service's click tracker, with texts
/// naming the sites and brands they write about: no link is danger. Those whose text names
/// another site are `tracking-redirect` (caution) through the named service; the rest are safe.
#[test]
fn newsletters_behind_click_trackers_are_never_danger() {
    let cases: &[(&str, &str, &[&str])] = &[
        ("substack_newsletter.eml", "Substack", &["readsail.com", "x.com/readsail", "https://www.amazon.com/dp/B0EXAMPL42"]),
        (
            "hubspot_newsletter.eml",
            "HubSpot",
            &["developer.apple.com/documentation/apple-silicon", "linkedin.com/company/orbitware", "x.com/orbitware"],
        ),
        ("beehiiv_newsletter.eml", "beehiiv", &["readsail.com", "x.com/tidewater/status/1915"]),
        ("klaviyo_newsletter.eml", "Klaviyo", &["amazon.com/kindle", "apple.com/apple-books", "Bookshop.org"]),
        (
            "ghost_newsletter.eml",
            "Ghost",
            &["readsail.com/charts", "podcasts.apple.com/podcast/harbor-notes", "x.com/harbornotes"],
        ),
        (
            "campaign_monitor_newsletter.eml",
            "Campaign Monitor",
            &["available at amazon.co.uk", "www.waterstones.com", "x.com/northernreview"],
        ),
    ];
    for &(file, provider, naming_sites) in cases {
        let out = linkguard(&["scan", "--json", &fixture(file)]);
        assert_eq!(out.status.code(), Some(0), "{file}: {}", stderr(&out));
        let r = &json_lines(&out)[0];
        assert_eq!(r["level"], "caution", "{file}: {r}");
        assert_eq!(sender_findings(r), Vec::<String>::new(), "{file}: {}", r["sender"]);
        let links = r["links"].as_array().expect("links");
        let mut flagged = Vec::new();
        for link in links {
            let (text, verdict) = (link["text"].as_str().expect("text"), &link["verdict"]);
            if naming_sites.contains(&text) {
                assert_eq!(verdict["level"], "caution", "{file}: {link}");
                assert_eq!(codes(verdict), ["tracking-redirect"], "{file}: {link}");
                assert_eq!(verdict["reasons"][0]["details"]["provider"], provider, "{file}: {link}");
                flagged.push(text);
            } else {
                assert_eq!(verdict["level"], "safe", "{file}: {link}");
            }
        }
        assert_eq!(flagged, naming_sites, "{file}: every link naming a site, in order");
        assert!(links.len() > flagged.len(), "{file}: links not naming a site are there too");
    }
}

#[test]
fn multipart_alternative_reports_the_html_links_once() {
    let out = linkguard(&["scan", "--json", &fixture("alternative.eml")]);
    assert_eq!(out.status.code(), Some(0));
    let r = &json_lines(&out)[0];
    let links = r["links"].as_array().expect("links");
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(links[0]["href"], "https://www.example.org/account/statement");
    assert_eq!(r["level"], "safe");
}

#[test]
fn plain_text_bare_url_to_an_ip_address() {
    let out = linkguard(&["scan", "--json", &fixture("plain_bare_url.eml")]);
    no_panic(&out);
    let r = &json_lines(&out)[0];
    let link = &r["links"][0];
    assert_eq!(link["href"], "http://198.51.100.23/paypal/webscr/login.php?cmd=_login");
    assert_eq!(link["text"], link["href"]);
    assert!(codes(&link["verdict"]).contains(&"ip-host".to_string()), "{link}");
    assert!(sender_findings(r).contains(&"mailto-brand-mismatch".to_string()));
}

#[test]
fn base_href_resolves_relative_links_and_userinfo_is_caught() {
    let out = linkguard(&["scan", "--json", &fixture("base_and_userinfo.eml")]);
    assert_eq!(out.status.code(), Some(1));
    let r = &json_lines(&out)[0];
    let hrefs: Vec<&str> =
        r["links"].as_array().expect("links").iter().filter_map(|l| l["href"].as_str()).collect();
    assert_eq!(
        hrefs,
        ["https://support.example.net/help/faq.html", "https://www.amazon.co.jp@login-check.example.com/signin"]
    );
    assert!(codes(&r["links"][1]["verdict"]).contains(&"userinfo".to_string()));
}

#[test]
fn mbox_reports_each_message_with_its_index() {
    let out = linkguard(&["scan", "--json", &fixture("three.mbox")]);
    assert_eq!(out.status.code(), Some(1));
    let reports = json_lines(&out);
    let summary: Vec<(i64, &str, &str)> = reports
        .iter()
        .map(|r| {
            (
                r["index"].as_i64().expect("index"),
                r["subject"].as_str().expect("subject"),
                r["level"].as_str().expect("level"),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (1, "Team lunch", "safe"),
            (2, "Microsoft 365: password expires today", "danger"),
            (3, "Minutes", "safe")
        ]
    );
    let file = fixture("three.mbox");
    assert!(reports.iter().all(|r| r["file"] == file.as_str()));
    assert!(codes(&reports[1]["links"][0]["verdict"]).contains(&"free-hosting".to_string()));
}

/// A scratch folder under the system's temp dir, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("linkguard-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        Scratch(dir)
    }

    /// Writes `bytes` at `rel`, creating the folders on the way; returns the full path.
    fn put(&self, rel: &str, bytes: &[u8]) -> String {
        let path = self.0.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folders");
        std::fs::write(&path, bytes).expect("write");
        path.to_string_lossy().into_owned()
    }

    fn path(&self) -> String {
        self.0.to_string_lossy().into_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn a_maildir_is_scanned_message_by_message_and_its_index_files_are_not() {
    let founding = std::fs::read(fixture("founding_iso2022jp.eml")).expect("fixture");
    let newsletter = std::fs::read(fixture("newsletter_qp.eml")).expect("fixture");
    let maildir = Scratch::new("maildir");
    std::fs::create_dir_all(maildir.0.join("new")).expect("new/");
    let read = maildir.put("cur/1700000001.M1P1.host,S=1:2,S", &newsletter);
    let spam = maildir.put(".Junk/cur/1700000002.M2P1.host,S=2:2,", &founding);
    std::fs::create_dir_all(maildir.0.join(".Junk/new")).expect(".Junk/new/");
    maildir.put("tmp/1700000003.M3P1.host", &founding); // still being delivered
    maildir.put("dovecot-uidlist", b"3 V1700000000 N4\n1 1700000001.M1P1.host\n");

    let out = linkguard(&["scan", "--json", &maildir.path()]);
    assert_eq!(out.status.code(), Some(1), "the founding message is danger; stderr: {}", stderr(&out));
    let reports = json_lines(&out);
    let files: Vec<&str> = reports.iter().map(|r| r["file"].as_str().expect("file")).collect();
    assert_eq!(files, [spam.as_str(), read.as_str()], "Maildir++ folder first (name order), tmp/ and index left out");
    assert_eq!(reports[0]["level"], "danger");
    assert_eq!(reports[1]["level"], "safe");
}

#[test]
fn a_folder_is_read_recursively_and_files_that_are_no_mail_are_passed_over_and_counted() {
    let folder = Scratch::new("folder");
    folder.put("2022/founding.eml", &std::fs::read(fixture("founding_iso2022jp.eml")).expect("fixture"));
    folder.put("archive.mbox", &std::fs::read(fixture("three.mbox")).expect("fixture"));
    folder.put("README.txt", b"Exported from my mail client.\n");
    folder.put("empty.eml", b"");
    folder.put(".DS_Store", b"\0\0\0\x01Bud1");

    let out = linkguard(&["scan", "--lang", "en", &folder.path()]);
    assert_eq!(out.status.code(), Some(1), "no error for the files that are no mail; stderr: {}", stderr(&out));
    let text = stdout(&out);
    let summary = message(Lang::En, "cli_summary", &["4", "2", "2", "0", "0"]);
    let passed_over = message(Lang::En, "cli_skipped_not_mail", &["2"]);
    assert!(text.contains(&summary), "{summary:?} not in\n{text}");
    assert!(text.trim_end().ends_with(&passed_over), "{passed_over:?} not at the end of\n{text}");
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));

    // The same file named on its own is still an error: the user said it was mail.
    let readme = folder.0.join("README.txt");
    let alone = linkguard(&["scan", "--lang", "en", &readme.to_string_lossy()]);
    assert_eq!(alone.status.code(), Some(2));
}

#[test]
fn only_flagged_keeps_flagged_messages_and_links() {
    let out = linkguard(&["scan", "--json", "--only-flagged", &fixture("three.mbox"), &fixture("newsletter_qp.eml")]);
    let reports = json_lines(&out);
    assert_eq!(reports.len(), 1, "{reports:?}");
    assert_eq!(reports[0]["index"], 2);
    assert!(reports[0]["links"].as_array().expect("links").iter().all(|l| l["verdict"]["level"] != "safe"));

    let human = linkguard(&["scan", "--lang", "en", "--only-flagged", &fixture("three.mbox")]);
    let text = stdout(&human);
    assert!(text.contains("Microsoft 365: password expires today"), "{text}");
    assert!(!text.contains("Team lunch"), "{text}");
}

#[test]
fn a_sender_borrowing_a_brand_makes_the_message_caution_and_a_return_path_does_not() {
    // Its one link goes to the brand's own site: only the sender is flagged (a link elsewhere in
    // a mail presenting a brand is message-brand-mismatch, danger).
    let mail = |from: &str, return_path: &str, href: &str| {
        format!(
            "Return-Path: <{return_path}>\r\nFrom: {from}\r\nSubject: notice\r\n\
             Content-Type: text/html; charset=utf-8\r\n\r\n\
             <p><a href=\"{href}\">help</a></p>\r\n"
        )
    };
    let borrowed = mail(
        "Amazon =?UTF-8?B?44Kr44K544K/44Oe44O844K144O844OT44K5?= <account@notice-center.example.cn>",
        "bounce@notice-center.example.cn",
        "https://www.amazon.co.jp/gp/help/customer/display.html",
    );
    let out = linkguard_with_stdin(&["scan", "--json", "-"], Some(borrowed.clone().into_bytes()));
    assert_eq!(out.status.code(), Some(0), "caution is not danger: stderr {}", stderr(&out));
    let r = &json_lines(&out)[0];
    assert_eq!(r["links"][0]["verdict"]["level"], "safe", "{r}");
    assert_eq!(sender_findings(r), ["mailto-brand-mismatch"], "{r}");
    assert_eq!(r["level"], "caution", "{r}");
    // --only-flagged keeps it, and the human report shows the signal under the message's level.
    let human = linkguard_with_stdin(&["scan", "--lang", "en", "--only-flagged", "-"], Some(borrowed.into_bytes()));
    let text = stdout(&human);
    assert!(text.contains(&level_name(Level::Caution, Lang::En)), "{text}");
    assert!(text.contains(&message(Lang::En, "reason_mailto_brand_mismatch_title", &[])), "{text}");

    let bounced = mail("news@shop.example.com", "bounce-7731@mailer.example.net", "https://www.example.org/help");
    let out = linkguard_with_stdin(&["scan", "--json", "-"], Some(bounced.into_bytes()));
    let r = &json_lines(&out)[0];
    assert_eq!(sender_findings(r), ["return-path-mismatch"], "{r}");
    assert_eq!(r["level"], "safe", "a different Return-Path is informational: {r}");
}

#[test]
fn human_scan_ends_with_a_summary() {
    let out = linkguard(&["scan", "--lang", "en", &fixture("three.mbox"), &fixture("alternative.eml")]);
    let text = stdout(&out);
    let want = message(Lang::En, "cli_summary", &["4", "2", "1", "0", "0"]);
    assert!(text.trim_end().ends_with(&want), "summary {want:?} not at the end of\n{text}");
}

#[test]
fn binary_garbage_is_a_clear_error_without_panic() {
    let file = fixture("garbage.bin");
    let out = linkguard(&["scan", "--lang", "en", &file]);
    no_panic(&out);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&file), "stderr does not name the file: {err}");
    assert!(err.contains(&message(Lang::En, "mail_error_no_headers", &[])), "{err}");
}

#[test]
fn a_missing_file_is_named_and_the_others_still_scanned() {
    let missing = fixture("does-not-exist.eml");
    let out = linkguard(&["scan", "--json", &missing, &fixture("founding_iso2022jp.eml")]);
    assert_eq!(out.status.code(), Some(2), "an unreadable input wins over danger");
    assert!(stderr(&out).contains(&missing), "stderr: {}", stderr(&out));
    let reports = json_lines(&out);
    assert_eq!(reports.len(), 2, "{reports:?}");
    assert_eq!(reports[0]["file"], missing.as_str());
    assert!(reports[0]["error"].as_str().is_some_and(|e| !e.is_empty()));
    assert_eq!(reports[1]["level"], "danger", "the next file was still scanned");
}

#[test]
fn check_json_parses_back_into_a_verdict() {
    let out = linkguard(&[
        "check",
        "https://checkid.ddnsking.com/",
        "--text",
        "https://eki-net-verify.kakunin-7f3a.workers.dev/login",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let verdict: linkguard::Verdict =
        serde_json::from_slice(&out.stdout).expect("stdout is a serialized Verdict");
    assert_eq!(verdict.level, Level::Danger);
    assert!(verdict.has(ReasonCode::TextMismatch) && verdict.has(ReasonCode::DynamicDns), "{verdict:?}");
    assert_eq!(verdict.target.registrable_domain.as_deref(), Some("checkid.ddnsking.com"));
}

#[test]
fn check_reads_a_typed_address_as_an_address_bar_does() {
    // Without a scheme, or in full-width letters pasted from a message: still a web address.
    for typed in ["checkid.ddnsking.com/login", "ｃｈｅｃｋｉｄ．ｄｄｎｓｋｉｎｇ．ｃｏｍ／ｌｏｇｉｎ"] {
        let out = linkguard(&["check", "--json", typed]);
        assert_eq!(out.status.code(), Some(1), "{typed}: danger");
        let verdict: Value = serde_json::from_str(stdout(&out).trim()).expect("JSON");
        assert_eq!(verdict["target"]["url"], "http://checkid.ddnsking.com/login", "{typed}");
        assert_eq!(codes(&verdict), ["dynamic-dns"], "{typed}");
    }
    let listed = linkguard_with_stdin(&["check", "-", "--json"], Some(b"checkid.ddnsking.com\nhttps://www.eki-net.com/\n".to_vec()));
    let lines = json_lines(&listed);
    assert_eq!(lines[0]["verdict"]["level"], "danger");
    assert_eq!(lines[1]["verdict"]["level"], "safe");
}

#[test]
fn check_a_safe_link_exits_zero() {
    let out = linkguard(&["check", "https://www.example.org/", "--text", "www.example.org", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains(&level_name(Level::Safe, Lang::En)), "{text}");
    assert!(text.contains(&message(Lang::En, "cli_no_reasons", &[])), "{text}");
}

#[test]
fn check_reads_one_url_per_line_from_stdin() {
    let urls = "https://www.example.org/\n\nhttps://checkid.ddnsking.com/\r\nhttp://198.51.100.23/x\n";
    for args in [&["check", "-", "--json"][..], &["check", "--stdin", "--json"][..]] {
        let out = linkguard_with_stdin(args, Some(urls.as_bytes().to_vec()));
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        let lines = json_lines(&out);
        let hrefs: Vec<&str> = lines.iter().filter_map(|l| l["href"].as_str()).collect();
        assert_eq!(hrefs, ["https://www.example.org/", "https://checkid.ddnsking.com/", "http://198.51.100.23/x"]);
        assert_eq!(lines[1]["verdict"]["level"], "danger");
        assert_eq!(lines[0]["verdict"]["level"], "safe");
    }
}

#[test]
fn scan_reads_standard_input() {
    let bytes = std::fs::read(fixture("founding_iso2022jp.eml")).expect("fixture");
    let out = linkguard_with_stdin(&["scan", "--json", "-"], Some(bytes));
    assert_eq!(out.status.code(), Some(1));
    let r = &json_lines(&out)[0];
    assert_eq!(r["file"], "-");
    assert_eq!(r["level"], "danger");
}

#[test]
fn a_ten_megabyte_message_is_scanned() {
    let mut mail = String::from(
        "From: big@example.com\r\nSubject: big\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body>\r\n",
    );
    let mut i = 0;
    while mail.len() < 10 * 1024 * 1024 {
        mail.push_str(&format!(
            "<p>Paragraph {i} of filler text, padded to make the message large.</p><a href=\"https://www.example.com/{}\">item</a>\r\n",
            i % 200
        ));
        i += 1;
    }
    mail.push_str("<a href=\"https://checkid.ddnsking.com/\">https://www.example.com/</a></body></html>\r\n");
    let out = linkguard_with_stdin(&["scan", "--json", "--only-flagged", "-"], Some(mail.into_bytes()));
    no_panic(&out);
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    let r = &json_lines(&out)[0];
    let links = r["links"].as_array().expect("links");
    assert_eq!(links.len(), 1, "only the flagged link at the very end");
    assert_eq!(links[0]["href"], "https://checkid.ddnsking.com/");
}

#[test]
fn usage_errors_exit_two() {
    for args in [&["check"][..], &["scan"][..], &["frobnicate"][..], &["check", "x", "--lang", "fr"][..]] {
        let out = linkguard(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!stderr(&out).is_empty(), "{args:?}: no message");
    }
}

#[test]
fn help_explains_exit_status_in_english_and_in_japanese() {
    let out = linkguard(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for want in ["check", "scan", "--lang", "Exit status"] {
        assert!(text.contains(want), "{want} missing in help:\n{text}");
    }
    assert!(text.contains(&message(Lang::En, "help_about", &[])), "{text}");

    // Japanese from --lang (anywhere on the line) or from the locale, for every level of help.
    let scan_ja = linkguard(&["scan", "--help", "--lang", "ja"]);
    let by_locale = {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_linkguard"));
        cmd.args(["help", "scan"]).env_remove("LC_ALL").env_remove("LC_MESSAGES").env("LANG", "ja_JP.UTF-8");
        cmd.output().expect("run linkguard")
    };
    for out in [&scan_ja, &by_locale] {
        assert_eq!(out.status.code(), Some(0));
        let text = stdout(out);
        for key in ["help_scan_about", "help_scan_files", "help_scan_only_flagged", "help_heading_options", "help_help"] {
            let want = message(Lang::Ja, key, &[]);
            assert!(text.contains(&want), "{want:?} missing in Japanese help:\n{text}");
        }
        assert!(text.contains("終了ステータス"), "{text}");
        assert!(!text.contains("Exit status") && !text.contains("Options:"), "English left in:\n{text}");
    }
    let top_ja = stdout(&linkguard(&["--lang=ja", "--help"]));
    assert!(top_ja.contains(&message(Lang::Ja, "help_check_about", &[])), "{top_ja}");
    assert!(top_ja.contains(&message(Lang::Ja, "help_help_command", &[])), "clap's own help line too:\n{top_ja}");
}

#[test]
fn a_usage_error_is_said_in_the_users_language_before_claps_detail() {
    for (lang, code) in [(Lang::Ja, "ja"), (Lang::En, "en")] {
        let out = linkguard(&["check", "--lang", code, "--frobnicate"]);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(err.starts_with(&message(lang, "cli_usage_error", &[])), "{err}");
        assert!(err.contains("--frobnicate"), "clap's detail names the argument: {err}");
    }
}

/// Every message of `tests/fixtures/mail/<folder>/` (written by `brand_mail.py`), scanned as one
/// folder: (file name, report), in name order.
fn scan_fixture_folder(folder: &str) -> (Output, Vec<(String, Value)>) {
    let out = linkguard(&["scan", "--json", &fixture(folder)]);
    no_panic(&out);
    let mut reports: Vec<(String, Value)> = json_lines(&out)
        .into_iter()
        .map(|r| {
            let file = r["file"].as_str().expect("file").rsplit(['/', '\\']).next().expect("name").to_string();
            (file, r)
        })
        .collect();
    reports.sort_by(|a, b| a.0.cmp(&b.0));
    (out, reports)
}

fn level_rank(level: &Value) -> u8 {
    match level.as_str() {
        Some("safe") => 0,
        Some("caution") => 1,
        Some("danger") => 2,
        other => panic!("not a level: {other:?}"),
    }
}

/// The highest level among a report's links ("safe" when it has none).
fn highest_link_level(report: &Value) -> &'static str {
    let rank = report["links"].as_array().expect("links").iter().map(|l| level_rank(&l["verdict"]["level"])).max();
    ["safe", "caution", "danger"][usize::from(rank.unwrap_or(0))]
}

/// The brands' own mail in `brand/` that is caution today, with its reasons (the codes of its
/// flagged links, then of its sender's reasons); every other message there is safe.
const BRAND_MAIL_CAUTION: &[(&str, &[&str])] = &[("smbc_esp_tracker.eml", &["tracking-redirect"])];

#[test]
fn a_brands_own_mail_is_never_danger() {
    let (out, reports) = scan_fixture_folder("brand");
    assert_eq!(out.status.code(), Some(0), "no danger, no error: {}", stderr(&out));
    assert!(reports.len() >= 25, "{} messages", reports.len());
    let mut caution = Vec::new();
    for (file, r) in &reports {
        assert!(r.get("error").is_none(), "{file}: {r}");
        assert!(!r["links"].as_array().expect("links").is_empty(), "{file}: a brand's mail has links");
        assert_ne!(r["level"], "danger", "{file}: {r}");
        assert_ne!(highest_link_level(r), "danger", "{file}: {r}");
        if r["level"] == "caution" {
            let link_codes = r["links"]
                .as_array()
                .expect("links")
                .iter()
                .filter(|l| l["verdict"]["level"] != "safe")
                .flat_map(|l| codes(&l["verdict"]));
            let sender_codes = r["sender"]["reasons"]
                .as_array()
                .expect("sender reasons")
                .iter()
                .map(|s| s["code"].as_str().expect("code").to_string());
            let mut why: Vec<String> = Vec::new();
            for code in link_codes.chain(sender_codes) {
                if !why.contains(&code) {
                    why.push(code);
                }
            }
            caution.push((file.clone(), why));
        } else {
            assert_eq!(r["level"], "safe", "{file}");
        }
    }
    let expected: Vec<(String, Vec<String>)> = BRAND_MAIL_CAUTION
        .iter()
        .map(|(file, why)| (file.to_string(), why.iter().map(|c| c.to_string()).collect()))
        .collect();
    assert_eq!(caution, expected, "the brands' own mail that is caution, and why");
}

/// What each impersonation in `impersonation/` is today: (file, the message's level, its links'
/// highest level). The message's level counts its sender: a brand's name on an address that
/// isn't the brand's is caution. Each presents itself as the brand it imitates, and each links
/// elsewhere (`message-brand-mismatch`: every one danger, the spoofed Froms' too, whose links ask
/// to act on another site).
const IMPERSONATION_LEVELS: &[(&str, &str, &str)] = &[
    ("amazon_hyphenated_domain_top.eml", "danger", "danger"),
    ("amazon_plain_shop.eml", "danger", "danger"),
    ("amazon_spoofed_from.eml", "danger", "danger"),
    ("apple_domain_in_host_top.eml", "danger", "danger"),
    ("au_shortener.eml", "danger", "danger"),
    ("dhl_customs_fee_shop.eml", "danger", "danger"),
    ("docomo_domain_in_host_cn.eml", "danger", "danger"),
    ("ekinet_free_hosting.eml", "danger", "danger"),
    ("google_cloud_storage_page.eml", "danger", "danger"),
    ("japanpost_plain_buzz.eml", "danger", "danger"),
    ("mercari_text_mismatch.eml", "danger", "danger"),
    ("microsoft_free_hosting.eml", "danger", "danger"),
    ("mizuho_via_list.eml", "danger", "danger"),
    ("netflix_plain_com.eml", "danger", "danger"),
    ("paypal_shortener.eml", "danger", "danger"),
    ("rakuten_card_spoofed_from.eml", "danger", "danger"),
    ("rakuten_via_list.eml", "danger", "danger"),
    ("sagawa_domain_in_host_top.eml", "danger", "danger"),
    ("sbi_securities_plain_com.eml", "danger", "danger"),
    ("smbc_card_hyphenated_domain_cn.eml", "danger", "danger"),
    ("softbank_text_mismatch.eml", "danger", "danger"),
    ("yamato_missed_delivery_shop.eml", "danger", "danger"),
];

#[test]
fn impersonations_of_the_brands_are_judged_as_recorded() {
    let (out, reports) = scan_fixture_folder("impersonation");
    assert_eq!(out.status.code(), Some(1), "some are danger: {}", stderr(&out));
    let got: Vec<(&str, &str, &str)> = reports
        .iter()
        .map(|(file, r)| (file.as_str(), r["level"].as_str().expect("level"), highest_link_level(r)))
        .collect();
    assert_eq!(got, IMPERSONATION_LEVELS, "update IMPERSONATION_LEVELS when a verdict changes");
}

/// A fixture of `tests/fixtures/mail/context/` (written by `message_context.py`): mail presenting
/// itself as a brand.
fn context_fixture(name: &str) -> String {
    fixture(&format!("context/{name}"))
}

/// The one message of a scan of `file`, as JSON.
fn scan_one(file: &str) -> Value {
    let out = linkguard(&["scan", "--json", file]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{file}: {}", stderr(&out));
    let mut reports = json_lines(&out);
    assert_eq!(reports.len(), 1, "{file}");
    reports.remove(0)
}

/// (href, level, reason codes) of every link of a message report.
fn links_of(report: &Value) -> Vec<(String, String, Vec<String>)> {
    report["links"]
        .as_array()
        .expect("links")
        .iter()
        .map(|l| (l["href"].as_str().expect("href").to_string(), l["verdict"]["level"].as_str().expect("level").to_string(), codes(&l["verdict"])))
        .collect()
}

#[test]
fn a_mail_relayed_by_a_list_is_judged_by_the_sender_in_reply_to() {
    let r = scan_one(&context_fixture("via_list_iso2022jp.eml"));
    assert_eq!(r["level"], "danger");
    assert_eq!(r["from"]["name"], "えきねっと via Osst-users", "ISO-2022-JP decoded");
    let claim = &r["claim"];
    assert_eq!(claim["via_list"], "Osst-users");
    assert_eq!(claim["sender_address"], "eki-support@zdwainofwd.example.com", "the sender in Reply-To");
    assert_eq!(claim["sender_is_brand"], false);
    assert_eq!(claim["brands"][0]["brand"], "Eki-net (JR East)");
    assert_eq!(claim["brands"][0]["evidence"], "display-name");
    assert_eq!(claim["brands"][0]["said"], "えきねっと", "the name before \"via\"");
    let links = links_of(&r);
    let by_href = |href: &str| links.iter().find(|l| l.0 == href).unwrap_or_else(|| panic!("{href} in {links:?}")).clone();
    assert_eq!(by_href("https://www.kaiin-kakunin.example.com/eki/login").1, "danger");
    assert_eq!(by_href("https://www.kaiin-kakunin.example.com/eki/login").2, ["message-brand-mismatch"]);
    assert_eq!(by_href("https://www.eki-net.com/").1, "safe", "the brand's own site");
    assert_eq!(by_href("https://lists.example.net/lists/listinfo/osst-users").1, "safe", "the list's footer");
    let details = &r["links"][0]["verdict"]["reasons"][0]["details"];
    assert_eq!(details["official_url"], "https://www.eki-net.com/");
    assert_eq!(details["brand_ja"], "えきねっと（JR東日本）");
    assert_eq!(details["actual"], "example.com");
}

#[test]
fn a_brand_in_the_subjects_brackets_presents_the_message() {
    let r = scan_one(&context_fixture("subject_brackets_shift_jis.eml"));
    assert_eq!(r["subject"], "【三井住友カード】ご利用確認のお願い", "Shift_JIS decoded");
    assert_eq!(r["level"], "danger");
    assert_eq!(r["claim"]["brands"][0]["brand"], "Sumitomo Mitsui Card");
    assert_eq!(r["claim"]["brands"][0]["evidence"], "subject");
    assert_eq!(links_of(&r)[0].2, ["message-brand-mismatch"]);
}

#[test]
fn a_from_forged_under_the_brands_domain_still_shows_the_link_dressed_as_the_brand() {
    let r = scan_one(&context_fixture("spoofed_own_from.eml"));
    assert_eq!(r["level"], "danger");
    assert_eq!(r["claim"]["sender_is_brand"], true);
    let mut reasons = links_of(&r)[0].2.clone();
    reasons.sort();
    assert_eq!(reasons, ["brand-name-in-host", "message-brand-mismatch"]);
    assert_eq!(r["links"][0]["verdict"]["reasons"].as_array().expect("reasons").iter().find(|x| x["code"] == "message-brand-mismatch").expect("reason")["details"]["sender_is_brand"], true);
}

#[test]
fn a_brands_own_newsletter_and_a_newsletter_about_a_brand_are_safe() {
    for name in ["brand_own_newsletter.eml", "newsletter_about_brand.eml"] {
        let out = linkguard(&["scan", "--json", &context_fixture(name)]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        let r = &json_lines(&out)[0];
        assert_eq!(r["level"], "safe", "{name}: {r}");
        assert!(links_of(r).iter().all(|l| l.1 == "safe"), "{name}: {:?}", links_of(r));
    }
    let own = scan_one(&context_fixture("brand_own_newsletter.eml"));
    assert_eq!(own["claim"]["sender_is_brand"], true);
    assert_eq!(scan_one(&context_fixture("newsletter_about_brand.eml"))["claim"]["brands"], serde_json::json!([]));
}

#[test]
fn a_display_name_that_is_another_address_is_caution() {
    let r = scan_one(&context_fixture("display_name_address.eml"));
    assert_eq!(r["level"], "caution", "its only link is Amazon's own");
    let mut found = sender_findings(&r);
    found.retain(|f| f != "return-path-mismatch");
    assert_eq!(found, ["mailto-brand-mismatch", "display-name-address"]);
    let reason = r["sender"]["reasons"].as_array().expect("reasons").iter().find(|x| x["code"] == "display-name-address").expect("reason").clone();
    assert_eq!(reason["details"]["claimed"], "no-reply@amazon.co.jp");
    assert_eq!(reason["details"]["actual"], "other-mailer.example");
    // Said in words, in both languages.
    for lang in [Lang::Ja, Lang::En] {
        let text = stdout(&linkguard(&["scan", "--lang", lang.code(), &context_fixture("display_name_address.eml")]));
        let body = message(lang, "reason_display_name_address_body", &["no-reply@amazon.co.jp", "other-mailer.example"]);
        assert!(text.contains(&body), "{lang:?}: {body:?} missing in\n{text}");
        assert!(text.contains(&message(lang, "presents_brands", &[])), "{lang:?}:\n{text}");
    }
}

#[test]
fn the_message_reason_reads_in_japanese_and_english_with_the_official_site() {
    for (lang, brand) in [(Lang::Ja, "えきねっと（JR東日本）"), (Lang::En, "Eki-net (JR East)")] {
        let out = linkguard(&["scan", "--lang", lang.code(), &context_fixture("via_list_iso2022jp.eml")]);
        assert_eq!(out.status.code(), Some(1));
        let text = stdout(&out);
        let expected = [
            message(lang, "reason_message_brand_mismatch_title", &[]),
            message(lang, "reason_message_brand_mismatch_body", &[brand, "example.com"]),
            message(lang, "claim_by_display_name", &["えきねっと"]),
            message(lang, "claim_sender_not_brand", &["example.com", brand]),
            message(lang, "claim_official_site", &[brand, "https://www.eki-net.com/"]),
        ];
        for want in expected {
            assert!(text.contains(&want), "{lang:?}: {want:?} missing in\n{text}");
        }
    }
}

#[test]
fn check_judges_a_link_in_the_mail_given_by_sender_and_subject() {
    let href = "https://some-name.example.top/";
    let alone = linkguard(&["check", href, "--text", "こちらからログイン", "--json"]);
    assert_eq!(alone.status.code(), Some(0), "alone, nothing says whose login this is");
    let args = ["check", href, "--text", "こちらからログイン", "--sender", "三井住友カード <info@notice.example.cn>", "--subject", "【三井住友カード】ご利用確認のお願い", "--json"];
    let out = linkguard(&args);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let verdict = &json_lines(&out)[0];
    assert_eq!(verdict["level"], "danger");
    assert_eq!(codes(verdict), ["message-brand-mismatch"]);
    let details = &verdict["reasons"][0]["details"];
    assert_eq!(details["brand"], "Sumitomo Mitsui Card");
    assert_eq!(details["official_url"], "https://www.smbc-card.com/");
    assert_eq!(details["evidence"], "display-name");
    assert_eq!(details["sender"], "example.cn");
    // The brand's own address and site: safe; a subject alone presents the brand too.
    let own = linkguard(&["check", "https://www.smbc-card.com/", "--sender", "三井住友カード <info@smbc-card.com>"]);
    assert_eq!(own.status.code(), Some(0));
    let by_subject = linkguard(&["check", href, "--subject", "【三井住友カード】ご利用確認のお願い", "--json"]);
    assert_eq!(by_subject.status.code(), Some(1));
    // In words: the brand the mail presents and the sender's reasons.
    let text = stdout(&linkguard(&["check", href, "--sender", "eki-net.com <x@ffesnkb.example.cn>", "--lang", "en"]));
    assert!(text.contains(&message(Lang::En, "reason_display_name_address_title", &[])), "{text}");
    assert!(text.contains(&message(Lang::En, "presents_brands", &[])), "{text}");
}

#[test]
fn check_reads_json_lines_with_a_sender_per_line() {
    let input = concat!(
        "https://some-name.example.top/\n",
        "{\"url\": \"https://some-name.example.top/\", \"sender\": \"Amazon <info@some-name.example.top>\"}\n",
        "{\"url\": \"https://www.amazon.co.jp/\", \"sender\": \"Amazon <info@some-name.example.top>\", \"text\": \"ログイン\"}\n",
        "{\"url\": \"https://x.example.cn/\", \"text\": \"Sign in to PayPal\"}\n",
        "{\"text\": \"no url\"}\n",
        "url.example.com/page\n",
    )
    .as_bytes()
    .to_vec();
    let out = linkguard_with_stdin(&["check", "-", "--json"], Some(input));
    assert_eq!(out.status.code(), Some(2), "a bad line is an error, the others still judged");
    let bad_line = message(Lang::En, "cli_error_bad_line", &["5", ""]);
    assert!(stderr(&out).contains(bad_line.trim_end()), "{bad_line:?} not in {}", stderr(&out));
    let lines = json_lines(&out);
    let levels: Vec<&str> = lines.iter().map(|l| l["verdict"]["level"].as_str().expect("level")).collect();
    assert_eq!(levels, ["safe", "danger", "safe", "danger", "safe"]);
    assert_eq!(lines[1]["href"], "https://some-name.example.top/");
    assert_eq!(codes(&lines[1]["verdict"]), ["message-brand-mismatch"]);
    assert_eq!(codes(&lines[3]["verdict"]), ["link-brand-mismatch"]);
}

#[test]
fn check_help_names_sender_and_subject_in_both_languages() {
    for lang in [Lang::En, Lang::Ja] {
        let text = stdout(&linkguard(&["check", "--help", "--lang", lang.code()]));
        for key in ["help_check_sender", "help_check_subject"] {
            assert!(text.contains(&message(lang, key, &[])), "{lang:?}: {key} missing in\n{text}");
        }
        assert!(text.contains("--sender") && text.contains("--subject"), "{text}");
    }
}

/// The progress line's words between the count and the file, in `lang`.
fn progress_words(lang: Lang) -> String {
    let line = message(lang, "cli_progress", &["\u{0}", "\u{1}"]);
    let (start, end) = (line.find('\u{0}').expect("the count"), line.find('\u{1}').expect("the file"));
    assert!(end > start + 3, "{line:?}");
    line[start + 1..end].to_string()
}

#[test]
fn a_scan_piped_or_logged_has_no_progress_line_even_when_it_is_due_at_once() {
    let out = Command::new(env!("CARGO_BIN_EXE_linkguard"))
        .args(["scan", &fixture(""), "--lang", "en"])
        .env("LINKGUARD_PROGRESS_AFTER_MS", "0")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("run linkguard");
    let err = stderr(&out);
    assert!(stdout(&out).contains("messages in"), "the scan ran: {}", stdout(&out));
    assert!(!err.contains('\r') && !err.contains('\x1b'), "stderr: {err:?}");
    assert!(!err.contains(&progress_words(Lang::En)), "stderr: {err:?}");
}

/// On a terminal (a pseudo-terminal from util-linux's `script`, stdout to /dev/null so that what
/// it records is standard error alone) the same scan draws the line, and clears it at the end.
#[test]
fn a_scan_on_a_terminal_shows_its_progress_on_stderr() {
    let bin = env!("CARGO_BIN_EXE_linkguard");
    let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
    let inner = format!("{} scan {} --lang ja >/dev/null", quote(bin), quote(&fixture("")));
    let out = Command::new("script")
        .args(["-q", "-e", "-c", &inner, "/dev/null"])
        .env("LINKGUARD_PROGRESS_AFTER_MS", "0")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("util-linux's script (bsdutils) runs the command on a pseudo-terminal");
    let seen = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(seen.contains("\r\x1b[K") && seen.contains(&progress_words(Lang::Ja)), "no progress line on the terminal: {seen:?}");
    assert!(seen.contains(".eml"), "the line names the file being read: {seen:?}");
    assert!(seen.ends_with("\r\x1b[K"), "the line is cleared at the end: {seen:?}");
}
