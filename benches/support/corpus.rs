//! A deterministic corpus of (href, visible text) pairs shaped like the links in real mail,
//! for the benchmarks. The same pairs are written to `target/bench-corpus.jsonl` so the native,
//! wasm and tldts runs measure exactly the same input.
//!
//! The mix is modeled on what mail contains (newsletters behind click trackers, wrappers added
//! by the recipient's mail gateway, phishing from dynamic-DNS and free hosts), not copied from
//! any real message. Hosts come from `data/hosts.tsv` (the host catalog) and the PSL in `data/`;
//! a few built-in entries stand in while the catalog has no entry of a category.
//!
//! Only the standard library and crates the package already depends on (url, idna,
//! percent-encoding, base64, serde_json as a dev-dependency) are used; the PRNG is a fixed-seed
//! xorshift so every run produces byte-identical output.

#![allow(dead_code)] // each bench binary uses a different part of this module

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Pairs in the full benchmark corpus.
pub const DEFAULT_SIZE: usize = 100_000;
/// Fixed seed: the corpus is part of the benchmark's definition.
pub const SEED: u64 = 0x6c69_6e6b_6775_6172; // "linkguar"

/// One link of the corpus, tagged with the kind of link it models (for per-kind timings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub kind: Kind,
    pub href: String,
    pub text: String,
}

/// What a pair models. The weights (per 1000) are the mix of the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Sender's own site, tracking subdomain, paths and utm queries; text is a sentence.
    SameSite,
    /// Sender's own site; the text shows that same URL or domain.
    SameSiteUrlText,
    /// A mail service provider's click tracker (Mailchimp, Klaviyo, SendGrid, ...).
    Tracker,
    /// A security wrapper (SafeLinks, Proofpoint v2/v3, Google /url?q=), sometimes nested.
    Wrapper,
    /// Dynamic-DNS host (No-IP, DuckDNS, ...).
    DynamicDns,
    /// Free hosting (workers.dev, pages.dev, netlify.app, ...).
    FreeHosting,
    /// URL shortener.
    Shortener,
    /// IP literal host: dotted, decimal, hex, octal, IPv6.
    Ip,
    /// IDN host, as punycode (browser-resolved) or Unicode (as written in mail); some homographs.
    Idn,
    /// `mailto:` links.
    Mailto,
    /// The text shows one domain, the href goes to another.
    Mismatch,
    /// `https://bank.example@evil.example/` style userinfo.
    Userinfo,
    /// `javascript:`, `data:`, `tel:`, relative and unparsable hrefs.
    Odd,
}

impl Kind {
    pub const ALL: [Kind; 13] = [
        Kind::SameSite,
        Kind::SameSiteUrlText,
        Kind::Tracker,
        Kind::Wrapper,
        Kind::DynamicDns,
        Kind::FreeHosting,
        Kind::Shortener,
        Kind::Ip,
        Kind::Idn,
        Kind::Mailto,
        Kind::Mismatch,
        Kind::Userinfo,
        Kind::Odd,
    ];

    /// Share of the corpus, per 1000 links.
    fn weight(self) -> u32 {
        match self {
            Kind::SameSite => 380,
            Kind::SameSiteUrlText => 90,
            Kind::Tracker => 160,
            Kind::Wrapper => 80,
            Kind::DynamicDns => 35,
            Kind::FreeHosting => 35,
            Kind::Shortener => 30,
            Kind::Ip => 30,
            Kind::Idn => 30,
            Kind::Mailto => 50,
            Kind::Mismatch => 50,
            Kind::Userinfo => 10,
            Kind::Odd => 20,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::SameSite => "same-site",
            Kind::SameSiteUrlText => "same-site-url-text",
            Kind::Tracker => "tracker",
            Kind::Wrapper => "wrapper",
            Kind::DynamicDns => "dynamic-dns",
            Kind::FreeHosting => "free-hosting",
            Kind::Shortener => "shortener",
            Kind::Ip => "ip",
            Kind::Idn => "idn",
            Kind::Mailto => "mailto",
            Kind::Mismatch => "mismatch",
            Kind::Userinfo => "userinfo",
            Kind::Odd => "odd",
        }
    }
}

// ---------------------------------------------------------------------------------------
// PRNG

/// xorshift64* (Vigna): tiny, fast, and plenty for picking corpus shapes.
pub struct XorShift(u64);

impl XorShift {
    pub fn new(seed: u64) -> XorShift {
        XorShift(seed.max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Uniform in `0..n` (n > 0; the modulo bias is irrelevant here).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn chance(&mut self, per_mille: u32) -> bool {
        self.below(1000) < per_mille as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn alnum(&mut self, len: usize) -> String {
        const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        (0..len).map(|_| *self.pick(CHARS) as char).collect()
    }
    fn lower_alnum(&mut self, len: usize) -> String {
        const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
        (0..len).map(|_| *self.pick(CHARS) as char).collect()
    }
    fn hex(&mut self, len: usize) -> String {
        const CHARS: &[u8] = b"0123456789abcdef";
        (0..len).map(|_| *self.pick(CHARS) as char).collect()
    }
}

// ---------------------------------------------------------------------------------------
// Host sources: the catalog and the PSL

/// A catalog entry as `data/hosts.tsv` lists it.
#[derive(Debug, Clone)]
pub struct CatalogHost {
    pub suffix: String,
    pub category: String,
    pub provider: String,
}

/// `data/hosts.tsv`: `suffix<TAB>category<TAB>provider<TAB>source`, `#` comments.
/// Missing file or malformed lines give fewer entries, never an error: the corpus falls back
/// to built-in hosts.
pub fn read_catalog(path: &Path) -> Vec<CatalogHost> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    text.lines()
        .map(str::trim_end)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let suffix = fields.next()?.trim().to_ascii_lowercase();
            let category = fields.next()?.trim().to_owned();
            let provider = fields.next().unwrap_or("").trim().to_owned();
            (!suffix.is_empty() && suffix.is_ascii()).then_some(CatalogHost { suffix, category, provider })
        })
        .collect()
}

/// The PSL's rules without wildcards and exceptions, split into (ICANN, private).
pub fn read_psl(path: &Path) -> (Vec<String>, Vec<String>) {
    let Ok(text) = std::fs::read_to_string(path) else {
        return (Vec::new(), Vec::new());
    };
    let (mut icann, mut private) = (Vec::new(), Vec::new());
    let mut in_private = false;
    for line in text.lines() {
        let line = line.trim();
        if line.contains("===BEGIN PRIVATE DOMAINS===") {
            in_private = true;
        }
        if line.is_empty() || line.starts_with("//") || line.contains('*') || line.starts_with('!') {
            continue;
        }
        let rule = line.split_whitespace().next().unwrap_or_default().to_owned();
        if in_private { private.push(rule) } else { icann.push(rule) }
    }
    (icann, private)
}

/// Everything the generator draws hosts from.
pub struct Sources {
    pub dynamic_dns: Vec<String>,
    pub free_hosting: Vec<String>,
    pub shorteners: Vec<String>,
    pub trackers: Vec<String>,
    pub icann_suffixes: Vec<String>,
    pub private_suffixes: Vec<String>,
    /// Whether `data/hosts.tsv` supplied the host lists (false: built-in fallbacks).
    pub catalog_entries: usize,
}

// Stand-ins while the catalog lacks a category (and the shape of what it will contain).
const FALLBACK_DYNAMIC_DNS: &[&str] =
    &["ddnsking.com", "duckdns.org", "no-ip.org", "hopto.org", "ddns.net", "dynu.net", "zapto.org"];
const FALLBACK_FREE_HOSTING: &[&str] = &[
    "workers.dev", "pages.dev", "netlify.app", "vercel.app", "github.io", "web.app",
    "firebaseapp.com", "herokuapp.com", "glitch.me", "weebly.com", "trycloudflare.com",
];
const FALLBACK_SHORTENERS: &[&str] =
    &["bit.ly", "tinyurl.com", "t.co", "is.gd", "ow.ly", "goo.gl", "buff.ly", "rebrand.ly", "amzn.to"];
const FALLBACK_TRACKERS: &[&str] = &[
    "list-manage.com", "klclick.com", "klclick1.com", "sendgrid.net", "convertkit-mail4.com",
    "rs6.net", "exacttarget.com", "mcsv.net", "hubspotlinks.com", "sendibt3.com", "mailchi.mp",
];

/// Suffixes senders mostly use, most common first (weighted by repetition below).
const COMMON_SUFFIXES: &[&str] = &[
    "com", "com", "com", "com", "com", "com", "com", "com", "de", "de", "co.jp", "co.jp", "jp",
    "jp", "net", "org", "co.uk", "fr", "io", "ne.jp", "or.jp", "com.au", "nl", "it", "es", "ch",
    "at", "ca", "us", "info", "shop", "app", "ac.jp", "go.jp", "lg.jp", "tokyo.jp",
];

impl Sources {
    pub fn load(data_dir: &Path) -> Sources {
        let catalog = read_catalog(&data_dir.join("hosts.tsv"));
        let of = |category: &str, fallback: &[&str]| -> Vec<String> {
            let listed: Vec<String> = catalog
                .iter()
                .filter(|h| h.category == category)
                .map(|h| h.suffix.clone())
                .collect();
            if listed.is_empty() { fallback.iter().map(|s| s.to_string()).collect() } else { listed }
        };
        let (icann, private) = read_psl(&data_dir.join("public_suffix_list.dat"));
        Sources {
            dynamic_dns: of("dynamic-dns", FALLBACK_DYNAMIC_DNS),
            free_hosting: of("free-hosting", FALLBACK_FREE_HOSTING),
            shorteners: of("shortener", FALLBACK_SHORTENERS),
            trackers: of("tracker", FALLBACK_TRACKERS),
            icann_suffixes: if icann.is_empty() { vec!["com".into()] } else { icann },
            private_suffixes: if private.is_empty() { vec!["github.io".into()] } else { private },
            catalog_entries: catalog.len(),
        }
    }
}

/// `data/` of this package.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// Where the corpus is written for the JS runs (`target/bench-corpus.jsonl`, honoring
/// `CARGO_TARGET_DIR`).
pub fn corpus_path() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("bench-corpus.jsonl")
}

// ---------------------------------------------------------------------------------------
// Vocabulary

const BRAND_WORDS: &[&str] = &[
    "amazon", "rakuten", "mercari", "paypal", "apple", "microsoft", "google", "docomo", "softbank",
    "aeon", "smbc", "mufg", "mizuho", "jcb", "saison", "yodobashi", "biccamera", "uniqlo",
    "zalando", "otto", "dhl", "sagawa", "kuronekoyamato", "japanpost", "netflix", "spotify",
    "booking", "airbnb", "expedia", "jalan", "ikyu", "eki-net", "jreast", "ana", "jal", "zeit",
    "spiegel", "heise", "github", "gitlab", "slack", "zoom", "dropbox", "adobe", "ebay",
    "etsy", "shopify", "nikkei", "asahi", "yahoo", "line", "paypay", "au", "ntt", "kddi",
    "oekoligenta", "zeitzuleben", "rp-online", "trustedshops", "schreibsuchti", "bevakasha",
];
const WORDS: &[&str] = &[
    "news", "shop", "store", "mail", "account", "support", "secure", "login", "verify", "update",
    "service", "online", "info", "club", "point", "card", "bank", "pay", "travel", "hotel",
    "market", "daily", "weekly", "green", "blue", "garden", "books", "music", "media", "cloud",
    "data", "tech", "health", "home", "kids", "food", "wine", "photo", "studio", "design",
];
const TRACKING_SUBDOMAINS: &[&str] = &[
    "www", "www", "www", "click", "email", "links", "trk", "news", "newsletter", "mail", "em",
    "e", "t", "r", "go", "info", "campaign", "l", "link", "m",
];
const PATH_WORDS: &[&str] = &[
    "campaign", "sale", "products", "item", "detail", "news", "article", "2024", "2025", "10",
    "winter", "summer", "members", "mypage", "account", "order", "tracking", "help", "faq",
    "unsubscribe", "preferences", "view", "web", "coupon", "event", "blog", "ja", "en", "de",
];

const SENTENCES_EN: &[&str] = &[
    "View in browser", "Unsubscribe", "Read more", "Shop now", "Click here", "Learn more",
    "Manage your preferences", "Track your package", "Verify your account",
    "Sign in to review the activity", "Download the app", "See all offers",
    "Your order has shipped. Track it here.", "Update payment information",
    "Confirm your email address", "Reset password", "Privacy Policy", "Contact us",
];
const SENTENCES_DE: &[&str] = &[
    "Im Browser ansehen", "Abmelden", "Jetzt kaufen", "Mehr erfahren", "Zum Artikel",
    "Newsletter abbestellen", "Impressum", "Datenschutz", "Hier klicken",
];
const SENTENCES_JA: &[&str] = &[
    "こちらをクリック", "詳細はこちら", "配信停止", "ログインして確認する",
    "【重要】アカウント情報の確認", "ご注文の確認", "お支払い方法を更新してください",
    "マイページへ", "キャンペーンの詳細を見る", "お問い合わせ", "プライバシーポリシー",
    "メール配信の解除はこちら", "本人確認のお願い", "今すぐ確認",
];

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// Everything but unreserved characters, like `encodeURIComponent` minus its `!'()*`.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

fn pct(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

/// Proofpoint v2 `u=`: percent-encode, then `-` for `%` and `_` for `/`.
fn proofpoint_v2_payload(url: &str) -> String {
    const V2: &AsciiSet = &NON_ALPHANUMERIC.remove(b'.').remove(b'/').remove(b'~');
    utf8_percent_encode(url, V2).to_string().replace('%', "-").replace('/', "_")
}

// ---------------------------------------------------------------------------------------
// Generator

pub struct Generator<'a> {
    rng: XorShift,
    src: &'a Sources,
    /// Sender domains (registrable), drawn once so links repeat domains as real mail does.
    senders: Vec<String>,
}

impl<'a> Generator<'a> {
    pub fn new(src: &'a Sources, seed: u64) -> Generator<'a> {
        let mut rng = XorShift::new(seed);
        let senders = (0..3000)
            .map(|_| {
                let name = match rng.below(4) {
                    0 => rng.pick(BRAND_WORDS).to_string(),
                    1 => format!("{}-{}", rng.pick(BRAND_WORDS), rng.pick(WORDS)),
                    2 => format!("{}{}", rng.pick(WORDS), rng.pick(WORDS)),
                    _ => format!("{}{}", rng.pick(BRAND_WORDS), rng.pick(WORDS)),
                };
                // Mostly the usual suffixes; now and then any ICANN suffix of the PSL.
                let suffix = if rng.chance(150) {
                    rng.pick(&src.icann_suffixes).clone()
                } else {
                    rng.pick(COMMON_SUFFIXES).to_string()
                };
                // As the browser resolves hrefs: ASCII (punycode) hosts.
                let domain = format!("{name}.{suffix}");
                idna::domain_to_ascii(&domain).unwrap_or(domain)
            })
            .collect();
        Generator { rng, src, senders }
    }

    pub fn generate(&mut self, count: usize) -> Vec<Pair> {
        let total: u32 = Kind::ALL.iter().map(|k| k.weight()).sum();
        (0..count)
            .map(|_| {
                let mut roll = self.rng.below(total as usize) as u32;
                let kind = Kind::ALL
                    .into_iter()
                    .find(|k| {
                        if roll < k.weight() {
                            true
                        } else {
                            roll -= k.weight();
                            false
                        }
                    })
                    .unwrap_or(Kind::SameSite);
                let (href, text) = self.pair(kind);
                Pair { kind, href, text }
            })
            .collect()
    }

    fn pair(&mut self, kind: Kind) -> (String, String) {
        match kind {
            Kind::SameSite => {
                let site = self.sender();
                (self.site_url(&site), self.sentence())
            }
            Kind::SameSiteUrlText => {
                let site = self.sender();
                let href = self.site_url(&site);
                let text = self.url_as_text(&href, &site);
                (href, text)
            }
            Kind::Tracker => self.tracker(),
            Kind::Wrapper => self.wrapper(),
            Kind::DynamicDns => {
                let suffix = self.rng.pick(&self.src.dynamic_dns).clone();
                let host = format!("{}.{suffix}", self.hostname_label());
                self.phishy(&host)
            }
            Kind::FreeHosting => {
                let suffix = self.rng.pick(&self.src.free_hosting).clone();
                // workers.dev style hosts have two labels (script.account.workers.dev).
                let host = if self.rng.chance(300) {
                    format!("{}.{}.{suffix}", self.hostname_label(), self.rng.lower_alnum(6))
                } else {
                    format!("{}.{suffix}", self.hostname_label())
                };
                self.phishy(&host)
            }
            Kind::Shortener => {
                let host = self.rng.pick(&self.src.shorteners).clone();
                let href = format!("https://{host}/{}", self.rng.alnum(7));
                let text = if self.rng.chance(400) { href.clone() } else { self.sentence() };
                (href, text)
            }
            Kind::Ip => self.ip(),
            Kind::Idn => self.idn(),
            Kind::Mailto => {
                let site = self.sender();
                let user = *self.rng.pick(&["info", "support", "noreply", "kontakt", "otoiawase"]);
                let href = match self.rng.below(3) {
                    0 => format!("mailto:{user}@{site}"),
                    1 => format!("mailto:{user}@{site}?subject={}", pct("お問い合わせ")),
                    _ => format!("mailto:{user}@{site}?subject=Question&body=Hello%20there"),
                };
                let text = if self.rng.chance(600) { format!("{user}@{site}") } else { self.sentence() };
                (href, text)
            }
            Kind::Mismatch => {
                // The founding case: the text shows one site, the href goes elsewhere.
                let claimed = self.sender();
                let target = match self.rng.below(4) {
                    0 => format!("{}.{}", self.hostname_label(), self.rng.pick(&self.src.dynamic_dns)),
                    1 => format!("{}.{}", self.hostname_label(), self.rng.pick(&self.src.free_hosting)),
                    2 => format!("{}-login.{}", claimed.split('.').next().unwrap_or("x"), self.rng.pick(COMMON_SUFFIXES)),
                    _ => self.sender(),
                };
                let href = format!("https://{target}/{}", self.path());
                let shown = format!("https://www.{claimed}/{}", self.path());
                let text = self.url_as_text(&shown, &claimed);
                (href, text)
            }
            Kind::Userinfo => {
                let claimed = self.sender();
                let evil = format!("{}.{}", self.hostname_label(), self.rng.pick(&self.src.dynamic_dns));
                let href = if self.rng.chance(500) {
                    format!("https://www.{claimed}@{evil}/{}", self.path())
                } else {
                    format!("http://user:{}@{evil}/", self.rng.alnum(8))
                };
                (href, self.sentence())
            }
            Kind::Odd => self.odd(),
        }
    }

    fn sender(&mut self) -> String {
        self.rng.pick(&self.senders).clone()
    }

    fn hostname_label(&mut self) -> String {
        match self.rng.below(4) {
            0 => format!("{}-{}", self.rng.pick(WORDS), self.rng.pick(WORDS)),
            1 => format!("{}{}", self.rng.pick(BRAND_WORDS), self.rng.lower_alnum(3)),
            2 => format!("{}-{}", self.rng.pick(BRAND_WORDS), self.rng.pick(WORDS)),
            _ => self.rng.lower_alnum(8),
        }
    }

    fn path(&mut self) -> String {
        let depth = self.rng.below(4);
        let mut path = String::new();
        for i in 0..depth {
            if i > 0 {
                path.push('/');
            }
            path.push_str(self.rng.pick::<&str>(PATH_WORDS));
        }
        if self.rng.chance(300) {
            let slash = if path.is_empty() { "" } else { "/" };
            let _ = write!(path, "{slash}{}.html", self.rng.lower_alnum(6));
        }
        path
    }

    fn query(&mut self) -> String {
        let mut q = String::new();
        if self.rng.chance(550) {
            let _ = write!(
                q,
                "?utm_source=newsletter&utm_medium=email&utm_campaign={}_{}",
                self.rng.pick(PATH_WORDS),
                self.rng.below(100_000)
            );
            if self.rng.chance(300) {
                let _ = write!(q, "&utm_content={}&mc_eid={}", self.rng.pick(WORDS), self.rng.hex(10));
            }
        } else if self.rng.chance(300) {
            let _ = write!(q, "?id={}&ref=mail", self.rng.below(10_000_000));
        }
        if self.rng.chance(80) {
            let _ = write!(q, "#{}", self.rng.pick(PATH_WORDS));
        }
        q
    }

    /// A URL on the sender's site, usually behind a tracking subdomain.
    fn site_url(&mut self, site: &str) -> String {
        let sub = *self.rng.pick(TRACKING_SUBDOMAINS);
        let scheme = if self.rng.chance(900) { "https" } else { "http" };
        let host = if self.rng.chance(100) { site.to_owned() } else { format!("{sub}.{site}") };
        if sub != "www" && self.rng.chance(500) {
            // Tracking redirect on the sender's own domain with a long opaque token.
            let token = URL_SAFE_NO_PAD.encode(format!("https://www.{site}/{}", self.path()));
            return format!("{scheme}://{host}/ls/click?upn={token}{}", self.rng.alnum(40));
        }
        format!("{scheme}://{host}/{}{}", self.path(), self.query())
    }

    fn sentence(&mut self) -> String {
        match self.rng.below(20) {
            0..=8 => self.rng.pick(SENTENCES_EN).to_string(),
            9..=11 => self.rng.pick(SENTENCES_DE).to_string(),
            12..=16 => self.rng.pick(SENTENCES_JA).to_string(),
            // Image links: no text at all.
            17 => String::new(),
            // A sentence that names a domain in passing.
            18 => format!("詳しくは {} をご覧ください", self.sender()),
            _ => format!("{} {}", self.rng.pick(SENTENCES_EN), self.rng.pick(SENTENCES_JA)),
        }
    }

    /// How a mail shows a URL in its text: the whole URL, without scheme, `www.` + domain,
    /// bracketed, or in full-width letters.
    fn url_as_text(&mut self, href: &str, site: &str) -> String {
        match self.rng.below(8) {
            0 | 1 => href.to_owned(),
            2 => href.split_once("://").map_or(href, |(_, rest)| rest).to_owned(),
            3 => format!("www.{site}"),
            4 => site.to_owned(),
            5 => format!("<{href}>"),
            6 => full_width(&format!("https://www.{site}/")),
            _ => format!("公式サイト：www.{site}"),
        }
    }

    fn tracker(&mut self) -> (String, String) {
        let suffix = self.rng.pick(&self.src.trackers).clone();
        let site = self.sender();
        let href = match self.rng.below(4) {
            0 => format!(
                "https://{}.us{}.{suffix}/track/click?u={}&id={}&e={}",
                site.split('.').next().unwrap_or("x"),
                self.rng.below(20) + 1,
                self.rng.hex(25),
                self.rng.hex(10),
                self.rng.hex(10)
            ),
            1 => format!("https://trk.{suffix}/ls/click?upn={}", self.rng.alnum(180)),
            2 => format!(
                "https://click.{suffix}/{}/{}/{}",
                self.rng.lower_alnum(20),
                self.rng.lower_alnum(16),
                STANDARD.encode(format!("https://{site}/{}", self.path()))
            ),
            _ => format!("https://{suffix}/{}-{}-{}", self.rng.lower_alnum(8), self.rng.lower_alnum(8), self.rng.lower_alnum(4)),
        };
        let text = if self.rng.chance(250) {
            // The text claims the sender's site while the href is the tracker.
            self.url_as_text(&format!("https://www.{site}/"), &site)
        } else {
            self.sentence()
        };
        (href, text)
    }

    fn wrapper(&mut self) -> (String, String) {
        let site = self.sender();
        let inner = self.site_url(&site);
        let mut href = self.wrap_once(&inner);
        if self.rng.chance(100) {
            // The recipient's gateway wraps what the sender's gateway already wrapped.
            href = self.wrap_once(&href);
        }
        let text = if self.rng.chance(300) { self.url_as_text(&inner, &site) } else { self.sentence() };
        (href, text)
    }

    fn wrap_once(&mut self, inner: &str) -> String {
        match self.rng.below(4) {
            0 => format!(
                "https://{}.safelinks.protection.outlook.com/?url={}&data=05%7C02%7Cuser%40example.com%7C{}%7C{}%7C0%7C0%7C638{}%7CUnknown%7CTWFpbGZsb3d8eyJFbXB0eU1hcGkiOnRydWV9%7C0%7C%7C%7C&sdata={}%3D&reserved=0",
                self.rng.pick(&["nam12", "eur01", "apc01", "jpn01", "nam02"]),
                pct(inner),
                self.rng.hex(32),
                self.rng.hex(32),
                self.rng.below(1_000_000_000),
                self.rng.alnum(43)
            ),
            1 => format!(
                "https://urldefense.proofpoint.com/v2/url?u={}&d=DwMFaQ&c={}&r={}&m={}&s={}&e=",
                proofpoint_v2_payload(inner),
                self.rng.alnum(20),
                self.rng.alnum(43),
                self.rng.alnum(43),
                self.rng.alnum(43)
            ),
            // v3 keeps the URL readable; this generator only wraps URLs without the
            // characters v3 replaces, so the replacement section is empty.
            2 if !inner.contains(['*', '$', '!', '%', '#']) => format!(
                "https://urldefense.com/v3/__{inner}__;!!{}!{}$",
                self.rng.alnum(10),
                self.rng.alnum(60)
            ),
            _ => format!(
                "https://www.google.com/url?q={}&sa=D&source=editors&ust={}&usg=AOvVaw{}",
                pct(inner),
                1_700_000_000_000_000u64 + self.rng.below(1_000_000_000) as u64,
                self.rng.alnum(22)
            ),
        }
    }

    /// Hosts phishing uses: text either a sentence or a claim of some brand's site.
    fn phishy(&mut self, host: &str) -> (String, String) {
        let href = format!("https://{host}/{}", self.path());
        let text = match self.rng.below(3) {
            0 => self.sentence(),
            1 => href.clone(),
            _ => {
                let claimed = self.sender();
                self.url_as_text(&format!("https://{claimed}/"), &claimed)
            }
        };
        (href, text)
    }

    fn ip(&mut self) -> (String, String) {
        let octets: [u8; 4] = [
            *self.rng.pick(&[45u8, 103, 185, 192, 10, 172, 91, 198, 203, 127]),
            self.rng.below(256) as u8,
            self.rng.below(256) as u8,
            (self.rng.below(254) + 1) as u8,
        ];
        let n = u32::from_be_bytes(octets);
        let host = match self.rng.below(7) {
            0..=2 => format!("{}.{}.{}.{}", octets[0], octets[1], octets[2], octets[3]),
            3 => n.to_string(),
            4 => format!("0x{n:08X}"),
            5 => format!("0{:o}.0{:o}.{}.{}", octets[0], octets[1], octets[2], octets[3]),
            _ => format!("[2001:db8:{:x}::{:x}]", self.rng.below(0xffff), self.rng.below(0xffff)),
        };
        let port = if self.rng.chance(200) { format!(":{}", 8000 + self.rng.below(1000)) } else { String::new() };
        let href = format!("http://{host}{port}/{}", self.path());
        let text = if self.rng.chance(500) { self.sentence() } else { let s = self.sender(); self.url_as_text(&format!("https://{s}/"), &s) };
        (href, text)
    }

    fn idn(&mut self) -> (String, String) {
        const JA_NAMES: &[&str] = &["日本語", "例え", "お知らせ", "ショップ", "東京", "ニュース"];
        let unicode_host = match self.rng.below(3) {
            // Japanese IDN on .jp / .com / .みんな-style suffixes.
            0 => format!("{}.{}", self.rng.pick(JA_NAMES), self.rng.pick(&["jp", "com", "co.jp", "net"])),
            // German umlauts (öko-, müller-).
            1 => format!("{}.de", self.rng.pick(&["ökoligenta", "müller-shop", "bäckerei", "grüße"])),
            // Homographs: Cyrillic letters in a Latin brand.
            _ => {
                let brand = *self.rng.pick(&["paypal", "apple", "amazon", "rakuten", "microsoft"]);
                let spoof: String = brand
                    .chars()
                    .map(|c| match c {
                        'a' => 'а',
                        'o' => 'о',
                        'e' => 'е',
                        'p' => 'р',
                        c => c,
                    })
                    .collect();
                format!("{spoof}.com")
            }
        };
        // Browser-resolved hrefs carry punycode; mail source often has the Unicode form.
        let host = if self.rng.chance(700) {
            idna::domain_to_ascii(&unicode_host).unwrap_or(unicode_host.clone())
        } else {
            unicode_host.clone()
        };
        let href = format!("https://{host}/{}", self.path());
        let text = if self.rng.chance(500) { format!("https://{unicode_host}/") } else { self.sentence() };
        (href, text)
    }

    fn odd(&mut self) -> (String, String) {
        let site = self.sender();
        match self.rng.below(8) {
            0 => ("javascript:void(0)".into(), self.sentence()),
            1 => (format!("data:text/html;base64,{}", STANDARD.encode("<script>location='https://x.example'</script>")), self.sentence()),
            2 => (format!("tel:+81-3-{:04}-{:04}", self.rng.below(10_000), self.rng.below(10_000)), "03-1234-5678".into()),
            3 => ("#".into(), self.sentence()),
            4 => (format!("/{}", self.path()), self.sentence()),
            5 => (format!("https://{site}/%E0%A4%A/%ZZbad"), self.sentence()),
            6 => (format!("https://{site}:99999/"), site),
            _ => (format!("http://{site}\\{}", self.path()), self.sentence()),
        }
    }
}

/// The benchmark corpus: `count` pairs from the vendored data, always the same for a given
/// `data/` and count.
pub fn generate(count: usize) -> (Sources, Vec<Pair>) {
    let sources = Sources::load(&data_dir());
    let pairs = Generator::new(&sources, SEED).generate(count);
    (sources, pairs)
}

/// One JSON object a line: `{"href":..,"text":..,"kind":..}`.
pub fn to_jsonl(pairs: &[Pair]) -> String {
    let mut out = String::with_capacity(pairs.len() * 160);
    for p in pairs {
        let line = serde_json::json!({ "href": p.href, "text": p.text, "kind": p.kind.as_str() });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}

/// Writes the corpus for the JS runs; returns the path written.
pub fn write_jsonl(pairs: &[Pair]) -> std::io::Result<PathBuf> {
    let path = corpus_path();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&path, to_jsonl(pairs))?;
    Ok(path)
}
