//! The engine: ties the checks together into a verdict.
//!
//! Order of work for one link: pick the real href (webmail hints), catch script URLs and
//! hidden characters on the raw text, parse, peel wrappers, then judge the final target
//! (catalog, IP, userinfo, homograph) and compare it with what the visible text claims.

use std::borrow::Cow;

use crate::brand::{
    brand_in_host, brand_name_in_host, domain_in_host, label_distance, lookalike_domain, table,
};
use crate::host::ace::has_ace_label;
use crate::host::catalog::Catalog;
use crate::host::domain::{normalize_host, strip_tail, DomainParts, Domains};
use crate::message::claim::MessageClaim;
use crate::message::{brand_mismatch, sender};
use crate::text::claim::{self, Claim};
use crate::text::homograph;
use crate::url::click_tracker::{self, ClickTracker};
use crate::url::ip;
use crate::url::unwrap::{self, Unwrapped, MAX_UNWRAP_DEPTH};
use crate::url::view::{self, UrlView};
use crate::verdict::{
    Details, Hiding, HostCategory, IpKind, Level, LinkInput, LookalikeKind, MessageContext, Options, Reason,
    ReasonCode, ShortString, Shown, Target, UnwrapStep, Verdict,
};
use url::{Host, Url};

/// Longest claim text kept in a verdict; the rest is cut (a 1 MB link text stays a small verdict).
const MAX_SHOWN_CHARS: usize = 200;
/// Registered schemes are short; anything longer is cut in the verdict.
const MAX_SCHEME_CHARS: usize = 32;
/// RFC 1035: a name longer than this can't be looked up.
const MAX_DNS_NAME_LEN: usize = 253;
/// Longest URL string kept in a verdict (target, unwrap steps).
const MAX_URL_CHARS: usize = 2048;
/// `ping` URLs judged per link.
const MAX_PINGS: usize = 8;

/// Bidi embeddings, overrides and isolates: what follows them may be drawn in another order than
/// it is written (U+202A..U+202E, U+2066..U+2069). The marks (LRM, RLM, ALM) only steer
/// neutral characters and are common in right-to-left mail.
fn is_bidi_reordering(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

pub struct Engine {
    domains: Domains,
    catalog: Catalog,
    options: Options,
    /// Lowercased, IDN-to-ASCII forms of `options.allowlist`.
    allowlist: Vec<String>,
}

impl Engine {
    /// The engine with the compiled-in Public Suffix List and host catalog.
    pub fn new() -> Engine {
        Engine {
            domains: Domains::embedded(),
            catalog: Catalog::embedded(),
            options: Options::default(),
            allowlist: Vec::new(),
        }
    }

    pub fn set_options(&mut self, options: Options) {
        self.allowlist = options
            .allowlist
            .iter()
            .filter_map(|d| normalize_host(d.trim().trim_start_matches("*.")))
            .collect();
        self.options = options;
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    pub fn domains(&self) -> &Domains {
        &self.domains
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// Whether the target `url` (whose host is `host`, with PSL parts `info`) is a mail
    /// service's click tracker, and how sure that is (`click_tracker::recognize`).
    pub fn click_tracker(&self, url: &UrlView<'_>, host: &str, info: &DomainParts<'_>) -> Option<ClickTracker> {
        click_tracker::recognize(url, info.registrable, self.catalog.lookup(host))
    }

    pub fn analyze_batch(&self, links: &[LinkInput]) -> Vec<Verdict> {
        links.iter().map(|l| self.analyze(l)).collect()
    }

    /// A link on its own: what its href, its text and its title say.
    pub fn analyze(&self, link: &LinkInput) -> Verdict {
        self.analyze_with(link, None)
    }

    /// What a message says of itself (`message::claim`): read once per message, then given to
    /// [`Engine::analyze_in`] with each of its links.
    pub fn message(&self, context: &MessageContext) -> MessageClaim {
        MessageClaim::of(context, &self.domains)
    }

    /// A link of the message `message` ([`Engine::message`]): what [`Engine::analyze`] says, and
    /// whether its target is the brand the message presents itself as.
    pub fn analyze_in(&self, link: &LinkInput, message: &MessageClaim) -> Verdict {
        self.analyze_with(link, Some(message))
    }

    fn analyze_with(&self, link: &LinkInput, message: Option<&MessageClaim>) -> Verdict {
        let mut verdict = Verdict::default();
        self.judge(link, &mut verdict);
        if link.malformed {
            push_reason(&mut verdict.reasons, Reason::with(
                ReasonCode::Unreadable,
                Level::Caution,
                Details { note: Some("a field held a lone UTF-16 surrogate".into()), ..Details::default() },
            ));
        }
        self.judge_pings(link, &mut verdict);
        for reason in brand_mismatch::judge(self, link, &verdict, message) {
            push_reason(&mut verdict.reasons, reason);
        }
        if message.is_some_and(MessageClaim::presents_no_brand) {
            self.judge_text_is_target(link, &mut verdict);
        }
        verdict.reasons.retain(|r| !self.options.disabled.contains(&r.code));
        verdict.level = verdict.reasons.iter().map(|r| r.level).max().unwrap_or(Level::Safe);
        if verdict.level > Level::Safe && self.is_allowlisted(&verdict.target) {
            verdict.allowlisted = true;
            verdict.level = Level::Safe;
        }
        verdict
    }

    /// The verdict for a link that could not be judged at all (the check failed on it): caution,
    /// `unreadable`, its href as the target. Never safe: the click guard asks first.
    pub fn unreadable(href: &str, why: &str) -> Verdict {
        let mut v = Verdict::default();
        v.target.url = truncate(href.trim(), MAX_URL_CHARS);
        push_reason(&mut v.reasons, Reason::with(
            ReasonCode::Unreadable,
            Level::Caution,
            Details { note: Some(truncate(why, MAX_SHOWN_CHARS)), ..Details::default() },
        ));
        v.level = Level::Caution;
        v
    }

    /// The URLs a link pings when followed (`ping`), each judged as a link of its own: a ping
    /// to a host linkguard flags is a reason on the link, at that host's level.
    fn judge_pings(&self, link: &LinkInput, v: &mut Verdict) {
        // A page can list any number; browsers send a handful at most.
        for ping in link.ping.iter().take(MAX_PINGS) {
            let web = ping.get(..ping.len().min(8)).is_some_and(|s| {
                s.get(..7).is_some_and(|p| p.eq_ignore_ascii_case("http://")) || s.eq_ignore_ascii_case("https://")
            });
            if !web {
                continue; // browsers ping http(s) URLs only
            }
            let pinged = self.analyze(&LinkInput::new(ping.as_str(), ""));
            if pinged.level == Level::Safe {
                continue;
            }
            let target = &pinged.target;
            push_reason(&mut v.reasons, Reason::with(
                ReasonCode::PingTarget,
                pinged.level,
                Details {
                    actual: target.registrable_domain.as_ref().or(target.host.as_ref()).cloned(),
                    provider: target.provider.clone(),
                    note: Some(pinged.reasons.iter().map(|r| r.code.as_str()).collect::<Vec<_>>().join(" ")),
                    ..Details::default()
                },
            ));
        }
    }

    fn is_allowlisted(&self, target: &Target) -> bool {
        let Some(host) = target.host.as_deref() else { return false };
        self.allowlist.iter().any(|allowed| is_same_or_subdomain(host, allowed))
    }

    /// Fills `v`, a default verdict (an out-parameter: the caller's verdict is its return
    /// value, written in place rather than moved, ≈ 330 bytes a link).
    fn judge(&self, link: &LinkInput, v: &mut Verdict) {
        let href = pick_href(link);

        // Script schemes are judged on the raw text: `JaVa\tScript:` never reaches a URL parser
        // the way a browser would treat it.
        if let Some(scheme) = unwrap::is_script_scheme(href) {
            set_script_target(v, href.trim(), scheme);
            return;
        }
        if let Some(kind) = homograph::check_raw_href(href) {
            push_reason(&mut v.reasons, Reason::with(
                ReasonCode::Homograph,
                Level::Danger,
                Details { homograph_kind: Some(kind.to_string()), ..Details::default() },
            ));
        }

        let mut url = match Layer::parse(Cow::Borrowed(trim(href)), href) {
            Some(layer) => layer,
            None => {
                v.target.url = truncate(href.trim(), MAX_URL_CHARS);
                // Relative and fragment links can't leave the page's own site: nothing to judge.
                if looks_absolute(href) {
                    push_reason(&mut v.reasons, Reason::new(ReasonCode::InvalidUrl, Level::Caution));
                }
                return;
            }
        };

        // Peel wrappers, keeping the chain.
        let mut depth = 0;
        loop {
            match unwrap::unwrap_view(&url.view()) {
                Unwrapped::NotWrapped => break,
                Unwrapped::Opaque { wrapper } => {
                    v.unwrap_chain.push(UnwrapStep {
                        wrapper: wrapper.to_string(),
                        from: truncate(url.as_str(), MAX_URL_CHARS),
                        to: String::new(),
                    });
                    push_reason(&mut v.reasons, wrapped_reason(wrapper, true, None));
                    break;
                }
                Unwrapped::Inner { wrapper, inner } => {
                    if depth >= MAX_UNWRAP_DEPTH {
                        push_reason(&mut v.reasons, wrapped_reason(
                            wrapper,
                            true,
                            Some("nesting deeper than the unwrap limit"),
                        ));
                        break;
                    }
                    let script = unwrap::is_script_scheme(&inner);
                    let Some(inner_url) = Layer::parse_owned(inner) else {
                        push_reason(&mut v.reasons, wrapped_reason(
                            wrapper,
                            true,
                            Some("the wrapped URL is not a valid address"),
                        ));
                        break;
                    };
                    if let Some(scheme) = script {
                        v.unwrap_chain.push(step(wrapper, url.as_str(), inner_url.as_str()));
                        set_script_target(v, inner_url.as_str(), scheme);
                        return;
                    }
                    v.unwrap_chain.push(step(wrapper, url.as_str(), inner_url.as_str()));
                    if !v.has(ReasonCode::Wrapped) {
                        push_reason(&mut v.reasons, wrapped_reason(wrapper, false, None));
                    }
                    url = inner_url;
                    depth += 1;
                }
            }
        }

        let view = url.view();
        // A scheme can be any length of letters; a verdict stays small.
        v.target.scheme = scheme_text(view.scheme());
        let web = matches!(view.scheme(), "http" | "https" | "ftp" | "ws" | "wss");

        // The host and its PSL parts, borrowed from the URL (no copy until the verdict's own).
        let (host, written, plain) = match &url {
            Layer::Plain(text, _) => (view.host_str().map(Host::Domain), text.as_ref(), true),
            Layer::Parsed { url, written } => (url.host(), written.as_ref(), false),
        };
        let host_info: Option<(Cow<'_, str>, DomainParts<'_>)> = match host {
            Some(Host::Domain(host)) if !host.is_empty() => {
                // The fast path's host has passed the PSL lookup's own byte checks already.
                let info = if plain { self.domains.parts_of_plain_host(host) } else { self.domains.parts(host) };
                self.judge_domain_host(host, plain, &info, v);
                Some((Cow::Borrowed(host), info))
            }
            Some(Host::Ipv4(addr)) => {
                self.judge_ip_host(std::net::IpAddr::V4(addr), ip::raw_host(written), v);
                Some((Cow::Owned(addr.to_string()), DomainParts::default()))
            }
            Some(Host::Ipv6(addr)) => {
                self.judge_ip_host(std::net::IpAddr::V6(addr), ip::raw_host(written), v);
                Some((Cow::Owned(format!("[{addr}]")), DomainParts::default()))
            }
            _ => None,
        };

        if view.scheme() == "mailto" {
            self.judge_mailto(link, url.as_str(), v);
        }

        // (An href the fast path took has no userinfo.)
        if let (true, Layer::Parsed { url, .. }) = (web, &url) {
            self.judge_userinfo(url, v);
        }

        if let (true, Some((host, info))) = (web, host_info) {
            self.judge_text(link, &view, &host, &info, v);
        }
        // Last, once nothing borrows from it: the URL's own string becomes the target's (no
        // copy when it is owned and short enough).
        v.target.url = url.into_string(MAX_URL_CHARS);
    }

    /// A `mailto:` link: the sender check (`message::sender`) of its text, else its title,
    /// against the addresses it writes to. It catches the reply-to scam's link, and a message's
    /// sender where a webmail shows it as a mail link.
    fn judge_mailto(&self, link: &LinkInput, href: &str, v: &mut Verdict) {
        // `mailto:a@x.example,b@y.example?cc=…`: the addresses before the query, percent-decoded;
        // what isn't an address is no recipient.
        let body = href.split_once(':').map_or("", |(_, rest)| rest);
        let to = body.split(['?', '#']).next().unwrap_or("");
        let to = percent_encoding::percent_decode_str(to).decode_utf8_lossy();
        let recipients: Vec<&str> = to.split(',').filter(|a| sender::address_host(a).is_some()).collect();
        if let Some(reason) = sender::brand_mismatch(&link.text, link.title.as_deref(), &recipients, &self.domains) {
            push_reason(&mut v.reasons, reason);
        }
    }

    /// `plain`: the fast path (`view::parse_plain`) took the URL, so no label of `host` is an
    /// ACE (`xn--`) label and it has no Unicode form nor homograph to find (tested:
    /// `plain_hosts_have_no_idn_form`).
    fn judge_domain_host(&self, host: &str, plain: bool, info: &DomainParts<'_>, v: &mut Verdict) {
        // The url crate accepts hosts longer than DNS allows; no such name resolves, and a
        // megabyte host must not make a megabyte verdict.
        if host.len() > MAX_DNS_NAME_LEN || has_overlong_label(host) {
            // Hosts are ASCII (the url crate percent-encodes the rest), and stay so when cut:
            // an ASCII "..." marks the cut, not "…".
            let cut = host.get(..MAX_SHOWN_CHARS).filter(|_| host.is_ascii()).unwrap_or("");
            v.target.host = Some(format!("{cut}...").into());
            push_reason(&mut v.reasons, Reason::with(
                ReasonCode::InvalidUrl,
                Level::Caution,
                Details { note: Some("the host name is longer than DNS allows".into()), ..Details::default() },
            ));
            return;
        }
        v.target.host = Some(ShortString::new(host));
        if !plain && has_ace_label(host.as_bytes()) {
            let (unicode, result) = idna::domain_to_unicode(host);
            if result.is_ok() && unicode != host {
                v.target.host_unicode = Some(unicode);
            }
        }
        v.target.registrable_domain = info.registrable.map(ShortString::new);
        v.target.public_suffix = info.suffix.map(suffix_text);
        v.target.suffix_is_private = info.suffix_is_private;

        if let Some(entry) = self.catalog.lookup(host) {
            v.target.provider = Some(Cow::Borrowed(entry.provider));
            v.target.category = Some(entry.category);
            let provider = || Details { provider: Some(Cow::Borrowed(entry.provider)), ..Details::default() };
            match entry.category {
                HostCategory::DynamicDns => {
                    push_reason(&mut v.reasons, Reason::with(ReasonCode::DynamicDns, Level::Danger, provider()))
                }
                HostCategory::FreeHosting => {
                    push_reason(&mut v.reasons, Reason::with(ReasonCode::FreeHosting, Level::Danger, provider()))
                }
                HostCategory::Shortener => {
                    push_reason(&mut v.reasons, Reason::with(ReasonCode::Shortener, Level::Caution, provider()))
                }
                // Trackers only matter when the text claims another site (judge_text);
                // wrappers we could decode were peeled already.
                HostCategory::Tracker | HostCategory::Wrapper => {}
            }
        }

        if let Some(found) = info.registrable.and_then(|registrable| brand_in_host::find(host, registrable, info.suffix)) {
            push_reason(&mut v.reasons, Reason::with(
                ReasonCode::BrandInHost,
                Level::Danger,
                Details {
                    claimed: Some(found.domain.to_string()),
                    actual: info.registrable.map(ShortString::new),
                    brand: Some(Cow::Borrowed(found.brand)),
                    brand_ja: table::label_ja(found.brand).map(Cow::Borrowed),
                    ..Details::default()
                },
            ));
        } else if let Some(found) = domain_in_host::find(host, info, &self.domains) {
            // Any domain name written there is worth a look; one imitating a brand is an attack.
            let level = if found.imitates.is_some() { Level::Danger } else { Level::Caution };
            push_reason(&mut v.reasons, Reason::with(
                ReasonCode::DomainInHost,
                level,
                Details {
                    claimed: Some(found.written.to_string()),
                    actual: info.registrable.map(ShortString::new),
                    lookalike: found.imitates.map(|i| i.kind),
                    brand: found.imitates.map(|i| Cow::Borrowed(i.brand)),
                    brand_ja: found.imitates.and_then(|i| table::label_ja(i.brand)).map(Cow::Borrowed),
                    brand_domain: found.imitates.map(|i| Cow::Borrowed(i.domain)),
                    ..Details::default()
                },
            ));
        } else if let Some(found) = info
            .registrable
            .filter(|_| v.target.category.is_none()) // a catalog host is judged as what it is
            .and_then(|registrable| brand_name_in_host::find(host, registrable))
        {
            push_reason(&mut v.reasons, Reason::with(
                ReasonCode::BrandNameInHost,
                Level::Caution,
                Details {
                    claimed: Some(found.written.to_string()),
                    actual: info.registrable.map(ShortString::new),
                    lookalike: found.lookalike,
                    brand: Some(Cow::Borrowed(found.brand)),
                    brand_ja: table::label_ja(found.brand).map(Cow::Borrowed),
                    brand_domain: Some(Cow::Borrowed(found.domain)),
                    ..Details::default()
                },
            ));
        }

        if let Some(found) =
            info.registrable.zip(info.suffix).and_then(|(registrable, suffix)| lookalike_domain::find(registrable, suffix))
        {
            push_reason(&mut v.reasons, Reason::with(
                ReasonCode::LookalikeDomain,
                Level::Danger,
                Details {
                    claimed: Some(found.domain.to_string()),
                    actual: info.registrable.map(ShortString::new),
                    lookalike: Some(found.kind),
                    brand: Some(Cow::Borrowed(found.brand)),
                    brand_ja: table::label_ja(found.brand).map(Cow::Borrowed),
                    ..Details::default()
                },
            ));
        }

        if let Some(found) = (!plain).then(|| homograph::check_host(host)).flatten() {
            push_reason(&mut v.reasons, Reason::with(
                ReasonCode::Homograph,
                Level::Danger,
                Details {
                    unicode: Some(found.unicode),
                    punycode: Some(found.punycode),
                    homograph_kind: Some(found.kind.to_string()),
                    ..Details::default()
                },
            ));
        }
    }

    fn judge_ip_host(&self, addr: std::net::IpAddr, raw_host: Option<&str>, v: &mut Verdict) {
        let canonical = match addr {
            std::net::IpAddr::V4(a) => a.to_string(),
            std::net::IpAddr::V6(a) => format!("[{a}]"),
        };
        let kind = ip::classify(addr);
        let obscured = match (addr, raw_host.and_then(ip::parse_ip_host)) {
            (std::net::IpAddr::V4(_), Some(parsed)) => parsed.obscured,
            // The url crate accepted an IPv4 we can't re-read as written: some odd form.
            (std::net::IpAddr::V4(a), None) => raw_host.is_some_and(|r| r != a.to_string()),
            _ => false,
        };
        v.target.host = Some(ShortString::new(&canonical));
        // A private or local address can be a legitimate intranet link; anything else written as
        // a number (public, reserved, documentation) or disguised is not how real sites link.
        let local = matches!(kind, IpKind::Private | IpKind::Loopback | IpKind::LinkLocal);
        let level = if local && !obscured { Level::Caution } else { Level::Danger };
        push_reason(&mut v.reasons, Reason::with(
            ReasonCode::IpHost,
            level,
            Details {
                ip: Some(canonical.trim_start_matches('[').trim_end_matches(']').to_string()),
                ip_kind: Some(kind),
                obscured,
                ..Details::default()
            },
        ));
    }

    fn judge_userinfo(&self, url: &Url, v: &mut Verdict) {
        if url.username().is_empty() && url.password().is_none() {
            return;
        }
        let user = percent_encoding::percent_decode_str(url.username()).decode_utf8_lossy().into_owned();
        // `https://www.eki-net.com@evil.example/`: the part before '@' is dressed as the site.
        let looks_like_domain = claim::extract_claim(&user, &self.domains).is_some()
            || url.password().is_some_and(|p| claim::extract_claim(p, &self.domains).is_some());
        push_reason(&mut v.reasons, Reason::with(
            ReasonCode::Userinfo,
            if looks_like_domain { Level::Danger } else { Level::Caution },
            Details {
                user: Some(truncate(&user, MAX_SHOWN_CHARS)),
                user_looks_like_domain: looks_like_domain,
                actual: v.target.registrable_domain.as_ref().or(v.target.host.as_ref()).cloned(),
                ..Details::default()
            },
        ));
    }

    fn judge_text(&self, link: &LinkInput, url: &UrlView<'_>, host: &str, info: &DomainParts<'_>, v: &mut Verdict) {
        let target = Some((host, info));
        let seen = claim::extract_claim_for(&link.text, &self.domains, target);
        if let Some(reason) = self.hidden_text_reason(link, seen.as_ref(), info.registrable.unwrap_or(host)) {
            push_reason(&mut v.reasons, reason);
        }
        let (claim, source) = match seen {
            Some(c) => (c, "text"),
            None => match link.title.as_deref().and_then(|t| claim::extract_claim_for(t, &self.domains, target)) {
                Some(c) => (c, "title"),
                None => return,
            },
        };
        let claimed_parts = claim.parts_at();
        let Claim { claim, host: claimed_host, .. } = claim;
        // The claimed host's parts were looked up while judging the claim (or are the target's,
        // for a text naming the link's own host): no second PSL walk.
        let claimed = if claimed_host == host { *info } else { claimed_parts.within(&claimed_host) };
        let mismatch = self.mismatch_reason(&claimed_host, &claimed, url, host, info, v);
        // The claimed host moves into the verdict once nothing borrows it any more.
        let registrable_domain = claimed.registrable.map(ShortString::new);
        v.shown = Some(Shown {
            source: Cow::Borrowed(source),
            claim: truncate_owned(claim, MAX_SHOWN_CHARS),
            host: claimed_host,
            registrable_domain,
        });
        if let Some(reason) = mismatch {
            push_reason(&mut v.reasons, reason);
        }
    }

    /// `hidden-text`: the text a person sees (`link.text`, claiming `seen`) against the text the
    /// mail holds (`link.dom_text`), and the ways the content script found them to differ
    /// (`link.hidden`); bidi controls still in the text are a way too (a mail read by
    /// `linkguard scan`, where no page lays the text out). Danger when what is hidden changes the
    /// address a person sees, unless that address is the target's own; caution when it changes
    /// only its path, or when the link is invisible or its text reordered by an override;
    /// nothing when neither text claims an address (responsive mails hide parts of their links
    /// all the time, icon fonts draw characters).
    fn hidden_text_reason(&self, link: &LinkInput, seen: Option<&Claim>, target_site: &str) -> Option<Reason> {
        let bidi = (!link.text.is_ascii() && link.text.chars().any(is_bidi_reordering)).then_some(Hiding::Bidi);
        // In order, each once: inserted where it goes (a handful at most; no sort's code in the
        // wasm).
        let mut hidden: Vec<Hiding> = Vec::new();
        for h in link.hidden.iter().copied().chain(bidi) {
            if let Err(at) = hidden.binary_search(&h) {
                hidden.insert(at, h);
            }
        }
        // Before `written`: most links stop here, and `written` would be a copy of `seen`.
        if hidden.is_empty() && link.dom_text.is_none() {
            return None;
        }
        // The mail's own text: `dom_text`, which is empty when left out beside a way of hiding
        // (a link whose whole text a style sheet draws); without either, the text itself.
        let written = if link.hidden.is_empty() && link.dom_text.is_none() {
            seen.cloned()
        } else {
            claim::extract_claim(link.dom_text.as_deref().unwrap_or(""), &self.domains)
        };
        let site = |c: &Claim| -> String {
            c.parts_at().within(&c.host).registrable.unwrap_or(&c.host).to_string()
        };
        let seen_site = seen.map(site);
        let level = match (seen, written.as_ref()) {
            (Some(_), w) if w.map(site) != seen_site => {
                if seen_site.as_deref() == Some(target_site) { Level::Caution } else { Level::Danger }
            }
            // Something hidden or drawn inside the address, which changes its path only. (Without
            // a way of hiding, the difference is the drawing order of right-to-left text, which
            // moves a URL's neutral characters around, not what it says.)
            (Some(s), Some(w)) if s.claim != w.claim && !hidden.is_empty() => Level::Caution,
            _ if hidden.iter().any(|h| matches!(h, Hiding::Bidi | Hiding::Transparent)) => Level::Caution,
            _ => return None,
        };
        // The address sentence only when the address differs: what is seen, and what is written
        // (none when the mail's own text claims no address).
        let changed = seen.filter(|s| written.as_ref().map(|w| &w.claim) != Some(&s.claim));
        Some(Reason::with(
            ReasonCode::HiddenText,
            level,
            Details {
                claimed: changed.map(|s| s.claim.clone()),
                written: changed.and(written).map(|w| w.claim),
                hidden,
                ..Details::default()
            },
        ))
    }

    /// The reason a claim of `claimed_host` gives against the target `url` (whose host is
    /// `host`), if any.
    fn mismatch_reason(
        &self,
        claimed_host: &str,
        claimed: &DomainParts<'_>,
        url: &UrlView<'_>,
        host: &str,
        info: &DomainParts<'_>,
        v: &Verdict,
    ) -> Option<Reason> {
        let claimed_rd = claimed.registrable.unwrap_or(claimed_host);
        let actual_rd = info.registrable.unwrap_or(host);
        if claimed_rd == actual_rd {
            return None;
        }
        // One brand's two domains, or two of its group's (rakuten.co.jp shown, rakuten-card.co.jp
        // the target): the text names where the link goes.
        if table::one_owner(claimed_host, claimed_rd, host, actual_rd) {
            return None;
        }

        let mut details = Details {
            claimed: Some(claimed_rd.to_string()),
            actual: Some(ShortString::new(actual_rd)),
            ..Details::default()
        };

        // (Recognized only here, where a text names another site: the one case it matters.)
        if let Some(tracker) = self.click_tracker(url, host, info) {
            return Some(tracking_redirect(tracker, details));
        }

        let kind = match (claimed.registrable, claimed.suffix, info.registrable, info.suffix) {
            (Some(crd), Some(cs), Some(ard), Some(asuf)) => {
                label_distance::compare((label_of(crd, cs), cs), (label_of(ard, asuf), asuf))
            }
            _ => None,
        };
        details.lookalike = kind;
        // Same name under another suffix (amazon.co.jp vs amazon.com) is often the same company;
        // a shortener's real destination is unknown: both are worth a look, not an alarm.
        // Not so under a provider's shared suffix (eki-net.<someone's>.app): anyone can take that.
        let level = if (kind == Some(LookalikeKind::SameLabelOtherSuffix) && !info.suffix_is_private)
            || v.target.category == Some(HostCategory::Shortener)
        {
            Level::Caution
        } else {
            Level::Danger
        };
        Some(Reason::with(ReasonCode::TextMismatch, level, details))
    }
}

/// The verdict on a link whose text names one site while its target is a click tracker: the one
/// place that decides it. `tracking-redirect`, caution, however the tracker was recognized (by
/// the catalog, a mail service's link pattern or the general shape) and whichever site the text
/// names, a brand's too: newsletters send every link through their mail service's tracker, with
/// texts naming the sites and brands they write about ("amazon.com/…", "x.com/…"), and the site
/// behind the tracker can't be known offline. A tracker on a dynamic-DNS or free host, or an IP
/// address, is none (`click_tracker::recognize`): those stay a mismatch, and their host's own
/// reasons stay danger.
fn tracking_redirect(tracker: ClickTracker, mut details: Details) -> Reason {
    details.provider = tracker.provider.map(Cow::Borrowed);
    Reason::with(ReasonCode::TrackingRedirect, Level::Caution, details)
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

impl Engine {
    /// A public IP address that its link writes out as its own text, in a mail known to present
    /// itself as no brand ([`MessageClaim::presents_no_brand`]; a link alone stays danger): the
    /// reader sees that the link goes to a number, no company's named site, so `ip-host` is
    /// caution, not danger. Only when it is the verdict's one reason (nothing else is wrong with
    /// the link), the number is written plainly (an obscured one stays danger), no wrapper
    /// stands in between, and the text seen is the text the mail holds. A name that a link
    /// writes out as itself (a dynamic-DNS or free-hosting site's) stays danger: the name is
    /// its owner's choice and can pass for anyone's (docs/reasons.md).
    fn judge_text_is_target(&self, link: &LinkInput, verdict: &mut Verdict) {
        let [reason] = &mut verdict.reasons[..] else { return };
        let plain_public_ip = reason.code == ReasonCode::IpHost
            && reason.level == Level::Danger
            && reason.details.ip_kind == Some(IpKind::Public)
            && !reason.details.obscured;
        if plain_public_ip
            && verdict.unwrap_chain.is_empty()
            && link.dom_text.is_none()
            && link.hidden.is_empty()
            && text_is_target(&link.text, &verdict.target.url)
        {
            reason.level = Level::Caution;
            reason.details.text_is_target = true;
        }
    }
}

/// Whether `text`, read as an address is typed ([`claim::typed_address`]), is the URL `target`:
/// the same host, port, path, query and fragment (`http://` or `https://` written or not).
fn text_is_target(text: &str, target: &str) -> bool {
    let (Ok(shown), Ok(target)) = (Url::parse(&claim::typed_address(text)), Url::parse(target)) else {
        return false;
    };
    shown.host().is_some() && shown[url::Position::AfterScheme..] == target[url::Position::AfterScheme..]
}

/// The href to judge. Outlook's `originalsrc` is the URL before SafeLinks rewrote it, so it is
/// the real target when present; Gmail keeps the real URL in href and its redirect in
/// `data-saferedirecturl`, which only helps when the href is missing.
fn pick_href(link: &LinkInput) -> &str {
    if let Some(original) = link.originalsrc.as_deref().filter(|s| looks_absolute(s)) {
        return original;
    }
    if trim(&link.href).is_empty() {
        if let Some(redirect) = link.saferedirecturl.as_deref().filter(|s| looks_absolute(s)) {
            return redirect;
        }
    }
    &link.href
}

/// Whether a label of `host` is longer than DNS allows (63 bytes). A host of at most 63 bytes
/// (nearly every one) has no such label: its labels are not walked.
fn has_overlong_label(host: &str) -> bool {
    host.len() > 63 && longest_label(host) > 63
}

/// Length of the longest dot-separated label of `host`, in one pass without a branch per
/// byte (this runs for every host).
fn longest_label(host: &str) -> usize {
    let mut run = 0usize;
    let mut longest = 0usize;
    for &b in host.as_bytes() {
        run = if b == b'.' { 0 } else { run + 1 };
        longest = longest.max(run);
    }
    longest
}

/// `str::trim`, answered at once when both ends are ASCII characters other than white space
/// and controls (nearly every href): `trim` itself decodes and classifies a character at each
/// end, twice for every link.
fn trim(s: &str) -> &str {
    let plain = |b: &u8| (b'!'..=b'~').contains(b);
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(first), Some(last)) if plain(first) && plain(last) => s,
        _ => s.trim(),
    }
}

/// `scheme:` at the start (what a URL parser would take as absolute).
fn looks_absolute(s: &str) -> bool {
    let s = s.trim_start();
    match s.find(':') {
        Some(i) if i > 0 => {
            let scheme = &s[..i];
            scheme.as_bytes()[0].is_ascii_alphabetic()
                && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        }
        _ => false,
    }
}

/// A `javascript:`/`data:`/`vbscript:`/`file:` target: nothing else about it matters.
fn set_script_target(v: &mut Verdict, url: &str, scheme: String) {
    v.target.url = truncate(url, MAX_URL_CHARS);
    v.target.scheme = Cow::Owned(scheme.clone());
    push_reason(&mut v.reasons, Reason::with(
        ReasonCode::ScriptUrl,
        Level::Danger,
        Details { scheme: Some(scheme), ..Details::default() },
    ));
}

/// Adds a reason, growing the list by exactly one. A `Reason` is ≈280 bytes, and `Vec`'s
/// first growth would make room for four (≈1.1 KB, above the allocator's per-thread cache
/// sizes, so slower to allocate and free); nearly every verdict has one reason or none.
fn push_reason(reasons: &mut Vec<Reason>, reason: Reason) {
    reasons.reserve_exact(1);
    reasons.push(reason);
}

fn wrapped_reason(wrapper: &str, opaque: bool, note: Option<&str>) -> Reason {
    Reason::with(
        ReasonCode::Wrapped,
        if opaque { Level::Caution } else { Level::Safe },
        Details {
            wrapper: Some(wrapper.to_string()),
            opaque,
            note: note.map(str::to_string),
            ..Details::default()
        },
    )
}

fn step(wrapper: &str, from: &str, to: &str) -> UnwrapStep {
    UnwrapStep {
        wrapper: wrapper.to_string(),
        from: truncate(from, MAX_URL_CHARS),
        to: truncate(to, MAX_URL_CHARS),
    }
}

/// The URL of one layer (the href, or a URL a wrapper carried).
enum Layer<'h> {
    /// Taken by the fast path (`view::parse_plain`): the text is exactly what
    /// `Url::parse` would serialize, so the url crate's parser is not run (most hrefs).
    Plain(Cow<'h, str>, view::Layout),
    /// Parsed by the url crate. `written` is the text as written at this layer: its host,
    /// before WHATWG normalization, tells obscured IPs apart (read only for IP hosts).
    Parsed { url: Url, written: Cow<'h, str> },
}

impl<'h> Layer<'h> {
    /// `trimmed` (the href, trimmed) through the fast path or else the url crate; `None` when
    /// `Url::parse` fails.
    fn parse(trimmed: Cow<'h, str>, written: &'h str) -> Option<Layer<'h>> {
        if let Some(layout) = view::parse_plain(&trimmed) {
            return Some(Layer::Plain(trimmed, layout));
        }
        if let Some(rooted) = Layer::rooted(&trimmed) {
            return Some(rooted);
        }
        let url = Url::parse(&trimmed).ok()?;
        Some(Layer::Parsed { url, written: Cow::Borrowed(written) })
    }

    /// A URL a wrapper carried (owned), like [`Layer::parse`] of it trimmed.
    fn parse_owned(inner: String) -> Option<Layer<'h>> {
        let trimmed = inner.trim();
        if trimmed.len() == inner.len() {
            if let Some(layout) = view::parse_plain(&inner) {
                return Some(Layer::Plain(Cow::Owned(inner), layout));
            }
            if let Some(rooted) = Layer::rooted(&inner) {
                return Some(rooted);
            }
        }
        let url = Url::parse(trimmed).ok()?;
        Some(Layer::Parsed { url, written: Cow::Owned(inner) })
    }

    /// An `http`/`https` href the fast path declined only for what the url crate would change in
    /// its scheme and host: upper case there (`http://Example.COM/`, lowered) or no path
    /// (`https://example.com`, `http://example.com?q`: the `/` of an empty path added; a sixth
    /// of the phishing-URL lists' hrefs are a host alone). The fast path must take the result,
    /// which `Url::parse` then serializes to itself. Anything else, None.
    fn rooted(trimmed: &str) -> Option<Layer<'static>> {
        // (Byte tests: a substring search for `://` costs more than the rest of this.)
        let bytes = trimmed.as_bytes();
        let scheme_len = match bytes.get(4) {
            Some(b's' | b'S') => 5,
            _ => 4,
        };
        if !bytes.get(..4).is_some_and(|b| b.eq_ignore_ascii_case(b"http"))
            || bytes.get(scheme_len..scheme_len + 3) != Some(&b"://"[..])
        {
            return None;
        }
        let host_start = scheme_len + 3;
        let head_len = bytes[host_start..]
            .iter()
            .position(|&b| matches!(b, b'/' | b'?' | b'#'))
            .map_or(bytes.len(), |i| host_start + i);
        let (head, tail) = trimmed.split_at(head_len);
        let root = !tail.starts_with('/');
        if !root && !head.bytes().any(|b| b.is_ascii_uppercase()) {
            return None; // declined for something else
        }
        let mut normal = String::with_capacity(trimmed.len() + 1);
        normal.push_str(head);
        normal.make_ascii_lowercase();
        if root {
            normal.push('/');
        }
        normal.push_str(tail);
        let layout = view::parse_plain(&normal)?;
        Some(Layer::Plain(Cow::Owned(normal), layout))
    }

    fn view(&self) -> UrlView<'_> {
        match self {
            Layer::Plain(text, layout) => UrlView::with_layout(text, *layout),
            Layer::Parsed { url, .. } => UrlView::of(url),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            Layer::Plain(text, _) => text,
            Layer::Parsed { url, .. } => url.as_str(),
        }
    }

    /// The serialization, at most `max` characters.
    fn into_string(self, max: usize) -> String {
        match self {
            Layer::Plain(text, _) if text.len() <= max => text.into_owned(),
            Layer::Parsed { url, .. } if url.as_str().len() <= max => url.into(),
            other => truncate(other.as_str(), max),
        }
    }
}

/// `amazon.co.jp` with suffix `co.jp` → `amazon`.
fn label_of<'a>(registrable: &'a str, suffix: &str) -> &'a str {
    strip_tail(registrable, suffix)
        .and_then(|s| s.strip_suffix('.'))
        .unwrap_or(registrable)
}

fn is_same_or_subdomain(host: &str, domain: &str) -> bool {
    host == domain
        || (host.len() > domain.len()
            && host.ends_with(domain)
            && host.as_bytes()[host.len() - domain.len() - 1] == b'.')
}

/// [`truncate`] for a string already owned: kept as it is when short enough (no copy).
fn truncate_owned(s: String, max: usize) -> String {
    if s.len() <= max {
        return s;
    }
    truncate(&s, max)
}

/// The verdict's `scheme`: [`truncate`]d to [`MAX_SCHEME_CHARS`], borrowed from a static
/// string for the schemes nearly every link has (the url crate writes them in lower case, so
/// the match is exact and the text is the same as `truncate`'s copy).
fn scheme_text(scheme: &str) -> Cow<'static, str> {
    match scheme {
        "https" => Cow::Borrowed("https"),
        "http" => Cow::Borrowed("http"),
        "mailto" => Cow::Borrowed("mailto"),
        _ => Cow::Owned(truncate(scheme, MAX_SCHEME_CHARS)),
    }
}

/// The verdict's `public_suffix`: borrowed from a static string for the suffixes most links
/// have (two in three mail links are under `com`), an owned copy for the others. The match is
/// exact, so the text is the same either way.
fn suffix_text(suffix: &str) -> Cow<'static, str> {
    const COMMON: [&str; 12] = ["com", "net", "org", "cn", "jp", "co.jp", "ne.jp", "co", "co.uk", "de", "io", "info"];
    match COMMON.iter().find(|&&common| common == suffix) {
        Some(&common) => Cow::Borrowed(common),
        None => Cow::Owned(suffix.to_owned()),
    }
}

/// At most `max` characters, cut on a char boundary, with an ellipsis when cut.
fn truncate(s: &str, max: usize) -> String {
    // At most `max` bytes is at most `max` chars: the common case needs no counting (hot path).
    if s.len() <= max {
        return s.to_owned();
    }
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((i, _)) => format!("{}…", &s[..i]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use std::sync::OnceLock;

    fn engine() -> &'static Engine {
        static ENGINE: OnceLock<Engine> = OnceLock::new();
        ENGINE.get_or_init(Engine::new)
    }

    use Level::{Caution as C, Danger as D, Safe as S};
    use ReasonCode::*;

    #[test]
    fn scheme_text_is_the_truncated_copy_borrowed_or_not() {
        let long = "a".repeat(40);
        for scheme in ["https", "http", "mailto", "ftp", "HTTPS", "web+foo", "", long.as_str()] {
            assert_eq!(scheme_text(scheme), truncate(scheme, MAX_SCHEME_CHARS), "{scheme:?}");
        }
        assert!(matches!(scheme_text("https"), Cow::Borrowed(_)));
        let v = engine().analyze(&LinkInput::new("https://example.com/a", "https://example.com/a"));
        assert_eq!(v.target.scheme, "https");
        let json = serde_json::to_string(&v).expect("a verdict serializes");
        assert!(json.contains(r#""scheme":"https""#) && json.contains(r#""source":"text""#), "{json}");
        let back: Verdict = serde_json::from_str(&json).expect("it reads back");
        assert_eq!(back, v);
    }

    #[test]
    fn suffix_text_is_the_suffix_borrowed_or_not() {
        for suffix in ["com", "co.jp", "info", "ddnsking.com", "COM", "com.", "", "xn--p1ai"] {
            assert_eq!(suffix_text(suffix), suffix, "{suffix:?}");
        }
        assert!(matches!(suffix_text("com"), Cow::Borrowed(_)));
        assert!(matches!(suffix_text("ddnsking.com"), Cow::Owned(_)));
    }

    #[test]
    fn a_host_in_capitals_or_alone_takes_the_fast_path_as_the_url_crate_serializes_it() {
        // Schemes, hosts and what follows them, odd ones too: what the fast path makes of each
        // (rooted or lowered, or left to the url crate) is always what `Url::parse` serializes.
        let hosts = ["example.com", "www.eki-net.com.zvwscs.cn", "example.com.", "EXAMPLE.com", "xn--80ak6aa92e.com", "XN--80AK6AA92E.COM",
            "Example.Com.", "EXAMPLE.123", "192.168.0.1", "Ex_Ample.com", "User@Example.com", "Example.com:80",
            "1.2.3.4", "0x7f.1", "example.123", "a_b.example", "-a.example", "a..b", "example.com:443",
            "example.com:8080", "user@example.com", "ex ample.com", "example.com\\", "ｅｘａｍｐｌｅ.com", ""];
        let tails = ["", "/", "?q", "#f", "/?q#f", "/Path/../X", "/a b", "?Q=%41", "\\x", "/%zz"];
        let mut rooted = 0;
        for scheme in ["http://", "https://", "HTTP://", "Https://", "ftp://", "mailto:", "http:/", "http:"] {
            for host in hosts {
                for tail in tails {
                    let href = format!("{scheme}{host}{tail}");
                    let fast = Layer::rooted(&href).map(|layer| layer.as_str().to_string());
                    rooted += usize::from(fast.is_some());
                    let parsed = Layer::parse(Cow::Borrowed(&href), &href).map(|layer| layer.as_str().to_string());
                    let want = Url::parse(&href).ok().map(|url| url.as_str().to_string());
                    assert_eq!(parsed, want, "{href}");
                    if let Some(fast) = fast {
                        assert_eq!(Some(fast), want, "{href}");
                        assert!(scheme.eq_ignore_ascii_case("http://") || scheme.eq_ignore_ascii_case("https://"), "{href}");
                    }
                }
            }
        }
        assert!(rooted >= 20, "http and https hosts alone or in capitals are taken ({rooted})");
        let fast = |href: &str| Layer::rooted(href).map(|l| l.as_str().to_string());
        assert_eq!(fast("https://www.example.com").as_deref(), Some("https://www.example.com/"));
        assert_eq!(fast("HTTP://Example.COM/Path?Q#F").as_deref(), Some("http://example.com/Path?Q#F"));
        assert_eq!(fast("http://example.com?q").as_deref(), Some("http://example.com/?q"));
        assert_eq!(fast("https://example.com/path"), None, "the fast path's own");
    }

    /// (href, visible text, expected level, reason codes that must all be present)
    const CASES: &[(&str, &str, Level, &[ReasonCode])] = &[
        // The founding case.
        ("https://checkid.ddnsking.com/", "https://jr-east-eki.login-check.workers.dev/verify", D, &[TextMismatch, DynamicDns]),
        ("https://checkid.ddnsking.com/", "ｈｔｔｐｓ：／／ｗｗｗ．ｅｋｉ－ｎｅｔ．ｃｏｍ", D, &[TextMismatch, DynamicDns]),
        ("https://checkid.ddnsking.com/", "ログインはこちら", D, &[DynamicDns]),
        // Text claims vs targets.
        ("https://evil.example.net/login", "https://www.eki-net.com/", D, &[TextMismatch]),
        ("https://evil.example.net/login", "www.eki-net.com", D, &[TextMismatch]),
        ("https://evil.example.net/login", "<https://www.eki-net.com/>", D, &[TextMismatch]),
        ("https://evil.example.net/login", "（www.eki-net.com）", D, &[TextMismatch]),
        ("https://www.mori-zakka.com/", "www.mori-zakka.co.jp", C, &[TextMismatch]),
        // ... unless both are one brand's, or its group's (data/brands.tsv).
        ("https://www.amazon.com/", "www.amazon.co.jp", S, &[]),
        ("https://www.rakuten-card.co.jp/e-navi/", "https://www.rakuten.co.jp/", S, &[]),
        ("https://www.smbc-card.com/", "https://www.rakuten.co.jp/", D, &[TextMismatch]),
        ("https://amaz0n.co.jp/signin", "https://www.amazon.co.jp/", D, &[TextMismatch]),
        // False-positive traps: same registrable domain, www vs bare, trailing slash.
        ("https://www.eki-net.com/", "https://www.eki-net.com/", S, &[]),
        ("https://www.eki-net.com/top", "eki-net.com", S, &[]),
        ("https://eki-net.com", "https://www.eki-net.com/", S, &[]),
        ("https://click.example-shop.jp/c?id=1&u=2", "www.example-shop.jp", S, &[]),
        ("https://mail.google.com/mail/u/0/", "Gmail", S, &[]),
        ("https://www.example.com/unsubscribe", "Unsubscribe", S, &[]),
        ("https://www.example.com/a", "Click here to read more.", S, &[]),
        ("mailto:support@eki-net.com", "support@eki-net.com", S, &[]),
        ("mailto:someone@evil.example", "write to us", S, &[]),
        ("mailto:info@shop.example.co.jp?subject=%E5%95%8F%E3%81%84%E5%90%88%E3%82%8F%E3%81%9B", "お問い合わせ", S, &[]),
        ("mailto:news@mail.rakuten.co.jp", "楽天市場 お問い合わせ窓口", S, &[]),
        ("MAILTO:Support@Amazon.CO.JP", "Amazon.co.jp カスタマーサービス", S, &[]),
        // A mailto: link naming a brand, to an address that isn't the brand's: caution.
        ("mailto:someone@evil.example", "www.eki-net.com", C, &[MailtoBrandMismatch]),
        ("mailto:amazon.help.jp@gmail.com", "Amazon カスタマーサービス", C, &[MailtoBrandMismatch]),
        ("mailto:cbvlh@service.rqgdf.cn", "えきねっとサポートセンター", C, &[MailtoBrandMismatch]),
        ("mailto:support@eki-net.com,copy@evil.example", "えきねっと", C, &[MailtoBrandMismatch]),
        ("mailto:%73upport@amaz0n-jp.example?subject=x", "Аmazon", C, &[MailtoBrandMismatch]),
        ("mailto:?subject=Amazon", "Amazon", S, &[]),
        ("mailto:support@amazon-help.example", "support@amazon.co.jp", C, &[MailtoBrandMismatch]),
        // The text shows the very address the link writes to: nothing hidden, no brand claimed.
        ("mailto:someone@gmail.com", "someone@gmail.com", S, &[]),
        ("mailto:someone@icloud.com", "Write to someone@icloud.com", S, &[]),
        ("mailto:amazon.visa@de.zinia.example", "amazon.visa@de.zinia.example", S, &[]),
        ("tel:+81-3-1234-5678", "03-1234-5678", S, &[]),
        ("#section-2", "www.eki-net.com", S, &[]),
        ("/relative/path", "Read more", S, &[]),
        ("", "", S, &[]),
        // Hosts.
        ("https://foo.duckdns.org/", "Login", D, &[DynamicDns]),
        ("https://phish.pages.dev/", "Login", D, &[FreeHosting]),
        ("https://a.b.workers.dev/x", "Login", D, &[FreeHosting]),
        ("https://bit.ly/3xYzAbC", "Details", C, &[Shortener]),
        ("https://bit.ly/3xYzAbC", "www.eki-net.com", C, &[Shortener, TextMismatch]),
        // A brand's domain written into another host (JPCERT/CC's lists).
        ("https://www.eki-net.com.zvwscs.cn/login", "Login", D, &[BrandInHost]),
        ("https://www.eki-net.com.zvwscs.cn/", "https://www.eki-net.com/", D, &[BrandInHost, TextMismatch]),
        ("https://www-aeon-co-jp.example.com/", "AEON", D, &[BrandInHost]),
        ("https://eki-net.com.duckdns.org/", "Login", D, &[DynamicDns, BrandInHost]),
        ("https://www.amazon.co.jp/gp/css/order-history", "Amazon", S, &[]),
        ("https://bk.mufg.jp/", "MUFG", S, &[]),
        // Another domain name written left of the registrable domain: caution, danger when it
        // imitates a brand's (JPCERT/CC's lists).
        ("https://anazaon.co.jp.login.z2hdao.cn/", "Login", C, &[DomainInHost]),
        ("https://www.amazom.co.jp.example.cn/", "Amazon", D, &[DomainInHost]),
        ("https://nttdocomo.jp.example.top/", "docomo", D, &[DomainInHost]),
        ("https://customer.com.provider.example/", "Site", C, &[DomainInHost]),
        // A brand's name in front of another site's domain: caution (JPCERT/CC's lists).
        ("https://smbc.zgcdpvd.cn/", "ログイン", C, &[BrandNameInHost]),
        ("https://www.eki-net-login.example.cn/", "Login", C, &[BrandNameInHost]),
        ("https://amazon.rjglnez.cn/", "https://www.amazon.co.jp/", D, &[TextMismatch, BrandNameInHost]),
        ("https://rakuten.zoom.us/j/123456", "Join the meeting", S, &[]),
        ("https://apple.stackexchange.com/questions/1", "Ask Different", S, &[]),
        ("https://smbc.smbc-card.com/", "Vpass", S, &[]),
        // ... or a name spelled like a brand's (JPCERT/CC 2021-2022).
        ("https://www.amazom.tjpmgkhxwc.cn/", "ログイン", C, &[BrandNameInHost]),
        ("https://ekl-net-member.example.cn/", "Login", C, &[BrandNameInHost]),
        ("https://member.ekl-net-login.example.cn/", "Login", C, &[BrandNameInHost]),
        ("https://offices.example.com/", "Our offices", S, &[]),
        ("https://mobile.example.de/", "Mobile site", S, &[]),
        ("https://amazom.amazon.co.jp/", "Amazon", S, &[]),
        ("https://rakutem.zoom.us/j/1", "Join", S, &[]),
        ("https://www.eki-net.com.zvwscs.cn.example.com/", "Login", D, &[BrandInHost]),
        ("https://www3.jresat-co-jp-login.example.cn/", "Login", D, &[DomainInHost]),
        ("https://secure-page-co-jp.example.top/", "Login", C, &[DomainInHost]),
        // The site's own name imitating a brand's (OpenPhish 2024).
        ("https://steeamcommnity.com/gift/activation", "Claim", D, &[LookalikeDomain]),
        ("https://paypa1.com/signin", "https://www.paypal.com/", D, &[LookalikeDomain, TextMismatch]),
        ("https://applebees.com/menu", "Menu", S, &[]),
        ("https://store.jp.example.com/", "Store", S, &[]),
        ("https://email.us.example.com/", "Open", S, &[]),
        // IP hosts.
        ("http://203.0.113.77/login", "Login", D, &[IpHost]),
        ("http://3405803853/login", "Login", D, &[IpHost]),
        ("http://0xCB.0x00.0x71.0x4D/", "Login", D, &[IpHost]),
        ("http://192.168.1.1/", "Router", C, &[IpHost]),
        ("http://127.0.0.1:8080/", "Local", C, &[IpHost]),
        ("http://[2001:db8::1]/", "Login", D, &[IpHost]),
        ("http://[fd00::1]/", "NAS", C, &[IpHost]),
        ("http://[::1]:3000/", "Dev", C, &[IpHost]),
        // Userinfo.
        ("https://www.eki-net.com@evil.example/", "Login", D, &[Userinfo]),
        ("https://user:pass@www.example.com/", "Files", C, &[Userinfo]),
        // Script URLs.
        ("javascript:alert(1)", "www.eki-net.com", D, &[ScriptUrl]),
        ("JaVa\tScRiPt:alert(1)", "Open", D, &[ScriptUrl]),
        ("data:text/html;base64,PHNjcmlwdD4=", "Invoice", D, &[ScriptUrl]),
        ("vbscript:msgbox", "Open", D, &[ScriptUrl]),
        ("file:///C:/Windows/System32/calc.exe", "Open", D, &[ScriptUrl]),
        // Homographs.
        ("https://xn--pypal-4ve.com/", "paypal.com", D, &[Homograph]),
        ("https://xn--r8jz45g.jp/", "例え.jp", S, &[]),
        ("https://www.example.com/\u{202E}gpj.exe", "Photo", D, &[Homograph]),
        // Wrappers: the inner target is what counts.
        ("https://jpn01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fsecure.duckdns.org%2Flogin&data=05%7C01&reserved=0", "Login", D, &[Wrapped, DynamicDns]),
        ("https://jpn01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.eki-net.com%2F&data=05&reserved=0", "https://www.eki-net.com/", S, &[Wrapped]),
        ("https://www.google.com/url?q=https://checkid.ddnsking.com/&sa=D", "www.eki-net.com", D, &[Wrapped, DynamicDns, TextMismatch]),
        ("https://urldefense.proofpoint.com/v2/url?u=https-3A__checkid.ddnsking.com_&d=DwMF&c=x", "Login", D, &[Wrapped, DynamicDns]),
        ("https://protect-eu.mimecast.com/s/AbCdEfGhIjKlMn", "Login", C, &[Wrapped]),
        // Click trackers.
        ("https://u1234.ct.sendgrid.net/ls/click?upn=abc", "example-shop.jp", C, &[TrackingRedirect]),
        ("https://u1234.ct.sendgrid.net/ls/click?upn=abc", "Shop now", S, &[]),
        // Affiliate networks' click tracking in deal newsletters: the shop's name in front is
        // theirs to give (walmart.pxf.io), and the text naming the shop is no mismatch.
        ("https://walmart.pxf.io/c/1234/5678/9", "walmart.com", C, &[TrackingRedirect]),
        ("https://walmart.pxf.io/c/1234/5678/9", "Deal of the day", S, &[]),
        ("https://px.a8.net/svt/ejp?a8mat=3ABCDE", "楽天市場で見る", S, &[]),
        // Not a URL the browser would follow.
        ("http://exa mple.com/", "Login", C, &[InvalidUrl]),
    ];

    #[test]
    fn table() {
        for (href, text, level, codes) in CASES {
            let v = engine().analyze(&LinkInput::new(*href, *text));
            assert_eq!(v.level, *level, "level of {href:?} / {text:?}: {:#?}", v.reasons);
            for code in *codes {
                assert!(v.has(*code), "{href:?} / {text:?} should have {code:?}: {:#?}", v.reasons);
            }
            if *level == Level::Safe {
                assert!(v.reasons.iter().all(|r| r.level == Level::Safe), "{href:?}: {:#?}", v.reasons);
            }
        }
    }

    /// A public IP that the link writes out as its own text is caution in a mail known to present
    /// no brand, and danger everywhere else: a link alone, a mail presenting a brand, a mail
    /// whose sender isn't known, a disguised number, another text, a text the DOM holds
    /// differently, anything else wrong with the link. A name written out as itself (dynamic
    /// DNS, free hosting) stays danger: its owner chose it.
    #[test]
    fn an_ip_written_out_as_its_text_in_a_mail_of_no_brand_is_caution() {
        // The mail a link is in: none, from a person, presenting a brand, without a sender.
        #[derive(Clone, Copy)]
        enum In {
            Alone,
            Person,
            Brand,
            NoSender,
        }
        let context = |mail: In| match mail {
            In::Alone => None,
            In::Person => Some(MessageContext {
                sender_name: Some("Kenji Sato".into()),
                sender_address: Some("kenji@example.org".into()),
                subject: Some("Re: the cache link".into()),
                ..MessageContext::default()
            }),
            In::Brand => Some(MessageContext {
                sender_name: Some("Amazon.co.jp".into()),
                sender_address: Some("info@mail.example.cn".into()),
                ..MessageContext::default()
            }),
            In::NoSender => Some(MessageContext { subject: Some("Re: the cache link".into()), ..MessageContext::default() }),
        };
        let cache = "http://216.239.39.100/search?q=cache:usJnd2dwCDQC:www.theage.com.au/news/2001/07/02/FFX0ADFPLOC.html";
        // (href, text, mail, level, codes, text_is_target)
        type Case<'a> = (&'a str, &'a str, In, Level, &'a [ReasonCode], bool);
        let cases: &[Case] = &[
            ("http://64.78.49.204/", "http://64.78.49.204/", In::Person, C, &[IpHost], true),
            // Written without a scheme, or with the other one; a name in its query is no claim.
            ("http://64.78.49.204/", "64.78.49.204", In::Person, C, &[IpHost], true),
            ("https://64.78.49.204/login", "http://64.78.49.204/login", In::Person, C, &[IpHost], true),
            ("http://[2001:4860::8888]/", "http://[2001:4860::8888]/", In::Person, C, &[IpHost], true),
            (cache, cache, In::Person, C, &[IpHost], true),
            // Not known to be a mail of no brand.
            ("http://64.78.49.204/", "http://64.78.49.204/", In::Alone, D, &[IpHost], false),
            ("http://64.78.49.204/", "http://64.78.49.204/", In::NoSender, D, &[IpHost], false),
            ("http://64.78.49.204/", "http://64.78.49.204/", In::Brand, D, &[IpHost, MessageBrandMismatch], false),
            // Another text, another path, a disguised number, a user part dressed as a site.
            ("http://63.147.65.2/antiques", "Antiques Guide", In::Person, D, &[IpHost], false),
            ("http://64.78.49.204/login", "http://64.78.49.204/", In::Person, D, &[IpHost], false),
            ("http://1078997452/", "http://1078997452/", In::Person, D, &[IpHost], false),
            ("http://www.eki-net.com@64.78.49.204/", "http://www.eki-net.com@64.78.49.204/", In::Person, D, &[IpHost, Userinfo], false),
            // The same IP URL as the text of a link elsewhere: the name in it is a claim.
            ("https://evil.example.net/", cache, In::Person, D, &[TextMismatch], false),
            // A private address is caution anyway.
            ("http://192.168.0.1/", "http://192.168.0.1/", In::Person, C, &[IpHost], false),
            // Names their owners chose, written out as themselves.
            ("http://gnuhead.dyndns.org/", "http://gnuhead.dyndns.org/", In::Person, D, &[DynamicDns], false),
            ("http://amygdalagf.blogspot.com", "http://amygdalagf.blogspot.com", In::Person, D, &[FreeHosting], false),
        ];
        for &(href, text, mail, level, codes, written_out) in cases {
            let link = LinkInput::new(href, text);
            let v = match context(mail) {
                Some(context) => engine().analyze_in(&link, &engine().message(&context)),
                None => engine().analyze(&link),
            };
            let mut got: Vec<ReasonCode> = v.reasons.iter().map(|r| r.code).collect();
            let mut want = codes.to_vec();
            got.sort_by_key(|c| c.as_str());
            want.sort_by_key(|c| c.as_str());
            assert_eq!((v.level, got), (level, want), "{href} / {text}");
            assert_eq!(v.reasons.iter().any(|r| r.details.text_is_target), written_out, "{href} / {text}");
        }
        // What the DOM holds is not what is seen: the text is not the mail's own.
        let mut hidden = LinkInput::new("http://64.78.49.204/", "http://64.78.49.204/");
        hidden.dom_text = Some("http://64.78.49.204/ https://www.eki-net.com/".into());
        let v = engine().analyze_in(&hidden, &engine().message(&context(In::Person).expect("a mail")));
        assert_eq!(v.level, D, "{:#?}", v.reasons);
    }

    /// The golden cases (`tests/data/cases.json`, which the demo webmail and the end-to-end tests
    /// read too): each case's level, exact reasons and target host, for its href as a link gives
    /// it and as typed into the link checker (`typed_address`), in its message when it has a
    /// `context`; every reason code in some case.
    #[test]
    fn the_golden_cases_hold() {
        let file: serde_json::Value =
            serde_json::from_str(include_str!("../tests/data/cases.json")).expect("cases.json parses");
        let cases = file["cases"].as_array().expect("a list of cases");
        let mut ids = std::collections::BTreeSet::new();
        let mut expected_codes = std::collections::BTreeSet::new();
        for case in cases {
            let field = |name: &str| case[name].as_str().unwrap_or_else(|| panic!("{name} of {case}"));
            let id = field("id");
            assert!(ids.insert(id), "{id} twice");
            let expected = &case["expected"];
            let mut want: Vec<&str> =
                expected["reasons"].as_array().expect("reasons").iter().map(|c| c.as_str().expect("a code")).collect();
            want.sort_unstable();
            // A case in a message is judged in it.
            let message = case.get("context").map(|context| {
                let context: MessageContext = serde_json::from_value(context.clone()).expect("a message context");
                engine().message(&context)
            });
            for href in [field("href").to_string(), claim::typed_address(field("href"))] {
                let link = LinkInput::new(href.as_str(), field("text"));
                let v = match &message {
                    Some(message) => engine().analyze_in(&link, message),
                    None => engine().analyze(&link),
                };
                let mut got: Vec<&str> = v.reasons.iter().map(|r| r.code.as_str()).collect();
                got.sort_unstable();
                assert_eq!(v.level.as_str(), expected["level"], "{id} ({href}): {:#?}", v.reasons);
                assert_eq!(got, want, "{id} ({href})");
                assert_eq!(v.target.host.as_deref(), expected["target_host"].as_str(), "{id} ({href})");
            }
            if let Some(sender) = expected.get("sender_reasons") {
                let message = message.as_ref().unwrap_or_else(|| panic!("{id}: sender reasons without a context"));
                let mut got: Vec<&str> = message.sender_reasons.iter().map(|r| r.code.as_str()).collect();
                let mut sender: Vec<&str> = sender.as_array().expect("codes").iter().map(|c| c.as_str().expect("a code")).collect();
                got.sort_unstable();
                sender.sort_unstable();
                assert_eq!(got, sender, "{id}: sender reasons");
                want.extend(sender);
            }
            expected_codes.extend(want.into_iter().map(|c| ReasonCode::parse(c).unwrap_or_else(|| panic!("{id}: {c}"))));
        }
        // The bypass cases (`tests/data/bypasses.json`) carry what a link's href and text alone
        // can't: the text the DOM holds beside the one a person sees, pings, a malformed field.
        expected_codes.extend(bypass_cases().into_iter().flat_map(|(_, _, _, codes)| codes));
        for code in ReasonCode::ALL {
            assert!(expected_codes.contains(&code), "no case expects {}", code.as_str());
        }
    }

    /// The cases of `tests/data/bypasses.json`: (id, input, level, reason codes).
    fn bypass_cases() -> Vec<(String, LinkInput, Level, Vec<ReasonCode>)> {
        let file: serde_json::Value =
            serde_json::from_str(include_str!("../tests/data/bypasses.json")).expect("bypasses.json parses");
        let cases = file["cases"].as_array().expect("a list of cases");
        cases
            .iter()
            .map(|case| {
                let id = case["id"].as_str().expect("an id").to_string();
                let input: LinkInput = serde_json::from_value(case["input"].clone()).unwrap_or_else(|e| panic!("{id}: {e}"));
                let expected = &case["expected"];
                let level: Level = serde_json::from_value(expected["level"].clone()).unwrap_or_else(|e| panic!("{id}: {e}"));
                let codes = expected["reasons"]
                    .as_array()
                    .expect("reasons")
                    .iter()
                    .map(|c| ReasonCode::parse(c.as_str().expect("a code")).unwrap_or_else(|| panic!("{id}: {c}")))
                    .collect();
                (id, input, level, codes)
            })
            .collect()
    }

    /// The ways a mail's HTML made a link show one address and open another, as the content
    /// script reads them from the page (the end-to-end tests check that reading in both
    /// browsers), and the links that must stay safe: each gets exactly its expected reasons.
    #[test]
    fn the_bypass_cases_hold() {
        let mut ids = std::collections::BTreeSet::new();
        for (id, input, level, mut codes) in bypass_cases() {
            assert!(ids.insert(id.clone()), "{id} twice");
            let v = engine().analyze(&input);
            let mut got: Vec<ReasonCode> = v.reasons.iter().map(|r| r.code).collect();
            got.sort_unstable();
            codes.sort_unstable();
            assert_eq!((v.level, got), (level, codes), "{id}: {:#?}", v.reasons);
        }
    }

    #[test]
    fn hidden_text_says_what_is_seen_and_what_is_written() {
        let link = LinkInput {
            dom_text: Some("https://www.eki-attacker-net.com/".into()),
            hidden: vec![Hiding::HiddenPart],
            ..LinkInput::new("https://evil.example.net/", "https://www.eki-net.com/")
        };
        let v = engine().analyze(&link);
        let d = &v.reason(HiddenText).expect("hidden-text").details;
        assert_eq!(d.claimed.as_deref(), Some("https://www.eki-net.com/"));
        assert_eq!(d.written.as_deref(), Some("https://www.eki-attacker-net.com/"));
        assert_eq!(d.hidden, [Hiding::HiddenPart]);
        // What is seen is what the link's text claims (text-mismatch compares it).
        assert_eq!(v.shown.as_ref().map(|s| s.host.as_str()), Some("www.eki-net.com"));
        // The address seen is the target's own: a trick, but no lie about where it goes.
        let own = LinkInput { href: "https://www.eki-net.com/login".into(), ..link };
        let v = engine().analyze(&own);
        assert_eq!(v.level, Level::Caution, "{:#?}", v.reasons);
        assert!(v.has(HiddenText) && !v.has(TextMismatch));
    }

    #[test]
    fn a_ping_to_a_flagged_host_is_a_reason_at_its_level() {
        let mut link = LinkInput::new("https://www.eki-net.com/", "https://www.eki-net.com/");
        link.ping = vec!["https://checkid.ddnsking.com/p".into(), "https://stats.example.org/p".into()];
        let v = engine().analyze(&link);
        let reasons: Vec<_> = v.reasons.iter().map(|r| (r.code, r.level, r.details.actual.as_deref())).collect();
        assert_eq!(reasons, [(PingTarget, Level::Danger, Some("checkid.ddnsking.com"))]);
        // Only web addresses are pinged; an allowlisted host is no reason.
        link.ping = vec!["javascript:alert(1)".into()];
        assert_eq!(engine().analyze(&link).level, Level::Safe);
        let mut e = Engine::new();
        e.set_options(Options { allowlist: vec!["ddnsking.com".into()], disabled: vec![] });
        link.ping = vec!["https://checkid.ddnsking.com/p".into()];
        assert_eq!(e.analyze(&link).level, Level::Safe);
    }

    #[test]
    fn brand_reasons_name_the_brand_in_both_languages() {
        let cases = [
            ("https://www.rakuten.co.jp.example.cn/", ReasonCode::BrandInHost, "Rakuten", Some("楽天")),
            ("https://www.rakuteon.co.jp.member-login.example/", ReasonCode::DomainInHost, "Rakuten", Some("楽天")),
            ("https://erakuten.com/", ReasonCode::LookalikeDomain, "Rakuten", Some("楽天")),
            ("https://paypa1.com/", ReasonCode::LookalikeDomain, "PayPal", None),
            ("https://rakuten.example.cn/", ReasonCode::BrandNameInHost, "Rakuten", Some("楽天")),
            ("https://ekl-net-member.example.cn/", ReasonCode::BrandNameInHost, "Eki-net (JR East)", Some("えきねっと（JR東日本）")),
        ];
        for (href, code, brand, brand_ja) in cases {
            let v = engine().analyze(&LinkInput::new(href, "Login"));
            let reason = v.reasons.iter().find(|r| r.code == code).unwrap_or_else(|| panic!("{href}: {:#?}", v.reasons));
            assert_eq!(reason.details.brand.as_deref(), Some(brand), "{href}");
            assert_eq!(reason.details.brand_ja.as_deref(), brand_ja, "{href}");
        }
    }

    #[test]
    fn a_mail_link_naming_a_brand_says_which_name_and_which_address() {
        let reason = |href: &str, text: &str| {
            let v = engine().analyze(&LinkInput::new(href, text));
            v.reasons.into_iter().find(|r| r.code == ReasonCode::MailtoBrandMismatch).map(|r| r.details)
        };
        let d = reason("mailto:desk@card-support.example.cn", "楽天カード コンタクトセンター").expect("flagged");
        assert_eq!(d.claimed.as_deref(), Some("楽天カード"), "the longest name: the card, not 楽天");
        assert_eq!(d.actual.as_deref(), Some("example.cn"), "the address's registrable domain");
        assert_eq!((d.brand.as_deref(), d.brand_ja.as_deref()), (Some("Rakuten Card"), Some("楽天カード")));
        assert_eq!(d.brand_domain.as_deref(), Some("rakuten-card.co.jp"));
        // Named by one of its addresses in the text.
        let d = reason("mailto:help@amazon-desk.example", "Write to support@amazon.co.jp").expect("flagged");
        assert_eq!((d.claimed.as_deref(), d.brand.as_deref()), (Some("Amazon"), Some("Amazon")));
        assert_eq!(d.actual.as_deref(), Some("amazon-desk.example"));
        // A title names the brand when the text doesn't.
        let mut titled = LinkInput::new("mailto:x@evil.example", "お問い合わせ");
        titled.title = Some("PayPal Support".into());
        assert!(engine().analyze(&titled).has(ReasonCode::MailtoBrandMismatch));
    }

    #[test]
    fn a_brand_name_in_front_says_what_is_written_there() {
        let details = |href: &str| {
            let v = engine().analyze(&LinkInput::new(href, "Login"));
            let reason = v.reasons.into_iter().find(|r| r.code == ReasonCode::BrandNameInHost).expect(href);
            (reason.details.claimed, reason.details.lookalike, reason.details.brand_domain)
        };
        assert_eq!(details("https://smbc.zgcdpvd.cn/"), (Some("smbc".into()), None, Some("smbc.co.jp".into())));
        assert_eq!(
            details("https://member.ekl-net-login.example.cn/"),
            (Some("ekl-net".into()), Some(LookalikeKind::EditDistance), Some("eki-net.com".into()))
        );
    }

    #[test]
    fn longest_label_is_the_longest_split_label() {
        for host in ["", ".", "a", "a.bc", "abc.d.", "..x..", "example.com", "a.bcdef.gh"] {
            let expected = host.split('.').map(str::len).max().unwrap_or(0);
            assert_eq!(longest_label(host), expected, "{host:?}");
        }
    }

    #[test]
    fn plain_hosts_have_no_idn_form() {
        // Every host `parse_plain` takes (short names over bytes of each kind the checks tell
        // apart, `xn--` inside a label among them): no homograph, and no Unicode form.
        let symbols = ["a", "x", "n", "0", "-", ".", "A", "_", "é"];
        let mut hosts: Vec<String> = vec![String::new()];
        let mut frontier = hosts.clone();
        for _ in 0..5 {
            frontier = frontier.iter().flat_map(|h| symbols.iter().map(move |s| format!("{h}{s}"))).collect();
            hosts.extend(frontier.iter().cloned());
        }
        for name in ["abxn--cd.com", "a.bxn--c", "xn-a.com", "xn--p1ai", "b.xn--p1ai", "xn--80ak6aa92e.com", "a-xn--b.jp"] {
            hosts.push(name.to_string());
        }
        let mut taken = 0;
        for host in &hosts {
            let href = format!("https://{host}/");
            let Some(layout) = view::parse_plain(&href) else { continue };
            let Some(plain_host) = UrlView::with_layout(&href, layout).host_str() else { continue };
            taken += 1;
            assert!(homograph::check_host(plain_host).is_none(), "{href:?}");
            let (unicode, result) = idna::domain_to_unicode(plain_host);
            assert!(result.is_err() || unicode == plain_host, "{href:?}");
        }
        assert!(taken > 4_000, "{taken}");
    }

    #[test]
    fn overlong_label_shortcut_agrees_with_the_walk() {
        for len in 0..=140usize {
            for dot_at in [None, Some(0), Some(1), Some(len / 2), Some(63), Some(64), Some(len.saturating_sub(1))] {
                let mut host = "a".repeat(len);
                if let Some(at) = dot_at.filter(|&at| at < len) {
                    host.replace_range(at..=at, ".");
                }
                assert_eq!(has_overlong_label(&host), longest_label(&host) > 63, "{host:?}");
            }
        }
    }

    #[test]
    fn trim_is_str_trim() {
        let cases = [
            "", " ", "https://a.example/", " https://a.example/ ", "\u{3000}https://a.example/\u{3000}",
            "\u{a0}x", "x\u{85}", "\tx\n", "\u{1c}x\u{1f}", "\u{7f}", "é", "xé", "!~", "\u{2028}",
        ];
        for s in cases {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn founding_case_details() {
        let v = engine().analyze(&LinkInput::new(
            "https://checkid.ddnsking.com/",
            "https://jr-east-eki.login-check.workers.dev/verify",
        ));
        assert_eq!(v.target.registrable_domain.as_deref(), Some("checkid.ddnsking.com"));
        assert_eq!(v.target.public_suffix.as_deref(), Some("ddnsking.com"));
        assert!(v.target.suffix_is_private);
        assert_eq!(v.target.provider.as_deref(), Some("No-IP"));
        let shown = v.shown.as_ref().expect("the text claims a URL");
        assert_eq!(shown.registrable_domain.as_deref(), Some("login-check.workers.dev"));
        let mismatch = v.reason(TextMismatch).unwrap();
        assert_eq!(mismatch.details.claimed.as_deref(), Some("login-check.workers.dev"));
        assert_eq!(mismatch.details.actual.as_deref(), Some("checkid.ddnsking.com"));
        assert_eq!(v.reason(DynamicDns).unwrap().details.provider.as_deref(), Some("No-IP"));
    }

    #[test]
    fn title_claims_count_when_text_claims_nothing() {
        let mut link = LinkInput::new("https://evil.example.net/", "ログイン");
        link.title = Some("https://www.eki-net.com/".into());
        let v = engine().analyze(&link);
        assert!(v.has(TextMismatch));
        assert_eq!(v.shown.unwrap().source, "title");
    }

    #[test]
    fn webmail_hints() {
        // Outlook: href is the SafeLinks URL, originalsrc the URL before rewriting.
        let mut link = LinkInput::new(
            "https://nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.example.com%2F&data=1",
            "Report",
        );
        link.originalsrc = Some("https://checkid.ddnsking.com/".into());
        assert!(engine().analyze(&link).has(DynamicDns));
        // Gmail: only the redirect is known.
        let mut link = LinkInput::new("", "Report");
        link.saferedirecturl = Some("https://www.google.com/url?q=https://foo.duckdns.org/&source=gmail".into());
        let v = engine().analyze(&link);
        assert!(v.has(DynamicDns), "{:#?}", v);
    }

    #[test]
    fn unwrap_chain_is_recorded() {
        let inner = "https://checkid.ddnsking.com/";
        let google = format!("https://www.google.com/url?q={}", urlencode(inner));
        let safelinks = format!("https://jpn01.safelinks.protection.outlook.com/?url={}&data=x", urlencode(&google));
        let v = engine().analyze(&LinkInput::new(safelinks, "Login"));
        assert_eq!(v.unwrap_chain.len(), 2, "{:#?}", v.unwrap_chain);
        assert_eq!(v.unwrap_chain[1].to, inner);
        assert_eq!(v.target.url, inner);
        assert_eq!(v.level, Level::Danger);
    }

    #[test]
    fn deep_nesting_stops_at_the_limit() {
        let mut url = "https://checkid.ddnsking.com/".to_string();
        for _ in 0..(MAX_UNWRAP_DEPTH + 5) {
            url = format!("https://www.google.com/url?q={}", urlencode(&url));
        }
        let v = engine().analyze(&LinkInput::new(url, "x"));
        assert!(v.unwrap_chain.len() <= MAX_UNWRAP_DEPTH);
        assert!(v.level >= Level::Caution, "{:#?}", v.reasons);
        assert!(v.reasons.iter().any(|r| r.code == Wrapped && r.details.opaque), "{:#?}", v.reasons);
    }

    #[test]
    fn options_allowlist_and_disabled_checks() {
        let mut e = Engine::new();
        e.set_options(Options { allowlist: vec!["DDNSKING.com".into()], disabled: vec![] });
        let v = e.analyze(&LinkInput::new("https://checkid.ddnsking.com/", "x"));
        assert_eq!(v.level, Level::Safe);
        assert!(v.allowlisted && v.has(DynamicDns));
        // A look-alike of an allowlisted name is not allowlisted.
        let v = e.analyze(&LinkInput::new("https://checkid.xddnsking.com.evil.example/", "www.eki-net.com"));
        assert!(!v.allowlisted);

        e.set_options(Options { allowlist: vec![], disabled: vec![Shortener] });
        let v = e.analyze(&LinkInput::new("https://bit.ly/abc", "Details"));
        assert_eq!(v.level, Level::Safe);
        assert!(!v.has(Shortener));
    }

    #[test]
    fn huge_inputs_end_in_a_small_verdict() {
        let href = format!("https://example.com/?q={}", "a".repeat(1 << 20));
        let text = "あ".repeat(100_000);
        let v = engine().analyze(&LinkInput::new(href, text));
        assert!(v.target.url.len() <= MAX_URL_CHARS * 4 + 8);
        assert_eq!(v.level, Level::Safe);
    }

    #[test]
    fn hosts_longer_than_dns_allows_are_invalid_and_cut() {
        for host in [format!("{}.com", "a".repeat(1 << 20)), format!("{}com", "ab.".repeat(200_000))] {
            let v = engine().analyze(&LinkInput::new(format!("https://{host}/"), "x"));
            assert!(v.has(InvalidUrl), "{:?}", v.reasons);
            assert!(v.target.host.as_ref().unwrap().len() < 1024);
            assert!(v.target.registrable_domain.is_none());
        }
    }

    #[test]
    fn batch_matches_single() {
        let links: Vec<LinkInput> = CASES.iter().map(|(h, t, _, _)| LinkInput::new(*h, *t)).collect();
        let batch = engine().analyze_batch(&links);
        for (link, v) in links.iter().zip(&batch) {
            assert_eq!(&engine().analyze(link), v);
        }
    }

    #[test]
    fn verdict_serializes_with_stable_names() {
        let v = engine().analyze(&LinkInput::new("https://checkid.ddnsking.com/", "https://a.workers.dev/"));
        let json = serde_json::to_value(&v).unwrap();
        assert_eq!(json["level"], "danger");
        let codes: Vec<&str> = json["reasons"].as_array().unwrap().iter().map(|r| r["code"].as_str().unwrap()).collect();
        assert!(codes.contains(&"text-mismatch") && codes.contains(&"dynamic-dns"), "{codes:?}");
        assert_eq!(json["target"]["registrable_domain"], "checkid.ddnsking.com");
    }

    fn urlencode(s: &str) -> String {
        percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
    }
}
