"""Accreditation at the door and on paper: a pass verified offline, and a PDF pass rendered, each as a ratio.

    make bench                                   (with the other benchmarks)
    .venv/bin/python bench/accreditation.py      (this one alone)
    DATABASE_URL=postgresql://… …                (on PostgreSQL; SQLite otherwise)

Offline verification is what a gate does without the server, in the server's own code: ``signing.verify`` (the
token split and decoded, its key found, the Ed25519 signature checked, the dates judged on today's Almaty date)
and a look-up of the pass in the revocation list as ``gate.revocation_list()`` gives it (status, and a serial a
re-issue raised). The tokens are those of every demo pass (valid, re-issued, suspended, revoked, expired), so
the list answers both ways and an expired token is refused after its signature, as at a real gate. Baseline in
the same run, interleaved: ``Ed25519PublicKey.verify`` of the very same bytes and signatures with the keys
already loaded — the floor of any verification. The page's script does the same steps with WebCrypto in the
browser; this measures the rule, not a browser.

PDF passes: ``passes.render`` (the A6 card with the photo, the QR code of a freshly signed token, in the
holder's language) for demo passes in turn, against WeasyPrint rendering a one-line document, interleaved over
rounds; the ratio is the median over rounds.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

VERIFY_ROUNDS, VERIFY_BATCH = 7, 2000
PDF_ROUNDS, PDF_BATCH = 5, 4
MINIMAL_HTML = "<p>pressdesk</p>"


class BenchError(SystemExit):
    def __init__(self, message: str) -> None:
        super().__init__(f"accreditation bench: {message}")


def demo_passes() -> list:
    from pressdesk.accreditation.models import Accreditation

    found = list(Accreditation.objects.select_related("application").order_by("pk"))
    if not found:
        raise BenchError("no passes: run it on the demo data (bench/run.py makes it)")
    return found


def verify_offline(token: str, keys: dict[int, bytes], withdrawn: dict[int, dict], today) -> str:
    """A gate's verdict without the server: the token's own (signature, dates), then the revocation list's."""
    from pressdesk.accreditation import gate, signing

    try:
        payload = signing.verify(token, keys, today=today)
    except signing.TokenRefused as refused:
        return refused.code
    entry = withdrawn.get(payload.pass_id)
    if entry is None:
        return ""
    if entry["status"] != "active":
        return entry["status"]
    return gate.REISSUED if payload.serial < entry["serial"] else ""


def measure_verification(tokens: list[str]) -> dict:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from django.utils import timezone

    from pressdesk.accreditation import gate, signing

    keys = signing.public_keys()
    withdrawn = {entry["id"]: entry for entry in gate.revocation_list()["passes"]}
    loaded = {kid: Ed25519PublicKey.from_public_bytes(raw) for kid, raw in keys.items()}
    signed = []
    for token in tokens:
        payload, data, signature = signing.decode(token)
        signed.append((loaded[payload.kid], data, signature))
    today = timezone.localdate()
    work = [tokens[i % len(tokens)] for i in range(VERIFY_BATCH)]
    bare_work = [signed[i % len(signed)] for i in range(VERIFY_BATCH)]
    verdicts = {token: verify_offline(token, keys, withdrawn, today) for token in tokens}
    ratios, offline_times, bare_times = [], [], []
    for _ in range(VERIFY_ROUNDS):
        start = time.perf_counter()
        for token in work:
            verify_offline(token, keys, withdrawn, today)
        offline = time.perf_counter() - start
        start = time.perf_counter()
        for key, data, signature in bare_work:
            key.verify(signature, data)
        bare = time.perf_counter() - start
        ratios.append(offline / bare)
        offline_times.append(offline)
        bare_times.append(bare)
    return {
        "ratio": statistics.median(ratios),
        "offline_per_s": VERIFY_BATCH / statistics.median(offline_times),
        "bare_per_s": VERIFY_BATCH / statistics.median(bare_times),
        "listed": len(withdrawn),
        "refused": sum(1 for verdict in verdicts.values() if verdict),
    }


def measure_pdf(accreditations: list) -> dict:
    from weasyprint import HTML

    from pressdesk.accreditation import passes

    def minimal() -> bytes:
        return HTML(string=MINIMAL_HTML).write_pdf()

    sample = accreditations[:PDF_BATCH]
    for accreditation in sample:  # warm-up: fonts, templates, the key
        assert passes.render(accreditation).startswith(b"%PDF")
    minimal()
    ratios, pass_times, minimal_times = [], [], []
    for _ in range(PDF_ROUNDS):
        start = time.perf_counter()
        for accreditation in sample:
            passes.render(accreditation)
        rendered = (time.perf_counter() - start) / len(sample)
        start = time.perf_counter()
        for _accreditation in sample:
            minimal()
        floor = (time.perf_counter() - start) / len(sample)
        ratios.append(rendered / floor)
        pass_times.append(rendered)
        minimal_times.append(floor)
    return {
        "ratio": statistics.median(ratios),
        "passes_per_s": 1 / statistics.median(pass_times),
        "minimal_per_s": 1 / statistics.median(minimal_times),
        "sample": len(sample),
    }


def run() -> None:
    from django.db import connection

    from pressdesk.accreditation import signing

    accreditations = demo_passes()
    tokens = [signing.token_for(accreditation) for accreditation in accreditations]
    verified = measure_verification(tokens)
    print(
        f"accreditation offline verify/bare Ed25519 verify time ratio: {verified['ratio']:.2f}x "
        f"(median of {VERIFY_ROUNDS} interleaved rounds of {VERIFY_BATCH}; {len(tokens)} demo passes' tokens, "
        f"{verified['refused']} of them refused, against a revocation list of {verified['listed']}; "
        f"database: {connection.vendor}; for scale only: {verified['offline_per_s']:,.0f} passes verified offline "
        f"per second vs {verified['bare_per_s']:,.0f} bare verifies per second on this machine)"
    )
    rendered = measure_pdf(accreditations)
    print(
        f"accreditation PDF pass/one-line WeasyPrint PDF time ratio: {rendered['ratio']:.1f}x "
        f"(median of {PDF_ROUNDS} interleaved rounds of {rendered['sample']} demo passes; for scale only: "
        f"{rendered['passes_per_s']:.1f} passes per second vs {rendered['minimal_per_s']:.1f} one-line PDFs per "
        f"second on this machine)"
    )


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.run import setup

    setup()
    run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
