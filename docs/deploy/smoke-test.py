#!/usr/bin/env python3
"""Smoke test of a running Switchboard server, standard library only.

    python3 docs/deploy/smoke-test.py http://127.0.0.1:8080 "$SWITCHBOARD_TOKEN"

Waits for /health, checks /health/liveness and /health/readiness, signs in with the token
(POST /api/auth/session), then opens /ws with the token as a Bearer header, waits for the
`connected` event, sends `ping` and waits for `pong`. Exits non-zero with the reason otherwise.
"""

import base64
import json
import os
import socket
import struct
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import urlparse

TIMEOUT_S = 10


def fail(message):
    print(f"smoke test failed: {message}", file=sys.stderr)
    sys.exit(1)


def http(method, url, body=None, headers=None):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def wait_for_health(base, seconds):
    deadline = time.monotonic() + seconds
    last = "no answer"
    while time.monotonic() < deadline:
        try:
            status, _, body = http("GET", base + "/health")
            if status == 200:
                return body
            last = f"{status} {body}"
        except OSError as error:
            last = str(error)
        time.sleep(1)
    fail(f"/health did not answer 200 within {seconds} s (last: {last})")


def read_exactly(sock, count):
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            fail("the server closed the WebSocket")
        data += chunk
    return data


def read_message(sock):
    """One whole text message (fragments joined); control frames other than Close skipped."""
    payload = b""
    while True:
        first, second = read_exactly(sock, 2)
        length = second & 0x7F
        if length == 126:
            length = struct.unpack("!H", read_exactly(sock, 2))[0]
        elif length == 127:
            length = struct.unpack("!Q", read_exactly(sock, 8))[0]
        data = read_exactly(sock, length)
        opcode = first & 0x0F
        if opcode == 0x8:
            code = struct.unpack("!H", data[:2])[0] if len(data) >= 2 else None
            fail(f"the server closed the WebSocket with {code}: {data[2:].decode(errors='replace')}")
        if opcode in (0x1, 0x0):
            payload += data
            if first & 0x80:
                return json.loads(payload.decode())


def send_text(sock, text):
    data = text.encode()
    mask = os.urandom(4)
    header = bytes([0x81])
    if len(data) < 126:
        header += bytes([0x80 | len(data)])
    else:
        header += bytes([0x80 | 126]) + struct.pack("!H", len(data))
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
    sock.sendall(header + mask + masked)


def await_type(sock, wanted):
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        frame = read_message(sock)
        if frame.get("type") == wanted:
            return frame
    fail(f"no `{wanted}` event within {TIMEOUT_S} s")


def websocket_round_trip(base, token):
    url = urlparse(base)
    sock = socket.create_connection((url.hostname, url.port or 80), timeout=TIMEOUT_S)
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall(
        (
            f"GET /ws HTTP/1.1\r\nHost: {url.netloc}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
            f"Authorization: Bearer {token}\r\n\r\n"
        ).encode()
    )
    response = b""
    while b"\r\n\r\n" not in response:
        response += read_exactly(sock, 1)
    status_line = response.split(b"\r\n", 1)[0].decode()
    if " 101 " not in status_line + " ":
        fail(f"GET /ws answered {status_line!r}, not 101")
    connected = await_type(sock, "connected")
    print(f"/ws connected: {connected['data']['connectionId']}")
    send_text(
        sock,
        json.dumps(
            {"channel": "global", "type": "ping", "data": {"timestamp": int(time.time() * 1000)},
             "ref": "1"}
        ),
    )
    await_type(sock, "pong")
    print("/ws ping answered with pong")
    sock.close()


def main():
    if len(sys.argv) != 3:
        fail("usage: smoke-test.py BASE_URL TOKEN")
    base, token = sys.argv[1].rstrip("/"), sys.argv[2]
    print("/health:", wait_for_health(base, 120))
    for path in ("/health/liveness", "/health/readiness"):
        status, _, body = http("GET", base + path)
        if status != 200:
            fail(f"{path} answered {status}: {body}")
        print(f"{path}: {body}")
    status, headers, body = http(
        "POST",
        base + "/api/auth/session",
        json.dumps({"token": token}).encode(),
        {"Content-Type": "application/json"},
    )
    if status >= 300 or "Set-Cookie" not in headers:
        fail(f"POST /api/auth/session answered {status} without a session cookie: {body}")
    print(f"signed in: {status}")
    websocket_round_trip(base, token)
    print("smoke test passed")


if __name__ == "__main__":
    main()
