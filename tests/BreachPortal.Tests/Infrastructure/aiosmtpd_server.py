"""SMTP server for the mail tests (started by AiosmtpdServer.cs with Debian's /usr/bin/python3).

Every message is written to DIR/NNNNNN.eml (raw bytes, as received after dot-unstuffing) and then
DIR/NNNNNN.json (envelope, session, and the message as Python's own MIME parser reads it), so that
the tests check our output against an independent parser. Prints "READY <port>" once listening.
"""
import argparse
import asyncio
import email
import email.policy
import json
import os
import ssl

from aiosmtpd.smtp import SMTP, AuthResult

parser = argparse.ArgumentParser()
parser.add_argument("--dir", required=True)
parser.add_argument("--cert")
parser.add_argument("--key")
parser.add_argument("--user")
parser.add_argument("--password")
parser.add_argument("--require-starttls", action="store_true")
parser.add_argument("--auth-without-tls", action="store_true")
args = parser.parse_args()


def text_of(message, subtype):
    part = message.get_body(preferencelist=(subtype,))
    if part is None or part.get_content_type() != "text/" + subtype:
        return None
    return part.get_content()


class Handler:
    def __init__(self):
        self.count = 0

    # Recipients at these domains are refused, so tests can make one message fail among others that pass.
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        domain = address.rsplit("@", 1)[-1].lower()
        if domain == "refuse.example":
            return "550 5.1.1 Mailbox unavailable"
        if domain == "defer.example":
            return "450 4.2.1 Mailbox busy, try later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(args.dir, "%06d" % self.count)
        raw = envelope.original_content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        parsed = {
            "mail_from": envelope.mail_from,
            "mail_options": envelope.mail_options,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": session.ssl is not None,
            "authenticated": bool(session.authenticated),
            "auth_user": session.auth_data.login.decode() if session.auth_data is not None else None,
            "content_type": message.get_content_type(),
            "subject": str(message["subject"]),
            "headers": [[name, str(value)] for name, value in message.items()],
            "text": text_of(message, "plain"),
            "html": text_of(message, "html"),
            "defects": [repr(defect) for part in message.walk() for defect in part.defects],
        }
        with open(base + ".eml.tmp", "wb") as out:
            out.write(raw)
        os.rename(base + ".eml.tmp", base + ".eml")
        with open(base + ".json.tmp", "w", encoding="utf-8") as out:
            json.dump(parsed, out, ensure_ascii=False)
        os.rename(base + ".json.tmp", base + ".json")
        return "250 2.0.0 Ok: queued as %06d" % self.count


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login.decode() == args.user and auth_data.password.decode() == args.password
    if ok:
        return AuthResult(success=True, auth_data=auth_data)
    # handled=False: aiosmtpd then answers 535 itself.
    return AuthResult(success=False, handled=False)


async def main():
    context = None
    if args.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
    handler = Handler()
    loop = asyncio.get_running_loop()

    def factory():
        return SMTP(
            handler,
            hostname="aiosmtpd",
            tls_context=context,
            require_starttls=args.require_starttls,
            authenticator=authenticate if args.user else None,
            auth_required=bool(args.user),
            auth_require_tls=not args.auth_without_tls,
            loop=loop,
        )

    server = await loop.create_server(factory, host="127.0.0.1", port=0)
    print("READY %d" % server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


asyncio.run(main())
