// @ts-check
// The demo mailbox. Bodies are HTML strings as a mail server would hand them to a webmail; a
// link is written `<a data-case="id">` and gets its href and text from cases.json (one source
// for the page and for the tests). `render` says how the webmail shows the body:
//   inline  inserted into the page (like Gmail or Outlook),
//   srcdoc  an iframe with srcdoc (like Proton Mail),
//   blank   an about:blank iframe written with document.write (like Roundcube's preview).
// `received` is relative to today so the inbox always looks current.

export const MAILBOX_OWNER = { name: { ja: '田中 葵', en: 'Aoi Tanaka' }, address: 'aoi.tanaka@example.com' };

export const MESSAGES = [
  {
    id: 'm-ekinet',
    from: { name: 'えきねっとサポートセンター', address: 'cbvlh@service.rqgdf.cn' },
    subject: '【重要なお知らせ】えきねっとアカウントのご利用確認のお願い。メール番号:M861554',
    received: { days: 0, time: '09:12' },
    unread: true,
    render: 'inline',
    hint: {
      ja: 'linkguard が生まれるきっかけになった実物のフィッシングメールの再現です。リンクにマウスを乗せると、表示は workers.dev のアドレスなのに、本当の行き先は No-IP の無料ダイナミックDNS（ddnsking.com）だと分かります。クリックすると、開く前に止めます。',
      en: 'A replica of the real phishing mail linkguard was born from. Hover the link: the text shows a workers.dev address, but the link really goes to a free No-IP dynamic DNS name (ddnsking.com). Click it and linkguard stops you before the page opens.',
    },
    html: `
<div style="font-size:15px;line-height:1.9">
<p>えきねっと会員 各位</p>
<p>いつもえきねっとをご利用いただき、誠にありがとうございます。</p>
<p>お客様のアカウントにおいて、第三者による不正なログインの可能性が検出されました。<br>
お客様の資産と個人情報を保護するため、現在アカウントのご利用を一時的に制限しております。</p>
<p>つきましては、下記URLより <b>24時間以内</b> にご利用確認のお手続きをお願いいたします。<br>
期限内にお手続きが確認できない場合、アカウントの利用停止、ならびにご予約済みのきっぷが自動的に払い戻しとなる場合がございます。</p>
<p>▼ご利用確認はこちら<br>
<a data-case="ekinet-founding"></a></p>
<p>メール番号：M861554<br>
受付日時：本メール送信日時</p>
<p style="color:#666;font-size:13px">※本メールは送信専用アドレスから配信しております。ご返信いただいてもお答えできませんので、あらかじめご了承ください。<br>
※お心当たりのない場合は、お手数ですが本メールを破棄してください。</p>
<p>━━━━━━━━━━━━━━━━━━━━<br>
えきねっとサポートセンター<br>
受付時間：5:30〜23:30（年中無休）<br>
━━━━━━━━━━━━━━━━━━━━</p>
</div>`,
  },
  {
    id: 'm-bbq',
    from: { name: '佐藤 健二', address: 'kenji.sato@example.net' },
    subject: '週末のBBQの件',
    received: { days: 0, time: '08:31' },
    unread: true,
    render: 'inline',
    hint: {
      ja: '友人からの普通のメールです。リンクは表示どおりの場所へ行くので、linkguard は何も言わずにそのまま開きます。',
      en: 'An ordinary mail from a friend. Its links go where they say, so linkguard stays quiet and lets them open at once.',
    },
    html: `
<p>葵さん</p>
<p>おつかれさま！土曜のBBQ、場所と時間が決まったので共有します。</p>
<p>日時：今週土曜 11:00〜15:00<br>
場所：河川敷公園の第2広場（駐車場あり）<br>
詳細と地図はこちら → <a data-case="personal-event"></a></p>
<p>雨天の場合は日曜に順延します。前日の夜にまた連絡しますね。<br>
あと、<a data-case="personal-photos"></a>も置いておきます。今年もいい写真を撮りましょう！</p>
<p>飲み物は各自で、食材はこちらで用意します。<br>
参加人数が変わりそうなら金曜までに教えてください。</p>
<p>健二</p>`,
  },
  {
    id: 'm-card-claim',
    from: { name: '三井住友カード', address: 'info@notice.kpv7w.example' },
    subject: '【三井住友カード】カードのご利用を一時的に制限しております',
    received: { days: 0, time: '07:58' },
    unread: true,
    render: 'inline',
    hint: {
      ja: 'いま最も多い手口です。ボタンの行き先は取ったばかりの使い捨てドメインで、リンクだけを見ても怪しいところはありません。でもこのメールは差出人名と件名で三井住友カードを名乗っていて、ボタンは同社のサイトへ行きません。linkguard はメールが名乗る会社とリンクの行き先を比べて、クリックを止めます。下の公式サイトへのリンクは本物なので、そのまま開きます。',
      en: 'Today\'s most common trick. The button goes to a freshly registered throwaway domain: judged alone, the link looks clean. But the mail calls itself Sumitomo Mitsui Card (its sender\'s name and its subject), and the button doesn\'t go to the card company\'s site. linkguard compares the company a mail claims to be with where its links go, and stops the click. The link to the official site below is the real one, so it opens as usual.',
    },
    html: `
<div style="max-width:560px;font-size:14px;line-height:1.85">
<div style="background:#00473f;color:#fff;font-weight:700;padding:10px 16px;font-size:16px">三井住友カード</div>
<p style="margin-top:16px">いつも三井住友カードをご利用いただき、誠にありがとうございます。</p>
<p>ご登録のお支払い口座が確認できなかったため、カードのご利用を一時的に制限しております。</p>
<p>お手数ですが、<b>本日中</b>に下記よりご利用状況のご確認とお手続きをお願いいたします。お手続きが確認できない場合、カードのご利用を引き続き制限させていただきます。</p>
<p><a data-case="claim-throwaway-domain" style="display:inline-block;background:#00473f;color:#fff;border-radius:4px;padding:9px 20px;text-decoration:none;font-weight:600"></a></p>
<p style="color:#666;font-size:12px">三井住友カード株式会社<br><a data-case="claim-brand-own-link" style="color:#00473f"></a><br>※このメールは送信専用です。</p>
</div>`,
  },
  {
    id: 'm-ms-claim',
    from: { name: 'Microsoft 365', address: 'no-reply@mailbox-notice.example' },
    subject: 'Your Microsoft 365 password expires today',
    received: { days: 0, time: '06:40' },
    render: 'inline',
    hint: {
      ja: '同じ手口の英語版です。差出人名と件名は Microsoft 365 を名乗っていますが、ボタンの行き先は Microsoft のサイトではない、取ったばかりのドメインです。linkguard はそのボタンを止め、本物のプライバシーの説明へのリンクはそのまま開きます。',
      en: 'The same trick in English. The sender\'s name and the subject say Microsoft 365, but the button goes to a freshly registered domain that isn\'t Microsoft\'s. linkguard stops that button, and lets the real privacy statement link open.',
    },
    html: `
<div style="max-width:560px;font-family:'Segoe UI',Arial,sans-serif;font-size:14px;line-height:1.7">
<p style="font-size:20px;color:#0067b8;margin:0 0 12px">Microsoft 365</p>
<p>Hello Aoi,</p>
<p>The password for <b>aoi.tanaka@example.com</b> expires today. To keep using your current password and avoid losing access to your mail and files, confirm it below.</p>
<p><a data-case="claim-en-keep-password" style="display:inline-block;background:#0067b8;color:#fff;padding:9px 20px;text-decoration:none;font-weight:600"></a></p>
<p style="color:#666;font-size:12px">Microsoft Corporation, One Microsoft Way, Redmond, WA 98052<br><a data-case="claim-en-privacy" style="color:#0067b8"></a></p>
</div>`,
  },
  {
    id: 'm-mailbox-quota',
    from: { name: 'IT Service Desk', address: 'it-servicedesk@contoso-mail.example' },
    subject: 'Action required: your mailbox is 98% full',
    received: { days: 1, time: '17:46' },
    unread: true,
    render: 'srcdoc',
    hint: {
      ja: '会社のメールで Microsoft SafeLinks がリンクを書き換えた例です。表面は outlook.com のアドレスですが、linkguard は中身を取り出し、本当の行き先が DuckDNS の無料アドレスだと見抜きます。',
      en: 'A work mail whose link Microsoft SafeLinks rewrote. On the surface it points at outlook.com; linkguard decodes it and finds the real destination on a free DuckDNS name.',
    },
    html: `<!doctype html>
<html><head><meta charset="utf-8"><meta name="color-scheme" content="light">
<style>
  body { margin:0; padding:24px; background:#ffffff; font-family:"Segoe UI",Arial,sans-serif; color:#1f1f1f; font-size:14px; line-height:1.55 }
  .frame { max-width:560px; border:1px solid #e1e1e1 }
  .top { background:#0f6cbd; color:#fff; padding:14px 20px; font-size:16px; font-weight:600 }
  .inner { padding:20px }
  .meter { height:10px; background:#eee; border-radius:5px; overflow:hidden; margin:6px 0 2px }
  .meter span { display:block; height:100%; width:98%; background:#c50f1f }
  .btn { display:inline-block; background:#0f6cbd; color:#fff !important; text-decoration:none; padding:10px 22px; border-radius:4px; font-weight:600; margin:10px 0 }
  .small { color:#616161; font-size:12px }
</style></head>
<body>
<div class="frame">
  <div class="top">Microsoft 365 &middot; Mailbox storage</div>
  <div class="inner">
    <p>Hello aoi.tanaka@example.com,</p>
    <p>Your mailbox has almost reached its storage limit. Once it is full you will no longer be able to send or receive messages.</p>
    <div class="small">Storage used: 48.9 GB of 50 GB</div>
    <div class="meter"><span></span></div>
    <p>To avoid interruption, confirm your account within 24 hours and we will move older items to the archive automatically.</p>
    <p><a class="btn" data-case="safelinks-duckdns"></a></p>
    <p class="small">If you do not confirm, incoming messages will be returned to their senders starting tomorrow.<br>
    This message was sent by your organization's IT Service Desk. Please do not reply.</p>
  </div>
</div>
</body></html>`,
  },
  {
    id: 'm-shop-ja',
    from: { name: 'Example Shop', address: 'news@mail.example-shop.jp' },
    subject: '【Example Shop】週末限定 最大50%OFF｜冬の人気アイテムが勢ぞろい',
    received: { days: 1, time: '12:00' },
    render: 'srcdoc',
    hint: {
      ja: '正規のメールマガジンです。リンクは click.example-shop.jp のクリック計測を通りますが、同じショップのドメインなので linkguard は警告しません（誤警告をしないことも大切な機能です）。',
      en: 'A legitimate newsletter. Its links pass through click.example-shop.jp, the shop\'s own click counter on its own domain, so linkguard does not warn: not crying wolf is part of the job.',
    },
    html: `<!doctype html>
<html><head><meta charset="utf-8"><meta name="color-scheme" content="light">
<style>
  body { margin:0; background:#f3efe9; font-family:"Hiragino Sans","Noto Sans CJK JP","Yu Gothic",Meiryo,sans-serif; color:#2b2623 }
  table { border-collapse:collapse }
  .wrap { width:100%; padding:20px 0 }
  .sheet { width:600px; max-width:100%; margin:0 auto; background:#fff }
  .logo { padding:18px 24px; font-size:20px; font-weight:800; letter-spacing:0.04em; color:#2b2623; border-bottom:1px solid #eee }
  .logo small { display:block; font-size:11px; font-weight:400; color:#8a817a; letter-spacing:0 }
  .hero { background:linear-gradient(135deg,#b23a48 0%,#e07a5f 100%); color:#fff; text-align:center; padding:38px 20px }
  .hero .tag { font-size:12px; letter-spacing:0.3em }
  .hero .big { font-size:40px; font-weight:900; line-height:1.2; margin:6px 0 }
  .hero .sub { font-size:14px }
  .cta { display:inline-block; margin-top:18px; background:#fff; color:#b23a48 !important; font-weight:800; text-decoration:none; padding:12px 34px; border-radius:999px }
  .items td { width:33%; padding:14px 10px; text-align:center; vertical-align:top; font-size:13px }
  .swatch { height:110px; border-radius:10px; margin-bottom:8px }
  .price { color:#b23a48; font-weight:700 }
  .price s { color:#999; font-weight:400; margin-right:4px }
  .text { padding:6px 28px 18px; font-size:14px; line-height:1.8 }
  .foot { padding:18px 24px 26px; font-size:11px; color:#8a817a; line-height:1.7; border-top:1px solid #eee }
  .foot a { color:#8a817a }
</style></head>
<body>
<table class="wrap" role="presentation"><tr><td>
<table class="sheet" role="presentation">
  <tr><td class="logo">Example Shop<small>暮らしを心地よくするセレクトショップ</small></td></tr>
  <tr><td class="hero">
    <div class="tag">WEEKEND SALE</div>
    <div class="big">最大50%OFF</div>
    <div class="sub">11/28(金)〜12/1(月) 9:59まで</div>
    <a class="cta" data-case="newsletter-sale"></a>
  </td></tr>
  <tr><td>
    <table class="items" role="presentation" width="100%"><tr>
      <td><div class="swatch" style="background:#d8c3a5"></div>ウールブレンド ブランケット<br><span class="price"><s>¥8,800</s>¥4,400</span></td>
      <td><div class="swatch" style="background:#8e8d8a"></div>ステンレス 保温マグ 350ml<br><span class="price"><s>¥3,300</s>¥2,310</span></td>
      <td><div class="swatch" style="background:#e98074"></div>ルームシューズ（ボア）<br><span class="price"><s>¥4,180</s>¥2,926</span></td>
    </tr></table>
  </td></tr>
  <tr><td class="text">
    いつも Example Shop をご利用いただきありがとうございます。<br>
    今週末はアウトレット品を含む全1,200点以上が対象のウィークエンドセールを開催中です。
    会員様は送料無料（一部地域を除く）。<br>
    ▼ショップトップはこちら<br>
    <a data-case="newsletter-same-site"></a>
  </td></tr>
  <tr><td class="foot">
    このメールは配信を希望されたお客様にお送りしています。<br>
    メールの受け取りを停止する場合は<a data-case="newsletter-unsubscribe"></a>からお手続きください。<br>
    株式会社エグザンプルショップ　〒100-0000 東京都千代田区（架空の住所）<br>
    &copy; Example Shop
  </td></tr>
</table>
</td></tr></table>
</body></html>`,
  },
  {
    id: 'm-amazon',
    from: { name: 'Amazon.co.jp', address: 'account-update@amazon-co-jp.security-notice.example' },
    subject: 'Amazon.co.jp：お支払い方法の確認が必要です',
    received: { days: 2, time: '22:03' },
    render: 'inline',
    hint: {
      ja: 'アドレスの先頭に www.amazon.co.jp と書いてありますが、その後の「@」より前はブラウザーが無視します。本当の行き先は account-verify.example です。',
      en: 'The address starts with www.amazon.co.jp, but the browser ignores everything before the "@": the link really goes to account-verify.example.',
    },
    html: `
<div style="max-width:560px;font-size:14px;line-height:1.8">
<div style="font-size:22px;font-weight:700;letter-spacing:-0.02em;margin-bottom:8px">amazon<span style="color:#f08804">.co.jp</span></div>
<p>お客様</p>
<p>ご登録のお支払い方法（クレジットカード）の有効性を確認できなかったため、お客様のアカウントを一時的に保留にしました。<br>
保留中は、ご注文および Prime 特典をご利用いただけません。</p>
<p>お手数ですが、以下のボタンからお支払い情報を更新してください。更新は通常1〜2分で完了します。</p>
<p><a data-case="userinfo-amazon" style="display:inline-block;background:#ffd814;border:1px solid #fcd200;border-radius:8px;padding:9px 20px;color:#0f1111;text-decoration:none;font-weight:600"></a></p>
<p>48時間以内に更新が確認できない場合、アカウントは自動的に閉鎖されます。</p>
<p style="color:#565959;font-size:12px">このメールは送信専用のアドレスから送信されています。<br>
Amazon.co.jp カスタマーサービス</p>
</div>`,
  },
  {
    id: 'm-paypal',
    from: { name: 'PayPal', address: 'service@paypal-resolution.example' },
    subject: 'Your account access has been limited',
    received: { days: 2, time: '06:55' },
    render: 'srcdoc',
    hint: {
      ja: '「paypal.com」と表示されていますが、リンク先の「а」はキリル文字です。見た目はそっくりでも別のドメイン（xn--pypal-4ve.com）で、linkguard はその正体を示します。',
      en: 'It says "paypal.com", but the "а" in the link is Cyrillic. It looks identical and is a different domain (xn--pypal-4ve.com); linkguard shows you its real form.',
    },
    html: `<!doctype html>
<html><head><meta charset="utf-8"><meta name="color-scheme" content="light">
<style>
  body { margin:0; padding:28px 16px; background:#f5f7fa; font-family:Helvetica,Arial,sans-serif; color:#2c2e2f; font-size:15px; line-height:1.6 }
  .card { max-width:540px; margin:0 auto; background:#fff; border-radius:12px; padding:28px 32px; box-shadow:0 1px 4px rgba(0,0,0,.08) }
  .logo { font-weight:800; font-size:24px; font-style:italic; color:#003087 } .logo span { color:#009cde }
  h1 { font-size:20px; margin:18px 0 8px }
  .case { background:#f5f7fa; border-radius:8px; padding:10px 14px; font-size:13px; color:#515354 }
  .muted { color:#6c7378; font-size:12px }
  a { color:#0070e0; font-weight:700 }
</style></head>
<body>
<div class="card">
  <div class="logo">Pay<span>Pal</span></div>
  <h1>We've limited your account</h1>
  <p>Hello,</p>
  <p>We noticed an unusual sign-in to your account from a new device. To protect you, we've temporarily limited what you can do with your account until you confirm your information.</p>
  <div class="case">Case ID: PP-006-512-487-903<br>Date: within the last 24 hours<br>Location: Bucharest, Romania</div>
  <p>Log in at <a data-case="homograph-paypal"></a> to confirm your identity and restore full access.</p>
  <p class="muted">If you don't confirm within 72 hours, your account will remain limited and pending payments will be returned.<br>
  Copyright &copy; 1999-2026 PayPal. All rights reserved.</p>
</div>
</body></html>`,
  },
  {
    id: 'm-ekinet-suspend',
    from: { name: 'えきねっと', address: 'noreply@eki-net.info-center.example' },
    subject: '【えきねっと】お客様のアカウントは一時停止されました',
    received: { days: 3, time: '19:20' },
    render: 'blank',
    hint: {
      ja: 'リンクの表示が全角（ｈｔｔｐｓ：／／ｗｗｗ．ｅｋｉ－ｎｅｔ．ｃｏｍ）で書かれていて、単純な比較をすり抜けようとしています。linkguard は全角を半角に直してから比べるので、別のドメインへ行くことを見抜きます。リンク先の www.eki-net.com-login.example も、本物のドメイン eki-net.com をアドレスに書き込んだ別のサイトです。',
      en: 'The link text is written in full-width characters (ｈｔｔｐｓ：／／ｗｗｗ．ｅｋｉ－ｎｅｔ．ｃｏｍ) to slip past naive checks. linkguard normalizes the text before comparing and sees that the link goes to another domain. The target, www.eki-net.com-login.example, is itself another site with the real domain eki-net.com written into its address.',
    },
    html: `<!doctype html>
<html><head><meta charset="utf-8"><meta name="color-scheme" content="light">
<style>
  body { margin:0; padding:20px; background:#fff; font-family:"Hiragino Kaku Gothic ProN","Noto Sans CJK JP",Meiryo,sans-serif; color:#333; font-size:14px; line-height:1.9 }
  .head { border-bottom:3px solid #008803; padding-bottom:6px; margin-bottom:14px; font-weight:700; color:#008803; font-size:18px }
  .box { border:1px solid #ccc; padding:12px 16px; margin:14px 0; background:#fafafa }
</style></head>
<body>
<div class="head">えきねっと</div>
<p>いつもえきねっとをご利用いただき、ありがとうございます。</p>
<p>お客様のアカウントで、複数回にわたりログインの失敗が確認されたため、安全のためアカウントを一時停止いたしました。</p>
<div class="box">
停止日時：本メール送信時<br>
対象サービス：えきねっと（JR東日本）<br>
状態：<span style="color:#d00;font-weight:bold">一時停止中</span>
</div>
<p>アカウントを再開するには、以下の公式サイトからご本人確認をお願いいたします。</p>
<p><a data-case="fullwidth-ekinet"></a></p>
<p>7日以内に確認が取れない場合、アカウントは削除され、保有ポイントは失効いたします。</p>
<p style="font-size:12px;color:#666">本メールは送信専用です。<br>えきねっと事務局</p>
</body></html>`,
  },
  {
    id: 'm-bank',
    from: { name: 'ひまわり銀行', address: 'security@himawari-bank-security.example' },
    subject: '【ひまわり銀行】お取引を一時的に制限しています',
    received: { days: 3, time: '07:41' },
    render: 'inline',
    hint: {
      ja: 'リンクの表示は銀行のアドレスですが、本当の行き先は数字だけのIPアドレス（203.0.113.77）です。本物の銀行はこのようなリンクを送りません。',
      en: 'The text shows the bank\'s address, but the link goes to a bare IP address (203.0.113.77). Real banks don\'t send links like that.',
    },
    html: `
<div style="max-width:560px;font-size:14px;line-height:1.85">
<div style="background:#f4a300;color:#fff;font-weight:700;padding:10px 16px;font-size:16px">ひまわり銀行</div>
<p style="margin-top:16px">ひまわり銀行をご利用いただき、ありがとうございます。</p>
<p>当行では、不正送金被害を防止するため、お客様のお取引状況を定期的に確認しております。<br>
このたび、お客様の口座において通常と異なるお取引が確認されたため、お取引の一部を制限させていただきました。</p>
<p>制限を解除するには、下記のページにログインし、お客様情報の確認をお願いいたします。</p>
<p><a data-case="ip-dotted"></a></p>
<p>ご不便をおかけいたしますが、何卒ご理解とご協力をお願い申し上げます。</p>
<p style="color:#666;font-size:12px">ひまわり銀行 インターネットバンキング事務局<br>※このメールアドレスは送信専用です。</p>
</div>`,
  },
  {
    id: 'm-card',
    from: { name: '楽天カード', address: 'info@rakuten-card-notice.example' },
    subject: '【楽天カード】ご利用確認のお願い（カードのご利用を一時停止しています）',
    received: { days: 3, time: '22:15' },
    render: 'inline',
    hint: {
      ja: 'リンクのアドレスは rakuteon.co.jp で始まっていて、楽天の rakuten.co.jp に見えます（1文字違い）。でも、アドレスの持ち主は末尾の member-login.example で、その前の部分は誰でも自由に書けます。明細のリンクも同じで、「rakuten」の後ろの card-info-center.example が本当の持ち主です。',
      en: 'The link\'s address starts with rakuteon.co.jp, which looks like Rakuten\'s rakuten.co.jp (one letter off). But the address belongs to member-login.example at its end; anyone can write anything in front of that. The statement link is the same: "rakuten" stands in front of card-info-center.example, its real owner.',
    },
    html: `
<div style="max-width:560px;font-size:14px;line-height:1.85">
<div style="background:#bf0000;color:#fff;font-weight:700;padding:10px 16px;font-size:16px">楽天カード</div>
<p style="margin-top:16px">楽天カードをご利用いただき、誠にありがとうございます。</p>
<p>お客様のカードに第三者による不正利用の可能性があるお取引を検知したため、カードのご利用を一時的に停止しております。</p>
<p>下記よりログインのうえ、ご利用内容の確認をお願いいたします。確認が取れない場合、カードのご利用を引き続き制限させていただきます。</p>
<p><a data-case="card-lookalike-in-host" style="display:inline-block;background:#bf0000;color:#fff;border-radius:4px;padding:9px 20px;text-decoration:none;font-weight:600"></a></p>
<p style="font-size:13px">ご利用明細は<a data-case="card-name-in-host" style="color:#bf0000"></a>からもご確認いただけます。</p>
<p style="font-size:13px">ご不明な点は<a data-case="card-mailto" style="color:#bf0000"></a>までメールでお問い合わせください。</p>
<p style="color:#666;font-size:12px">楽天カード株式会社<br>※このメールは送信専用です。</p>
</div>`,
  },
  {
    id: 'm-parcel',
    from: { name: 'さくら急便', address: 'no-reply@sakura-kyubin-delivery.example' },
    subject: 'お荷物お届けのお知らせ（ご不在のため持ち戻りました）',
    received: { days: 4, time: '14:09' },
    render: 'blank',
    hint: {
      ja: 'リンク先の「3405803853」は、IPアドレス 203.0.113.77 を1つの数で書いたものです。IPアドレスであることを隠すための書き方で、linkguard は元の形に戻して警告します。',
      en: '"3405803853" in the link is the IP address 203.0.113.77 written as one number, a form chosen to hide that it is an IP address. linkguard decodes it and warns.',
    },
    html: `<!doctype html>
<html><head><meta charset="utf-8"><meta name="color-scheme" content="light">
<style>
  body { margin:0; padding:20px; background:#fff; font-family:"Hiragino Sans","Noto Sans CJK JP",Meiryo,sans-serif; color:#222; font-size:14px; line-height:1.9 }
  .brand { color:#d94f8a; font-weight:800; font-size:18px }
  table { border-collapse:collapse; margin:12px 0 }
  td { border:1px solid #ddd; padding:6px 12px }
  td:first-child { background:#faf3f6; width:8em }
  a { color:#1a5fb4 }
</style></head>
<body>
<div class="brand">さくら急便</div>
<p>お客様宛にお荷物のお届けにあがりましたが、ご不在のため持ち帰りました。<br>
下記よりお届け予定日の確認・再配達のお申し込みをお願いします。</p>
<table>
<tr><td>お問い合わせ番号</td><td>4830-2291-7765</td></tr>
<tr><td>品名</td><td>書類・小物</td></tr>
<tr><td>保管期限</td><td>到着から3日間</td></tr>
</table>
<p><a data-case="ip-decimal"></a></p>
<p style="font-size:12px;color:#666">保管期限を過ぎますと、お荷物はご依頼主様へ返送されます。<br>
※このメールは送信専用アドレスから配信されています。</p>
</body></html>`,
  },
  {
    id: 'm-docsign',
    from: { name: 'Contoso Legal via eSign', address: 'dse@esign-notify.example' },
    subject: 'Please review and sign: Invoice_Q4_INV-1187.pdf',
    received: { days: 5, time: '16:37' },
    render: 'blank',
    hint: {
      ja: '会社のメールで Proofpoint URL Defense（v3）がリンクを書き換えた例です。linkguard は書き換えを解読し、中の行き先が無料ホスティング（Cloudflare Pages）のページだと突き止めます。',
      en: 'A work mail whose link Proofpoint URL Defense (v3) rewrote. linkguard decodes the wrapper and finds a page on free hosting (Cloudflare Pages) inside.',
    },
    html: `<!doctype html>
<html><head><meta charset="utf-8"><meta name="color-scheme" content="light">
<style>
  body { margin:0; padding:24px 12px; background:#eaeaea; font-family:Helvetica,Arial,sans-serif; color:#333; font-size:15px; line-height:1.6 }
  .card { max-width:560px; margin:0 auto; background:#fff }
  .banner { background:#1e4ca1; color:#fff; text-align:center; padding:30px 24px }
  .doc { width:56px; height:70px; margin:0 auto 14px; background:#fff; border-radius:4px; position:relative }
  .doc::after { content:""; position:absolute; left:12px; right:12px; top:18px; height:34px; background:repeating-linear-gradient(#c9d4ea 0 4px, transparent 4px 10px) }
  .btn { display:inline-block; background:#ffc423; color:#1e1e1e !important; text-decoration:none; font-weight:700; font-size:14px; padding:12px 26px; border-radius:3px; margin-top:16px; letter-spacing:0.03em }
  .inner { padding:22px 28px; font-size:14px }
  .muted { color:#666; font-size:12px; padding:0 28px 22px }
</style></head>
<body>
<div class="card">
  <div class="banner">
    <div class="doc"></div>
    Contoso Legal sent you a document to review and sign.
    <div><a class="btn" data-case="proofpoint-v3"></a></div>
  </div>
  <div class="inner">
    <p><b>Daniel Reyes</b><br>daniel.reyes@contoso-legal.example</p>
    <p>Hi Aoi, please review and sign the attached Q4 invoice by end of day so we can release the payment. Thank you!</p>
  </div>
  <div class="muted">Do not share this email. It contains a secure link; please do not forward it.<br>
  This message was scanned by your organization's URL protection.</div>
</div>
</body></html>`,
  },
  {
    id: 'm-shop-en',
    from: { name: 'Example Shop', address: 'hello@news.example-shop.jp' },
    subject: 'Your weekly picks: winter essentials are here',
    received: { days: 6, time: '10:15' },
    render: 'blank',
    hint: {
      ja: '正規のメールマガジンですが、リンクはメール配信サービス SendGrid のクリック計測を経由します。「example-shop.jp」と表示されたリンクは本当の行き先を開く前に確認できないため「注意」、アドレスを名乗らないボタンは「安全」です。',
      en: 'A legitimate newsletter whose links pass through SendGrid\'s click tracker. The link that shows "example-shop.jp" can\'t be checked before opening, so it is "caution"; the button that claims no address is "safe".',
    },
    html: `<!doctype html>
<html><head><meta charset="utf-8"><meta name="color-scheme" content="light">
<style>
  body { margin:0; padding:24px 12px; background:#f2f4f3; font-family:Georgia,"Times New Roman",serif; color:#22313f; font-size:16px; line-height:1.6 }
  .sheet { max-width:580px; margin:0 auto; background:#fff }
  .masthead { text-align:center; padding:22px; font-size:26px; letter-spacing:0.08em; border-bottom:1px solid #e6e6e6 }
  .hero { background:linear-gradient(160deg,#264653,#2a9d8f); color:#fff; padding:44px 28px; text-align:center }
  .hero h1 { font-weight:400; font-size:30px; margin:0 0 8px }
  .btn { display:inline-block; margin-top:14px; background:#e9c46a; color:#22313f !important; padding:12px 28px; text-decoration:none; font-family:Helvetica,Arial,sans-serif; font-weight:700; font-size:14px; letter-spacing:0.06em; text-transform:uppercase }
  .copy { padding:22px 30px; font-size:15px }
  .foot { padding:16px 30px 26px; font-family:Helvetica,Arial,sans-serif; font-size:11px; color:#8a9499 }
</style></head>
<body>
<div class="sheet">
  <div class="masthead">EXAMPLE SHOP</div>
  <div class="hero">
    <h1>Winter essentials</h1>
    Wool throws, thermal mugs and everything cosy, picked for you.
    <div><a class="btn" data-case="sendgrid-button"></a></div>
  </div>
  <div class="copy">
    <p>Hi Aoi,</p>
    <p>The nights are getting longer, so we've gathered this week's favourites from our customers in Japan and abroad. Members get free shipping on orders over ¥5,000 until Sunday.</p>
    <p>Browse everything at <a data-case="sendgrid-tracker"></a>.</p>
  </div>
  <div class="foot">You're receiving this because you subscribed at example-shop.jp. Example Shop Co., Ltd. (fictional), Tokyo, Japan.</div>
</div>
</body></html>`,
  },
  {
    id: 'm-webinar',
    from: { name: 'Northwind Events', address: 'events@northwind.example' },
    subject: 'Recording: "Securing your inbox in 2026" webinar',
    received: { days: 7, time: '11:02' },
    render: 'inline',
    hint: {
      ja: '短縮URL（bit.ly）は開くまで本当の行き先が分かりません。危険とは限らないので、linkguard は「注意」として行き先を確かめるよう促します。',
      en: 'A short link (bit.ly) hides its destination until you open it. That is not necessarily dangerous, so linkguard says "caution" and asks you to think before opening.',
    },
    html: `
<p>Hi Aoi,</p>
<p>Thanks for registering for <b>Securing your inbox in 2026</b>. If you missed the live session, the recording and slides are now available:</p>
<p><a data-case="shortener-bitly"></a></p>
<p>Highlights:</p>
<ul>
<li>How phishing kits hide behind free hosting and dynamic DNS</li>
<li>Reading a link before you click it</li>
<li>Q&amp;A with the speakers</li>
</ul>
<p>See you at the next session,<br>The Northwind Events team</p>`,
  },
  {
    id: 'm-slides',
    from: { name: 'Emily Clarke', address: 'emily.clarke@example.org' },
    subject: "Re: slides for Thursday's review",
    received: { days: 8, time: '18:24' },
    render: 'inline',
    hint: {
      ja: '同僚からの普通のメールです。共有ドキュメントのリンクもメールアドレスのリンクも、表示どおりなので「安全」です。',
      en: 'An ordinary mail from a colleague. The shared-document link and the mail address link are what they say, so they are "safe".',
    },
    html: `
<p>Hi Aoi,</p>
<p>Thanks for the comments! I've updated the deck: the timeline is now on slide 4 and the budget table moved to the appendix.</p>
<p>Here's the link again: <a data-case="personal-doc"></a></p>
<p>Could you have a look before Thursday? If anything is unclear, just reply or write to me at <a data-case="personal-mailto"></a>.</p>
<p>Best,<br>Emily</p>
<blockquote style="margin:12px 0 0;padding-left:12px;border-left:3px solid #c8ccd2;color:#6b7380">
On Mon, Aoi Tanaka wrote:<br>
Looks great overall. Maybe move the budget to the end?
</blockquote>`,
  },
];
