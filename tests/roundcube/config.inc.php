<?php
// Roundcube configuration for linkguard's end-to-end test: a throwaway webmail on loopback.
//
// tests/roundcube/setup.sh copies this file into its temp state dir as config.inc.php, next to
// links to Debian's defaults.inc.php and mimetypes.php, and points Roundcube there with
// ROUNDCUBE_CONFIG_DIR, so /etc/roundcube is never read or changed. The values that differ per
// run come from the environment of the `php -S` process that setup.sh starts.

$state = getenv('LINKGUARD_RC_STATE');
$imap_port = getenv('LINKGUARD_RC_IMAP_PORT');
if (!$state || !$imap_port) {
    // Started some other way than through setup.sh: fail loudly rather than guess.
    throw new RuntimeException('linkguard test config: LINKGUARD_RC_STATE and LINKGUARD_RC_IMAP_PORT must be set');
}

$config = [];

// SQLite database in the state dir; setup.sh creates it from Roundcube's own SQL schema.
$config['db_dsnw'] = 'sqlite:///' . $state . '/roundcube/roundcube.db?mode=0600';

// The test Dovecot, plaintext on loopback (no TLS: nothing leaves 127.0.0.1).
$config['imap_host'] = '127.0.0.1:' . $imap_port;
$config['imap_auth_type'] = 'PLAIN';

// No mail is ever sent: SMTP points at a closed loopback port instead of PHP's mail(), which
// could reach a real MTA if the machine had one.
$config['smtp_host'] = '127.0.0.1:9';
$config['smtp_user'] = '';
$config['smtp_pass'] = '';

// Fixed key: the sessions of a throwaway test instance protect nothing.
$config['des_key'] = 'linkguard-e2e-test-key-0';

$config['product_name'] = 'Roundcube Webmail (linkguard test)';
$config['skin'] = 'elastic';
$config['language'] = 'en_US';
$config['plugins'] = [];

// Nothing that contacts a third party: no remote spell checker, no support link, no remote
// images in mail bodies, no update checks or installer.
$config['enable_spellcheck'] = false;
$config['support_url'] = '';
$config['show_images'] = 0;
$config['enable_installer'] = false;

// Show HTML mail as HTML (the founding case is an HTML mail) in the preview frame.
$config['prefer_html'] = true;
$config['layout'] = 'widescreen';

// Logs and temp files stay in the state dir.
$config['log_driver'] = 'file';
$config['log_dir'] = $state . '/logs/';
$config['temp_dir'] = $state . '/roundcube/temp/';

// Plain HTTP on loopback; a test session, so no IP pinning or long lifetime needed.
$config['force_https'] = false;
$config['use_https'] = false;
$config['ip_check'] = false;
$config['session_lifetime'] = 60;
$config['login_rate_limit'] = 0;
