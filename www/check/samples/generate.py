#!/usr/bin/env python3
"""Writes the sample messages of the link checker (and of its end-to-end test).

They are written by hand, byte by byte, so that each one exercises a different part of the
engine's mail reader (src/mail/, in the page through the wasm built with the `mail` feature): ISO-2022-JP text, RFC 2047 headers, quoted-printable UTF-8 HTML, Shift_JIS
in base64, a nested message/rfc822 in EUC-JP, RFC 2231 parameters, an attachment.
Run: python3 www/check/samples/generate.py  (rewrites the .eml files next to it).
"""
import base64
import quopri
from email.header import Header
from pathlib import Path

HERE = Path(__file__).resolve().parent


def b_word(text, charset):
    return Header(text, charset).encode()


def qp(text, charset):
    return quopri.encodestring(text.encode(charset)).decode('ascii')


def b64(data):
    encoded = base64.b64encode(data).decode('ascii')
    return '\r\n'.join(encoded[i:i + 76] for i in range(0, len(encoded), 76))


def write(name, text):
    (HERE / name).write_bytes(text.replace('\r\n', '\n').replace('\n', '\r\n').encode('ascii'))


# 1. The founding case: ISO-2022-JP plain text + UTF-8 quoted-printable HTML.
plain = """えきねっと会員 各位

いつもえきねっとをご利用いただき、誠にありがとうございます。
お客様のアカウントにおいて、第三者による不正なログインの可能性が検出されました。

下記URLより24時間以内にご利用確認をお願いいたします。
https://checkid.ddnsking.com/

えきねっとサポートセンター
"""
html = """<html><body>
<p>えきねっと会員 各位</p>
<p>いつもえきねっとをご利用いただき、誠にありがとうございます。<br>
お客様のアカウントにおいて、第三者による不正なログインの可能性が検出されました。</p>
<p>▼ご利用確認はこちら<br>
<a href="https://checkid.ddnsking.com/">https://eki-net-member.qhr4tz.workers.dev/verify/M861554</a></p>
<p>えきねっとサポートセンター</p>
</body></html>
"""
write('ekinet-iso2022jp.eml', f"""Return-Path: <cbvlh@service.rqgdf.cn>
From: {b_word('えきねっとサポートセンター', 'iso-2022-jp')} <cbvlh@service.rqgdf.cn>
To: aoi.tanaka@example.com
Subject: {b_word('【重要なお知らせ】えきねっとアカウントのご利用確認のお願い。メール番号:M861554', 'iso-2022-jp')}
Date: Tue, 18 Oct 2022 09:12:44 +0800
Message-ID: <20221018091244.M861554@service.rqgdf.cn>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="----=_Part_861554_(alt)"

------=_Part_861554_(alt)
Content-Type: text/plain; charset="ISO-2022-JP"
Content-Transfer-Encoding: 7bit

{plain.encode('iso-2022-jp').decode('ascii')}
------=_Part_861554_(alt)
Content-Type: text/html; charset=UTF-8
Content-Transfer-Encoding: quoted-printable

{qp(html, 'utf-8')}
------=_Part_861554_(alt)--
""")

# 2. A newsletter in Shift_JIS, base64, with an attachment and an RFC 2231 file name.
nl_plain = """Example Shop 週末限定セール

▼ショップトップ
https://click.example-shop.jp/c/2Qm7Xa91?l=top&m=20261128

配信停止: https://www.example-shop.jp/mypage/mail/unsubscribe?k=Zt81QeLw
"""
nl_html = """<html><head><meta charset="Shift_JIS"></head><body>
<h1>Example Shop 週末限定セール</h1>
<p><a href="https://click.example-shop.jp/c/2Qm7Xa92?l=sale-weekend&amp;m=20261128"><img src="cid:hero@example-shop.jp" alt="セール会場へ"></a></p>
<p>▼ショップトップ<br><a href="https://click.example-shop.jp/c/2Qm7Xa91?l=top&amp;m=20261128">www.example-shop.jp</a></p>
<p>ブログも更新中：<a href="https://u1234.ct.sendgrid.net/ls/click?upn=u001.Nw7kPq2R">example-shop.jp/blog</a></p>
<p><a href="https://www.example-shop.jp/mypage/mail/unsubscribe?k=Zt81QeLw">配信停止</a></p>
</body></html>
"""
png = base64.b64decode('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==')
write('newsletter-sjis-base64.eml', f"""From: Example Shop <news@mail.example-shop.jp>
To: aoi.tanaka@example.com
Subject: =?Shift_JIS?B?{base64.b64encode('【Example Shop】週末限定 最大50%OFF'.encode('shift_jis')).decode('ascii')}?=
Date: Fri, 27 Nov 2026 12:00:00 +0900
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=outer-7f3a

This is a multi-part message in MIME format.

--outer-7f3a
Content-Type: multipart/alternative;
 boundary="inner 9c2e"

--inner 9c2e
Content-Type: text/plain; charset=Shift_JIS
Content-Transfer-Encoding: base64

{b64(nl_plain.encode('shift_jis'))}
--inner 9c2e
Content-Type: text/html; charset="Shift_JIS"
Content-Transfer-Encoding: base64

{b64(nl_html.encode('shift_jis'))}
--inner 9c2e--

--outer-7f3a
Content-Type: image/png
Content-Transfer-Encoding: base64
Content-ID: <hero@example-shop.jp>
Content-Disposition: inline;
 filename*0*=UTF-8''%E3%82%BB%E3%83%BC%E3%83%AB;
 filename*1=".png"

{b64(png)}
--outer-7f3a--
""")

# 3. A forwarded phishing mail: UTF-8 note + message/rfc822 whose HTML is EUC-JP.
inner_html = """<html><body>
<p>ひまわり銀行をご利用いただき、ありがとうございます。</p>
<p>お取引の一部を制限しました。下記よりご確認ください。</p>
<p><a href="http://203.0.113.77/login">https://www.himawari-bank.co.jp/login</a></p>
<p><a href="http://3405803853/track">お届け予定日を確認する</a></p>
</body></html>
"""
write('forwarded-eucjp.eml', f"""From: {b_word('佐藤 健二', 'utf-8')} <kenji.sato@example.net>
To: aoi.tanaka@example.com
Subject: =?UTF-8?Q?Fwd:_=E6=80=AA=E3=81=97=E3=81=84=E3=83=A1=E3=83=BC=E3=83=AB?=
Date: Sat, 28 Nov 2026 08:00:00 +0900
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="fwd-boundary"

--fwd-boundary
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

{qp('怪しいメールが来たので転送します。リンクは押していません。' + chr(10) + '参考: https://www.example.org/security/phishing-guide.' + chr(10), 'utf-8')}
--fwd-boundary
Content-Type: message/rfc822
Content-Disposition: attachment; filename="original.eml"

From: {b_word('ひまわり銀行', 'euc-jp')} <security@himawari-bank-security.example>
To: kenji.sato@example.net
Subject: {b_word('【ひまわり銀行】お取引を一時的に制限しています', 'euc-jp')}
MIME-Version: 1.0
Content-Type: text/html; charset=EUC-JP
Content-Transfer-Encoding: base64

{b64(inner_html.encode('euc-jp'))}
--fwd-boundary--
""")
