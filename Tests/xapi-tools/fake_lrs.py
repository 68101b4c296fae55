"""A stand-in LRS that fails on purpose, for tests of retries and refusals.

    python fake_lrs.py STATUS FAILURES [DETAIL]

Answers the first FAILURES POSTs to /xAPI/statements with STATUS and the JSON body
{"detail": DETAIL}; after those, 200 with the list of the posted statements' ids, as
an LRS does. Listens on 127.0.0.1, on a free port. Prints `ready http://127.0.0.1:PORT/xAPI`
(`ready https://localhost:PORT/xAPI` when FAKE_LRS_TLS is `CERT_FILE:KEY_FILE`, served with TLS),
serves until its standard input closes, then prints one line of JSON: every POST's
status, headers that matter (the xAPI version, whether an Authorization came) and the
number of statements, and the Authorization header values seen.
"""

import json
import os
import ssl
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main(status, failures, detail="the LRS is failing on purpose"):
    status, failures = int(status), int(failures)
    posts = []
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_):
            pass

        def answer(self, code, body):
            data = json.dumps(body).encode() if body is not None else b""
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            try:
                statements = json.loads(body)
            except ValueError:
                statements = None
            with lock:
                number = len(posts)
                failing = number < failures
                posts.append({
                    "path": self.path,
                    "status": status if failing else 200,
                    "version": self.headers.get("X-Experience-API-Version"),
                    "authorization": self.headers.get("Authorization"),
                    "contentType": self.headers.get("Content-Type"),
                    "statements": len(statements) if isinstance(statements, list) else None,
                })
            if self.path.rstrip("/") != "/xAPI/statements":
                self.answer(404, {"detail": "not found"})
            elif failing:
                self.answer(status, {"detail": detail})
            elif not isinstance(statements, list):
                self.answer(400, {"detail": "not a list of statements"})
            else:
                self.answer(200, [s.get("id") for s in statements])

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    tls = os.environ.get("FAKE_LRS_TLS")
    if tls:
        cert, key = tls.split(":")
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        # A handshake that fails (a client that does not trust the certificate) fails there,
        # not in the listening thread.
        server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
        origin = f"https://localhost:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    print(f"ready {origin}/xAPI", flush=True)
    sys.stdin.read()
    server.shutdown()
    with lock:
        print(json.dumps({"posts": posts}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
