"""Mail servers that misbehave on purpose: real aiosmtpd servers on loopback, each failing in one way.

``serve(settings, handler)`` starts one with the given handler and points Django's SMTP backend at it.
"""

from __future__ import annotations

import asyncio
import contextlib
import email
import email.policy

from aiosmtpd.controller import Controller

from tests.conftest import free_port


@contextlib.contextmanager
def serve(settings, handler):
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    try:
        yield handler
    finally:
        controller.stop()


class Keeper:
    """Keeps every letter it takes (by recipient), answering as ``answer`` says."""

    def __init__(self) -> None:
        self.received: list[str] = []
        self.mails = 0

    async def handle_MAIL(self, server, session, envelope, address, options):  # noqa: N802 (aiosmtpd's hook name)
        self.mails += 1
        refusal = self.refuse_mail(self.mails)
        if refusal:
            return refusal
        envelope.mail_from, envelope.mail_options = address, options
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802
        refusal = self.refuse_rcpt(address)
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.extend(envelope.rcpt_tos)
        return await self.answer(message)

    def refuse_mail(self, count: int) -> str:
        return ""

    def refuse_rcpt(self, address: str) -> str:
        return ""

    async def answer(self, message) -> str:
        return "250 Message accepted for delivery"


class SlowToAnswer(Keeper):
    """Takes the letters to ``slow`` and answers only after ``delay`` seconds (past the client's timeout)."""

    def __init__(self, slow: str, delay: float) -> None:
        super().__init__()
        self.slow, self.delay = slow, delay

    async def answer(self, message) -> str:
        if message["To"] == self.slow:
            await asyncio.sleep(self.delay)
        return await super().answer(message)


class TooLargeAtMail(Keeper):
    """Answers 552 to the ``which``-th MAIL FROM, as a server does to a SIZE over its limit."""

    def __init__(self, which: int) -> None:
        super().__init__()
        self.which = which

    def refuse_mail(self, count: int) -> str:
        return "552 5.3.4 Message size exceeds fixed limit" if count == self.which else ""


class Refusing(Keeper):
    def __init__(self, address: str) -> None:
        super().__init__()
        self.address = address

    def refuse_rcpt(self, address: str) -> str:
        return "550 5.1.1 No such user" if address == self.address else ""


class Provider:
    """A provider's HTTP sending API on loopback, speaking Postmark's dialect to django-anymail: ``answers``
    maps an address to (HTTP status, JSON body) for letters to it; anyone else is accepted. ``received`` lists who was taken."""

    def __init__(self, answers: dict[str, tuple[int, dict]]) -> None:
        self.answers = answers
        self.received: list[str] = []

    @contextlib.contextmanager
    def serving(self, settings):
        import json
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's hook name)
                payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                to = payload["To"]
                status, body = next((a for k, a in provider.answers.items() if k in to), (200, None))
                if status == 200:
                    provider.received.append(to)
                    body = {"ErrorCode": 0, "Message": "OK", "MessageID": f"id-{len(provider.received)}", "To": to}
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        settings.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
        settings.ANYMAIL = {
            "POSTMARK_SERVER_TOKEN": "test-token",
            "POSTMARK_API_URL": f"http://127.0.0.1:{server.server_port}/",
        }
        try:
            yield self
        finally:
            server.shutdown()
            server.server_close()
